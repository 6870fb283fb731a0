"""Template helpers for the reviewer pages."""

from django import template

from claims.scores import checkworthiness_level, confidence_level

register = template.Library()


@register.filter
def pct(value: object) -> str:
    """0.734 -> "73" (a string: skips number localisation, which is slow in long lists)"""
    try:
        return str(round(float(value) * 100))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return "0"


@register.filter
def level(value: object, kind: str = "confidence") -> str:
    """high / medium / low for a 0–1 score: attribution confidence, or check-worthiness (`|level:"worth"`)."""
    score = float(value or 0)  # type: ignore[arg-type]
    return confidence_level(score) if kind == "confidence" else checkworthiness_level(score)
