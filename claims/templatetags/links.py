"""`{{ url|safe_href }}`: every link to an outside address is checked again when it is rendered."""

from django import template

from claims.links import safe_href as _safe_href

register = template.Library()


@register.filter
def safe_href(value: object) -> str:
    """The URL when it is http(s), else "" (so a stored `javascript:` URL can never become a live link)."""
    return _safe_href(value)
