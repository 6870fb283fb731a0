"""Turn submitted text or HTML into an article body: main text, no publisher boilerplate, tidy whitespace.

Only whitespace is normalised and whole boilerplate paragraphs dropped; the characters of the
article itself are never changed, so quotes keep their exact marks and spelling.
"""

import re
import unicodedata
from dataclasses import dataclass

import trafilatura

# Paragraphs that are publisher furniture, not article text (matched against a whole paragraph).
BOILERPLATE = re.compile(
    r"""^(?:
        your\ support\ helps\ us\b.*
      | (?:sign\ up|subscribe|register)\b.{0,160}
      | (?:read|see)\ (?:more|also|next)\b.{0,200}
      | (?:related|recommended|most\ read|advertisement|advertising|story\ continues\ below.*)\W*
      | (?:share|share\ this\ (?:article|story)|follow\ us\ on\b.{0,80})\W*
      | (?:photo(?:graph)?|image|picture|credit|illustration)s?\s*(?:credit)?\s*[:|].{0,160}
      | .{0,160}\b(?:getty\ images|afp\ via\ getty|ap\ photo|reuters/|pa\ (?:media|wire)|shutterstock|epa-efe)\b.{0,80}
      | (?:©|\(c\)|copyright)\s.{0,160}
      | (?:click\ here|tap\ here)\b.{0,160}
      | this\ (?:article|story)\ (?:was|has\ been)\ (?:amended|updated|corrected)\b.{0,200}
      | (?:we\ use\ cookies|accept\ (?:all\ )?cookies)\b.{0,300}
    )$""",
    re.IGNORECASE | re.VERBOSE | re.DOTALL,
)
_HSPACE = re.compile(r"[^\S\n]+")  # any whitespace but newline
_BLANK_LINES = re.compile(r"\n{3,}")
# Control and format characters carry no text; tabs and newlines are handled as whitespace.
_CONTROL = {c for c in map(chr, range(0x20)) if c not in "\t\n\r"} | {"\x7f", "\ufeff"}


@dataclass(frozen=True)
class CleanedHtml:
    text: str
    title: str
    published: str | None
    url: str | None
    sitename: str


def normalise_whitespace(text: str) -> str:
    """Unify line endings and spaces, strip each line, keep paragraph breaks as one blank line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(ch for ch in text if ch not in _CONTROL)
    lines = [_HSPACE.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def is_boilerplate(paragraph: str) -> bool:
    paragraph = paragraph.strip()
    return len(paragraph) < 400 and bool(BOILERPLATE.match(paragraph))


def drop_boilerplate(text: str) -> str:
    """Remove paragraphs (and single lines) that are publisher boilerplate."""
    paragraphs = []
    for paragraph in text.split("\n\n"):
        lines = [line for line in paragraph.split("\n") if not is_boilerplate(line)]
        if lines:
            paragraphs.append("\n".join(lines))
    return "\n\n".join(paragraphs)


def clean_text(text: str) -> str:
    return normalise_whitespace(drop_boilerplate(normalise_whitespace(text)))


def clean_html(html: str) -> CleanedHtml:
    """Main text of a page with trafilatura (paragraphs kept), then our own boilerplate filter."""
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
    meta = doc
    return CleanedHtml(
        text=clean_text(_paragraphs(body)),
        title=normalise_whitespace(getattr(meta, "title", None) or "")[:500],
        published=getattr(meta, "date", None),
        url=getattr(meta, "url", None),
        sitename=normalise_whitespace(getattr(meta, "sitename", None) or "")[:200],
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
