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
from numpy.typing import NDArray
from scipy import sparse
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from claims.nlp import checkworthiness as cw
from evaluation.checkworthiness import measure
from training.data import SEED, Sentence, data_hash, split, tensor_means

C_GRID = (1.0, 2.0, 4.0)
DENSE_WEIGHT = 0.5  # length of the dense part relative to the n-grams' (both about 1)
CLEF_WEIGHT = 1.0  # sample weight of a CLEF sentence relative to a ClaimBuster one


WIDTH = cw.DIMENSIONS + cw.TENSOR_WIDTH  # one block: the hashed n-grams, then the dense tok2vec part
# Block 0 holds every sentence's features; block k + 1 corpus k's own copy; then one intercept per corpus.
INTERCEPTS = WIDTH * (1 + len(cw.CORPORA))


def matrix(rows: Sequence[Sentence], dense: NDArray[np.float32]) -> sparse.csr_matrix:
    """Feature rows in the "shared + per-corpus copy" layout (Daumé's feature augmentation), so a corpus
    can weigh a feature its own way while both teach the shared weights; plus the per-corpus intercepts.
    dense: the standardised tok2vec part of each row."""
    indptr, indices, data = [0], [], []
    dense_index = np.arange(cw.DIMENSIONS, WIDTH, dtype=np.int32)
    for row, vector in zip(rows, dense, strict=True):
        k = cw.CORPORA.index(row.corpus)
        index, values = cw.features(row.text)
        index = np.concatenate([index, dense_index])
        values = np.concatenate([values, vector.astype(np.float32)])
        indices += [index, index + WIDTH * (k + 1), np.array([INTERCEPTS + k], dtype=np.int32)]
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
    means = tensor_means(data.train + data.validation)[: len(data.train)]
    centre = means.mean(axis=0)
    scale = 1.0 / (means.std(axis=0) + 1e-6) / np.sqrt(cw.TENSOR_WIDTH) * DENSE_WEIGHT
    x = matrix(data.train, (means - centre) * scale)
    c, grid = (args.c, {}) if args.c else choose_c(x, data.train)
    model = fit(x, data.train, c)
    coef = model.coef_[0]
    w = WIDTH
    # A corpus's effective weights are the shared ones plus its own copy: summed here, so scoring is one dot.
    weights = {corpus: coef[:w] + coef[w * (k + 1) : w * (k + 2)] for k, corpus in enumerate(cw.CORPORA)}
    intercepts = {corpus: float(coef[INTERCEPTS + k]) for k, corpus in enumerate(cw.CORPORA)}
    cw.MODEL_DIR.mkdir(exist_ok=True)
    cw.save(cw.WEIGHTS, weights, intercepts, centre, scale)
    cw.load.cache_clear()
    shipped = cw.load()  # measure what was written (float16 weights), not the in-memory model
    val = data.validation
    val_means = tensor_means(data.train + data.validation)[len(data.train) :]
    # Every sentence scored as the product scores it (the ClaimBuster weights), CLEF debates too.
    metrics = measure(val, [shipped.score(s.text, m[None, :]) for s, m in zip(val, val_means, strict=True)])
    card = {
        "model": "logistic regression over hashed word 1-2-grams, char 3-5-grams and the mean spaCy tok2vec vector, shared + per-corpus weights",
        "seed": SEED,
        "C": c,
        "cross_validation": grid,
        "clef_weight": CLEF_WEIGHT,
        "features": {
            "dimensions": cw.DIMENSIONS,
            "char_ngrams": list(cw.CHAR_NGRAMS),
            "tensor_width": cw.TENSOR_WIDTH,
            "dense_weight": DENSE_WEIGHT,
        },
        "training_data_sha256": data_hash(),
        "train_sentences": len(data.train),
        "validation_sentences": len(val),
        "validation": metrics,
    }
    cw.CARD.write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(metrics, indent=2))


if __name__ == "__main__":
    main()
