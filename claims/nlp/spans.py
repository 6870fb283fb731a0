"""The extractor's output dataclasses: QuoteSpan, ClaimSpan and Extraction."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class QuoteSpan:
    start: int
    end: int
    text: str
    kind: str  # "direct" | "partial" | "indirect"
    speaker: str | None
    speaker_mention: str | None
    speaker_start: int | None
    speaker_end: int | None
    speaker_kind: str | None  # "person" | "organisation" | None
    speaker_role: str | None
    cue: str | None
    confidence: float
    reason: str


@dataclass(frozen=True)
class ClaimSpan:
    start: int
    end: int
    text: str
    checkworthiness: float
    signals: tuple[str, ...]
    speaker: str | None
    quote_index: int | None


@dataclass(frozen=True)
class Extraction:
    quotes: list[QuoteSpan] = field(default_factory=list)
    claims: list[ClaimSpan] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "quotes": [asdict(q) for q in self.quotes],
            "claims": [{**asdict(c), "signals": list(c.signals)} for c in self.claims],
        }
