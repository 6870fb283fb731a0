"""Cursor pagination: pages stay stable while new rows arrive. Cursors are signed, so a tampered or
made-up cursor is a 400 rather than a surprise query."""

from base64 import b64decode, b64encode
from urllib import parse

from django.core import signing
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import Cursor, CursorPagination, _positive_int
from rest_framework.utils.urls import replace_query_param

_SIGNER = signing.Signer(salt="claims.api.cursor")


class IdCursorPagination(CursorPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
    ordering = "id"
    invalid_cursor_message = "The cursor is invalid; use the next/previous links exactly as returned."

    def encode_cursor(self, cursor):
        tokens = {}
        if cursor.offset != 0:
            tokens["o"] = str(cursor.offset)
        if cursor.reverse:
            tokens["r"] = "1"
        if cursor.position is not None:
            tokens["p"] = cursor.position
        signed = _SIGNER.sign(parse.urlencode(tokens, doseq=True))
        encoded = b64encode(signed.encode()).decode("ascii")
        return replace_query_param(self.base_url or "", self.cursor_query_param, encoded)

    def decode_cursor(self, request):
        encoded = request.query_params.get(self.cursor_query_param)
        if encoded is None:
            return None
        try:
            querystring = _SIGNER.unsign(b64decode(encoded.encode("ascii"), validate=True).decode())
            tokens = parse.parse_qs(querystring, keep_blank_values=True)
            offset = _positive_int(tokens.get("o", ["0"])[0], cutoff=self.offset_cutoff)
            reverse = bool(int(tokens.get("r", ["0"])[0]))
            position = tokens.get("p", [None])[0]
        except (ValueError, TypeError, UnicodeError, signing.BadSignature):
            raise ValidationError({"cursor": [self.invalid_cursor_message]}) from None
        return Cursor(offset=offset, reverse=reverse, position=position)  # type: ignore[arg-type]  # an ordering value

    def get_page_size(self, request):
        try:
            return super().get_page_size(request)
        except (TypeError, ValueError, OverflowError):
            return self.page_size
