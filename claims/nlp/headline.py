"""Headline quotes: a quote in the headline belongs to the body speaker who says the same words.

Headlines quote a line the story gives in full further down ("No “sweetheart deal” for Leeds" over "…if
“sweetheart deals” were good enough…, she said"). The headline itself rarely has a cue, so a headline quote
is kept only when a body quote repeats its words, and takes that quote's speaker; otherwise it is dropped
(a headline's scare quotes and titles are far more common than its attributed speech).
"""

from __future__ import annotations

import re

from .quotes import RawQuote
from .speakers import Attribution

_WORD = re.compile(r"\w+")


def _words(text: str) -> list[str]:
    """Words as written but for the first letter, with a plural or possessive "s" dropped, so "Deal" matches
    "deals"; a headline that re-cases the words ("It Is Not A Radical Idea") no longer quotes them verbatim."""
    words = [w[:-1] if len(w) > 3 and w.endswith("s") else w for w in _WORD.findall(text)]
    return [w[:1].lower() + w[1:] if i == 0 else w for i, w in enumerate(words)]


def _contains(words: list[str], part: list[str]) -> bool:
    n = len(part)
    return any(words[i : i + n] == part for i in range(len(words) - n + 1))


def headline_echo(text: str, q: RawQuote, quotes: list[RawQuote], attrs: list[Attribution]) -> Attribution | None:
    """The attribution of the first body quote (outside the headline) that says the headline quote's words."""
    part = _words(text[q.start : q.end])
    if not part:
        return None
    for other, attr in zip(quotes, attrs, strict=True):
        if other.para == q.para or not attr.speaker or not _contains(_words(text[other.start : other.end]), part):
            continue
        return attr.lent(f"the headline repeats words the article attributes to {attr.speaker}", "headline-echo")
    return None
