"""Publisher boilerplate, the one home of its rules: donation appeals, "Read more" markers, share, sign-up and
cookie prompts, photo captions with a credit.

Two layers ask: ingest cleaning (claims/services/cleaning.py) drops whole paragraphs of furniture from a
submitted article (`paragraph_reason`, `opens_appeal`, `uses_appeal_words`, the prompts glued to a
paragraph's edges), and claim detection (claims/nlp/claims.py) skips the furniture cleaning left glued
inside a sentence ("…the difference.Read moreA split has emerged…"): `pieces` cuts a sentence where a
sentence end or a "Read more" is glued to the next capital, and `is_boilerplate` judges one piece. Both
read the same word lists (claims/nlp/lexicon.py). The rules describe kinds of publisher furniture, never
one outlet's article. Plain `re` only, so web processes can import it.
"""

from __future__ import annotations

import itertools
import re

from .lexicon import DONATION_APPEALS, PHOTO_AGENCIES, READ_MORE, SHARE_PROMPTS


def _alternation(phrases: tuple[str, ...]) -> str:
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(phrases, key=len, reverse=True))


# --- whole paragraphs (ingest cleaning) ---

# Whole paragraphs (or lines) that are publisher furniture, not article text.
_PARAGRAPH = re.compile(
    r"""^(?:
        your\ support\ helps\ us\b.*
      | (?:sign\ up|subscribe|register)\b.{0,160}
      | (?:read|see)\ (?:more|also|next)\b.{0,200}
      | (?:more|show\ more|expand)\W*
      | (?:related|recommended|most\ read|advertisement|advertising|story\ continues\ below.*)\W*
      | (?:share|share\ this\ (?:article|story)|follow\ us\ on\b.{0,80})\W*
      | (?:photo(?:graph)?|image|picture|credit|illustration)s?\s*(?:credit)?\s*[:|].{0,160}
      | .{0,160}\b(?:getty\ images|afp\ via\ getty|ap\ photo|reuters/|pa\ (?:media|wire)|shutterstock|epa-efe)\b.{0,80}
      | (?:©|\(c\)|copyright)\s.{0,160}
      | (?:click\ here|tap\ here)\b.{0,160}
      | this\ (?:article|story)\ (?:was|has\ been)\ (?:amended|updated|corrected)\b.{0,200}
      | (?:we\ use\ cookies|accept\ (?:all\ )?cookies|by\ continuing\ to\ (?:use|browse))\b.{0,300}
      | (?:get\ the\ latest|join\ our|download\ (?:the|our)\ app|listen\ to\ this\ (?:article|story)).{0,160}
      | .{0,120}\bnewsletters?\b.{0,40}\b(?:inbox|sign\ up|subscribe)\b.{0,80}
    )$""",
    re.IGNORECASE | re.VERBOSE | re.DOTALL,
)
_PARAGRAPH_LIMIT = 400  # characters; furniture is short
# A paragraph that opens an appeal for money or subscriptions.
_APPEAL_START = re.compile(
    r"""^(?:your\ (?:support|donation|contribution)\ (?:helps|makes|matters|allows|means)
      | (?:please\ )?(?:consider\ )?(?:support(?:ing)?|donat(?:e|ing)\ to)\ (?:our|independent|quality)\ journalism
      | (?:become|join)\ (?:a\ |our\ )?(?:member|supporter|subscriber)
      | we\ (?:need|rely\ on)\ your\ (?:support|help)
      | if\ you\ (?:value|appreciate)\ (?:our|this|what\ we)
      | help\ us\ (?:keep|continue)\ )""",
    re.IGNORECASE | re.VERBOSE,
)
# The vocabulary of such appeals: neighbours of an appeal that use it belong to the same appeal.
_APPEAL_WORDS = re.compile(
    r"""donat(?:e|ion|ing)|your\ support|support\ (?:us|our\ work)|paywalls?|subscri(?:be|ption)
      | quality\ journalism|independent\ journalism|reporters\ on\ the\ ground|those\ who\ can\ afford
      | contribut(?:e|ion)s?\ (?:today|now|from)|membership|keep\ (?:our\ )?journalism""",
    re.IGNORECASE | re.VERBOSE,
)
APPEAL_LIMIT = 8  # paragraphs; an appeal is short — more than this is an article about the subject
# A photo caption ending in an agency credit, e.g. "… with partners (Jane Doe/PA)" or "(Reuters)".
_CAPTION = re.compile(
    rf"\((?:[^()]{{0,80}}/\s*)?(?:{_alternation(PHOTO_AGENCIES)})(?:\ via\ [^()]{{1,40}})?\)"
    r"\s*(?:(?:read|show)\ more|more|expand)?\W*$"
)
_CAPTION_LIMIT = 300
# A capitalised word ("Sir", or "A" before a lower-case one): where a glued paragraph starts.
WORD_START = r"[“‘\"]?[A-Z](?:[a-z]| [a-z])"
# A prompt glued to the front of the next paragraph ("Read moreA split has…") or left at the end of one.
LEADING_PROMPT = re.compile(rf"^(?:Read more|Read next|See also|Advertisement|More)(?={WORD_START})")
TRAILING_PROMPT = re.compile(r"(?<=[.!?”’)\]])\s*(?:Read more|Show more|More)\s*$")


def is_caption(paragraph: str) -> bool:
    """A short photo caption that ends in an agency credit."""
    return len(paragraph) < _CAPTION_LIMIT and bool(_CAPTION.search(paragraph))


def is_boilerplate_paragraph(paragraph: str) -> bool:
    """A paragraph (or line) that is publisher furniture as a whole: a prompt, a notice, a credit line."""
    paragraph = paragraph.strip()
    return len(paragraph) < _PARAGRAPH_LIMIT and bool(_PARAGRAPH.match(paragraph))


def opens_appeal(paragraph: str) -> bool:
    """A paragraph that opens an appeal for money or subscriptions ("Your support helps…")."""
    return bool(_APPEAL_START.match(paragraph))


def uses_appeal_words(paragraph: str) -> bool:
    """A paragraph in the vocabulary of appeals: next to one that opens an appeal, it belongs to it."""
    return bool(_APPEAL_WORDS.search(paragraph))


def paragraph_reason(paragraph: str) -> str:
    """Why a whole paragraph is furniture, in the words the reader shows ("" when it is article text)."""
    if not paragraph:
        return "publisher prompt"
    if is_caption(paragraph):
        return "photo caption with credit"
    if not is_boilerplate_paragraph(paragraph):
        return ""
    lowered = paragraph.lower()
    if lowered.startswith(("read ", "see ", "more", "show more", "expand")):
        return "“read more” prompt"
    if "cookie" in lowered or "continuing to" in lowered:
        return "cookie notice"
    if any(w in lowered for w in ("sign up", "subscribe", "register", "newsletter", "join our", "get the latest")):
        return "newsletter or sign-up prompt"
    if lowered.startswith(("share", "follow us")):
        return "share prompt"
    if any(w in lowered for w in ("photo", "image", "picture", "credit", "illustration", "getty", "reuters")):
        return "photo caption with credit"
    if lowered.startswith(("your support", "click", "tap")):
        return "donation or subscription appeal" if "support" in lowered else "publisher prompt"
    return "publisher boilerplate"


# --- pieces of sentences (claim detection) ---

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
