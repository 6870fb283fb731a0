"""Request parsers: JSON that a client can nest or encode badly without ever causing a 500.

`[[[[…]]]]` a hundred thousand levels deep makes Python's JSON decoder raise RecursionError (on every
JSON write endpoint); it is a 400 like any other malformed body. Nesting deeper than MAX_DEPTH is
refused before decoding, since no input of this API nests more than a few levels.
"""

import json

from django.conf import settings
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser as DRFJSONParser

MAX_DEPTH = 64


def nesting_depth(text: str) -> int:
    """The deepest [ / { nesting of a JSON text (brackets inside strings are skipped)."""
    depth = deepest = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
            if deepest > MAX_DEPTH:
                return deepest
        elif ch in "]}":
            depth -= 1
    return deepest


class JSONParser(DRFJSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        parser_context = parser_context or {}
        encoding = parser_context.get("encoding", settings.DEFAULT_CHARSET)
        try:
            text = stream.read().decode(encoding) if stream is not None else ""
        except UnicodeDecodeError as exc:
            raise ParseError(f"JSON parse error - the body is not valid {encoding} (byte {exc.start}).") from None
        if text.count("[") + text.count("{") > MAX_DEPTH and nesting_depth(text) > MAX_DEPTH:
            raise ParseError(f"JSON parse error - nested deeper than {MAX_DEPTH} levels.")
        try:
            return json.loads(text, parse_constant=_no_constant)
        except RecursionError:
            raise ParseError("JSON parse error - nested too deeply.") from None
        except ValueError as exc:
            raise ParseError(f"JSON parse error - {exc}".encode("utf-8", "backslashreplace").decode()) from None


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not valid JSON")
