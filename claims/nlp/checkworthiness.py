"""The trained check-worthiness model at run time: hashed TF-IDF word and character n-grams of a sentence,
its neighbours' words, its signals and its mean tok2vec vector, a linear model over them, and a probability
where 0.5 means "worth checking".

Training (`make train-claims`, `training/checkworthiness.py`) uses these same functions to build its features,
so the two can never drift; it writes the weights to `models/checkworthiness.npz` and its metrics, seed and
the training data's hash to `models/checkworthiness.json`. Only numpy is needed here (no scikit-learn in a
worker), and the weights are read once per process.
"""

from __future__ import annotations

import functools
import itertools
import json
import math
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

MODEL_DIR = Path(__file__).resolve().parent / "models"
WEIGHTS = MODEL_DIR / "checkworthiness.npz"
CARD = MODEL_DIR / "checkworthiness.json"

DIMENSIONS = 1 << 20  # hashed feature space; float16 weights per corpus, only the buckets seen in training non-zero
CHAR_NGRAMS = (2, 3, 4, 5)  # character n-grams inside each word (padded with spaces), like sklearn's char_wb
_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?|[%$£€?!]")
_DIGIT = re.compile(r"[0-9]")
# Which data set's notion of check-worthiness a score follows: ClaimBuster's "check-worthy factual sentence"
# is the product's meaning; CLEF's debate annotations mark far fewer sentences and only shift the intercept.
CORPORA = ("claimbuster", "clef")
# After the hashed features comes the sentence's mean spaCy tok2vec vector (the parse the extractor already
# ran), standardised and scaled so its length matches the n-grams' (unit length).
TENSOR_WIDTH = 96
# The neighbouring sentences' words (the one before, the one after) in their own hashed features, each part
# this long next to the sentence's own unit length: whether a debate line is worth checking depends on what
# it answers and what follows it (CLEF's annotators read the whole debate).
CONTEXT_WEIGHT = 0.5
# Each of the sentence's signals (claims.signals_of: a number, a comparison, a cause, a pledge or refusal, a
# named entity, reported speech…) as one feature of this value beside the unit-length n-grams: the model
# learns one weight for a whole family of wordings, however rare ("ruling out").
SIGNAL_FEATURE = 0.5
# Signals the training sentences can never carry (they are bare sentences, never inside a quote): ignored.
UNSEEN_SIGNALS = frozenset({"quoted", "quotes_named_person"})


def _bucket(feature: str) -> int:
    """A stable index for a feature string (crc32: the same in every process, unlike hash())."""
    return zlib.crc32(feature.encode()) & (DIMENSIONS - 1)


@functools.lru_cache(maxsize=65536)
def _char_buckets(word: str) -> NDArray[np.int32]:
    """The hashed character n-grams of one word, repeats kept (words repeat, so each is hashed once)."""
    padded = f" {word} "
    found = [_bucket("c" + padded[i : i + n]) for n in CHAR_NGRAMS for i in range(max(1, len(padded) - n + 1))]
    return np.array(found, dtype=np.int32)


@functools.lru_cache(maxsize=131072)
def _word_bucket(before: str, word: str) -> int:
    """The hashed word ("w") or, after a word, bigram ("b") (cached: common pairs recur across articles)."""
    return _bucket(f"b{before} {word}" if before else "w" + word)


@functools.lru_cache(maxsize=4096)
def tokens(text: str) -> tuple[str, ...]:
    """Lower-cased words with every digit written 0 ("$3.5 million" → "$ 0 0 million"); cached, since a
    sentence is read again as its neighbours' context."""
    return tuple(_WORD.findall(_DIGIT.sub("0", text.lower().replace("’", "'"))))


@functools.lru_cache(maxsize=65536)
def _side_bucket(side: str, word: str) -> int:
    """The hashed feature of a word in the sentence before ("p") or after ("n")."""
    return _bucket(side + word)


Sparse = tuple[NDArray[np.int32], NDArray[np.float32]]


def ngram_counts(text: str) -> tuple[Sparse, Sparse]:
    """The sentence's hashed word 1–2-grams and character n-grams, each as (indices, counts)."""
    words = tokens(text)
    word_buckets = [_word_bucket("", w) for w in words] + [_word_bucket(a, w) for a, w in itertools.pairwise(words)]
    found = (
        np.array(word_buckets, dtype=np.int32),
        np.concatenate([_char_buckets(w) for w in words]) if words else np.zeros(0, dtype=np.int32),
    )
    out = [np.unique(f, return_counts=True) for f in found]
    return tuple((index.astype(np.int32), count.astype(np.float32)) for index, count in out)  # type: ignore[return-value]


def tfidf(counts: Sparse, idf: NDArray[np.float32]) -> NDArray[np.float32]:
    """TF-IDF values of hashed counts (sublinear tf, 1 + log n, times the bucket's idf), scaled to unit length:
    the baseline's weighting, so rare words weigh more than "the"."""
    index, count = counts
    values: NDArray[np.float32] = ((1.0 + np.log(count)) * idf[index]).astype(np.float32)
    norm = float(np.sqrt(np.dot(values, values)))
    return values / norm if norm else values


@functools.lru_cache(maxsize=4096)
def _neighbour(text: str, side: str) -> Sparse:
    """The hashed words of a neighbouring sentence, side "p" (before) or "n" (after), scaled to CONTEXT_WEIGHT
    (cached: each sentence is the neighbour of two)."""
    found = {_side_bucket(side, word) for word in tokens(text)}
    index = np.fromiter(found, dtype=np.int32, count=len(found))
    return index, np.full(len(found), CONTEXT_WEIGHT / math.sqrt(max(1, len(found))), dtype=np.float32)


def signal_features(signals: Sequence[str]) -> Sparse:
    """One feature per signal code the training sentences can carry, each of value SIGNAL_FEATURE."""
    codes = sorted(set(signals) - UNSEEN_SIGNALS)
    index = np.array([_bucket("s" + code) for code in codes], dtype=np.int32)
    return index, np.full(len(codes), SIGNAL_FEATURE, dtype=np.float32)


def features(
    text: str, idf: NDArray[np.float32], before: str = "", after: str = "", signals: Sequence[str] = ()
) -> Sparse:
    """The sparse feature vector of a sentence in context: its word and character n-grams (TF-IDF, each part
    of unit length), the neighbouring sentences' words and its signals (repeated indices add up)."""
    words, chars = ngram_counts(text)
    parts = [
        (words[0], tfidf(words, idf)),
        (chars[0], tfidf(chars, idf)),
        _neighbour(before, "p"),
        _neighbour(after, "n"),
        signal_features(signals),
    ]
    return np.concatenate([i for i, _ in parts]), np.concatenate([v for _, v in parts])


@dataclass(frozen=True)
class Model:
    """Weights of the linear model and its intercept, per corpus, with the n-grams' idf."""

    weights: dict[str, NDArray[np.float32]]
    intercepts: dict[str, float]
    idf: NDArray[np.float32]
    tensor_mean: NDArray[np.float32]
    tensor_scale: NDArray[np.float32]
    calibration: dict[str, tuple[float, float]]  # Platt scaling (a, b) of the raw score z: sigmoid(a z + b)
    card: dict[str, Any]

    def dense(self, tensor: NDArray[np.floating[Any]] | None) -> NDArray[np.float32]:
        """The dense part of the features from a sentence's token vectors (rows of doc.tensor)."""
        if tensor is None or not len(tensor) or tensor.shape[1] != TENSOR_WIDTH:
            return np.zeros(TENSOR_WIDTH, dtype=np.float32)
        centred: NDArray[np.float32] = ((tensor.mean(axis=0) - self.tensor_mean) * self.tensor_scale).astype(np.float32)
        return centred

    def raw(
        self,
        text: str,
        tensor: NDArray[np.floating[Any]] | None = None,
        corpus: str = "claimbuster",
        before: str = "",
        after: str = "",
        signals: Sequence[str] = (),
    ) -> float:
        """The linear model's uncalibrated log-odds (what calibration is fitted to)."""
        index, values = features(text, self.idf, before, after, signals)
        weights = self.weights[corpus]
        z = float(np.dot(weights[index], values)) + float(np.dot(weights[DIMENSIONS:], self.dense(tensor)))
        return z + self.intercepts[corpus]

    def score(
        self,
        text: str,
        tensor: NDArray[np.floating[Any]] | None = None,
        corpus: str = "claimbuster",
        before: str = "",
        after: str = "",
        signals: Sequence[str] = (),
    ) -> float:
        """Calibrated probability that the sentence is worth checking (0–1): tensor holds its tokens'
        doc.tensor rows, before and after the neighbouring sentences' text, signals its signal codes."""
        a, b = self.calibration[corpus]
        z = a * self.raw(text, tensor, corpus, before, after, signals) + b
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def save(
    path: Path,
    weights: dict[str, NDArray[np.float64]],
    intercepts: dict[str, float],
    idf: NDArray[np.float64],
    tensor_mean: NDArray[np.float64],
    tensor_scale: NDArray[np.float64],
    calibration: dict[str, tuple[float, float]],
) -> None:
    """Write the weights and the idf as float16 (the model's precision needs no more) with the intercepts
    and the calibration."""
    np.savez_compressed(
        path,
        weights=np.stack([weights[c] for c in CORPORA]).astype(np.float16),
        idf=idf.astype(np.float16),
        tensor_mean=tensor_mean.astype(np.float32),
        tensor_scale=tensor_scale.astype(np.float32),
        intercepts=np.array([intercepts[c] for c in CORPORA], dtype=np.float64),
        calibration=np.array([calibration[c] for c in CORPORA], dtype=np.float64),
    )


@functools.cache
def load(path: Path = WEIGHTS) -> Model:
    """The committed model, read once per process."""
    with np.load(path) as data:
        stacked = data["weights"].astype(np.float32)
        weights = dict(zip(CORPORA, stacked, strict=True))
        intercepts = dict(zip(CORPORA, (float(x) for x in data["intercepts"]), strict=True))
        idf = data["idf"].astype(np.float32)
        tensor_mean, tensor_scale = data["tensor_mean"], data["tensor_scale"]
        calibration = {c: (float(a), float(b)) for c, (a, b) in zip(CORPORA, data["calibration"], strict=True)}
    card_path = path.with_suffix(".json")
    card = json.loads(card_path.read_text(encoding="utf-8")) if card_path.exists() else {}
    if stacked.shape != (len(CORPORA), DIMENSIONS + TENSOR_WIDTH) or idf.shape != (DIMENSIONS,):
        raise ValueError(f"{path} holds weights of shape {stacked.shape}, the features need {DIMENSIONS}")
    return Model(weights, intercepts, idf, tensor_mean, tensor_scale, calibration, card)
