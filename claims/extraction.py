"""Run the NLP extractor on an article and store its output as Speaker / Quote / Claim rows.

`apply_extraction` is the only writer of model output. It is idempotent (same input → same rows)
and never overwrites what a person did: fields listed in `human_fields` and whole items that were
verified or rejected stay exactly as they are.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from .nlp import pipeline as nlp
from .ingest import enqueue_extraction, send_task
from .models import Article, Claim, Quote, ReviewEvent, ReviewStatus, Speaker, SpeakerAlias

log = logging.getLogger(__name__)

QUOTE_FIELDS = (
    "text",
    "kind",
    "speaker",
    "speaker_mention",
    "speaker_start",
    "speaker_end",
    "cue",
    "confidence",
    "attribution_reason",
)
CLAIM_FIELDS = ("text", "quote", "speaker", "checkworthiness", "signals")
PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "his", "hers", "their"}


def article_extract(*, article_id: int) -> Article | None:
    """Claim the article, extract, store. Returns None when there is nothing to do (already extracted)."""
    claimed = (
        Article.objects.filter(pk=article_id)
        .exclude(status=Article.Status.EXTRACTED, extractor_version=nlp.EXTRACTOR_VERSION)
        .update(
            status=Article.Status.PROCESSING, attempts=F("attempts") + 1, status_changed_at=timezone.now(), error=""
        )
    )
    if not claimed:
        return None
    text = Article.objects.values_list("body_text", flat=True).get(pk=article_id)
    extraction = nlp.extract(text, model=settings.SPACY_MODEL)  # slow part, outside any transaction
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article_id)
        apply_extraction(article=article, extraction=extraction, version=nlp.EXTRACTOR_VERSION)
        article.status = Article.Status.EXTRACTED
        article.extractor_version = nlp.EXTRACTOR_VERSION
        article.status_changed_at = timezone.now()
        article.save(update_fields=["status", "extractor_version", "status_changed_at", "updated_at"])
    return article


def article_mark_failed(*, article_id: int, error: str) -> None:
    Article.objects.filter(pk=article_id).update(
        status=Article.Status.FAILED, error=error[:5000], status_changed_at=timezone.now()
    )


def article_reextract(*, article: Article) -> None:
    """Queue a fresh extraction (retry after failure or after an extractor upgrade)."""
    with transaction.atomic():
        Article.objects.filter(pk=article.pk).update(
            status=Article.Status.RECEIVED, extractor_version="", error="", status_changed_at=timezone.now()
        )
        enqueue_extraction(article.pk)


def articles_requeue_stuck(*, older_than: timedelta, include_failed: bool = False) -> list[int]:
    """Re-send articles whose task was lost (broker down at submit, worker killed mid-task)."""
    from .tasks import extract_article

    now = timezone.now()
    stuck = Q(status__in=[Article.Status.RECEIVED, Article.Status.PROCESSING], status_changed_at__lt=now - older_than)
    if include_failed:
        stuck |= Q(status=Article.Status.FAILED)
    ids = list(Article.objects.filter(stuck).values_list("pk", flat=True))
    requeued = []
    for pk in ids:
        # Reset the clock first so the next sweep does not send the same article again.
        Article.objects.filter(pk=pk).update(status=Article.Status.RECEIVED, status_changed_at=now)
        if send_task(extract_article, pk):
            requeued.append(pk)
    return requeued


def apply_extraction(*, article: Article, extraction, version: str) -> None:
    """Upsert quotes and claims by span; drop stale untouched model items; keep every human edit."""
    speakers = SpeakerCache()
    quotes = {(q.start, q.end): q for q in article.quotes.all()}
    new_quote_rows, seen = [], set()
    quote_for_index: dict[int, Quote] = {}
    for index, span in enumerate(extraction.quotes):
        key = (span.start, span.end)
        seen.add(key)
        values = {
            "text": span.text,
            "kind": span.kind,
            "speaker": speakers.get(span),
            "speaker_mention": (span.speaker_mention or "")[:300],
            "speaker_start": span.speaker_start,
            "speaker_end": span.speaker_end,
            "cue": (span.cue or "")[:200],
            "confidence": min(1.0, max(0.0, float(span.confidence))),
            "attribution_reason": span.reason or "",
        }
        row = quotes.get(key)
        if row is None:
            row = Quote(article=article, start=span.start, end=span.end, extractor_version=version, **values)
            new_quote_rows.append(row)
        else:
            _update_model_fields(row, values, version)
        quote_for_index[index] = row
    Quote.objects.bulk_create(new_quote_rows)
    _delete_stale(quotes, seen)

    claims = {(c.start, c.end): c for c in article.claims.all()}
    new_claim_rows, seen = [], set()
    for span in extraction.claims:
        key = (span.start, span.end)
        seen.add(key)
        quote = quote_for_index.get(span.quote_index) if span.quote_index is not None else None
        speaker = quote.speaker if quote is not None else speakers.by_name(span.speaker)
        values = {
            "text": span.text,
            "quote": quote,
            "speaker": speaker,
            "checkworthiness": min(1.0, max(0.0, float(span.checkworthiness))),
            "signals": list(span.signals),
        }
        row = claims.get(key)
        if row is None:
            new_claim_rows.append(
                Claim(article=article, start=span.start, end=span.end, extractor_version=version, **values)
            )
        else:
            _update_model_fields(row, values, version)
    Claim.objects.bulk_create(new_claim_rows)
    _delete_stale(claims, seen)

    ReviewEvent.objects.bulk_create(
        [
            ReviewEvent(article=article, quote=q, action="extracted", new_value={"version": version})
            for q in new_quote_rows
        ]
        + [
            ReviewEvent(article=article, claim=c, action="extracted", new_value={"version": version})
            for c in new_claim_rows
        ]
    )


def _update_model_fields(row, values: dict, version: str) -> None:
    if row.is_reviewed:
        return
    changed = []
    for field, value in values.items():
        if field in row.human_fields:
            continue
        current = getattr(row, field + "_id") if field in ("speaker", "quote") else getattr(row, field)
        new = value.pk if field in ("speaker", "quote") and value is not None else value
        if current != new:
            setattr(row, field, value)
            changed.append(field)
    if changed:
        row.extractor_version = version
        row.version += 1
        row.save(update_fields=changed + ["extractor_version", "version", "updated_at"])


def _delete_stale(rows_by_span: dict, seen: set) -> None:
    stale = {row.pk for key, row in rows_by_span.items() if key not in seen and _untouched(row)}
    if not stale:
        return
    model = type(next(iter(rows_by_span.values())))
    # a row someone acted on (assigned, commented, then undone) is kept too: one query for all of them
    stale -= set(model.objects.filter(pk__in=stale, events__actor__isnull=False).values_list("pk", flat=True))
    model.objects.filter(pk__in=stale).delete()


def _untouched(row) -> bool:
    return (
        row.status == ReviewStatus.PENDING
        and not row.human_fields
        and row.reviewer_id is None
        and row.assigned_to_id is None
    )


class SpeakerCache:
    """Canonical-name → Speaker for one extraction run; records each new surface form as an alias."""

    def __init__(self):
        self._by_name: dict[str, Speaker | None] = {}
        self._aliases: set[tuple[int, str]] = set()

    def get(self, span) -> Speaker | None:
        speaker = self.by_name(
            span.speaker, kind=getattr(span, "speaker_kind", None), role=getattr(span, "speaker_role", None)
        )
        mention = (span.speaker_mention or "").strip()[:200]
        if (
            speaker
            and mention
            and mention != speaker.name
            and mention.lower() not in PRONOUNS
            and (speaker.pk, mention) not in self._aliases
        ):
            SpeakerAlias.objects.get_or_create(speaker=speaker, alias=mention)
            self._aliases.add((speaker.pk, mention))
        return speaker

    def by_name(self, name: str | None, *, kind: str | None = None, role: str | None = None) -> Speaker | None:
        name = (name or "").strip()[:200]
        if not name:
            return None
        if name not in self._by_name:
            self._by_name[name] = speaker_for_name(name, kind=kind, role=role)
        return self._by_name[name]


def speaker_for_name(name: str, *, kind: str | None = None, role: str | None = None) -> Speaker:
    """The speaker with this canonical name, or the one an editor merged it into (an alias), or a new one."""
    speaker = Speaker.objects.filter(name=name).first()
    if speaker is None:
        via_alias = list(Speaker.objects.filter(aliases__alias=name).distinct()[:2])
        if len(via_alias) == 1:
            return via_alias[0]
        speaker, _ = Speaker.objects.get_or_create(
            name=name,
            defaults={
                "kind": kind if kind in Speaker.Kind.values else Speaker.Kind.PERSON,
                "description": (role or "")[:300],
            },
        )
    return speaker
