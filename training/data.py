"""The check-worthiness training data and its validation split, shared by training and `make eval`.

The split is by debate, never by sentence, so neighbouring sentences of one debate never sit on both sides:
CLEF-2019 names its debates; ClaimBuster's sentence ids run through its debates in order, so blocks of
consecutive ids stand in for them. A sentence whose text is held out in either corpus is dropped from
training in both (the two corpora share the 2016 debates).
"""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from claims.nlp import checkworthiness as cw
from claims.nlp.claims import signals_of
from claims.nlp.pipeline import load
from evaluation.shared import DATA

CLAIMBUSTER = DATA / "claimbuster-train.jsonl"
CLEF = DATA / "clef2019-train.jsonl"
SEED = 20190909
VALIDATION_SHARE = 0.25
CLAIMBUSTER_BLOCK = 1000  # consecutive sentence ids per stand-in debate


@dataclass(frozen=True)
class Sentence:
    text: str
    label: int
    corpus: str  # "claimbuster" | "clef"
    group: str  # the debate (or id block) it belongs to
    line: int  # position in its debate (CLEF) or its id (ClaimBuster)


@dataclass(frozen=True)
class Split:
    train: list[Sentence]
    validation: list[Sentence]


def _read(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


def sentences() -> list[Sentence]:
    """Both corpora as Sentences, in file order."""
    out = []
    for rec in _read(CLAIMBUSTER):
        number = int(str(rec["id"]).removeprefix("cb-"))
        out.append(
            Sentence(
                str(rec["text"]), int(str(rec["label"])), "claimbuster", f"cb{number // CLAIMBUSTER_BLOCK}", number
            )
        )
    for rec in _read(CLEF):
        out.append(
            Sentence(str(rec["text"]), int(str(rec["label"])), "clef", str(rec["debate"]), int(str(rec["line"])))
        )
    return out


def data_hash() -> str:
    """sha256 over both training files, as read (written next to the model)."""
    digest = hashlib.sha256()
    for path in (CLAIMBUSTER, CLEF):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _key(text: str) -> str:
    return " ".join(text.lower().split())


def split(seed: int = SEED) -> Split:
    """A fixed by-debate split: a quarter of each corpus's debates held out."""
    rows = sentences()
    rng = random.Random(seed)
    held: set[str] = set()
    for corpus in ("claimbuster", "clef"):
        groups = sorted({s.group for s in rows if s.corpus == corpus})
        rng.shuffle(groups)
        held.update(groups[: max(1, round(len(groups) * VALIDATION_SHARE))])
    validation = [s for s in rows if s.group in held]
    seen = {_key(s.text) for s in validation}
    train = [s for s in rows if s.group not in held and _key(s.text) not in seen]
    return Split(train=train, validation=validation)


def random_split(rows: Sequence[Sentence], seed: int = SEED) -> tuple[list[int], list[int]]:
    """A by-sentence split of rows (indices: training, held-out ClaimBuster sentences) for the side figure of
    `make eval-claims`: a random quarter of the ClaimBuster sentences held out, as the published figures were
    measured, so neighbours and topics of one debate sit on both sides; exact repeats of a held-out text are
    still dropped from training, so what differs from `split` is the sharing of debates, not copies."""
    rng = random.Random(seed)
    order = [i for i, r in enumerate(rows) if r.corpus == "claimbuster"]
    rng.shuffle(order)
    held = set(order[: round(len(order) * VALIDATION_SHARE)])
    seen = {_key(rows[i].text) for i in held}
    train = [i for i, r in enumerate(rows) if i not in held and _key(r.text) not in seen]
    return train, sorted(held)


def neighbours(rows: Sequence[Sentence]) -> list[tuple[str, str]]:
    """Each sentence's previous and next sentence of the same debate (blank where none is in rows): CLEF
    lines run in order; ClaimBuster keeps only some sentences of each debate, so a neighbour is there only
    when the adjacent id is."""
    text = {(r.group, r.line): r.text for r in rows}
    return [(text.get((r.group, r.line - 1), ""), text.get((r.group, r.line + 1), "")) for r in rows]


CACHE = Path(__file__).resolve().parents[1] / ".eval" / "tok2vec-means.npy"


def tensor_means(rows: Sequence[Sentence]) -> NDArray[np.float32]:
    """Each sentence's mean tok2vec vector from the extractor's own pipeline (cached under .eval/ by the
    training data's hash: parsing 24,000 sentences takes minutes)."""
    cache = CACHE.with_suffix(f".{data_hash()[:12]}.{len(rows)}.npy")
    if cache.exists():
        return np.load(cache)
    nlp = load()
    out = np.zeros((len(rows), cw.TENSOR_WIDTH), dtype=np.float32)
    with nlp.select_pipes(enable=["tok2vec"]):
        for i, doc in enumerate(nlp.pipe((r.text for r in rows), batch_size=256)):
            if len(doc):
                out[i] = doc.tensor.mean(axis=0)
    cache.parent.mkdir(exist_ok=True)
    np.save(cache, out)
    return out


def sentence_signals(rows: Sequence[Sentence]) -> list[tuple[str, ...]]:
    """Each sentence's signals (claims.signals_of over the extractor's full parse, outside any quote: the
    training sentences carry no quote marks), cached under .eval/ like the tok2vec means."""
    cache = CACHE.with_name(f"signals.{data_hash()[:12]}.{len(rows)}.json")
    if cache.exists():
        return [tuple(s) for s in json.loads(cache.read_text(encoding="utf-8"))]
    nlp = load()
    out = [
        signals_of(doc[:], in_quote=False, quoted_speaker=False)
        for doc in nlp.pipe((r.text for r in rows), batch_size=256)
    ]
    cache.parent.mkdir(exist_ok=True)
    cache.write_text(json.dumps(out), encoding="utf-8")
    return out
