"""The reader's lists of an article's quotes and claims, as light rows rather than model instances.

The reader shows every item of an article twice (highlight and side panel) but needs only a dozen
columns of each. Model instances cost more than reading the rows: with `only()` and the speaker
joined, building 20 quotes with their speakers took about as long as the query itself (two model
instances and a deferred-field setup per row). `values_list()` into a slotted dataclass gives the same
attributes at a fraction of the cost; the inspector loads the one selected item in full.
"""

from dataclasses import dataclass
from typing import ClassVar

from claims.models import Article, Claim, Quote

_SPAN = ("pk", "start", "end", "text", "status", "version", "speaker_id", "speaker__name")


@dataclass(frozen=True, slots=True)
class _SpanRow:
    """What the reader lists of any item (the columns of _SPAN, in order). `speaker_name` is None without a
    speaker."""

    pk: int
    start: int
    end: int
    text: str
    status: str
    version: int
    speaker_id: int | None
    speaker_name: str | None


@dataclass(frozen=True, slots=True)
class QuoteRow(_SpanRow):
    """A quote as the reader lists it."""

    model: ClassVar[type[Quote]] = Quote  # (before `type`, which the next line shadows in the class body)
    type: ClassVar[str] = "quote"

    kind: str
    speaker_mention: str
    confidence: float
    speaker_source: str


@dataclass(frozen=True, slots=True)
class ClaimRow(_SpanRow):
    """A claim as the reader lists it."""

    model: ClassVar[type[Claim]] = Claim  # (before `type`, which the next line shadows in the class body)
    type: ClassVar[str] = "claim"

    checkworthiness: float
    signals: list[str]
    verdict: str


_QUOTE_COLUMNS = (*_SPAN, "kind", "speaker_mention", "confidence", "speaker_source")
_CLAIM_COLUMNS = (*_SPAN, "checkworthiness", "signals", "verdict")


def reader_items(article: Article) -> tuple[list[QuoteRow], list[ClaimRow]]:
    """The article's quotes and claims in the models' default order (one query each, whatever their number)."""
    quotes = [QuoteRow(*row) for row in article.quotes.values_list(*_QUOTE_COLUMNS)]
    claims = [ClaimRow(*row) for row in article.claims.values_list(*_CLAIM_COLUMNS)]
    return quotes, claims
