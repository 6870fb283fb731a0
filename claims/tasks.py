"""Celery tasks: thin wrappers that fetch by id and call a service.

Each task imports its service inside the body. That is the one documented exception to "imports at
the top" (CONTRIBUTING.md, "Imports"): services queue tasks through `claims.services.jobs`, which
imports this module, and the worker-only extraction service loads spaCy, which a web process that
merely queues a task must never import.

Which queue each task runs on is `factcheck/queues.py`; the limits of an extraction are settings
(EXTRACTION_SOFT_TIME_LIMIT, EXTRACTION_TIME_LIMIT, EXTRACTION_MAX_ATTEMPTS, EXTRACTION_LEASE_SECONDS).
"""

import logging
from datetime import timedelta

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from celery.signals import worker_process_init
from django.conf import settings
from django.db import InterfaceError, OperationalError

log = logging.getLogger(__name__)

# Errors worth retrying: the database blinked. Anything else is a bug or bad input and fails at once.
TRANSIENT = (OperationalError, InterfaceError)


def _backoff(retries: int) -> int:
    return min(600, 2 ** (retries + 2))


@shared_task(
    bind=True,
    acks_late=True,
    max_retries=4,
    soft_time_limit=settings.EXTRACTION_SOFT_TIME_LIMIT,
    time_limit=settings.EXTRACTION_TIME_LIMIT,
)
def extract_article(self, article_id: int) -> str:
    from claims.services import extraction

    task_id = self.request.id or ""
    try:
        article = extraction.article_extract(article_id=article_id, task_id=task_id)
    except SoftTimeLimitExceeded:
        log.warning("Extraction of article %s hit the %ss limit", article_id, settings.EXTRACTION_SOFT_TIME_LIMIT)
        extraction.article_mark_timed_out(
            article_id=article_id, task_id=task_id, seconds=settings.EXTRACTION_SOFT_TIME_LIMIT
        )
        return "timed out"
    except TRANSIENT as exc:
        if self.request.retries < self.max_retries:
            raise self.retry(exc=exc, countdown=_backoff(self.request.retries)) from exc
        extraction.article_mark_failed(article_id=article_id, error=f"{exc.__class__.__name__}: {exc}", task_id=task_id)
        raise
    except Exception as exc:
        log.exception("Extraction of article %s failed", article_id)
        extraction.article_mark_failed(article_id=article_id, error=f"{exc.__class__.__name__}: {exc}", task_id=task_id)
        raise
    return "extracted" if article else "skipped"


@worker_process_init.connect
def preload_extractor(**_: object) -> None:
    """Load the spaCy model as an extract worker process starts, not inside the first article's time limit."""
    if not settings.EXTRACTION_PRELOAD_MODEL:
        return
    from claims.services import extraction

    extraction.preload()


@shared_task(bind=True, acks_late=True, max_retries=3)
def fetch_url(self, fetch_id: int) -> str:
    from claims.services import articles

    try:
        return articles.url_fetch_run(fetch_id=fetch_id).status
    except TRANSIENT as exc:
        raise self.retry(exc=exc, countdown=_backoff(self.request.retries)) from exc


@shared_task
def requeue_stuck_articles() -> int:
    from claims.services import articles

    minutes = settings.STUCK_ARTICLE_MINUTES
    return len(articles.articles_requeue_stuck(older_than=timedelta(minutes=minutes)))


@shared_task(bind=True, acks_late=True, max_retries=None)
def deliver_webhook(self, delivery_id: int) -> str:
    """POST one webhook delivery; retry with exponential backoff, then mark it failed."""
    from claims.services import webhooks

    delivery = webhooks.delivery_attempt(delivery_id=delivery_id)
    if delivery is None:
        return "skipped"
    if delivery.status != delivery.Status.PENDING:
        return delivery.status
    if delivery.attempts >= settings.WEBHOOK_MAX_ATTEMPTS:
        webhooks.delivery_mark_failed(delivery_id=delivery_id)
        return "failed"
    raise self.retry(countdown=webhooks.backoff(delivery.attempts))


@shared_task
def poll_due_feeds() -> int:
    """Beat, every FEED_POLL_CHECK_SECONDS: queue a poll of every feed whose own interval has come round."""
    from claims.services import feeds

    return len(feeds.feeds_poll_due())


@shared_task(bind=True, acks_late=True, max_retries=3)
def poll_feed(self, feed_id: int) -> str:
    from claims.services import feeds

    try:
        return feeds.feed_poll(feed_id=feed_id).status
    except TRANSIENT as exc:
        raise self.retry(exc=exc, countdown=_backoff(self.request.retries)) from exc


@shared_task(bind=True, acks_late=True, max_retries=3)
def fetch_feed_item(self, item_id: int) -> str:
    from claims.services import feeds

    try:
        return feeds.feed_item_fetch(item_id=item_id).status
    except TRANSIENT as exc:
        raise self.retry(exc=exc, countdown=_backoff(self.request.retries)) from exc
