"""Bytes of a fetched page → text, in the character set the page is really written in.

A UTF-8 page served without a charset parameter used to be read as ISO-8859-1 (requests' default for
text/*), so "£22" became "Â£22" and curly quotes turned into "â€œ". The order here is the browsers':
a byte-order mark, then the HTTP header's charset, then the document's own declaration (`<meta charset>`,
`<meta http-equiv="Content-Type">`, or the XML declaration), then detection by charset-normalizer
(which requests ships with), and UTF-8 as the last resort. Undecodable bytes become U+FFFD rather than
failing the fetch.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

_SNIFF_BYTES = 4096
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.IGNORECASE)
_XML_DECLARATION = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:\-]+)["']""", re.IGNORECASE)
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# The WHATWG encoding standard reads these labels as windows-1252 (a superset browsers use).
_WINDOWS_1252 = {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1", "us-ascii", "ascii", "cp819"}


def codec_for(label: str | None) -> str | None:
    """A Python codec name for a charset label, or None for an unknown or missing one."""
    if not label:
        return None
    label = label.strip().lower()
    if label in _WINDOWS_1252:
        return "cp1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def declared_charset(body: bytes) -> str | None:
    """The charset the document declares in its first bytes (meta tag or XML declaration)."""
    head = body[:_SNIFF_BYTES]
    match = _XML_DECLARATION.search(head) or _META_CHARSET.search(head)
    return match.group(1).decode("ascii", "ignore") if match else None


def detect_encoding(body: bytes, header_charset: str | None = None) -> tuple[str, str]:
    """(codec, how it was chosen): "bom", "header", "declaration", "detected" or "default"."""
    for bom, bom_codec in _BOMS:
        if body.startswith(bom):
            return bom_codec, "bom"
    if header := codec_for(header_charset):
        return header, "header"
    if declared := codec_for(declared_charset(body)):
        return declared, "declaration"
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        best = from_bytes(body[: 256 * 1024]).best()
        if best is not None and (detected := codec_for(best.encoding)):
            return detected, "detected"
        return "utf-8", "default"
    return "utf-8", "detected"  # valid UTF-8 is almost never anything else


def decode_page(body: bytes, header_charset: str | None = None) -> str:
    """The page as text (see the module docstring for the order of evidence)."""
    codec, _ = detect_encoding(body, header_charset)
    return body.decode(codec, errors="replace")
