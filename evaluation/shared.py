"""Where the shared development data and scorer live, and the shared scorer loaded as a module."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("QUOTECHECK_SHARED") or ROOT.parent / "shared")
DATA = SHARED / "data"
SCORER = SHARED / "eval" / "score.py"


def load_scorer(path: Path = SCORER) -> ModuleType:
    """../shared/eval/score.py as a module (it is a script, not an installed package)."""
    spec = importlib.util.spec_from_file_location("shared_score", path)
    if spec is None or spec.loader is None:
        raise FileNotFoundError(f"no scorer at {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
