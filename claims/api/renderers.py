"""Renderers for the export formats; with them DRF picks the format from `?format=` or the Accept header.

The export views stream their own bodies, so these only take part in negotiation (and render errors).
"""

import json

from django.http import Http404
from rest_framework.exceptions import ValidationError
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.renderers import BaseRenderer
from rest_framework.renderers import JSONRenderer as DRFJSONRenderer


class JSONRenderer(DRFJSONRenderer):
    """DRF's JSON renderer, but a string that cannot be UTF-8 (a lone surrogate a client sent, echoed back in
    an error) is written as a \\u escape instead of failing the response with a 500."""

    def render(self, data, accepted_media_type=None, renderer_context=None):
        try:
            return super().render(data, accepted_media_type, renderer_context)
        except UnicodeEncodeError:
            return json.dumps(data, cls=self.encoder_class, ensure_ascii=True, allow_nan=False).encode("ascii")


class _TextRenderer(BaseRenderer):
    charset = "utf-8"

    @property
    def content_type_header(self) -> str:
        return f"{self.media_type}; charset={self.charset}"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return json.dumps(data).encode()


class JSONLinesRenderer(_TextRenderer):
    media_type = "application/x-ndjson"
    format = "jsonl"


class CSVRenderer(_TextRenderer):
    media_type = "text/csv"
    format = "csv"


class JSONLDRenderer(JSONRenderer):
    media_type = "application/ld+json"
    format = "jsonld"
    content_type_header = "application/ld+json"


class ExportJSONRenderer(JSONRenderer):
    content_type_header = "application/json"


EXPORT_RENDERERS = [ExportJSONRenderer, JSONLinesRenderer, CSVRenderer]


class ExportNegotiation(DefaultContentNegotiation):
    """An unknown `?format=` is a 400 naming the formats on offer, not DRF's bare 404."""

    def select_renderer(self, request, renderers, format_suffix=None):
        try:
            return super().select_renderer(request, renderers, format_suffix)
        except Http404:
            formats = ", ".join(r.format for r in renderers)
            raise ValidationError({"format": [f"Unknown format; use one of {formats}."]}) from None
