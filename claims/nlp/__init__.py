"""Quote, speaker and claim extraction with spaCy; pure Python, no Django."""

from .pipeline import EXTRACTOR_VERSION, extract, extract_many, iter_extract, load
from .spans import ClaimSpan, Extraction, QuoteSpan

__all__ = [
    "EXTRACTOR_VERSION",
    "ClaimSpan",
    "Extraction",
    "QuoteSpan",
    "extract",
    "extract_many",
    "iter_extract",
    "load",
]
