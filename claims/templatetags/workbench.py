"""Template helpers for the reviewer pages."""

from datetime import date, datetime
from functools import cache

from django import template
from django.template.defaultfilters import date as date_filter
from django.urls import get_script_prefix, get_urlconf, reverse

from claims import roles
from claims.scores import checkworthiness_level, confidence_level
from claims.selectors.queue import open_assigned_count

register = template.Library()


@register.filter
def pct(value: object) -> str:
    """0.734 -> "73" (a string: skips number localisation, which is slow in long lists)"""
    try:
        return str(round(float(value) * 100))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return "0"


@register.filter
def is_editor(user: object) -> bool:
    """`user|is_editor`: the role check pages ask (claims.roles), from the groups the role middleware
    already read, rather than two queries for the user's model permissions."""
    return roles.is_editor(user)  # type: ignore[arg-type]


@register.filter
def level(value: object, kind: str = "confidence") -> str:
    """high / medium / low for a 0–1 score: attribution confidence, or check-worthiness (`|level:"worth"`)."""
    score = float(value or 0)  # type: ignore[arg-type]
    return confidence_level(score) if kind == "confidence" else checkworthiness_level(score)


# The one date format of the site ("2 Dec 2026"), with the time where it matters ("2 Dec 2026, 14:05").
DAY_FORMAT = "j M Y"
STAMP_FORMAT = "j M Y, H:i"


@register.filter
def day(value: date | datetime | None) -> str:
    """A date or timestamp as "2 Dec 2026" (local time); "" for none."""
    return date_filter(value, DAY_FORMAT) if value else ""


@register.filter
def stamp(value: date | datetime | None) -> str:
    """A timestamp as "2 Dec 2026, 14:05" (local time); "" for none."""
    return date_filter(value, STAMP_FORMAT) if value else ""


@register.simple_tag
def my_queue_count(user: object) -> int:
    """Open items assigned to `user` (the nav's "My queue (n)")."""
    return open_assigned_count(user)


@register.simple_tag
def fixed_url(name: str) -> str:
    """`{% fixed_url 'claims:queue' %}`: `{% url %}` for a URL that takes no arguments, reversed once per URL
    prefix and URLconf rather than on every render. The nav alone has ten such links on every page, and each
    `{% url %}` walks the resolver (a tenth of the reader's template time). Escaped like `{% url %}`'s output."""
    return _reversed(name, get_script_prefix(), get_urlconf())


@cache
def _reversed(name: str, prefix: str, urlconf: str | None) -> str:
    return reverse(name, urlconf=urlconf)
