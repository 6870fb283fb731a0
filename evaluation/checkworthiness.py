"""Check-worthiness on the validation split, side by side: the trained model, a TF-IDF + logistic regression
baseline trained on the same sentences, and the old hand-weighted rule scorer (`make eval`).

Prints F1 and precision at 0.5 and average precision on the ClaimBuster-style sentences, and mean average
precision over the held-out CLEF debates (the CheckThat! measure: the sentences of each debate ranked).
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from claims.nlp import checkworthiness as cw
from claims.nlp.pipeline import load
from evaluation.rule_scorer import score_sentence
from training.data import neighbours, split, tensor_means

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


def scores(model: cw.Model, rows: Sequence[Any], means: NDArray[np.float32]) -> list[float]:
    """Every sentence scored as the product scores it: the ClaimBuster weights, with its neighbours' words
    and its mean tok2vec vector (means)."""
    return [
        model.score(r.text, m[None, :], before=b, after=a)
        for r, m, (b, a) in zip(rows, means, neighbours(rows), strict=True)
    ]


def _baseline(train: Sequence[Any], rows: Sequence[Any]) -> list[float]:
    """TF-IDF word 1-2-grams + char_wb 2-5-grams, logistic regression (the issue's ten-line baseline)."""

    words = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
    chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True)
    texts = [r.text for r in train]
    x = sparse.hstack([words.fit_transform(texts), chars.fit_transform(texts)]).tocsr()
    model = LogisticRegression(C=4.0, max_iter=2000).fit(x, [r.label for r in train])
    test = [r.text for r in rows]
    return list(model.predict_proba(sparse.hstack([words.transform(test), chars.transform(test)]).tocsr())[:, 1])


def _rules(rows: Sequence[Any]) -> list[float]:
    nlp = load()
    out = []
    for doc in nlp.pipe((r.text for r in rows), batch_size=256):
        out.append(max((score_sentence(s, in_quote=False)[0] for s in doc.sents), default=0.0))
    return out


def _line(name: str, m: dict[str, dict[str, float]]) -> str:
    cb, clef = m["claimbuster"], m["clef"]
    return (
        f"{name:<34} {cb['f1']:>7.3f} {cb['precision']:>9.3f} {cb['recall']:>7.3f} {cb['ap']:>7.3f} {clef['map']:>9.3f}"
    )


def main(argv: Sequence[str] | None = None) -> None:

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--no-rules", action="store_true", help="skip the old rule scorer (needs spaCy)")
    args = parser.parse_args(argv)
    data = split()
    val = data.validation
    model = cw.load()
    n_cb = sum(r.corpus == "claimbuster" for r in val)
    print(
        f"validation split (by debate): {n_cb} ClaimBuster sentences, {len(val) - n_cb} CLEF sentences in "
        f"{len({r.group for r in val if r.corpus == 'clef'})} debates; trained on {len(data.train)}"
    )
    print(f"{'':<34} {'F1@0.5':>7} {'P@0.5':>9} {'R@0.5':>7} {'AP':>7} {'CLEF MAP':>9}")
    means = tensor_means(data.train + val)[len(data.train) :]
    print(_line("Quotecheck model", measure(val, scores(model, val, means))))
    print(_line("TF-IDF + logistic regression", measure(val, _baseline(data.train, val))))
    if not args.no_rules:
        print(_line("old rule scorer", measure(val, _rules(val))))


if __name__ == "__main__":
    main()
