"""Shared fixtures for the NLP tests: the spaCy pipeline is loaded once per session."""

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from claims import nlp  # noqa: E402


@pytest.fixture(scope="session")
def pipeline():
    return nlp.load()


@pytest.fixture(scope="session")
def extract(pipeline):
    return nlp.extract
