"""Train the check-worthiness model: `python -m training.checkworthiness` (`make train-claims`).

Logistic regression over `claims.nlp.checkworthiness.features` (the sentence's TF-IDF n-grams, its
neighbours' words, its signals) and the mean tok2vec vector, with one intercept per corpus, trained on the training side
of `training.data.split` with a fixed seed. The regularisation C is chosen by cross-validation over training
debates only (the validation debates are measured, never tuned to), and the same folds' out-of-fold scores
fit the Platt calibration, so a calibrated 0.5 is where a sentence is as likely worth checking as not.
Writes the weights and a card (metrics on the validation split, seed, data hash, feature settings).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray
from scipy import sparse
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from claims.nlp import checkworthiness as cw
from evaluation.ranking import measure
from training.data import SEED, Sentence, data_hash, neighbours, sentence_signals, split, tensor_means

# While choosing the features, the same folds' pooled out-of-fold mean(AP, MAP) (not the card's per-fold mean)
# was 0.5276 at C=1 and 0.5282 at C=4 (TF-IDF n-grams alone), 0.5272 with a half-length per-corpus copy, and
# with the signals and char 2-grams 0.5281 at C=4 (best out-of-fold F1, 0.7585) and 0.5280 at C=8.
C_GRID = (4.0,)
DENSE_WEIGHT = 0.5  # length of the dense part relative to the n-grams' (both about 1)
# Sample weight of a CLEF sentence relative to a ClaimBuster one.
CLEF_WEIGHT = 0.5


WIDTH = cw.DIMENSIONS + cw.TENSOR_WIDTH  # one block: the hashed features, then the dense tok2vec part
# Block 0 holds every sentence's features; block k + 1 corpus k's own copy; then one intercept per corpus.
INTERCEPTS = WIDTH * (1 + len(cw.CORPORA))


def inverse_document_frequency(rows: Sequence[Sentence]) -> NDArray[np.float64]:
    """Smoothed idf of every hashed n-gram over the training sentences, as scikit-learn's TfidfVectorizer
    computes it: log((1 + n) / (1 + df)) + 1."""
    df = np.zeros(cw.DIMENSIONS)
    for row in rows:
        for index, _ in cw.ngram_counts(row.text):
            df[index] += 1
    idf: NDArray[np.float64] = np.log((1 + len(rows)) / (1 + df)) + 1
    return idf


def matrix(
    rows: Sequence[Sentence],
    dense: NDArray[np.floating[Any]],
    idf: NDArray[np.float32],
    signals: Sequence[Sequence[str]],
) -> sparse.csr_matrix:
    """Feature rows in the "shared + per-corpus copy" layout (Daumé's feature augmentation), so a corpus
    can weigh a feature its own way while both teach the shared weights; plus the per-corpus intercepts.
    dense: the standardised tok2vec part of each row; signals: each row's signal codes."""
    indptr, indices, data = [0], [], []
    dense_index = np.arange(cw.DIMENSIONS, WIDTH, dtype=np.int32)
    for row, vector, (before, after), codes in zip(rows, dense, neighbours(rows), signals, strict=True):
        k = cw.CORPORA.index(row.corpus)
        index, values = cw.features(row.text, idf, before, after, codes)
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


def corpus_weights(model: LogisticRegression, k: int) -> NDArray[np.float64]:
    """Corpus k's effective weights: the shared ones plus its own copy, so scoring is one dot product."""
    coef = model.coef_[0]
    return coef[:WIDTH] + coef[WIDTH * (k + 1) : WIDTH * (k + 2)]


def logits(model: LogisticRegression, x: sparse.csr_matrix, rows: Sequence[Sentence]) -> NDArray[np.float64]:
    """Each row's raw score under its own corpus's weights (shared + own copy + own intercept)."""
    out = np.zeros(len(rows))
    for k, corpus in enumerate(cw.CORPORA):
        mask = np.array([r.corpus == corpus for r in rows])
        if mask.any():
            out[mask] = x[mask][:, :WIDTH] @ corpus_weights(model, k) + model.coef_[0][INTERCEPTS + k]
    return out


def choose_c(x: sparse.csr_matrix, rows: Sequence[Sentence]) -> tuple[float, dict[str, float], NDArray[np.float64]]:
    """The C with the best mean of ClaimBuster AP and CLEF MAP over 4 folds of training debates, the
    cross-validated figures, and the chosen C's out-of-fold raw scores (for the calibration)."""
    groups = [r.group for r in rows]
    results, out_of_fold = {}, {}
    for c in C_GRID:
        scores, oof = [], np.zeros(len(rows))
        for train, test in GroupKFold(n_splits=4).split(x, groups=groups):
            model = fit(x[train], [rows[i] for i in train], c)
            held = [rows[i] for i in test]
            oof[test] = logits(model, x[test], held)
            m = measure(held, list(oof[test]))
            scores.append(np.nanmean([m["claimbuster"]["ap"], m["clef"]["map"]]))
        results[str(c)], out_of_fold[c] = float(np.mean(scores)), oof
        print(f"C={c}: cross-validated mean(AP, MAP) {results[str(c)]:.4f}")
    best = max(C_GRID, key=lambda c: results[str(c)])
    return best, results, out_of_fold[best]


def platt(z: NDArray[np.float64], rows: Sequence[Sentence]) -> dict[str, tuple[float, float]]:
    """Per corpus, (a, b) with sigmoid(a z + b) fitted to the labels of out-of-fold scores z (Platt 1999):
    scores the model never saw in training, so the calibration does not inherit its overconfidence."""
    out = {}
    for corpus in cw.CORPORA:
        mask = np.array([r.corpus == corpus for r in rows])
        y = np.array([r.label for r in rows])[mask]
        fitted = LogisticRegression(C=1e6, max_iter=1000).fit(z[mask][:, None], y)
        out[corpus] = (float(fitted.coef_[0][0]), float(fitted.intercept_[0]))
    return out


def scores(
    model: cw.Model, rows: Sequence[Any], means: NDArray[np.float32], signals: Sequence[Sequence[str]]
) -> list[float]:
    """Every sentence scored as the product scores it: the ClaimBuster weights, with its neighbours' words,
    its mean tok2vec vector (means) and its signals."""
    return [
        model.score(r.text, m[None, :], before=b, after=a, signals=codes)
        for r, m, (b, a), codes in zip(rows, means, neighbours(rows), signals, strict=True)
    ]


def standardise(means: NDArray[np.float32]) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Centre and scale of the tok2vec means of the training sentences: each dimension standardised, the
    whole DENSE_WEIGHT long."""
    scale = 1.0 / (means.std(axis=0) + 1e-6) / np.sqrt(cw.TENSOR_WIDTH) * DENSE_WEIGHT
    return means.mean(axis=0), scale


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.parse_args(argv)
    data = split()
    rows = data.train + data.validation
    means, signals = tensor_means(rows), sentence_signals(rows)
    n = len(data.train)
    centre, scale = standardise(means[:n])
    idf = inverse_document_frequency(data.train)
    x = matrix(data.train, (means[:n] - centre) * scale, idf.astype(np.float32), signals[:n])
    c, grid, oof = choose_c(x, data.train)
    calibration = platt(oof, data.train)
    model = fit(x, data.train, c)
    coef = model.coef_[0]
    weights = {corpus: corpus_weights(model, k) for k, corpus in enumerate(cw.CORPORA)}
    intercepts = {corpus: float(coef[INTERCEPTS + k]) for k, corpus in enumerate(cw.CORPORA)}
    cw.MODEL_DIR.mkdir(exist_ok=True)
    cw.save(cw.WEIGHTS, weights, intercepts, idf, centre, scale, calibration)
    cw.load.cache_clear()
    shipped = cw.load()  # measure what was written (float16 weights), not the in-memory model
    val = data.validation
    # Every sentence scored as the product scores it (the ClaimBuster weights), CLEF debates too.
    metrics = measure(val, scores(shipped, val, means[n:], signals[n:]))
    card = {
        "model": "logistic regression over hashed TF-IDF word 1-2-grams and char 2-5-grams, the neighbouring sentences' words, the sentence's signals and its mean spaCy tok2vec vector, shared + per-corpus weights, Platt-calibrated",
        "seed": SEED,
        "C": c,
        "cross_validation": grid,
        "clef_weight": CLEF_WEIGHT,
        "calibration": {"method": "Platt scaling on 4-fold out-of-fold scores of the training debates", **calibration},
        "features": {
            "dimensions": cw.DIMENSIONS,
            "char_ngrams": list(cw.CHAR_NGRAMS),
            "ngram_weighting": "sublinear tf x smoothed idf of the training sentences, words and chars each unit length",
            "tensor_width": cw.TENSOR_WIDTH,
            "dense_weight": DENSE_WEIGHT,
            "context": "previous and next sentence words, each part of length " + str(cw.CONTEXT_WEIGHT),
            "signal_feature": cw.SIGNAL_FEATURE,
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
