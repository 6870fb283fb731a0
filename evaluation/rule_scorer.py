"""The hand-weighted rule scorer the trained model replaced, kept only so `make eval` can show it beside the
model and the baseline (the extractor no longer calls it)."""

from __future__ import annotations

import re

from spacy.tokens import Span

WEIGHTS = {
    "number": 0.35,
    "statistic": 0.2,
    "comparison": 0.2,
    "superlative_or_record": 0.25,
    "causal": 0.2,
    "named_entity": 0.15,
    "date": 0.1,
    "attributed_speech": 0.15,
    "quoted": 0.05,
}
PENALTIES = {
    "question": -0.5,
    "opinion": -0.25,
    "hedged_future": -0.15,
    "boilerplate": -0.8,
    "too_short": -0.4,
}
THRESHOLD = 0.3
_CAUSAL = {
    "because",
    "cause",
    "caused",
    "causes",
    "causing",
    "due",
    "led",
    "leads",
    "result",
    "resulted",
    "therefore",
    "thanks",
    "since",
    "consequence",
    "blamed",
    "blame",
}
_RECORD = {
    "record",
    "ever",
    "first",
    "highest",
    "lowest",
    "largest",
    "biggest",
    "smallest",
    "most",
    "least",
    "unprecedented",
    "never",
    "doubled",
    "tripled",
    "halved",
}
_STAT_ENTS = {"PERCENT", "MONEY", "QUANTITY", "CARDINAL"}
_NAMED = {"PERSON", "ORG", "GPE", "NORP", "LAW", "EVENT", "FAC", "LOC"}
_OPINION = {
    "think",
    "believe",
    "feel",
    "hope",
    "wish",
    "should",
    "must",
    "love",
    "hate",
    "great",
    "terrible",
    "wonderful",
    "awful",
    "beautiful",
    "disgrace",
    "shameful",
    "amazing",
}
_BOILERPLATE = re.compile(
    r"\b(subscribe|newsletter|sign up|click here|all rights reserved|copyright|follow us|"
    r"contributed to this report|read more|terms of (use|service)|privacy policy|advertisement)\b",
    re.I,
)
_REPORT = {"said", "says", "told", "reported", "claimed", "stated", "announced", "according", "added"}


def score_sentence(sent: Span, in_quote: bool) -> tuple[float, tuple[str, ...]]:
    """Check-worthiness in [0, 1] and the signals that produced it."""
    signals: list[str] = []
    words = [t for t in sent if not t.is_punct and not t.is_space]
    text = sent.text
    if _BOILERPLATE.search(text):
        signals.append("boilerplate")
    if len(words) < 5:
        signals.append("too_short")
    if text.rstrip(" ”\"’'").endswith("?"):
        signals.append("question")
    lowers = {t.lower_ for t in words}
    if any(t.like_num for t in words) or any(t.ent_type_ in _STAT_ENTS for t in words):
        signals.append("number")
    if any(t.ent_type_ in ("PERCENT", "MONEY") for t in words) or "percent" in lowers or "%" in text:
        signals.append("statistic")
    if any(t.tag_ in ("JJR", "RBR") for t in words) or "than" in lowers:
        signals.append("comparison")
    if any(t.tag_ in ("JJS", "RBS") for t in words) or lowers & _RECORD:
        signals.append("superlative_or_record")
    if lowers & _CAUSAL:
        signals.append("causal")
    if any(t.ent_type_ in _NAMED for t in words):
        signals.append("named_entity")
    if any(t.ent_type_ == "DATE" for t in words):
        signals.append("date")
    if lowers & _REPORT and any(t.dep_ == "ccomp" for t in words):
        signals.append("attributed_speech")
    if in_quote:
        signals.append("quoted")
    if lowers & _OPINION or (lowers & {"i", "we", "you"} and not signals.count("number")):
        signals.append("opinion")
    if lowers & {"will", "would", "could", "might", "may"} and "number" not in signals:
        signals.append("hedged_future")
    raw = sum(WEIGHTS.get(s, 0.0) + PENALTIES.get(s, 0.0) for s in signals)
    return max(0.0, min(1.0, round(raw, 3))), tuple(signals)
