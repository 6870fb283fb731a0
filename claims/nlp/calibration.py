"""Attribution confidence as a probability: P(the speaker is right | how the sieve decided).

The sieve's hand-set confidences (0.9 for a named subject, ×0.8 for a continuation…) order the rules but
are not probabilities, and the review queue sorts by confidence, so a reviewer must be able to read 0.6 as
"right six times in ten". This module turns what is known at attribution time into that probability:

- `article_features` describes each quote's attribution with a few cheap features: the sieve step and the
  resolution path (`Attribution.rule`, "step/resolution"), the kind of mention (full name, surname only,
  title + surname, pronoun, role description, organisation, none), whether the canonical name has two tokens
  or more, how far the mention is from the quote (characters, paragraphs), whether the cue is a reporting
  verb, how many distinct people the article names, whether the quote is partial, its length, and the raw
  hand-set confidence itself.
- `calibrated` maps them through a logistic regression fitted on the development data (`make
  train-calibration`, `training/calibration.py`) and committed as `models/calibration.json`: the weights
  (already divided by the training scale, so scoring is one dot product), the seed, the data hash and the
  out-of-fold reliability figures. It is read once per process; without it the raw confidence stands.

A feature the artifact does not know (a sieve step added after training) weighs nothing, so a new rule
falls back to what the other features say until the model is retrained.
"""

from __future__ import annotations

import bisect
import functools
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .article import ArticleParse
from .lexicon import PRONOUN_FORMS
from .names import HONORIFICS, ROLE_WORDS
from .quotes import RawQuote
from .speakers import Attribution

MODEL_DIR = Path(__file__).resolve().parent / "models"
ARTIFACT = MODEL_DIR / "calibration.json"

MENTION_TYPES = ("full-name", "surname", "title-surname", "pronoun", "description", "organisation", "none")
# Cue words that report speech (`attribution.CUE_WORDS` also holds any verb the sieve accepts next to a quote:
# "…?” Hannity pressed"); a cue that starts with one of these is a reporting verb.
_REPORTING = frozenset(
    "said says say saying told tells tell added adds wrote writes according statement stated states asked asks "
    "explained noted argued claimed insisted warned declared announced replied responded continued "
    "tweeted posted".split()
)
# Sieve steps that read the cue in the quote's own sentence (or the piece of it split off after "?").
_SAME_SENTENCE_STEPS = frozenset({"cue", "cue-next-sentence"})


def _norm(word: str) -> str:
    return word.lower().strip(".,")


def mention_type(attr: Attribution) -> str:
    """How the speaker is mentioned, one of MENTION_TYPES."""
    if not attr.mention:
        return "none"
    words = attr.mention.split()
    if len(words) == 1 and _norm(words[0]) in PRONOUN_FORMS:
        return "pronoun"
    if attr.kind == "organisation":
        return "organisation"
    names = [w for w in words if w[:1].isupper() and _norm(w) not in HONORIFICS and _norm(w) not in ROLE_WORDS]
    if not names:
        return "description"
    if len(names) >= 2:
        return "full-name"
    titled = any(_norm(w) in HONORIFICS or _norm(w) in ROLE_WORDS for w in words[: words.index(names[0])])
    return "title-surname" if titled else "surname"


def article_features(art: ArticleParse, items: Sequence[tuple[RawQuote, Attribution, str]]) -> list[dict[str, float]]:
    """The features of each (quote, attribution, quote kind) of one article, as name → value (one-hot
    groups written "group=value"); the article-wide counts are taken once."""
    para_starts = [p.start for chunk in art.chunks for p in chunk.paras]
    people = len({art.registry.fullest(p).name for p in art.registry.people})
    out = []
    for q, attr, kind in items:
        step, _, resolution = attr.rule.partition("/")
        feats = {
            "raw_confidence": float(attr.confidence),
            f"step={step}": 1.0,
            f"resolution={resolution or 'none'}": 1.0,
            f"mention={mention_type(attr)}": 1.0,
            "has_speaker": float(bool(attr.speaker)),
            "canonical_two_tokens": float(len((attr.speaker or "").split()) >= 2),
            "partial": float(kind == "partial"),
            "log_quote_words": math.log1p(len(art.text[q.start : q.end].split())),
            "log_people": math.log1p(people),
        }
        cue_word = _norm((attr.cue or "").split(" ", 1)[0])
        feats["reporting_cue_same_sentence"] = float(cue_word in _REPORTING and step in _SAME_SENTENCE_STEPS)
        if attr.m_start is not None and attr.m_end is not None:
            gap = max(0, q.outer_start - attr.m_end, attr.m_start - q.outer_end)
            mention_para = max(bisect.bisect_right(para_starts, attr.m_start) - 1, 0)
            feats["log_chars_to_mention"] = math.log1p(gap)
            feats["paragraphs_to_mention"] = float(min(abs(q.para - mention_para), 3))
        out.append(feats)
    return out


@dataclass(frozen=True)
class Calibrator:
    """A logistic regression over named features: sigmoid(intercept + Σ weight · value)."""

    weights: dict[str, float]
    intercept: float

    def probability(self, features: dict[str, float]) -> float:
        z = self.intercept + sum(self.weights.get(name, 0.0) * value for name, value in features.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def save(path: Path, weights: dict[str, float], intercept: float, card: dict[str, object]) -> None:
    """Write the artifact: the weights beside the training card (seed, data hash, out-of-fold figures)."""
    body = {"intercept": intercept, "weights": dict(sorted(weights.items())), "card": card}
    path.write_text(json.dumps(body, indent=2) + "\n", encoding="utf-8")


def load() -> Calibrator | None:
    """The committed calibration model (ARTIFACT), read once per process; None when there is none."""
    return _read(ARTIFACT)


@functools.cache
def _read(path: Path) -> Calibrator | None:
    if not path.exists():
        return None
    body = json.loads(path.read_text(encoding="utf-8"))
    return Calibrator({str(k): float(v) for k, v in body["weights"].items()}, float(body["intercept"]))


def card() -> dict[str, Any]:
    """The training card of the committed model ({} when there is none)."""
    if not ARTIFACT.exists():
        return {}
    card: dict[str, Any] = json.loads(ARTIFACT.read_text(encoding="utf-8"))["card"]
    return card


def calibrated(features: dict[str, float]) -> float:
    """The probability that the attribution described by `features` names the right speaker (the raw
    hand-set confidence when no model is committed)."""
    model = load()
    return features["raw_confidence"] if model is None else model.probability(features)
