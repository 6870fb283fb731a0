"""Ranking and threshold measures of check-worthiness, shared by `make eval-claims` and training: F1,
precision and recall at the product's 0.5, average precision, and MAP over debates (CheckThat!'s measure)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

WORTH_CHECKING = 0.5  # the product's meaning of a score (claims/scores.py holds the same number)


def average_precision(labels: Sequence[int], scores: Sequence[float]) -> float:
    """Mean of the precision at each positive, ranked by score (ties in input order)."""
    order = np.argsort(-np.asarray(scores, dtype=float), kind="stable")
    y = np.asarray(labels)[order]
    if not y.sum():
        return float("nan")
    hits = np.cumsum(y)
    return float((hits[y == 1] / (np.flatnonzero(y == 1) + 1)).mean())


def at_threshold(labels: Sequence[int], scores: Sequence[float], threshold: float = WORTH_CHECKING) -> dict[str, float]:
    y, p = np.asarray(labels), np.asarray(scores) >= threshold
    tp = int((p & (y == 1)).sum())
    precision = tp / p.sum() if p.sum() else 0.0
    recall = tp / y.sum() if y.sum() else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"f1": round(f1, 4), "precision": round(precision, 4), "recall": round(recall, 4)}


def measure(rows: Sequence[Any], scores: Sequence[float]) -> dict[str, dict[str, float]]:
    """ClaimBuster: F1 / precision / recall at 0.5 and AP; CLEF: MAP over debates (rows have .corpus, .label,
    .group)."""
    out: dict[str, dict[str, float]] = {}
    cb = [(r.label, s) for r, s in zip(rows, scores, strict=True) if r.corpus == "claimbuster"]
    if cb:
        labels, values = zip(*cb, strict=True)
        out["claimbuster"] = {**at_threshold(labels, values), "ap": round(average_precision(labels, values), 4)}
    debates: dict[str, list[tuple[int, float]]] = {}
    for r, s in zip(rows, scores, strict=True):
        if r.corpus == "clef":
            debates.setdefault(r.group, []).append((r.label, s))
    if debates:
        aps = [average_precision(*zip(*d, strict=True)) for d in debates.values()]
        out["clef"] = {"map": round(float(np.nanmean(aps)), 4), "debates": len(debates)}
    return out
