"""Links from outside: only http(s) URLs are stored, and every rendered link is checked again.

A `javascript:` or `data:` URL stored as an article's or a piece of evidence's address would run script
on every page that renders it as a link (the public fact-check page among them). Models validate with
`http_url_validator`, services call `http_url_or_none`, and templates render links through the
`safe_href` filter (claims/templatetags/links.py), which drops anything that is not http(s).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

SCHEMES = ("http", "https")

http_url_validator = URLValidator(schemes=list(SCHEMES), message="Enter an http:// or https:// URL.")


def is_http_url(value: object) -> bool:
    """An absolute http(s) URL with a host (and no control characters or whitespace that browsers strip)."""
    if not isinstance(value, str) or not value or value != value.strip():
        return False
    if any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in value):
        return False
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return parts.scheme.lower() in SCHEMES and bool(parts.hostname)


def http_url_or_none(value: str | None) -> str | None:
    """The URL, stripped, when it is http(s); None for empty; ValidationError for anything else."""
    value = (value or "").strip()
    if not value:
        return None
    if not is_http_url(value):
        raise ValidationError(f"Only http:// and https:// URLs can be stored, not {value[:60]!r}.")
    return value


def safe_href(value: object) -> str:
    """`value` if it is an http(s) URL, else "" (templates then render no link)."""
    return value if isinstance(value, str) and is_http_url(value) else ""
