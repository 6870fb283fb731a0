"""Small server-rendered SVG charts (no JavaScript, no chart library): column and stacked-bar charts.

Every label passes through format_html, so names from articles cannot inject markup.
"""

from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

# Colour-blind-safe palette (Okabe–Ito) in a fixed order per category.
PALETTE = ["#0072B2", "#009E73", "#E69F00", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#7f7f7f"]


@dataclass(frozen=True)
class Series:
    label: str
    color: str


def column_chart(
    points: list[tuple[str, int]], *, title: str, color: str = PALETTE[0], height: int = 180, width: int = 640
) -> SafeString:
    """Vertical columns, one per (label, value); labels thinned so they never overlap."""
    if not points:
        return _empty(title)
    top = max(value for _, value in points) or 1
    pad_left, pad_bottom, pad_top = 36, 28, 10
    inner_w, inner_h = width - pad_left - 8, height - pad_bottom - pad_top
    step = inner_w / len(points)
    bar_w = max(2.0, step * 0.72)
    every = max(1, round(len(points) / 8))
    bars, labels = [], []
    for i, (label, value) in enumerate(points):
        h = inner_h * value / top
        x = pad_left + i * step + (step - bar_w) / 2
        y = pad_top + inner_h - h
        bars.append((f"{x:.1f}", f"{y:.1f}", f"{bar_w:.1f}", f"{h:.1f}", color, f"{label}: {value}"))
        if i % every == 0:
            labels.append((f"{x + bar_w / 2:.1f}", height - 8, label))
    body = format_html_join(
        "", '<rect x="{}" y="{}" width="{}" height="{}" fill="{}" rx="2"><title>{}</title></rect>', bars
    )
    ticks = format_html_join("", '<text x="{}" y="{}" text-anchor="middle" class="chart-tick">{}</text>', labels)
    axis = format_html(
        '<line x1="{}" y1="{}" x2="{}" y2="{}" class="chart-axis"/>'
        '<text x="{}" y="{}" text-anchor="end" class="chart-tick">{}</text>'
        '<text x="{}" y="{}" text-anchor="end" class="chart-tick">0</text>',
        pad_left,
        pad_top + inner_h,
        width - 8,
        pad_top + inner_h,
        pad_left - 6,
        pad_top + 8,
        top,
        pad_left - 6,
        pad_top + inner_h,
    )
    return _svg(title, width, height, axis + body + ticks)


def stacked_bars(
    rows: list[tuple[str, dict[str, int]]], series: list[Series], *, title: str, width: int = 640, bar_h: int = 22
) -> SafeString:
    """Horizontal bars, one per row, each split into the series' counts, with a legend."""
    rows = [(label, counts) for label, counts in rows if sum(counts.values())]
    if not rows:
        return _empty(title)
    label_w, gap, legend_h = 170, 8, 26
    inner_w = width - label_w - 50
    top = max(sum(counts.values()) for _, counts in rows)
    height = legend_h + len(rows) * (bar_h + gap)
    parts = []
    for r, (label, counts) in enumerate(rows):
        y = legend_h + r * (bar_h + gap)
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="end" class="chart-label">{}</text>',
                label_w - 8,
                y + bar_h * 0.7,
                _short(label, 26),
            )
        )
        x = float(label_w)
        for s in series:
            value = counts.get(s.label, 0)
            if not value:
                continue
            w = inner_w * value / top
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}: {} {}</title></rect>',
                    f"{x:.1f}",
                    y,
                    f"{w:.1f}",
                    bar_h,
                    s.color,
                    label,
                    value,
                    s.label,
                )
            )
            x += w
        parts.append(
            format_html(
                '<text x="{}" y="{}" class="chart-tick">{}</text>',
                f"{x + 6:.1f}",
                y + bar_h * 0.7,
                sum(counts.values()),
            )
        )
    legend, x = [], label_w
    for s in series:
        legend.append(
            format_html(
                '<rect x="{}" y="4" width="12" height="12" fill="{}" rx="2"/>'
                '<text x="{}" y="14" class="chart-tick">{}</text>',
                x,
                s.color,
                x + 16,
                s.label,
            )
        )
        x += 22 + 7 * len(s.label)
    return _svg(title, width, height, mark_safe("".join(legend + parts)))


def _svg(title: str, width: int, height: int, body) -> SafeString:
    return format_html(
        '<svg class="chart" viewBox="0 0 {} {}" role="img" aria-label="{}" preserveAspectRatio="xMinYMin meet">'
        "<title>{}</title>{}</svg>",
        width,
        height,
        title,
        title,
        body,
    )


def _empty(title: str) -> SafeString:
    return format_html('<p class="chart-empty muted">{}: nothing to show yet.</p>', title)


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
