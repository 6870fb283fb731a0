"""The parse budget: how many tokens an article may send to spaCy, and which of its parts are read for quotes
only when it asks for more.

spaCy's cost is per token, not per character, so a text made of quote marks and one-letter words (a token
every 1.3 characters) costs the parser three to four times what news prose of the same length does (a token
every 4.9). An article may send the parser one token per CHARS_PER_TOKEN characters of its length, or
MIN_TOKENS if that is more: about 1.25 times what prose of its length has. News never comes near it
(counting, as here, a token for each paragraph break and a double quote mark as one and a half): of the 646
development articles the densest has a token every 3.69 characters but only 399 of them; of those past
MIN_TOKENS the densest has one every 4.20 characters; the median one every 4.8.

An article past its budget has its densest pieces blanked in the parse text, densest first (of two about as
dense, the later), until the rest fits. Quote pairing still reads the whole article, so no quote is lost; a
quote in a blanked piece is found but not attributed, with a reason that says why.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from .text import Paragraph

CHARS_PER_TOKEN = 3.9
# Below this many tokens an article is parsed whole, however dense: a short text ("Yes," she said.) is dense
# by nature, and parsing 1,000 tokens takes about a tenth of a second.
MIN_TOKENS = 1_000
# The unit a budget blanks: a paragraph, or a piece of a longer one cut at a sentence end or a space.
PIECE = 1_000
# About what spaCy's tokenizer makes of a text: words and single punctuation marks.
_TOKEN = re.compile(r"\w+|[^\w\s]")
# A double quote mark costs the parse about half as much again as a word or other mark (measured per token
# over 30,000 characters: “a” pairs 189 µs, "a b c" 141 µs, ", . ;" 155 µs, news prose 143 µs).
_DOUBLE_MARK = re.compile(r'["“”„«»]')
MARK_EXTRA = 0.5
REASON = (
    "no speaker found: this passage was not parsed, because the article has far more words and marks per "
    "character than news prose (the parser reads the rest)"
)


def _pieces(text: str, para: Paragraph) -> list[Paragraph]:
    out = []
    start = para.start
    while para.end - start > PIECE:
        cut = text.rfind(". ", start + PIECE // 2, start + PIECE)  # a sentence end, else a space
        cut = cut if cut >= 0 else text.rfind(" ", start, start + PIECE)
        cut = cut + 1 if cut > start else start + PIECE
        out.append(Paragraph(start, cut))
        start = cut
    out.append(Paragraph(start, para.end))
    return out


def _cost(text: str, piece: Paragraph) -> float:
    """A piece's words and marks (double quote marks weighed more), and the whitespace token spaCy makes of
    the break after it."""
    tokens = sum(1 for _ in _TOKEN.finditer(text, piece.start, piece.end))
    marks = sum(1 for _ in _DOUBLE_MARK.finditer(text, piece.start, piece.end))
    return 1 + tokens + MARK_EXTRA * marks


def unparsed(text: str, paras: Sequence[Paragraph]) -> list[Paragraph]:
    """The spans (in text order) the parser skips so the article stays within its token budget; none for news."""
    pieces = [piece for para in paras for piece in _pieces(text, para)]
    costs = [_cost(text, p) for p in pieces]
    excess = sum(costs) - max(len(text) / CHARS_PER_TOKEN, MIN_TOKENS)
    if excess <= 0:
        return []
    # density to one decimal, so that pieces of one uniform text tie and go from the end
    densest = sorted(
        range(len(pieces)), key=lambda i: (round(costs[i] / (pieces[i].end - pieces[i].start), 1), i), reverse=True
    )
    skipped = []
    for i in densest:
        if excess <= 0:
            break
        skipped.append(i)
        excess -= costs[i] - 1  # a blanked piece is still one whitespace token
    return [pieces[i] for i in sorted(skipped)]


def skipped(spans: Sequence[Paragraph], starts: Sequence[int], offset: int) -> bool:
    """Whether `offset` lies in one of `spans` (the output of `unparsed`; `starts` are their starts)."""
    i = bisect.bisect_right(starts, offset) - 1
    return i >= 0 and offset < spans[i].end
