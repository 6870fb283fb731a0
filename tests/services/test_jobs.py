"""claims.services.jobs: every service queues through one helper, after commit, and a dead broker loses nothing.

Each path that queues work (a new article, a re-extraction, a URL fetch, a webhook delivery, a
redelivery, the sweep) is driven with the publishing side pointed at a port nothing listens on:
the request still succeeds, the row stays where the sweep finds it, and the failure is logged.
No network traffic leaves 127.0.0.1.
"""

import logging
import time
from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from claims.models import Article, Claim, UrlFetch, WebhookDelivery, WebhookEndpoint
from claims.services import articles, jobs, webhooks
from factcheck.celery import app as celery_app
from tests.conftest import use_broker
from tests.factories import ArticleFactory, ClaimFactory, WebhookEndpointFactory

DEAD_BROKER = "redis://127.0.0.1:1/0"  # nothing listens on port 1 of the loopback interface
TEXT = "“The bridge reopens on Monday,” the mayor said. Traffic fell by 40% while it was shut."


@pytest.fixture
def dead_broker(caplog):
    """Publish for real (no eager mode) to a broker that refuses connections."""
    celery_app.conf.task_always_eager = False
    use_broker(DEAD_BROKER)
    caplog.set_level(logging.WARNING, logger="claims.services.jobs")
    yield caplog
    use_broker(None)
    celery_app.conf.task_always_eager = True


def _refused(caplog, task: str) -> bool:
    return f"Could not enqueue claims.tasks.{task}" in caplog.text


def test_a_new_article_is_saved_and_left_for_the_sweep(transactional_db, dead_broker):
    started = time.monotonic()
    result = articles.article_create(text=TEXT)
    assert time.monotonic() - started < 15  # the broker's connect timeout, not a hang
    assert result.created
    assert Article.objects.get(pk=result.article.pk).status == Article.Status.RECEIVED
    assert _refused(dead_broker, "extract_article")


def test_re_extraction_and_the_sweep_report_what_they_could_not_send(transactional_db, dead_broker):
    article = ArticleFactory(body_text=TEXT, status=Article.Status.FAILED)
    articles.article_reextract(article=article)
    assert _refused(dead_broker, "extract_article")
    assert Article.objects.get(pk=article.pk).status == Article.Status.RECEIVED
    Article.objects.filter(pk=article.pk).update(status_changed_at=timezone.now() - timedelta(hours=1))
    assert articles.articles_requeue_stuck(older_than=timedelta(minutes=15)) == []  # not sent, so not counted


def test_a_url_fetch_is_recorded_and_left_pending(transactional_db, dead_broker):
    fetch = articles.url_fetch_request(url="http://127.0.0.1:9/never-fetched")
    assert isinstance(fetch, UrlFetch)
    assert UrlFetch.objects.get(pk=fetch.pk).status == UrlFetch.Status.PENDING
    assert _refused(dead_broker, "fetch_url")


def test_webhook_deliveries_are_logged_and_stay_pending(transactional_db, dead_broker):
    claim = ClaimFactory(
        article=ArticleFactory(body_text=TEXT), text="Traffic fell by 40%", verdict="false", status="verified"
    )
    WebhookEndpointFactory()
    deliveries = webhooks.events_emit(event=WebhookEndpoint.Event.CLAIM_REVIEWED, model=Claim, pk=claim.pk)
    assert len(deliveries) == 1
    assert WebhookDelivery.objects.get().status == WebhookDelivery.Status.PENDING
    assert _refused(dead_broker, "deliver_webhook")
    dead_broker.clear()
    webhooks.delivery_retry(delivery=deliveries[0])
    assert _refused(dead_broker, "deliver_webhook")


def test_nothing_is_sent_before_commit_or_after_a_rollback(transactional_db, monkeypatch):
    sent = []
    monkeypatch.setattr(jobs, "send_now", lambda task, *args: sent.append((task.name, args)) or True)
    with transaction.atomic():
        jobs.enqueue_extraction(41)
        assert sent == []  # not yet: the row may not be visible to a worker
    assert sent == [("claims.tasks.extract_article", (41,))]
    with pytest.raises(RuntimeError), transaction.atomic():
        jobs.enqueue_extraction(42)
        raise RuntimeError("rolled back")
    assert sent == [("claims.tasks.extract_article", (41,))]
