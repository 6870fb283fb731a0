"""Quote-mark pairing within paragraphs: every mark style newsrooms paste, apostrophes left alone.

One left-to-right pass per paragraph. A single-quote opener looks ahead for its closer only as far as the next
single opener, so every stretch of text is scanned a bounded number of times: pairing is linear in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .text import Paragraph

# Closing marks accepted for each double opening mark. Copy mixes styles within one quote ("We are ready,” /
# “We are ready,"), wrongly curls the closer (“We are ready,“ he said) and, in much South African, Ghanaian
# and Nigerian copy, opens with ” (”We are ready,” he said): all are closed by any double mark.
_ANY_DOUBLE = '”“"'
OPENERS = {"“": _ANY_DOUBLE, "„": _ANY_DOUBLE, '"': _ANY_DOUBLE, "”": _ANY_DOUBLE, "«": "»", "»": "«", "‹": "›"}
BACKTICKS = "``"  # a plain-text opener (``like this''), closed by '' or a double mark
_BACKTICK_CLOSERS = '”"'
# Closers of each single opening mark; a backtick (`like this') is closed by either apostrophe.
SINGLE_CLOSERS = {"‘": "’", "'": "'’", "`": "'’"}
MARKS = "\"'“”‘’«»„‹›`"
_WORD = re.compile(r"\w", re.UNICODE)
_HAS_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
_HANDLE_OR_URL = re.compile(r"^\s*(@\w+|#\w+|https?://\S+|www\.\S+|pic\.twitter\.com/\S+)\s*$", re.I)
# Punctuation a closing mark sits next to ("rise,’ she said", "‘madness’."): such a closer beats a word-final
# apostrophe ("the nurses’ pay") met earlier.
_CLOSE_PUNCT = ".,!?…;:—–)"


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


def _after(text: str, i: int, end: int) -> str:
    """The character after position i, skipping one space (“ We are ready”); a space at the paragraph end."""
    j = i + 1
    if text[j : j + 1] == " ":
        j += 1
    return text[j] if j < end else " "


def _single_opens(text: str, i: int, start: int, end: int) -> bool:
    """A single mark opens a quote after a space or bracket and before a word (‘ We, with one space, for ‘)."""
    prev = text[i - 1] if i > start else " "
    nxt = _after(text, i, end) if text[i] == "‘" else (text[i + 1] if i + 1 < end else " ")
    return not _is_word(prev) and prev not in ".,’'" and (_is_word(nxt) or nxt in '“"…')


def _single_closes(text: str, i: int, end: int) -> bool:
    """A single mark closes before a non-word and after a word, punctuation or a space (never ’tis)."""
    prev = text[i - 1]
    nxt = text[i + 1] if i + 1 < end else " "
    return not _is_word(nxt) and (_is_word(prev) or prev in '.,!?…”" ')


def _strong_close(text: str, i: int, end: int) -> bool:
    """A closer next to punctuation or ending the paragraph, unlike a word-final apostrophe (the nurses’ pay)."""
    prev = text[i - 1]
    rest = text[i + 1 : end].lstrip()
    return prev in _CLOSE_PUNCT or not rest or rest[0] in _CLOSE_PUNCT or rest[0] in MARKS


def _right_mark_opens(text: str, i: int, start: int, end: int) -> bool:
    """” or » used as the opening mark: after a space, bracket or colon and before a word (”We are ready”)."""
    prev = text[i - 1] if i > start else " "
    return not _is_word(prev) and prev not in ".,!?…’'\"”»" and _is_word(_after(text, i, end))


def _single_may_open(text: str, i: int, start: int, singles: bool) -> bool:
    """Whether a single mark at i may open a top-level quote in this text's style.

    In single-quote texts any single mark may. In double-quote texts single marks are nested quotes, scare
    quotes or headline style, so only a curly ‘ opening a paragraph or following a colon (“Shan Masood: ‘Our
    focus…’”, a label) starts a quote; a backtick always may.
    """
    ch = text[i]
    if ch == "`" or (singles and ch in "‘'"):
        return True
    return ch == "‘" and text[max(start, i - 3) : i].rstrip()[-1:] in ("", ":")


def _find_single_close(text: str, i: int, start: int, end: int) -> int | None:
    """Position of the mark closing the single quote opened at i, or None.

    The search stops at the next single opener, so stretches are scanned once. A closer next to punctuation
    wins over an earlier word-final apostrophe (‘The nurses’ pay must rise,’ she said); else the first closer.
    """
    closers = SINGLE_CLOSERS[text[i]]
    first = None
    j = i + 1
    while j < end:
        ch = text[j]
        if ch == "'" and text[j + 1 : j + 2] == "'":
            break
        if ch in closers and _single_closes(text, j, end):
            if _strong_close(text, j, end):
                return j
            first = j if first is None else first
        elif ch in "‘'`" and _single_opens(text, j, start, end):
            break
        j += 1
    return first


def _double_opener(text: str, i: int, start: int, end: int) -> tuple[int, str] | None:
    """(mark length, accepted closers) when a double quote opens at i."""
    ch = text[i]
    if text.startswith(BACKTICKS, i):
        return 2, _BACKTICK_CLOSERS
    if ch in '“„«‹"':
        return 1, OPENERS[ch]
    if ch in "”»" and _right_mark_opens(text, i, start, end):
        return 1, OPENERS[ch]
    return None


def _closing_length(text: str, i: int, closers: str) -> int:
    """Length of the closing mark at i for an open quote accepting `closers` (0: none here).

    “ closes only before a non-word (“We are ready,“ he said); before a word it opens the next quote.
    """
    if closers == _BACKTICK_CLOSERS and text.startswith("''", i):
        return 2
    ch = text[i]
    if ch not in closers or (ch == "“" and not _left_mark_closes(text, i)):
        return 0
    return 1


def _left_mark_closes(text: str, i: int) -> bool:
    """“ used as the closing mark: after punctuation (“We are ready,“ he said) or before it (“no“.).

    After a word and before a space (an “expedited review“ of) it is as likely to open the next quote.
    """
    nxt = text[i + 1 : i + 2]
    if _is_word(nxt):
        return False
    return text[i - 1] in _CLOSE_PUNCT or nxt in _CLOSE_PUNCT or nxt in ("", "\n")


def _pair_paragraph(text: str, para: Paragraph, singles: bool) -> list[tuple[int, int, bool]]:
    """Return (outer_start, outer_end, closed) of top-level quotes in one paragraph.

    Curly single quotes open a top-level quote when a closer follows; straight ones only in texts that use
    single quotes as the main style (singles=True). A single quote opening a paragraph with no closer is the
    start of a multi-paragraph quote and runs to the paragraph's end, as double quotes do.
    """
    out: list[tuple[int, int, bool]] = []
    start, end = para.start, para.end
    open_at: int | None = None
    closers = ""
    i = start
    while i < end:
        ch = text[i]
        if open_at is not None:
            length = _closing_length(text, i, closers)
            if length:
                out.append((open_at, i + length, True))
                open_at, i = None, i + length
                continue
            if ch in "“„«" and text[open_at] != '"':
                # a new opening mark while open: the previous quote ran unclosed (glued text)
                out.append((open_at, i, False))
                open_at, closers = i, OPENERS[ch]
            i += 1
            continue
        if ch == "'" and text[i + 1 : i + 2] == "'":
            i += 2  # a doubled apostrophe ('') is a feed artefact, not a quote mark
            continue
        double = _double_opener(text, i, start, end)
        if double:
            open_at, closers = i, double[1]
            i += double[0]
            continue
        if _single_may_open(text, i, start, singles) and _single_opens(text, i, start, end):
            j = _find_single_close(text, i, start, end)
            if j is not None:
                out.append((i, j + 1, True))
                i = j + 1
                continue
            if i == start and singles:
                out.append((i, end, False))
                break
        i += 1
    if open_at is not None:
        out.append((open_at, end, False))
    return out


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s].isspace() or text[s] in MARKS):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in MARKS):
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
