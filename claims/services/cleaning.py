"""Turn submitted text or HTML into an article body: main text, no publisher boilerplate, tidy whitespace.

What an editor pastes from a news site carries the site's furniture: a donation appeal glued to the
first paragraph, "Read more" and "More" prompts, photo captions with an agency credit, newsletter,
share and cookie prompts, and paragraphs glued together without a space where the copy lost its
line breaks. `clean` removes the furniture and splits the glued paragraphs, and returns every piece
it removed (`Removed`: the text, why, and where it stood) so the reader can show it, collapsed, and a
reviewer can put any piece back (`services/articles.article_restore_removed`): nothing disappears
silently, and the submission itself is kept as it was (`Article.raw_text` / `raw_html`).

Only whitespace is normalised, paragraph breaks inserted where sentences were glued, and whole
boilerplate pieces dropped; the characters of the article itself are never changed, so quotes keep
their exact marks and spelling. What counts as boilerplate is decided in claims/nlp/boilerplate.py, the one
home of those rules (claim detection reads them too).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass
from typing import Any

from claims.nlp import boilerplate

# A sentence end run into the next capitalised word: "…with Mr Putin.Sir Keir said…".
GLUED = re.compile(
    rf"(?<=[a-z0-9%][.!?])(?={boilerplate.WORD_START})|(?<=[a-z0-9%][.!?][”’\"])(?={boilerplate.WORD_START})"
)
ABBREVIATIONS = frozenset(
    "mr mrs ms dr st prof gen gov sen rep rev sgt capt col lt jr sr inc ltd co no vs etc mt ft approx dept est".split()
)

_HSPACE = re.compile(r"[^\S\n]+")  # any whitespace but newline
_BLANK_LINES = re.compile(r"\n{3,}")
# Control and format characters carry no text; tabs and newlines are handled as whitespace.
_CONTROL = {c for c in map(chr, range(0x20)) if c not in "\t\n\r"} | {"\x7f", "\ufeff"}
_PARAGRAPH = "\n\n"


@dataclass(frozen=True)
class Removed:
    """A piece cleaning removed: `at` is where it stood in the cleaned body; an `inline` piece was glued to
    the text there (restored verbatim), any other was a paragraph of its own."""

    text: str
    reason: str
    at: int
    inline: bool = False
    order: int = 0  # position among the removed pieces in the original (for pieces at the same `at`)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Cleaned:
    text: str
    removed: list[Removed]
    glued_splits: int = 0


@dataclass(frozen=True)
class CleanedHtml:
    text: str
    title: str
    published: str | None
    url: str | None
    sitename: str
    byline: str = ""
    removed: tuple[Removed, ...] = ()


def normalise_whitespace(text: str) -> str:
    """Unify line endings and spaces, strip each line, keep paragraph breaks as one blank line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(ch for ch in text if ch not in _CONTROL)
    lines = [_HSPACE.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def split_glued(line: str) -> list[str]:
    """Split a line where a sentence end runs straight into a capitalised word (no space between)."""
    pieces, start = [], 0
    for match in GLUED.finditer(line):
        cut = match.start()
        before = line[start:cut]
        word = re.search(r"([A-Za-z]+)[.!?][”’\"]?$", before)
        if word and word.group(1).lower() in ABBREVIATIONS:
            continue
        token = before.rsplit(None, 1)[-1] if before.strip() else ""
        if token.count(".") > 1 or "/" in token or "@" in token:
            continue  # a web address or a dotted name, not a sentence end
        pieces.append(line[start:cut])
        start = cut
    pieces.append(line[start:])
    return [piece for piece in pieces if piece.strip()]


@dataclass
class _Unit:
    """A paragraph (or line) on its way through the cleaner."""

    text: str
    reason: str = ""  # why it is removed ("" = kept)
    prefix: str = ""  # a prompt removed from its front
    suffix: str = ""  # a prompt removed from its end
    break_before: str = _PARAGRAPH  # "\n" inside a paragraph of several lines


def _units(text: str) -> tuple[list[_Unit], int]:
    units: list[_Unit] = []
    splits = 0
    for paragraph in text.split(_PARAGRAPH):
        for index, line in enumerate(paragraph.split("\n")):
            pieces = split_glued(line)
            splits += len(pieces) - 1
            for k, piece in enumerate(pieces):
                units.append(_Unit(piece.strip(), break_before="\n" if index and not k else _PARAGRAPH))
    return units, splits


def _strip_prompts(unit: _Unit) -> None:
    if match := boilerplate.LEADING_PROMPT.match(unit.text):
        unit.prefix, unit.text = match.group(0), unit.text[match.end() :]
    if (match := boilerplate.TRAILING_PROMPT.search(unit.text)) and match.start() > 0:
        unit.suffix, unit.text = unit.text[match.start() :], unit.text[: match.start()]


def _mark_appeals(units: list[_Unit]) -> None:
    """Remove appeal blocks: a paragraph that opens an appeal and its neighbours in the same vocabulary."""
    for i, unit in enumerate(units):
        if unit.reason or not boilerplate.opens_appeal(unit.text):
            continue
        block = [i]
        j = i - 1
        while (
            j >= 0
            and not units[j].reason
            and boilerplate.uses_appeal_words(units[j].text)
            and len(block) < boilerplate.APPEAL_LIMIT
        ):
            block.append(j)
            j -= 1
        j = i + 1
        while (
            j < len(units)
            and not units[j].reason
            and (boilerplate.uses_appeal_words(units[j].text) or boilerplate.opens_appeal(units[j].text))
            and len(block) < boilerplate.APPEAL_LIMIT
        ):
            block.append(j)
            j += 1
        for k in block:
            units[k].reason = "donation or subscription appeal"


def clean(text: str) -> Cleaned:
    """The article body from pasted text, and what was removed from it (see the module docstring)."""
    units, splits = _units(normalise_whitespace(text))
    for unit in units:
        _strip_prompts(unit)
        unit.reason = boilerplate.paragraph_reason(unit.text)
    _mark_appeals(units)

    body = ""
    removed: list[Removed] = []
    pending: list[tuple[str, str]] = []  # removed paragraphs waiting for the next kept one: (text, reason)

    def flush(at: int) -> None:
        for piece, reason in pending:
            removed.append(Removed(text=piece, reason=reason, at=at, order=len(removed)))
        pending.clear()

    for unit in units:
        original = unit.prefix + unit.text + unit.suffix
        if unit.reason:
            pending.append((original, unit.reason))
            continue
        if body:
            body += unit.break_before
        flush(len(body))
        if unit.prefix:
            removed.append(
                Removed(text=unit.prefix, reason="“read more” prompt", at=len(body), inline=True, order=len(removed))
            )
        body += unit.text
        if unit.suffix:
            removed.append(
                Removed(text=unit.suffix, reason="“read more” prompt", at=len(body), inline=True, order=len(removed))
            )
    flush(len(body))
    return Cleaned(text=body, removed=removed, glued_splits=splits)


def clean_text(text: str) -> str:
    return clean(text).text


def drop_boilerplate(text: str) -> str:
    """Remove paragraphs (and single lines) that are publisher boilerplate."""
    return clean(text).text


def restore(body: str, piece: Removed) -> tuple[str, int, str]:
    """Put a removed piece back: (new body, the offset where text was inserted, the inserted string)."""
    if piece.inline:
        inserted = piece.text
    elif piece.at >= len(body):
        inserted = (_PARAGRAPH if body else "") + piece.text
    else:
        inserted = piece.text + _PARAGRAPH
    at = min(piece.at, len(body))
    return body[:at] + inserted + body[at:], at, inserted


def clean_html(html: str) -> CleanedHtml:
    """Main text of a page with trafilatura (paragraphs kept), then our own boilerplate filter; its metadata."""
    # Imported here: trafilatura brings lxml, justext, htmldate, courlan and babel (~25 MB), which a web
    # worker needs only for the rare HTML submission; URL fetches run in Celery workers.
    import trafilatura  # noqa: PLC0415

    doc = trafilatura.bare_extraction(
        html,
        include_comments=False,
        include_tables=False,
        include_images=False,
        favor_precision=True,
        with_metadata=True,
        deduplicate=True,
    )
    # bare_extraction returns a Document (a dict only when asked for one with as_dict=True)
    body: str = getattr(doc, "text", None) or ""
    if not body.strip():
        # trafilatura found no main content (short page or a fragment): fall back to all visible text.
        body = trafilatura.html2txt(html) or ""
    cleaned = clean(_paragraphs(body))
    return CleanedHtml(
        text=cleaned.text,
        title=normalise_whitespace(getattr(doc, "title", None) or "")[:500],
        published=getattr(doc, "date", None),
        url=getattr(doc, "url", None),
        sitename=normalise_whitespace(getattr(doc, "sitename", None) or "")[:200],
        byline=normalise_whitespace(getattr(doc, "author", None) or "")[:300],
        removed=tuple(cleaned.removed),
    )


def _paragraphs(text: str) -> str:
    # trafilatura separates paragraphs with single newlines; articles use blank lines between them.
    return "\n\n".join(line for line in text.split("\n") if line.strip())


def looks_like_html(text: str) -> bool:
    head = text[:2000].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or bool(re.search(r"<(?:p|div|body|article)[\s>]", head))


def is_probably_binary(data: bytes) -> bool:
    if b"\x00" in data[:8192]:
        return True
    sample = data[:8192].decode("utf-8", errors="ignore")
    weird = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r")
    return bool(sample) and weird / len(sample) > 0.05
