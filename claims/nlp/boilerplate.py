"""Publisher boilerplate inside an article's text, which is never a claim: donation appeals, "Read more"
markers, share and sign-up prompts, photo captions with a credit.

Pasted pages glue these to the story ("…the difference.Read moreA split has emerged…"), so the rules work on
pieces of sentences, not whole paragraphs: `pieces` cuts a sentence where a sentence end or a "Read more"
is glued to the next capital, and `is_boilerplate` judges one piece. The rules describe kinds of publisher
furniture, never one outlet's article.
"""

from __future__ import annotations

import itertools
import re

from .lexicon import DONATION_APPEALS, PHOTO_AGENCIES, READ_MORE, SHARE_PROMPTS


def _alternation(phrases: tuple[str, ...]) -> str:
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(phrases, key=len, reverse=True))


_APPEAL = re.compile(rf"\b(?:{_alternation(DONATION_APPEALS)})\b", re.I)
_READ_MORE = re.compile(rf"\b(?:{_alternation(READ_MORE)})\b", re.I)
_PROMPT = re.compile(rf"\b(?:{_alternation(SHARE_PROMPTS)})\b", re.I)
# A photo credit: "(Carl Court/PA)", "(Getty Images)", "Photograph: Jane Doe/Reuters", "| AP Photo".
_CREDIT = re.compile(
    rf"\((?:[^()]{{0,60}}/\s*)?(?:{_alternation(PHOTO_AGENCIES)})(?:\s*(?:via|/)[^()]{{0,40}})?\)"
    rf"|\b(?:photo(?:graph)?|image|picture)\s*(?:credit)?\s*:\s*[^.]{{0,80}}/\s*\w+"
    r"|\([A-Z][\w.’'-]+(?:\s[A-Z][\w.’'-]+){0,3}\s*/\s*[A-Z][\w .’'&-]{1,30}\)",
    re.I,
)
# Where glued text starts a new piece: a sentence end or a "Read more" marker right before a capital.
_GLUE = re.compile(r"(?<=[a-z0-9][.!?])(?=[A-Z][a-z])|(?<=[Rr]ead (?:more|next))(?=[A-Z])")


def pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """text[start:end] cut at glued boundaries, as (start, end) offsets, blanks trimmed."""
    cuts = [start, *(m.start() for m in _GLUE.finditer(text, start, end)), end]
    out = []
    for left, right in itertools.pairwise(cuts):
        a, b = left, right
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((a, b))
    return out


def is_appeal(piece: str) -> bool:
    """A sentence asking the reader for support or money ("Your donation allows us to…")."""
    return bool(_APPEAL.search(piece))


def is_marker(piece: str) -> bool:
    """A "Read more" style marker: where a run of boilerplate ends and the story resumes."""
    return bool(_READ_MORE.fullmatch(piece.strip(" .:|»›>-–—"))) or bool(_READ_MORE.match(piece) and len(piece) < 40)


def is_boilerplate(piece: str) -> bool:
    """Publisher furniture on its own: a marker, a share or sign-up prompt, a captioned photo credit."""
    return is_marker(piece) or is_appeal(piece) or bool(_PROMPT.search(piece)) or bool(_CREDIT.search(piece))
