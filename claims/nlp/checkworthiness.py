"""The trained check-worthiness model at run time: hashed word and character n-grams of a sentence, a linear
model over them, and a probability where 0.5 means "worth checking".

Training (`make train-claims`, `training/checkworthiness.py`) uses these same functions to build its features,
so the two can never drift; it writes the weights to `models/checkworthiness.npz` and its metrics, seed and
the training data's hash to `models/checkworthiness.json`. Only numpy is needed here (no scikit-learn in a
worker), and the weights are read once per process.
"""

from __future__ import annotations

import functools
import json
import math
import re
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

MODEL_DIR = Path(__file__).resolve().parent / "models"
WEIGHTS = MODEL_DIR / "checkworthiness.npz"
CARD = MODEL_DIR / "checkworthiness.json"

DIMENSIONS = 1 << 18  # hashed feature space; the weights are this many float16s (~0.5 MB compressed)
CHAR_NGRAMS = (3, 4, 5)  # character n-grams inside each word (padded with spaces), like sklearn's char_wb
_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?|[%$£€?!]")
_DIGIT = re.compile(r"[0-9]")
# Which data set's notion of check-worthiness a score follows: ClaimBuster's "check-worthy factual sentence"
# is the product's meaning; CLEF's debate annotations mark far fewer sentences and only shift the intercept.
CORPORA = ("claimbuster", "clef")
# After the hashed n-grams come the sentence's mean spaCy tok2vec vector (the parse the extractor already
# ran), standardised and scaled so its length matches the n-grams' (unit length).
TENSOR_WIDTH = 96


def _bucket(feature: str) -> int:
    """A stable index for a feature string (crc32: the same in every process, unlike hash())."""
    return zlib.crc32(feature.encode()) & (DIMENSIONS - 1)


@functools.lru_cache(maxsize=65536)
def _word_features(word: str) -> tuple[int, ...]:
    """The hashed word and character n-grams of one word (words repeat, so each is hashed once per process)."""
    padded = f" {word} "
    chars = (_bucket("c" + padded[i : i + n]) for n in CHAR_NGRAMS for i in range(max(1, len(padded) - n + 1)))
    return (_bucket("w" + word), *chars)


@functools.lru_cache(maxsize=131072)
def _pair(before: str, word: str) -> int:
    """The hashed word bigram (cached: common pairs recur across articles)."""
    return _bucket(f"b{before} {word}")


def tokens(text: str) -> list[str]:
    """Lower-cased words with every digit written 0 ("$3.5 million" → "$ 0 0 million")."""
    return _WORD.findall(_DIGIT.sub("0", text.lower().replace("’", "'")))


def features(text: str) -> tuple[NDArray[np.int32], NDArray[np.float32]]:
    """Sparse feature vector of a sentence: (indices, values), binary n-grams scaled to unit length."""
    words = tokens(text)
    found: set[int] = set()
    for i, word in enumerate(words):
        if i:
            found.add(_pair(words[i - 1], word))
        found.update(_word_features(word))
    if not found:
        return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float32)
    index = np.fromiter(found, dtype=np.int32, count=len(found))
    return index, np.full(len(found), 1.0 / math.sqrt(len(found)), dtype=np.float32)


@dataclass(frozen=True)
class Model:
    """Weights of the linear model and its intercept, per corpus."""

    weights: dict[str, NDArray[np.float32]]
    intercepts: dict[str, float]
    tensor_mean: NDArray[np.float32]
    tensor_scale: NDArray[np.float32]
    card: dict[str, Any]

    def dense(self, tensor: NDArray[np.floating[Any]] | None) -> NDArray[np.float32]:
        """The dense part of the features from a sentence's token vectors (rows of doc.tensor)."""
        if tensor is None or not len(tensor) or tensor.shape[1] != TENSOR_WIDTH:
            return np.zeros(TENSOR_WIDTH, dtype=np.float32)
        centred: NDArray[np.float32] = ((tensor.mean(axis=0) - self.tensor_mean) * self.tensor_scale).astype(np.float32)
        return centred

    def score(self, text: str, tensor: NDArray[np.floating[Any]] | None = None, corpus: str = "claimbuster") -> float:
        """Probability that the sentence is worth checking (0–1); tensor: its tokens' doc.tensor rows."""
        index, values = features(text)
        weights = self.weights[corpus]
        z = float(np.dot(weights[index], values)) + float(np.dot(weights[DIMENSIONS:], self.dense(tensor)))
        z += self.intercepts[corpus]
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def save(
    path: Path,
    weights: dict[str, NDArray[np.float64]],
    intercepts: dict[str, float],
    tensor_mean: NDArray[np.float64],
    tensor_scale: NDArray[np.float64],
) -> None:
    """Write the weights as float16 (the model's precision needs no more) with the intercepts."""
    np.savez_compressed(
        path,
        weights=np.stack([weights[c] for c in CORPORA]).astype(np.float16),
        tensor_mean=tensor_mean.astype(np.float32),
        tensor_scale=tensor_scale.astype(np.float32),
        intercepts=np.array([intercepts[c] for c in CORPORA], dtype=np.float64),
    )


@functools.cache
def load(path: Path = WEIGHTS) -> Model:
    """The committed model, read once per process."""
    with np.load(path) as data:
        stacked = data["weights"].astype(np.float32)
        weights = dict(zip(CORPORA, stacked, strict=True))
        intercepts = dict(zip(CORPORA, (float(x) for x in data["intercepts"]), strict=True))
        tensor_mean, tensor_scale = data["tensor_mean"], data["tensor_scale"]
    card_path = path.with_suffix(".json")
    card = json.loads(card_path.read_text(encoding="utf-8")) if card_path.exists() else {}
    if stacked.shape != (len(CORPORA), DIMENSIONS + TENSOR_WIDTH):
        raise ValueError(f"{path} holds weights of shape {stacked.shape}, the features need {DIMENSIONS}")
    return Model(weights, intercepts, tensor_mean, tensor_scale, card)
