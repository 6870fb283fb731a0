"""Input cleaning and paragraph recovery, keeping every offset mappable to the original text."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

# Characters that would confuse the tokenizer/parser; each is replaced 1:1 by a space.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\u202a-\u202e\ufeff]")
_BREAK = re.compile(r"\n[ \t\r\f\v\n]*|\r")
OPEN_DOUBLE = "“„«"
CLOSE_DOUBLE = "”»"
# A new paragraph glued to the previous one: sentence end, then an opening quote or,
# after a closing quote, a capital letter ("agreement.“But", "Paris.”We").
_GLUE_CURLY = re.compile(r"(?<=[.!?…])(?=[“„«][A-Z‘'\"0-9])|(?<=[.!?…][”»])(?=[A-Z“„«])")
_GLUE_STRAIGHT = re.compile(r'(?<=[.!?…])"(?=[A-Z])')
SEPARATOR = "\n\n"
MAX_CHUNK = 100_000
# spaCy's tokenizer strips punctuation from a token's ends one character at a time, rescanning the rest each
# time: quadratic on a long run of quote marks or other punctuation (16,000 marks: 19 s), and each mark is a
# token the parser pays for. The parse text keeps a long run's first and last marks and blanks the rest.
MAX_MARK_RUN = 16
_MARK_RUN = re.compile(rf"[^\w\s]{{{MAX_MARK_RUN + 1},}}")


@dataclass(frozen=True)
class Paragraph:
    start: int  # offsets into the original text
    end: int


def clean(text: str) -> str:
    """Replace control and invisible format characters by spaces (same length, same offsets)."""
    return _CONTROL.sub(" ", text)


def _glue_points(text: str, start: int, end: int) -> list[int]:
    points = [m.start() for m in _GLUE_CURLY.finditer(text, start, end)]
    # A straight quote after a full stop opens a glued paragraph when it is an opener
    # (even number of straight quotes before it in the line), else it closes one.
    # The marks are counted in one pass, so a line of quote marks stays linear.
    before, counted = 0, start
    for m in _GLUE_STRAIGHT.finditer(text, start, end):
        before += text.count('"', counted, m.start())
        counted = m.start()
        points.append(m.start() if before % 2 == 0 else m.start() + 1)
    return sorted({p for p in points if start < p < end})


def _split_long(text: str, start: int, end: int) -> list[Paragraph]:
    """Split an over-long paragraph at sentence ends or spaces so each piece fits the parser."""
    out = []
    while end - start > MAX_CHUNK:
        cut = max(text.rfind(". ", start, start + MAX_CHUNK), text.rfind(" ", start, start + MAX_CHUNK))
        cut = cut + 1 if cut > start else start + MAX_CHUNK
        out.append(Paragraph(start, cut))
        start = cut
    out.append(Paragraph(start, end))
    return out


def paragraphs(text: str) -> list[Paragraph]:
    """Paragraph spans: split on line breaks and on glued paragraph boundaries; blank ones dropped."""
    out: list[Paragraph] = []
    pos = 0
    bounds = [(m.start(), m.end()) for m in _BREAK.finditer(text)] + [(len(text), len(text))]
    for b_start, b_end in bounds:
        line_start = pos
        for cut in _glue_points(text, line_start, b_start) + [b_start]:
            s, e = line_start, cut
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if e > s:
                out.extend(_split_long(text, s, e))
            line_start = cut
        pos = b_end
    return out


def _blank_interior(run: str) -> str:
    keep = MAX_MARK_RUN // 2
    return run[:keep] + " " * (len(run) - 2 * keep) + run[-keep:]


def tokenizer_safe(text: str) -> str:
    """Blank the middle of long punctuation runs so tokenizing stays linear (same length, same offsets)."""
    return _MARK_RUN.sub(lambda m: _blank_interior(m.group()), text)


@dataclass
class Chunk:
    """A parse unit: paragraphs of one article joined by blank lines, with an offset map back."""

    text: str
    paras: list[Paragraph]
    offsets: list[int]  # chunk offset where each paragraph starts
    blanked: list[Paragraph] = field(default_factory=list)  # spans (original offsets) left out of the parse

    def __post_init__(self) -> None:
        self.starts = [p.start for p in self.paras]

    def to_orig(self, pos: int) -> int:
        i = max(bisect.bisect_right(self.offsets, pos) - 1, 0)
        para = self.paras[i]
        return min(para.start + pos - self.offsets[i], para.end)

    def to_chunk(self, orig: int) -> int:
        i = max(bisect.bisect_right(self.starts, orig) - 1, 0)
        return self.offsets[i] + min(orig - self.paras[i].start, self.paras[i].end - self.paras[i].start)


def _parse_text(cleaned: str, para: Paragraph, blanks: list[Paragraph]) -> str:
    """A paragraph as the parser reads it: long mark runs thinned and the `blanks` inside it made spaces."""
    text = tokenizer_safe(cleaned[para.start : para.end])
    if not blanks:
        return text
    parts, pos = [], 0
    for blank in blanks:
        start, end = blank.start - para.start, blank.end - para.start
        parts += [text[pos:start], " " * (end - start)]
        pos = end
    return "".join([*parts, text[pos:]])


def chunks(cleaned: str, paras: list[Paragraph], blank: list[Paragraph] | None = None) -> list[Chunk]:
    """Group paragraphs into chunks no longer than MAX_CHUNK characters, as the parser will read them.

    `blank` (in text order, each inside one paragraph) are spans the parser skips: they become spaces."""
    out: list[Chunk] = []
    parts: list[str] = []
    group: list[Paragraph] = []
    offsets: list[int] = []
    blanked: list[Paragraph] = []
    pending = list(reversed(blank or []))
    size = 0
    for para in paras:
        length = para.end - para.start
        if group and size + len(SEPARATOR) + length > MAX_CHUNK:
            out.append(Chunk("".join(parts), group, offsets, blanked))
            parts, group, offsets, blanked, size = [], [], [], [], 0
        if group:
            parts.append(SEPARATOR)
            size += len(SEPARATOR)
        offsets.append(size)
        inside = []
        while pending and pending[-1].start < para.end:
            inside.append(pending.pop())
        parts.append(_parse_text(cleaned, para, inside))
        blanked.extend(inside)
        group.append(para)
        size += length
    if group:
        out.append(Chunk("".join(parts), group, offsets, blanked))
    return out
