"""Turn an article's body_text plus quote/claim spans into escaped reader HTML with nested highlights.

Pure functions, no database: `segments()` cuts the text into non-overlapping pieces, each with
the spans covering it; `render()` walks them per paragraph and emits well-formed, properly nested
elements, closing and reopening a span where spans cross or a quote runs over a paragraph break.
All article text and attribute values are escaped, so `<script>` in an article stays text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from html import escape as _escape
from itertools import pairwise

from django.utils.safestring import SafeString, mark_safe

PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n\s*")


def escape(value: object) -> str:
    """HTML-escaped text, as django.utils.html.escape gives it, without its lazy-string wrapper (called
    for every piece of text and attribute of the article: a tenth of the reader's render time)."""
    return _escape(str(value))


@dataclass(frozen=True)
class Span:
    """One highlighted item. `key` must be unique per render, e.g. "quote-12"."""

    key: str
    start: int
    end: int
    classes: tuple[str, ...] = ()
    data: dict = field(default_factory=dict, hash=False, compare=False)
    title: str = ""
    label: str = ""  # shown in a small tag right after the span ends (e.g. the speaker)
    label_class: str = "hl-label"
    # Between two spans with the same offsets, the lower rank is the outer element.
    rank: int = 0


@dataclass(frozen=True)
class Segment:
    start: int
    end: int
    text: str
    spans: tuple[Span, ...]  # outermost first


def _outer_first(span: Span):
    return (span.start, -span.end, span.rank, span.key)


def _valid(spans, length: int) -> list[Span]:
    return [s for s in spans if 0 <= s.start < s.end <= length]


def segments(text: str, spans) -> list[Segment]:
    """Cover `text` with non-overlapping segments; each lists the spans that contain it, outermost first.

    Spans whose offsets fall outside the text are ignored (they cannot be shown faithfully).
    """
    spans = sorted(_valid(spans, len(text)), key=_outer_first)
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    result = []
    for start, end in pairwise(cuts):
        covering = tuple(s for s in spans if s.start <= start and end <= s.end)
        result.append(Segment(start, end, text[start:end], covering))
    return result


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph; paragraphs are separated by one or more blank lines."""
    bounds, pos = [], 0
    for match in PARAGRAPH_BREAK.finditer(text):
        if match.start() > pos:
            bounds.append((pos, match.start()))
        pos = match.end()
    if pos < len(text):
        bounds.append((pos, len(text)))
    return bounds


def _open_tag(span: Span, first: bool) -> str:
    classes = " ".join(("hl", *span.classes, *(() if first else ("hl-cont",))))
    attrs = [f'class="{escape(classes)}"']
    if first:
        attrs.append(f'id="{escape(span.key)}"')
    attrs.extend(f'data-{escape(name)}="{escape(value)}"' for name, value in span.data.items())
    if span.title:
        attrs.append(f'title="{escape(span.title)}"')
    return f"<span {' '.join(attrs)}>"


def _text_html(text: str) -> str:
    return escape(text).replace("\n", "<br>")


def render(text: str, spans) -> SafeString:
    """The article as `<p>` paragraphs with every span highlighted; safe to insert into a template."""
    spans = _valid(spans, len(text))
    opened: set[str] = set()
    out: list[str] = []
    full = {s.key: s for s in spans}
    bounds = paragraphs(text)
    starts = [p_start for p_start, _ in bounds]
    by_paragraph: list[list[Span]] = [[] for _ in bounds]
    for s in spans:  # each span goes to the paragraphs it overlaps: O(spans · log paragraphs)
        index = max(bisect_right(starts, s.start) - 1, 0)
        while index < len(bounds) and bounds[index][0] < s.end:
            if s.start < bounds[index][1]:
                by_paragraph[index].append(s)
            index += 1
    for (p_start, p_end), touching in zip(bounds, by_paragraph, strict=True):
        inside = [
            Span(
                s.key,
                max(s.start, p_start),
                min(s.end, p_end),
                s.classes,
                s.data,
                s.title,
                s.label,
                s.label_class,
                s.rank,
            )
            for s in touching
        ]
        html: list[str] = [f'<p data-start="{p_start}">']
        stack: list[Span] = []
        for seg in segments(text[p_start:p_end], [_shift(s, -p_start) for s in inside]):
            want = seg.spans
            depth = 0
            while depth < len(stack) and depth < len(want) and stack[depth].key == want[depth].key:
                depth += 1
            _close_to(html, stack, full, depth, p_start + seg.start)
            for span in want[depth:]:
                html.append(_open_tag(full[span.key], span.key not in opened))
                opened.add(span.key)
                stack.append(span)
            html.append(_text_html(seg.text))
        _close_to(html, stack, full, 0, p_end)
        html.append("</p>")
        out.append("".join(html))
    return mark_safe("\n".join(out))


def _close_to(html: list[str], stack: list[Span], full: dict[str, Span], depth: int, at: int) -> None:
    """Close open spans down to `depth`, each followed by its label once the span has really ended."""
    while len(stack) > depth:
        span = stack.pop()
        html.append("</span>")
        original = full[span.key]
        if original.label and original.end <= at:
            html.append(
                f'<span class="{escape(original.label_class)}" aria-hidden="true">{escape(original.label)}</span>'
            )


def _shift(span: Span, delta: int) -> Span:
    return Span(
        span.key,
        span.start + delta,
        span.end + delta,
        span.classes,
        span.data,
        span.title,
        span.label,
        span.label_class,
        span.rank,
    )
