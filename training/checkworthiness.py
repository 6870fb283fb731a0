"""Train the check-worthiness model: `python -m training.checkworthiness` (`make train-claims`).

Logistic regression over the hashed n-grams of `claims.nlp.checkworthiness.features`, with one intercept per
corpus, trained on the training side of `training.data.split` with a fixed seed. The regularisation C is
chosen by cross-validation over training debates only (the validation debates are measured, never tuned to).
Writes the weights and a card (metrics on the validation split, seed, data hash, feature settings).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence

import numpy as np
from scipy import sparse
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from claims.nlp import checkworthiness as cw
from evaluation.checkworthiness import measure
from training.data import SEED, Sentence, data_hash, split

C_GRID = (0.5, 1.0, 2.0, 4.0, 8.0)
CLEF_WEIGHT = 1.0  # sample weight of a CLEF sentence relative to a ClaimBuster one


SHARED_BLOCK = 0  # columns [0, D): the n-grams of every sentence; [D·(k+1), D·(k+2)): corpus k's own copy
INTERCEPTS = cw.DIMENSIONS * (1 + len(cw.CORPORA))  # then one indicator column per corpus


def matrix(rows: Sequence[Sentence]) -> sparse.csr_matrix:
    """Feature rows in the "shared + per-corpus copy" layout (Daumé's feature augmentation), so a corpus
    can weigh an n-gram its own way while both teach the shared weights; plus the per-corpus intercepts."""
    indptr, indices, data = [0], [], []
    for row in rows:
        k = cw.CORPORA.index(row.corpus)
        index, values = cw.features(row.text)
        indices += [index, index + cw.DIMENSIONS * (k + 1), np.array([INTERCEPTS + k], dtype=np.int32)]
        data += [values, values, np.ones(1, dtype=np.float32)]
        indptr.append(indptr[-1] + 2 * len(index) + 1)
    return sparse.csr_matrix(
        (np.concatenate(data), np.concatenate(indices), np.array(indptr)),
        shape=(len(rows), INTERCEPTS + len(cw.CORPORA)),
    )


def fit(x: sparse.csr_matrix, rows: Sequence[Sentence], c: float) -> LogisticRegression:
    weight = np.array([CLEF_WEIGHT if r.corpus == "clef" else 1.0 for r in rows])
    model = LogisticRegression(C=c, fit_intercept=False, max_iter=2000, solver="lbfgs", random_state=SEED)
    model.fit(x, [r.label for r in rows], sample_weight=weight)
    return model


def choose_c(x: sparse.csr_matrix, rows: Sequence[Sentence]) -> tuple[float, dict[str, float]]:
    """The C with the best mean of ClaimBuster AP and CLEF MAP over 4 folds of training debates."""
    groups = [r.group for r in rows]
    results = {}
    for c in C_GRID:
        scores = []
        for train, test in GroupKFold(n_splits=4).split(x, groups=groups):
            model = fit(x[train], [rows[i] for i in train], c)
            held = [rows[i] for i in test]
            m = measure(held, list(model.predict_proba(x[test])[:, 1]))
            scores.append(np.nanmean([m["claimbuster"]["ap"], m["clef"]["map"]]))
        results[str(c)] = float(np.mean(scores))
        print(f"C={c}: cross-validated mean(AP, MAP) {results[str(c)]:.4f}")
    best = max(C_GRID, key=lambda c: results[str(c)])
    return best, results


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--c", type=float, help="skip the cross-validation and use this C")
    args = parser.parse_args(argv)
    data = split()
    x = matrix(data.train)
    c, grid = (args.c, {}) if args.c else choose_c(x, data.train)
    model = fit(x, data.train, c)
    coef = model.coef_[0]
    d = cw.DIMENSIONS
    # A corpus's effective weights are the shared ones plus its own copy: summed here, so scoring is one dot.
    weights = {corpus: coef[:d] + coef[d * (k + 1) : d * (k + 2)] for k, corpus in enumerate(cw.CORPORA)}
    intercepts = {corpus: float(coef[INTERCEPTS + k]) for k, corpus in enumerate(cw.CORPORA)}
    cw.MODEL_DIR.mkdir(exist_ok=True)
    cw.save(cw.WEIGHTS, weights, intercepts)
    cw.load.cache_clear()
    shipped = cw.load()  # measure what was written (float16 weights), not the in-memory model
    val = data.validation
    metrics = measure(val, [shipped.score(s.text, s.corpus) for s in val])
    card = {
        "model": "logistic regression over hashed word 1-2-grams and char 3-5-grams, shared + per-corpus weights",
        "seed": SEED,
        "C": c,
        "cross_validation": grid,
        "clef_weight": CLEF_WEIGHT,
        "features": {"dimensions": cw.DIMENSIONS, "char_ngrams": list(cw.CHAR_NGRAMS)},
        "training_data_sha256": data_hash(),
        "train_sentences": len(data.train),
        "validation_sentences": len(val),
        "validation": metrics,
    }
    cw.CARD.write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(metrics, indent=2))


if __name__ == "__main__":
    main()
