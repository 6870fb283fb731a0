"""Leases, attempts and time limits of extraction (claims/services/extraction.py, the sweep in articles.py).

A worker claims an article with a conditional UPDATE carrying its task id and a deadline, renews it while
it runs, and stores its result only while it still holds it; the sweep re-sends an article only once its
lease has expired (a dead worker's article within about a minute), never a slow one that is renewing.
"""

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from claims.models import Article
from claims.services import articles, extraction, jobs
from claims.services.articles import content_hash
from factcheck.celery import app as celery_app

TEXT = "“We will build it,” said Maria Lopez, the council leader, on Tuesday."


def make_article(**fields):
    n = Article.objects.count()
    return Article.objects.create(body_text=TEXT, content_hash=content_hash(f"{TEXT} {n} {fields}"), **fields)


@pytest.fixture
def sent(monkeypatch):
    calls = []
    monkeypatch.setattr(jobs, "send_now", lambda task, *args, **kw: calls.append((task.name, args)) or True)
    return calls


@pytest.mark.django_db
def test_a_live_lease_keeps_other_tasks_out(monkeypatch):
    now = timezone.now()
    article = make_article(status="processing", lease_task="task-a", lease_expires_at=now + timedelta(seconds=30))
    assert extraction.article_extract(article_id=article.pk, task_id="task-b") is None  # a duplicate does nothing
    article.refresh_from_db()
    assert (article.status, article.lease_task, article.attempts) == ("processing", "task-a", 0)


@pytest.mark.django_db
def test_an_expired_lease_is_taken_over_and_the_old_holder_result_dropped(monkeypatch):
    article = make_article(
        status="processing", lease_task="dead", lease_expires_at=timezone.now() - timedelta(seconds=1)
    )
    done = extraction.article_extract(article_id=article.pk, task_id="fresh")
    article.refresh_from_db()
    assert done is not None and article.status == "extracted" and article.lease_task == "" and article.attempts == 1


@pytest.mark.django_db
def test_a_task_that_lost_its_lease_stores_nothing(monkeypatch):
    article = make_article()
    real_extract = extraction.extract

    def slow_extract(text, model=None):
        result = real_extract(text, model=model)
        Article.objects.filter(pk=article.pk).update(lease_task="someone-else")  # the sweep gave it away meanwhile
        return result

    monkeypatch.setattr(extraction, "extract", slow_extract)
    assert extraction.article_extract(article_id=article.pk, task_id="slow") is None
    article.refresh_from_db()
    assert article.status == "processing" and article.lease_task == "someone-else" and not article.quotes.exists()


@pytest.mark.django_db
def test_attempts_are_capped_with_a_reason(settings):
    settings.EXTRACTION_MAX_ATTEMPTS = 3
    article = make_article(status="processing", attempts=3, lease_expires_at=timezone.now() - timedelta(minutes=1))
    assert extraction.article_extract(article_id=article.pk, task_id="again") is None
    article.refresh_from_db()
    assert article.status == "failed" and "started 3 times without finishing" in article.error
    articles.article_reextract(article=article)  # a person's Retry starts afresh
    article.refresh_from_db()
    assert article.attempts in (0, 1) and article.status in ("received", "extracted")


@pytest.mark.django_db
def test_the_sweep_resends_only_lost_articles(sent, settings):
    now = timezone.now()
    lost = make_article(status="processing", lease_task="dead", lease_expires_at=now - timedelta(seconds=5))
    slow = make_article(status="processing", lease_task="alive", lease_expires_at=now + timedelta(seconds=40))
    unsent = make_article(status="received")
    Article.objects.filter(pk=unsent.pk).update(status_changed_at=now - timedelta(hours=1))
    fresh = make_article(status="received")
    requeued = articles.articles_requeue_stuck(older_than=timedelta(minutes=15))
    assert set(requeued) == {lost.pk, unsent.pk}
    assert [args[0] for _, args in sent] == requeued
    lost.refresh_from_db()
    assert (lost.status, lost.lease_task, lost.lease_expires_at) == ("received", "", None)
    # a second sweep right after sends nothing again
    assert articles.articles_requeue_stuck(older_than=timedelta(minutes=15)) == []
    assert {slow.pk, fresh.pk}.isdisjoint(requeued)


@pytest.mark.django_db(transaction=True)
def test_a_running_extraction_renews_its_lease(settings):
    lease = timedelta(seconds=0.6)
    article = make_article(status="processing", lease_task="me", lease_expires_at=timezone.now() + lease)
    first = article.lease_expires_at
    with extraction.LeaseRenewer(article_id=article.pk, task_id="me", lease=lease):
        time.sleep(0.9)
    article.refresh_from_db()
    assert article.lease_expires_at > first + timedelta(seconds=0.3)


def test_a_dead_worker_is_noticed_within_about_a_minute(settings):
    """Lease 45 s renewed every 15 s, sweep every 30 s: an article whose worker died is re-sent 30–75 s later."""
    lease, sweep = settings.EXTRACTION_LEASE_SECONDS, settings.SWEEP_INTERVAL_SECONDS
    assert lease - lease / 3 + sweep <= 90
    assert celery_app.conf.beat_schedule["requeue-stuck-articles"]["schedule"] == timedelta(seconds=sweep)


def test_time_limits_and_routes_reach_the_worker():
    task = celery_app.tasks["claims.tasks.extract_article"]
    from django.conf import settings

    assert (task.soft_time_limit, task.time_limit) == (
        settings.EXTRACTION_SOFT_TIME_LIMIT,
        settings.EXTRACTION_TIME_LIMIT,
    )
    assert task.soft_time_limit < task.time_limit and task.acks_late
    assert celery_app.conf.task_routes["claims.tasks.extract_article"] == {"queue": "extract"}


@pytest.mark.django_db
def test_a_soft_time_limit_marks_the_article_failed_with_a_readable_reason(monkeypatch):
    from celery.exceptions import SoftTimeLimitExceeded

    from claims import tasks

    article = make_article()

    def poison(*, article_id, task_id):
        Article.objects.filter(pk=article_id).update(status="processing", lease_task=task_id)
        raise SoftTimeLimitExceeded()

    monkeypatch.setattr(extraction, "article_extract", poison)
    assert tasks.extract_article.apply(args=[article.pk]).get() == "timed out"
    article.refresh_from_db()
    assert article.status == "failed" and "the limit for one article" in article.error and "Retry" in article.error
    assert article.lease_task == ""


@pytest.mark.django_db
def test_a_zombie_cannot_mark_a_newer_run_failed():
    article = make_article(
        status="processing", lease_task="new", lease_expires_at=timezone.now() + timedelta(seconds=30)
    )
    extraction.article_mark_failed(article_id=article.pk, error="old run blew up", task_id="old")
    article.refresh_from_db()
    assert article.status == "processing" and article.error == ""


def test_messages_carry_no_time_limits_so_the_worker_applies_its_own(monkeypatch):
    from claims import tasks

    sent = {}
    monkeypatch.setattr(tasks.extract_article, "apply_async", lambda args, **options: sent.update(options))
    assert jobs.send_now(tasks.extract_article, 7)
    assert sent["time_limit"] is None and sent["soft_time_limit"] is None
