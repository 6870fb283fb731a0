"""Check-worthy claim detection: score each sentence from cheap lexical and parse signals."""

from __future__ import annotations

import bisect
import re

from spacy.tokens import Span

from .article import ArticleParse
from .attribution import CUE_WORDS
from .spans import ClaimSpan, QuoteSpan
from .speakers import resolve_speaker, subject_of

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


def _reported_speaker(art: ArticleParse, ci: int, sent: Span) -> str | None:
    """Who a sentence of indirect speech ("The ministry said that …") is attributed to."""
    root = sent.root
    if root.lower_ not in CUE_WORDS:
        return None
    subj = subject_of(root)
    attr = resolve_speaker(art, ci, subj) if subj is not None else None
    return attr.speaker if attr else None


def detect_claims(art: ArticleParse, kept: list[tuple[int, int, int]], quotes: list[QuoteSpan]) -> list[ClaimSpan]:
    """Score every sentence; keep those above THRESHOLD, linked to the quote (and speaker) holding them.

    kept holds (outer_start, outer_end, index into quotes) of the emitted quotes, in text order.
    """
    text = art.text
    out: list[ClaimSpan] = []
    kept_starts = [s for s, _, _ in kept]
    for ci, doc in enumerate(art.docs):
        chunk = art.chunks[ci]
        for sent in doc.sents:
            if sent.end - sent.start < 4:
                continue
            start, end = chunk.to_orig(sent.start_char), chunk.to_orig(sent.end_char)
            while end > start and text[end - 1].isspace():
                end -= 1
            qidx = _containing(kept, kept_starts, (start + end) // 2)
            score, signals = score_sentence(sent, qidx is not None)
            if score < THRESHOLD or end <= start:
                continue
            if qidx is not None:
                speaker = quotes[qidx].speaker
            else:
                speaker = _reported_speaker(art, ci, sent) if "attributed_speech" in signals else None
            out.append(
                ClaimSpan(
                    start=start,
                    end=end,
                    text=text[start:end],
                    checkworthiness=score,
                    signals=signals,
                    speaker=speaker,
                    quote_index=qidx,
                )
            )
    return out


def _containing(kept: list[tuple[int, int, int]], starts: list[int], pos: int) -> int | None:
    i = bisect.bisect_right(starts, pos) - 1
    return kept[i][2] if i >= 0 and kept[i][0] <= pos < kept[i][1] else None
