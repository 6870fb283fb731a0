"""Run the extractor on an article and store its output as Speaker / Quote / Claim rows (worker side).

This module imports the spaCy pipeline, so only Celery workers and commands import it; pages and the
API queue extraction through `claims.services.articles`.

`apply_extraction` is the only writer of model output. It is idempotent (same input → same rows)
and never overwrites what a person did: fields listed in `human_fields` and whole items that were
verified or rejected stay exactly as they are. A model span that overlaps an item whose span a person
moved or added is that item (never a second copy of the same quote), and the model's changes to an item
are recorded in its history with the new version, so a reviewer's stale write is told what changed.

It takes the locks in the one order of `locks` — the article `FOR NO KEY UPDATE`, then its item rows —
so a reviewer's write to the same article waits for it rather than deadlocking with it.
"""

from __future__ import annotations

import logging
from typing import Any, TypeVar

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from claims.models import Article, Claim, Quote, ReviewedSpan, ReviewEvent, ReviewStatus
from claims.nlp.pipeline import EXTRACTOR_VERSION, extract
from claims.nlp.spans import Extraction

from .locks import display, lock_article
from .speakers import SpeakerResolver

log = logging.getLogger(__name__)

MENTION_LIMIT = 300
CUE_LIMIT = 200
ERROR_LIMIT = 5000
RELATIONS = ("speaker", "quote")  # fields compared by id

Item = TypeVar("Item", Quote, Claim)


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
        lock_article(article_id)  # first in the lock order; reviews of this article wait until we commit
        article = Article.objects.get(pk=article_id)
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
    with transaction.atomic():
        lock_article(article.pk)
        _apply(article, extraction, version)


def _apply(article: Article, extraction: Extraction, version: str) -> None:
    speakers = SpeakerResolver()
    history: list[ReviewEvent] = []
    quote_rows = list(article.quotes.select_for_update(of=("self",)).select_related("speaker").order_by("pk"))
    quotes = {(q.start, q.end): q for q in quote_rows}
    moved_quotes = [q for q in quote_rows if "start" in q.human_fields]
    new_quotes: list[Quote] = []
    seen: set[tuple[int, int]] = set()
    quote_for_index: dict[int, Quote] = {}
    for index, qspan in enumerate(extraction.quotes):
        key = (qspan.start, qspan.end)
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
        quote = quotes.get(key) or _overlapping(moved_quotes, *key)
        if quote is None:
            quote = Quote(article=article, start=qspan.start, end=qspan.end, extractor_version=version, **values)
            new_quotes.append(quote)
        else:
            history += _update_model_fields(quote, values, version)
        seen.add((quote.start, quote.end))
        quote_for_index[index] = quote
    Quote.objects.bulk_create(new_quotes)
    _delete_stale(Quote, quotes, seen)

    claim_rows = list(article.claims.select_for_update(of=("self",)).select_related("speaker", "quote").order_by("pk"))
    claims = {(c.start, c.end): c for c in claim_rows}
    moved_claims = [c for c in claim_rows if "start" in c.human_fields]
    new_claims: list[Claim] = []
    seen = set()
    for cspan in extraction.claims:
        key = (cspan.start, cspan.end)
        in_quote = quote_for_index.get(cspan.quote_index) if cspan.quote_index is not None else None
        values = {
            "text": cspan.text,
            "quote": in_quote,
            "speaker": in_quote.speaker if in_quote is not None else speakers.speaker(cspan.speaker),
            "checkworthiness": _unit(cspan.checkworthiness),
            "signals": list(cspan.signals),
        }
        claim = claims.get(key) or _overlapping(moved_claims, *key)
        if claim is None:
            claim = Claim(article=article, start=cspan.start, end=cspan.end, extractor_version=version, **values)
            new_claims.append(claim)
        else:
            history += _update_model_fields(claim, values, version)
        seen.add((claim.start, claim.end))
    Claim.objects.bulk_create(new_claims)
    _delete_stale(Claim, claims, seen)

    extracted = {"version": version}
    ReviewEvent.objects.bulk_create(
        history
        + [
            ReviewEvent(article=article, quote=q, action="extracted", new_value=extracted, version=1)
            for q in new_quotes
        ]
        + [
            ReviewEvent(article=article, claim=c, action="extracted", new_value=extracted, version=1)
            for c in new_claims
        ]
    )


def _overlapping(rows: list[Item], start: int, end: int) -> Item | None:
    """The item among `rows` (those whose span a person set) that a model span start:end overlaps most."""
    best, most = None, 0
    for row in rows:
        shared = min(end, row.end) - max(start, row.start)
        if shared > most:
            best, most = row, shared
    return best


def _unit(value: float) -> float:
    return min(1.0, max(0.0, float(value)))


def _update_model_fields(row: ReviewedSpan, values: dict[str, Any], version: str) -> list[ReviewEvent]:
    """Refresh the model's fields on a row nobody has reviewed, leaving every human-set field alone; returns
    the history events of the change (the extractor as actor, the row's new version)."""
    if row.is_reviewed:
        return []
    changed = []
    for field, value in values.items():
        if field in row.human_fields:
            continue
        current = getattr(row, field + "_id") if field in RELATIONS else getattr(row, field)
        new = value.pk if field in RELATIONS and value is not None else value
        if current != new:
            changed.append((field, getattr(row, field), value))
            setattr(row, field, value)
    if not changed:
        return []
    row.extractor_version = version
    row.version += 1
    row.save(update_fields=[name for name, _, _ in changed] + ["extractor_version", "version", "updated_at"])
    target = {row.type: row}
    return [
        ReviewEvent(
            article_id=row.article_id,
            action="re-extracted",
            field=name,
            old_value=display(old),
            new_value=display(new),
            version=row.version,
            **target,
        )
        for name, old, new in changed
    ]


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
