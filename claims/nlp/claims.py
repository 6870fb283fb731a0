"""Check-worthy claims: every body sentence scored by the trained model, with the reasons a reviewer reads."""

from __future__ import annotations

import bisect

from spacy.tokens import Span

from . import boilerplate, checkworthiness
from .article import ArticleParse
from .attribution import CUE_WORDS
from .lexicon import CAUSAL_WORDS, FUTURE_WORDS, OPINION_WORDS, PLEDGE_WORDS, RECORD_WORDS, REPORTING_WORDS
from .spans import ClaimSpan, QuoteSpan
from .speakers import resolve_speaker, subject_of

_STAT_ENTS = {"PERCENT", "MONEY", "QUANTITY", "CARDINAL"}
_NAMED = {"PERSON", "ORG", "GPE", "NORP", "LAW", "EVENT", "FAC", "LOC"}
_OPEN_MARKS = "“„«‘\"'"
_CLOSE_MARKS = "”»’\"'"
MIN_WORDS = 4


def signals_of(span: Span, in_quote: bool, quoted_speaker: bool) -> tuple[str, ...]:
    """The reasons a reviewer reads for a sentence (claims/nlp/reasons.py words them); the trained model reads
    them too, as one feature each (training computes them with this same function)."""
    words = [t for t in span if not t.is_punct and not t.is_space]
    lowers = {t.lower_ for t in words}
    text = span.text
    found: list[str] = []
    if any(t.like_num for t in words) or any(t.ent_type_ in _STAT_ENTS for t in words):
        found.append("number")
    if any(t.ent_type_ in ("PERCENT", "MONEY") for t in words) or "percent" in lowers or "%" in text:
        found.append("statistic")
    if any(t.tag_ in ("JJR", "RBR") for t in words) or "than" in lowers:
        found.append("comparison")
    if any(t.tag_ in ("JJS", "RBS") for t in words) or lowers & RECORD_WORDS:
        found.append("superlative_or_record")
    if lowers & CAUSAL_WORDS:
        found.append("causal")
    if lowers & PLEDGE_WORDS:
        found.append("pledge")
    if any(t.ent_type_ in _NAMED for t in words):
        found.append("named_entity")
    if any(t.ent_type_ == "DATE" for t in words):
        found.append("date")
    if lowers & REPORTING_WORDS and any(t.dep_ == "ccomp" for t in words):
        found.append("attributed_speech")
    if in_quote:
        found.append("quotes_named_person" if quoted_speaker else "quoted")
    if text.rstrip(_CLOSE_MARKS + " ").endswith("?"):
        found.append("question")
    if lowers & OPINION_WORDS:
        found.append("opinion")
    if lowers & FUTURE_WORDS and "number" not in found:
        found.append("hedged_future")
    return tuple(found)


def _trim_marks(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without quote marks at its edges: the page that shows a claim puts its own marks around it,
    so a claim text never starts or ends with one (no ““…”” on the public page)."""
    while start < end and text[start] in _OPEN_MARKS + " ":
        start += 1
    while end > start and (text[end - 1] in _CLOSE_MARKS + " "):
        end -= 1
    return start, end


def _reported_speaker(art: ArticleParse, ci: int, sent: Span) -> str | None:
    """Who a sentence of indirect speech ("The ministry said that …") is attributed to."""
    root = sent.root
    if root.lower_ not in CUE_WORDS:
        return None
    subj = subject_of(root)
    attr = resolve_speaker(art, ci, subj) if subj is not None else None
    return attr.speaker if attr else None


def detect_claims(
    art: ArticleParse, kept: list[tuple[int, int, int]], quotes: list[QuoteSpan], body_start: int = 0
) -> list[ClaimSpan]:
    """Score every body sentence with the trained model, publisher boilerplate aside; each claim is linked to
    the quote (and speaker) holding it. Every candidate is returned with its score: which are stored and
    which count as worth checking is decided by claims/scores.py.

    kept holds (outer_start, outer_end, index into quotes) of the emitted quotes, in text order; body_start
    is where the body begins (after a headline).
    """
    text = art.text
    model = checkworthiness.load()
    out: list[ClaimSpan] = []
    kept_starts = [s for s, _, _ in kept]
    for ci, doc in enumerate(art.docs):
        chunk = art.chunks[ci]
        appeal, last_end = False, 0
        sents = list(doc.sents)
        for si, sent in enumerate(sents):
            start, end = chunk.to_orig(sent.start_char), chunk.to_orig(sent.end_char)
            if "\n" in text[last_end:start]:
                appeal = False  # a donation appeal runs to a "Read more" marker or its paragraph's end
            last_end = end
            if end <= body_start:
                continue
            for piece_start, piece_end in boilerplate.pieces(text, max(start, body_start), end):
                piece = text[piece_start:piece_end]
                if boilerplate.is_marker(piece):
                    appeal = False
                    continue
                appeal = appeal or boilerplate.is_appeal(piece)
                if appeal or boilerplate.is_boilerplate(piece):
                    continue
                a, b = _trim_marks(text, piece_start, piece_end)
                span = doc.char_span(chunk.to_chunk(a), chunk.to_chunk(b), alignment_mode="expand")
                if span is None or sum(not t.is_punct for t in span) < MIN_WORDS:
                    continue
                before = sents[si - 1].text if si else ""
                after = sents[si + 1].text if si + 1 < len(sents) else ""
                claim = _claim(art, ci, span, text, a, b, model, kept, kept_starts, quotes, (before, after))
                out.append(claim)
    return out


def _claim(
    art: ArticleParse,
    ci: int,
    span: Span,
    text: str,
    start: int,
    end: int,
    model: checkworthiness.Model,
    kept: list[tuple[int, int, int]],
    kept_starts: list[int],
    quotes: list[QuoteSpan],
    context: tuple[str, str],
) -> ClaimSpan:
    """One scored claim; context: the neighbouring sentences' text (the model reads their words too)."""
    qidx = _containing(kept, kept_starts, (start + end) // 2)
    speaker = quotes[qidx].speaker if qidx is not None else None
    signals = signals_of(span, qidx is not None, speaker is not None)
    if qidx is None and "attributed_speech" in signals:
        speaker = _reported_speaker(art, ci, span)
    return ClaimSpan(
        start=start,
        end=end,
        text=text[start:end],
        checkworthiness=round(
            model.score(
                text[start:end],
                span.doc.tensor[span.start : span.end],
                before=context[0],
                after=context[1],
                signals=signals,
            ),
            3,
        ),
        signals=signals,
        speaker=speaker,
        quote_index=qidx,
    )


def _containing(kept: list[tuple[int, int, int]], starts: list[int], pos: int) -> int | None:
    i = bisect.bisect_right(starts, pos) - 1
    return kept[i][2] if i >= 0 and kept[i][0] <= pos < kept[i][1] else None
