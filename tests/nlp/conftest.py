"""Shared fixtures for the NLP tests: the spaCy pipeline is loaded once per session."""

import pytest

from claims.nlp import pipeline as nlp_pipeline


@pytest.fixture(scope="session")
def pipeline():
    return nlp_pipeline.load()


@pytest.fixture(scope="session")
def extract(pipeline):
    return nlp_pipeline.extract
