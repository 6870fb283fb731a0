"""Shared data of the review-integrity tests (issue 12), built with tests/factories.py: one newsroom article
with two quotes and two claims, and the extractor's spans as `apply_extraction` receives them."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from claims.models import Article, Claim, Quote
from claims.nlp.spans import ClaimSpan, QuoteSpan
from tests.factories import ArticleFactory, ClaimFactory, OutletFactory, QuoteFactory, SpeakerFactory

BODY = (
    "The council met on Monday. “We will build the sea wall by 2027,” Maria Lopez said. "
    "Crime fell by 20% last year, she added. John Smith, the opposition leader, disagreed. "
    "“The budget is a fantasy,” Smith told reporters. “Taxes will rise,” he said. "
    "Officials said unemployment stands at 7.9%, nearly twice the regional average."
)


def make_article(body: str = BODY, **fields) -> Article:
    fields.setdefault("outlet", OutletFactory(name="Demo Gazette"))
    fields.setdefault("url", f"https://gazette.example/{abs(hash(body)) % 10**8}")
    fields.setdefault("published_at", dt.datetime(2026, 3, 1, 8, tzinfo=dt.UTC))
    return ArticleFactory(body_text=body, title=fields.pop("title", "Sea wall"), **fields)


def make_quote(article: Article, text: str, **fields) -> Quote:
    return QuoteFactory(article=article, text=text, **fields)


def make_claim(article: Article, text: str, **fields) -> Claim:
    return ClaimFactory(article=article, text=text, **fields)


def newsroom_items(article: Article | None = None) -> dict:
    """Speakers, two quotes and two claims on the BODY article (all pending, nothing human-set)."""
    article = article or make_article()
    lopez = SpeakerFactory(name="Maria Lopez", description="mayor")
    smith = SpeakerFactory(name="John Smith", description="opposition leader")
    return {
        "article": article,
        "lopez": lopez,
        "smith": smith,
        "wall": make_quote(article, "We will build the sea wall by 2027", speaker=lopez, confidence=0.9,
                           speaker_mention="Maria Lopez", attribution_reason="PERSON 'Maria Lopez' is the subject of the cue"),
        "budget": make_quote(article, "The budget is a fantasy", speaker=smith, confidence=0.6),
        "crime": make_claim(article, "Crime fell by 20% last year", speaker=lopez, checkworthiness=0.9,
                            signals=["number", "comparison"]),
        "jobs": make_claim(article, "unemployment stands at 7.9%", checkworthiness=0.8, signals=["statistic"]),
    }  # fmt: skip


def ago(**delta) -> dt.datetime:
    return timezone.now() - dt.timedelta(**delta)


def quote_span(text: str, start: int, **fields) -> QuoteSpan:
    """A model quote as the extractor returns it."""
    values = {"kind": "direct", "speaker": None, "speaker_mention": None, "speaker_start": None, "speaker_end": None,
              "speaker_kind": "person", "speaker_role": None, "cue": "said", "confidence": 0.8, "reason": "model"}  # fmt: skip
    return QuoteSpan(start=start, end=start + len(text), text=text, **{**values, **fields})


def claim_span(text: str, start: int, **fields) -> ClaimSpan:
    values = {"checkworthiness": 0.7, "signals": ("number",), "speaker": None, "quote_index": None}
    return ClaimSpan(start=start, end=start + len(text), text=text, **{**values, **fields})
