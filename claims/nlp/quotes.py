"""Quote-mark pairing within paragraphs: double, single and guillemet quotes, apostrophes left alone."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .text import Paragraph

OPENERS = {"“": "”", "„": "“”", "«": "»", "‘": "’", "‹": "›"}
CLOSERS = set("”»’›")
_WORD = re.compile(r"\w", re.UNICODE)
_HAS_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
_HANDLE_OR_URL = re.compile(r"^\s*(@\w+|#\w+|https?://\S+|www\.\S+|pic\.twitter\.com/\S+)\s*$", re.I)


@dataclass(frozen=True)
class RawQuote:
    start: int  # inner span, without marks and surrounding spaces
    end: int
    outer_start: int  # including the marks
    outer_end: int
    closed: bool
    para: int


def _is_word(ch: str) -> bool:
    return bool(ch) and bool(_WORD.match(ch))


def _single_opens(text: str, i: int, start: int) -> bool:
    prev = text[i - 1] if i > start else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    return not _is_word(prev) and prev not in ".,’'" and (_is_word(nxt) or nxt in '“"…')


def _single_closes(text: str, i: int, end: int) -> bool:
    prev = text[i - 1]
    nxt = text[i + 1] if i + 1 < end else " "
    return not _is_word(nxt) and (_is_word(prev) or prev in '.,!?…”"')


def _pair_paragraph(text: str, para: Paragraph, singles: bool) -> list[tuple[int, int, bool]]:
    """Return (outer_start, outer_end, closed) of top-level quotes in one paragraph.

    Single quotes open a top-level quote only in texts that use them as the main style (singles=True).
    """
    out: list[tuple[int, int, bool]] = []
    start, end = para.start, para.end
    open_at: int | None = None
    closer = ""
    i = start
    while i < end:
        ch = text[i]
        if open_at is None:
            if ch in "“„«‹":
                open_at, closer = i, OPENERS[ch]
            elif ch == '"':
                open_at, closer = i, '"'
            elif ch == "'" and text[i + 1 : i + 2] == "'":
                i += 2  # a doubled apostrophe ('') is a feed artefact, not a quote mark
                continue
            elif singles and (ch == "‘" or (ch == "'" and _single_opens(text, i, start))):
                # a single quote is a quotation only when a matching closer follows in the paragraph
                j = _find_single_close(text, i + 1, end, ch)
                if j is not None:
                    out.append((i, j + 1, True))
                    i = j + 1
                    continue
        elif ch in closer or (closer == '"' and ch in "”"):
            out.append((open_at, i + 1, True))
            open_at = None
        elif ch in "“„«" and closer != '"':
            # a new opening mark while open: the previous quote ran unclosed (glued text)
            out.append((open_at, i, False))
            open_at, closer = i, OPENERS[ch]
        elif ch == '"' and closer == "”":
            out.append((open_at, i + 1, True))
            open_at = None
        i += 1
    if open_at is not None:
        out.append((open_at, end, False))
    return out


def _find_single_close(text: str, i: int, end: int, opener: str) -> int | None:
    closers = "’" if opener == "‘" else "'’"
    while i < end:
        ch = text[i]
        if ch in '"“”':
            return None
        if ch == "'" and text[i + 1 : i + 2] == "'":
            return None
        if ch in closers and _single_closes(text, i, end):
            return i
        i += 1
    return None


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s].isspace() or text[s] in "\"'“”‘’«»„‹›"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in "\"'“”‘’«»„‹›"):
        e -= 1
    return s, e


_DOUBLE_MARK = re.compile(r'[“”„«»"]')
_SINGLE_OPEN = re.compile(r"(?:^|(?<=[\s(\[—–-]))[‘'](?=\w)")


def _single_style(text: str) -> bool:
    """British style: single quote openers outnumber double quote marks."""
    singles = len(_SINGLE_OPEN.findall(text))
    return singles > 0 and singles > len(_DOUBLE_MARK.findall(text))


def find_quotes(text: str, paras: list[Paragraph]) -> list[RawQuote]:
    """All top-level quoted stretches with letters in them, in text order."""
    out: list[RawQuote] = []
    singles = _single_style(text)
    for idx, para in enumerate(paras):
        for o_s, o_e, closed in _pair_paragraph(text, para, singles):
            s, e = _trim(text, o_s, o_e)
            if e <= s or not _HAS_LETTER.search(text, s, e):
                continue
            if _HANDLE_OR_URL.match(text[s:e]):
                continue
            out.append(RawQuote(s, e, o_s, o_e, closed, idx))
    return out
