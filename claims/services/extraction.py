"""Run the extractor on an article and store its output as Speaker / Quote / Claim rows (worker side).

This module imports the spaCy pipeline, so only Celery workers and commands import it; pages and the
API queue extraction through `claims.services.articles`.

`apply_extraction` is the only writer of model output. It is idempotent (same input → same rows)
and never overwrites what a person did: fields listed in `human_fields` and whole items that were
verified or rejected stay exactly as they are.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from claims.models import Article, Claim, Quote, ReviewedSpan, ReviewEvent, ReviewStatus
from claims.nlp.pipeline import EXTRACTOR_VERSION, extract
from claims.nlp.spans import Extraction

from .speakers import SpeakerResolver

log = logging.getLogger(__name__)

MENTION_LIMIT = 300
CUE_LIMIT = 200
ERROR_LIMIT = 5000
RELATIONS = ("speaker", "quote")  # fields compared by id


def article_extract(*, article_id: int) -> Article | None:
    """Claim the article, extract, store. Returns None when there is nothing to do (already extracted)."""
    claimed = (
        Article.objects.filter(pk=article_id)
        .exclude(status=Article.Status.EXTRACTED, extractor_version=EXTRACTOR_VERSION)
        .update(
            status=Article.Status.PROCESSING,
            attempts=F("attempts") + 1,
            status_changed_at=timezone.now(),
            error="",
        )
    )
    if not claimed:
        return None
    text = Article.objects.values_list("body_text", flat=True).get(pk=article_id)
    extraction = extract(text, model=settings.SPACY_MODEL)  # slow part, outside any transaction
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article_id)
        apply_extraction(article=article, extraction=extraction, version=EXTRACTOR_VERSION)
        article.status = Article.Status.EXTRACTED
        article.extractor_version = EXTRACTOR_VERSION
        article.status_changed_at = timezone.now()
        article.save(update_fields=["status", "extractor_version", "status_changed_at", "updated_at"])
    return article


def article_mark_failed(*, article_id: int, error: str) -> None:
    Article.objects.filter(pk=article_id).update(
        status=Article.Status.FAILED, error=error[:ERROR_LIMIT], status_changed_at=timezone.now()
    )


def apply_extraction(*, article: Article, extraction: Extraction, version: str) -> None:
    """Upsert quotes and claims by span; drop stale untouched model items; keep every human edit."""
    speakers = SpeakerResolver()
    quotes = {(q.start, q.end): q for q in article.quotes.all()}
    new_quotes: list[Quote] = []
    seen: set[tuple[int, int]] = set()
    quote_for_index: dict[int, Quote] = {}
    for index, qspan in enumerate(extraction.quotes):
        key = (qspan.start, qspan.end)
        seen.add(key)
        values: dict[str, Any] = {
            "text": qspan.text,
            "kind": qspan.kind,
            "speaker": speakers.speaker_with_alias(
                qspan.speaker, qspan.speaker_mention, kind=qspan.speaker_kind, role=qspan.speaker_role
            ),
            "speaker_mention": (qspan.speaker_mention or "")[:MENTION_LIMIT],
            "speaker_start": qspan.speaker_start,
            "speaker_end": qspan.speaker_end,
            "cue": (qspan.cue or "")[:CUE_LIMIT],
            "confidence": _unit(qspan.confidence),
            "attribution_reason": qspan.reason or "",
        }
        quote = quotes.get(key)
        if quote is None:
            quote = Quote(article=article, start=qspan.start, end=qspan.end, extractor_version=version, **values)
            new_quotes.append(quote)
        else:
            _update_model_fields(quote, values, version)
        quote_for_index[index] = quote
    Quote.objects.bulk_create(new_quotes)
    _delete_stale(Quote, quotes, seen)

    claims = {(c.start, c.end): c for c in article.claims.all()}
    new_claims: list[Claim] = []
    seen = set()
    for cspan in extraction.claims:
        key = (cspan.start, cspan.end)
        seen.add(key)
        in_quote = quote_for_index.get(cspan.quote_index) if cspan.quote_index is not None else None
        values = {
            "text": cspan.text,
            "quote": in_quote,
            "speaker": in_quote.speaker if in_quote is not None else speakers.speaker(cspan.speaker),
            "checkworthiness": _unit(cspan.checkworthiness),
            "signals": list(cspan.signals),
        }
        claim = claims.get(key)
        if claim is None:
            new_claims.append(
                Claim(article=article, start=cspan.start, end=cspan.end, extractor_version=version, **values)
            )
        else:
            _update_model_fields(claim, values, version)
    Claim.objects.bulk_create(new_claims)
    _delete_stale(Claim, claims, seen)

    extracted = {"version": version}
    ReviewEvent.objects.bulk_create(
        [ReviewEvent(article=article, quote=q, action="extracted", new_value=extracted) for q in new_quotes]
        + [ReviewEvent(article=article, claim=c, action="extracted", new_value=extracted) for c in new_claims]
    )


def _unit(value: float) -> float:
    return min(1.0, max(0.0, float(value)))


def _update_model_fields(row: ReviewedSpan, values: dict[str, Any], version: str) -> None:
    """Refresh the model's fields on a row nobody has reviewed, leaving every human-set field alone."""
    if row.is_reviewed:
        return
    changed = []
    for field, value in values.items():
        if field in row.human_fields:
            continue
        current = getattr(row, field + "_id") if field in RELATIONS else getattr(row, field)
        new = value.pk if field in RELATIONS and value is not None else value
        if current != new:
            setattr(row, field, value)
            changed.append(field)
    if changed:
        row.extractor_version = version
        row.version += 1
        row.save(update_fields=[*changed, "extractor_version", "version", "updated_at"])


def _delete_stale(
    model: type[Quote] | type[Claim], rows_by_span: dict[tuple[int, int], Any], seen: set[tuple[int, int]]
) -> None:
    """Delete the model's old items the new run no longer finds, unless a person ever acted on them."""
    stale = {row.pk for key, row in rows_by_span.items() if key not in seen and _untouched(row)}
    if not stale:
        return
    # a row someone acted on (assigned, commented, then undone) is kept too: one query for all of them
    stale -= set(model.objects.filter(pk__in=stale, events__actor__isnull=False).values_list("pk", flat=True))
    model.objects.filter(pk__in=stale).delete()


def _untouched(row: ReviewedSpan) -> bool:
    return (
        row.status == ReviewStatus.PENDING
        and not row.human_fields
        and row.reviewer_id is None
        and row.assigned_to_id is None
    )
