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
import threading
import uuid
from datetime import timedelta
from typing import Any, TypeVar

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from claims.models import Article, Claim, Quote, ReviewedSpan, ReviewEvent, ReviewStatus
from claims.nlp.pipeline import EXTRACTOR_VERSION, extract
from claims.nlp.spans import Extraction
from claims.scores import CLAIM_KEPT

from .locks import display, lock_article
from .sentences import sentences_fill
from .speakers import SpeakerResolver

log = logging.getLogger(__name__)

MENTION_LIMIT = 300
CUE_LIMIT = 200
ERROR_LIMIT = 5000
RELATIONS = ("speaker", "quote")  # fields compared by id

Item = TypeVar("Item", Quote, Claim)


GAVE_UP = (
    "Extraction was started {attempts} times without finishing (the worker stopped, was restarted or ran "
    "out of time each time), so it was not tried again. Check the text, then press Retry."
)
TIMED_OUT = (
    "Extraction stopped after {seconds} seconds, the limit for one article, so that other articles are not "
    "held up. This usually means the text contains something the extractor handles badly, such as a very "
    "long run of quotation marks or of one repeated character. The submission is kept as it was: check "
    "it, remove the odd part, and press Retry."
)


def article_extract(*, article_id: int, task_id: str = "") -> Article | None:
    """Claim the article with a lease, extract, store. None when there is nothing to do.

    The claim is a conditional UPDATE: the article must not be extracted at this version already, nobody
    else may hold a live lease on it (a redelivered or duplicate task finds it taken and does nothing),
    and it must have attempts left (past EXTRACTION_MAX_ATTEMPTS it is marked failed instead). The lease
    is renewed while the extractor runs; the result is stored only while this task still holds it.
    """
    task_id = task_id or f"inline-{uuid.uuid4().hex}"
    now = timezone.now()
    lease = timedelta(seconds=settings.EXTRACTION_LEASE_SECONDS)
    candidates = Article.objects.filter(pk=article_id).exclude(
        status=Article.Status.EXTRACTED, extractor_version=EXTRACTOR_VERSION
    )
    free = Q(lease_expires_at__isnull=True) | Q(lease_expires_at__lt=now) | Q(lease_task=task_id)
    claimed = candidates.filter(free, attempts__lt=settings.EXTRACTION_MAX_ATTEMPTS).update(
        status=Article.Status.PROCESSING,
        attempts=F("attempts") + 1,
        lease_task=task_id,
        lease_expires_at=now + lease,
        status_changed_at=now,
        error="",
    )
    if not claimed:
        exhausted = candidates.filter(free, attempts__gte=settings.EXTRACTION_MAX_ATTEMPTS).exclude(
            status=Article.Status.FAILED
        )
        attempts = exhausted.values_list("attempts", flat=True).first()
        if attempts is not None:
            exhausted.update(
                status=Article.Status.FAILED,
                error=GAVE_UP.format(attempts=attempts),
                lease_task="",
                lease_expires_at=None,
                status_changed_at=now,
            )
        return None
    text = Article.objects.values_list("body_text", flat=True).get(pk=article_id)
    with LeaseRenewer(article_id=article_id, task_id=task_id, lease=lease):
        extraction = extract(text, model=settings.SPACY_MODEL)  # slow part, outside any transaction
    with transaction.atomic():
        lock_article(article_id)  # first in the lock order; reviews of this article wait until we commit
        article = Article.objects.get(pk=article_id)
        if article.lease_task != task_id:
            log.warning(
                "Article %s: task %s lost its lease to %r; result dropped", article_id, task_id, article.lease_task
            )
            return None
        apply_extraction(article=article, extraction=extraction, version=EXTRACTOR_VERSION)
        article.status = Article.Status.EXTRACTED
        article.extractor_version = EXTRACTOR_VERSION
        article.status_changed_at = timezone.now()
        article.lease_task, article.lease_expires_at = "", None
        article.save(
            update_fields=[
                "status", "extractor_version", "status_changed_at", "lease_task", "lease_expires_at", "updated_at"
            ]
        )  # fmt: skip
    return article


def preload() -> None:
    """Load and cache the spaCy pipeline in this process (an extract worker starting up)."""
    extract("Warm-up.", model=settings.SPACY_MODEL)


def article_mark_failed(*, article_id: int, error: str, task_id: str | None = None) -> None:
    """Mark the article failed with `error`; with `task_id`, only while that task still holds the lease."""
    rows = Article.objects.filter(pk=article_id)
    if task_id:
        rows = rows.filter(Q(lease_task=task_id) | Q(lease_task=""))
    rows.update(
        status=Article.Status.FAILED,
        error=error[:ERROR_LIMIT],
        lease_task="",
        lease_expires_at=None,
        status_changed_at=timezone.now(),
    )


def article_mark_timed_out(*, article_id: int, task_id: str | None, seconds: int) -> None:
    article_mark_failed(article_id=article_id, error=TIMED_OUT.format(seconds=seconds), task_id=task_id)


class LeaseRenewer:
    """Renews the article's lease every third of its length while the block runs (a background thread).

    A worker that dies stops renewing, so the lease runs out and the sweep re-sends the article within
    about a minute; a slow but live one keeps it, so it is never sent twice.
    """

    def __init__(self, *, article_id: int, task_id: str, lease: timedelta):
        self.article_id, self.task_id, self.lease = article_id, task_id, lease
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"lease-{article_id}", daemon=True)

    def __enter__(self) -> LeaseRenewer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def _run(self) -> None:
        every = self.lease.total_seconds() / 3
        try:
            while not self._stop.wait(every):
                try:
                    renewed = Article.objects.filter(pk=self.article_id, lease_task=self.task_id).update(
                        lease_expires_at=timezone.now() + self.lease
                    )
                except DatabaseError:
                    log.warning("Could not renew the lease of article %s", self.article_id, exc_info=True)
                    continue
                if not renewed:
                    return  # someone else holds it now: this run's result will be dropped
        finally:
            connection.close()  # this thread's own connection


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
    _store_sentences(Quote, new_quotes, [q for q in quote_rows if (q.start, q.end) in seen], article.body_text)
    Quote.objects.bulk_create(new_quotes)
    _delete_stale(Quote, quotes, seen)

    claim_rows = list(article.claims.select_for_update(of=("self",)).select_related("speaker", "quote").order_by("pk"))
    claims = {(c.start, c.end): c for c in claim_rows}
    moved_claims = [c for c in claim_rows if "start" in c.human_fields]
    new_claims: list[Claim] = []
    seen = set()
    for cspan in extraction.claims:
        if cspan.checkworthiness < CLAIM_KEPT:
            continue  # every sentence is scored; the unlikely ones are not worth a reviewer's row
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
    _store_sentences(Claim, new_claims, [c for c in claim_rows if (c.start, c.end) in seen], article.body_text)
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


def _store_sentences(model: type[Item], new: list[Item], kept: list[Item], body: str) -> None:
    """The sentence around each new item (saved by the caller's bulk_create) and each kept one (written
    here when it differs: derived from the text, so no history event)."""
    sentences_fill(new, body)
    model._default_manager.bulk_update(sentences_fill(kept, body), ["sentence"], batch_size=500)


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
