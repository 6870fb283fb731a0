"""Template helpers for the reviewer pages."""

from django import template

register = template.Library()


@register.filter
def pct(value) -> str:
    """0.734 -> "73" (a string: skips number localisation, which is slow in long lists)"""
    try:
        return str(round(float(value) * 100))
    except (TypeError, ValueError):
        return "0"


@register.filter
def level(value, kind: str = "confidence") -> str:
    """high / medium / low for a 0–1 score, with the thresholds the reader uses."""
    value = float(value or 0)
    high, medium = (0.75, 0.5) if kind == "confidence" else (0.7, 0.4)
    return "high" if value >= high else "medium" if value >= medium else "low"
