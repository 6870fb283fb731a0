"""Small server-rendered charts (no JavaScript, no chart library), as HTML: a column chart and stacked bars.

HTML rather than SVG so the text never shrinks with the chart: labels stay at the page's font size (at
least 12 px) on a phone, and the legend wraps instead of running off the edge. Every bar and segment can
link somewhere (the dashboard links them to the queue filtered to what they count). Every label passes
through format_html, so names from articles cannot inject markup.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

# Colour-blind-safe palette (Okabe–Ito) in a fixed order per category.
PALETTE = ["#0072B2", "#009E73", "#E69F00", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#7f7f7f"]
LABEL_LIMIT = 28
MAX_TICKS = 8


@dataclass(frozen=True)
class Series:
    label: str
    color: str


@dataclass(frozen=True)
class Bar:
    """One row of a stacked-bar chart: its label, a count per series, and a link per series (optional)."""

    label: str
    counts: dict[str, int]
    links: dict[str, str] = field(default_factory=dict)
    link: str = ""  # the row label's link


def column_chart(
    points: Sequence[tuple[str, int]], *, title: str, color: str = PALETTE[0], links: Sequence[str] = ()
) -> SafeString:
    """Vertical columns, one per (label, value), each linking to `links[i]` when given; labels thinned."""
    if not points:
        return _empty(title)
    top = max(value for _, value in points) or 1
    every = max(1, round(len(points) / MAX_TICKS))
    columns = []
    for i, (label, value) in enumerate(points):
        href = links[i] if i < len(links) else ""
        tip = f"{label}: {value}"
        bar = format_html(
            '<span class="col-bar" style="height: {}%; background: {}"></span>', f"{100 * value / top:.1f}", color
        )
        cell = (
            format_html('<a class="col" href="{}" title="{}" aria-label="{}">{}</a>', href, tip, tip, bar)
            if href and value
            else format_html('<span class="col" title="{}">{}</span>', tip, bar)
        )
        shown = i % every == 0
        alternate = shown and (i // every) % 2 == 1  # hidden on narrow screens, where half the labels fit
        tick = format_html(
            '<span class="col-tick{}">{}</span>', " tick-alt" if alternate else "", label if shown else ""
        )
        columns.append(format_html('<li class="col-cell">{}{}</li>', cell, tick))
    return format_html(
        '<figure class="chart chart-columns" aria-label="{}"><figcaption class="sr-only">{}</figcaption>'
        '<div class="col-axis"><span class="col-max">{}</span><span class="col-zero">0</span></div>'
        '<ol class="col-list">{}</ol></figure>',
        title,
        title,
        top,
        format_html_join("", "{}", ((c,) for c in columns)),
    )


def stacked_bars(rows: Sequence[Bar | tuple[str, dict[str, int]]], series: list[Series], *, title: str) -> SafeString:
    """Horizontal bars, one per row, each split into the series' counts (segments link where the row says),
    with a legend that wraps."""
    bars = [row if isinstance(row, Bar) else Bar(row[0], row[1]) for row in rows]
    bars = [bar for bar in bars if sum(bar.counts.values())]
    if not bars:
        return _empty(title)
    top = max(sum(bar.counts.values()) for bar in bars)
    legend = format_html_join(
        "",
        '<li><span class="swatch" style="background: {}"></span>{}</li>',
        ((s.color, s.label) for s in series),
    )
    items = []
    for bar in bars:
        segments = []
        for s in series:
            value = bar.counts.get(s.label, 0)
            if not value:
                continue
            tip = f"{bar.label}: {value} {s.label.lower()}"
            width = f"{100 * value / top:.2f}"
            href = bar.links.get(s.label, "")
            tag = (
                format_html(
                    '<a class="seg" href="{}" style="width: {}%; background: {}" title="{}" aria-label="{}"></a>',
                    href,
                    width,
                    s.color,
                    tip,
                    tip,
                )
                if href
                else format_html(
                    '<span class="seg" style="width: {}%; background: {}" title="{}"></span>', width, s.color, tip
                )
            )
            segments.append(tag)
        label = _short(bar.label, LABEL_LIMIT)
        label_html = (
            format_html('<a class="hbar-label" href="{}" title="{}">{}</a>', bar.link, bar.label, label)
            if bar.link
            else format_html('<span class="hbar-label" title="{}">{}</span>', bar.label, label)
        )
        items.append(
            format_html(
                '<li class="hbar">{}<span class="hbar-track">{}</span><span class="hbar-total">{}</span></li>',
                label_html,
                format_html_join("", "{}", ((seg,) for seg in segments)),
                sum(bar.counts.values()),
            )
        )
    return format_html(
        '<figure class="chart chart-bars" aria-label="{}"><figcaption class="sr-only">{}</figcaption>'
        '<ul class="chart-legend">{}</ul><ol class="hbars">{}</ol></figure>',
        title,
        title,
        legend,
        format_html_join("", "{}", ((item,) for item in items)),
    )


def _empty(title: str) -> SafeString:
    return format_html('<p class="chart-empty muted">{}: nothing to show yet.</p>', title)


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
