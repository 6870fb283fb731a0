"""The pipeline on real services: PostgreSQL, Redis, the extract and io workers (tests/conftest.py), Celery beat.

- Poison pastes (100,000 characters of dense “a” pairs: still several times slower than prose of the same
  length, about 40 s here, now that long runs of quote marks are blanked before spaCy) fail at the worker's
  soft time limit with a reason a reviewer understands, while other articles keep flowing and a URL fetch
  on its own queue is not held up at all.
- An article whose worker died (its lease running out) is picked up by the sweep and extracted.
- A feed followed end to end: served from 127.0.0.1, polled by the io worker (first on creation, then by a
  real `celery beat` as its interval comes round), its pages fetched and extracted by the workers.

Figures are written to tests/artifacts/pipeline-figures.json.
"""

import json
import os
import subprocess
import sys
import time
from datetime import timedelta

import pytest
from django.utils import timezone

from claims.models import Article, Feed, FeedItem, UrlFetch
from claims.services.articles import content_hash
from tests.conftest import ROOT, WORKER_LEASE_SECONDS, WORKER_SOFT_TIME_LIMIT, make_user, wait_for
from tests.local_site import LocalSite

pytestmark = pytest.mark.services

ARTIFACT = ROOT / "tests" / "artifacts" / "pipeline-figures.json"
FIGURES: dict = {}
# About 600,000 characters of plain prose: the extractor needs about 20 s for it, well past the soft limit.
# (Dense “a” pairs no longer serve: the parse budget makes them cost about what prose of their length does.)
POISON_SENTENCES = 8_000


@pytest.fixture(scope="module", autouse=True)
def figures():
    yield
    ARTIFACT.parent.mkdir(parents=True, exist_ok=True)
    previous = json.loads(ARTIFACT.read_text()) if ARTIFACT.exists() else {}
    ARTIFACT.write_text(json.dumps(previous | FIGURES, indent=2, sort_keys=True))


def story(n: int) -> str:
    return (
        f"Council approves plan number {n}\n\n"
        f"The council voted {n + 3}-2 on Tuesday to spend £{n}.2m on the harbour.\n\n"
        f"“We will start the works in spring {2026 + n},” said council leader Maria Lopez."
    )


def poison(n: int) -> str:
    sentence = "The council met on Tuesday and discussed the budget for the coming year at length. "
    return f"Statement {n}\n\nThe spokesman said " + sentence * POISON_SENTENCES + "and left."


def post(api, body):
    response = api.post("/api/articles/", json.dumps(body), content_type="application/json")
    assert response.status_code in (201, 202), response.content
    return response.json()


def status_of(pk: int) -> str:
    return Article.objects.values_list("status", flat=True).get(pk=pk)


def test_poison_pastes_fail_at_the_time_limit_while_other_articles_flow(celery_worker, api_client):
    started = time.monotonic()
    poisons = [post(api_client, {"text": poison(i), "title": f"Poison {i}"})["id"] for i in range(2)]
    wait_for(lambda: all(status_of(pk) == "processing" for pk in poisons), timeout=30, interval=0.1)
    # Both extraction slots are taken by poison now. A URL fetch has its own queue and worker:
    with LocalSite() as site:
        url = site.route("/story", f"<html><body><article><p>{story(99)}</p></article></body></html>")
        fetch = post(api_client, {"url": url})
        fetch_done = wait_for(lambda: UrlFetch.objects.filter(pk=fetch["id"], status="done").exists(), timeout=30)
        fetch_seconds = time.monotonic() - started
    assert fetch_done and all(status_of(pk) == "processing" for pk in poisons)  # fetched while extraction is blocked

    normal = [post(api_client, {"text": story(i)})["id"] for i in range(6)]
    failed_at = {}

    def poisons_failed():
        for pk in poisons:
            if pk not in failed_at and status_of(pk) == "failed":
                failed_at[pk] = time.monotonic() - started
        return len(failed_at) == len(poisons)

    wait_for(poisons_failed, timeout=WORKER_SOFT_TIME_LIMIT * 6, interval=0.1)
    done = wait_for(
        lambda: Article.objects.filter(pk__in=normal, status="extracted").count() == len(normal),
        timeout=120,
        interval=0.2,
    )
    flowed = time.monotonic() - started
    assert done
    for article in Article.objects.filter(pk__in=poisons):
        assert f"stopped after {WORKER_SOFT_TIME_LIMIT} seconds" in article.error and "Retry" in article.error
        assert article.attempts == 1 and article.lease_task == ""
    assert max(failed_at.values()) < WORKER_SOFT_TIME_LIMIT * 4
    FIGURES["poison"] = {
        "soft_time_limit_s": WORKER_SOFT_TIME_LIMIT,
        "poison_prose_sentences": POISON_SENTENCES,
        "poison_pastes": len(poisons),
        "seconds_to_failed": sorted(round(v, 1) for v in failed_at.values()),
        "url_fetch_done_while_blocked_s": round(fetch_seconds, 1),
        "other_articles": len(normal),
        "other_articles_extracted": len(normal),
        "all_extracted_after_s": round(flowed, 1),
    }


def test_a_dead_workers_article_is_picked_up_when_its_lease_runs_out(celery_worker, api_client):
    from claims import tasks

    text = story(42)
    now = timezone.now()
    article = Article.objects.create(
        body_text=text,
        content_hash=content_hash(text),
        status="processing",
        attempts=1,
        lease_task="a-worker-that-died",
        lease_expires_at=now + timedelta(seconds=WORKER_LEASE_SECONDS),
    )
    started = time.monotonic()

    def swept_and_extracted():
        tasks.requeue_stuck_articles.delay()  # what beat does every SWEEP_INTERVAL_SECONDS
        return status_of(article.pk) == "extracted"

    wait_for(swept_and_extracted, timeout=60, interval=1.0)
    picked_up = time.monotonic() - started
    assert picked_up >= WORKER_LEASE_SECONDS - 1  # not before the lease ran out
    FIGURES["dead_worker"] = {"lease_s": WORKER_LEASE_SECONDS, "extracted_after_s": round(picked_up, 1)}


RSS = """<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Harbour Gazette</title>{items}</channel></rss>"""
ITEM = "<item><title>{title}</title><link>{link}</link><guid>{guid}</guid><description>{summary}</description></item>"


def page(n: int) -> str:
    return (
        f"<html><head><title>Harbour story {n}</title><meta property='og:site_name' content='Harbour Gazette'></head>"
        f"<body><article><h1>Harbour story {n}</h1><p>{story(n).replace(chr(10), ' ')}</p>"
        "<p>The opposition said the cost had doubled since the plan was first proposed.</p></article></body></html>"
    )


@pytest.fixture
def beat(worker_queue, tmp_path):
    """A real `celery beat`, checking for due feeds every 2 seconds, publishing to this run's queues."""
    env = dict(
        os.environ,
        CELERY_QUEUE_PREFIX=worker_queue,
        CELERY_QUEUE=worker_queue + "default",
        CELERY_TASK_ALWAYS_EAGER="false",
        FEED_POLL_CHECK_SECONDS="5",
        SWEEP_INTERVAL_SECONDS="30",
    )
    log_path = ROOT / "tests" / "artifacts" / "celery-beat.log"
    with open(log_path, "w") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "factcheck", "beat", "--loglevel", "INFO",
             "--schedule", str(tmp_path / "beat-schedule")],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            yield proc
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()


def test_a_feed_followed_end_to_end(celery_worker, beat, api_client):
    editor = make_user("feed-editor", "editor")
    api_client.force_authenticate(editor)
    with LocalSite() as site:
        for n in (1, 2, 3):
            site.route(f"/news/{n}", page(n), headers={"Content-Type": "text/html"})  # no charset: detected
        items = [ITEM.format(title=f"Harbour story {n}", link=site.url(f"/news/{n}"), guid=f"hg-{n}",
                             summary=f"Summary {n}") for n in (1, 2)]  # fmt: skip
        items.append(ITEM.format(title="Withdrawn", link=site.url("/gone"), guid="hg-gone", summary="Kept summary"))
        site.route(
            "/rss", RSS.format(items="".join(items)), headers={"Content-Type": "application/rss+xml", "ETag": '"1"'}
        )
        started = time.monotonic()
        response = api_client.post("/api/feeds/", {"url": site.url("/rss"), "interval_minutes": 60}, format="json")
        assert response.status_code == 201, response.content
        feed_id = response.json()["id"]

        def ingested(n):
            return lambda: Article.objects.filter(feed_items__feed_id=feed_id, status="extracted").count() >= n

        wait_for(ingested(2), timeout=120, interval=0.5)
        first_round = time.monotonic() - started
        gone = wait_for(lambda: FeedItem.objects.filter(guid="hg-gone", status="failed").first(), timeout=30)
        assert gone.title == "Withdrawn" and gone.summary == "Kept summary" and "HTTP 404" in gone.error

        # The feed gains an item; once its interval has come round, beat has the io worker poll it again.
        items.insert(
            0, ITEM.format(title="Harbour story 3", link=site.url("/news/3"), guid="hg-3", summary="Summary 3")
        )
        site.route(
            "/rss", RSS.format(items="".join(items)), headers={"Content-Type": "application/rss+xml", "ETag": '"2"'}
        )
        Feed.objects.filter(pk=feed_id).update(next_poll_at=timezone.now() - timedelta(seconds=1))
        second = time.monotonic()
        wait_for(ingested(3), timeout=120, interval=0.5)
        second_round = time.monotonic() - second

    feed = api_client.get(f"/api/feeds/{feed_id}/").json()
    assert (feed["status"], feed["items_seen"], feed["items_ingested"]) == ("active", 4, 3)
    assert feed["title"] == "Harbour Gazette" and feed["last_error"] == ""
    conditional = [h for method, path, h in site.requests if path == "/rss"]
    assert conditional[-1].get("if-none-match") == '"1"'  # the second poll was a conditional GET
    articles = Article.objects.filter(feed_items__feed_id=feed_id).distinct()
    assert {a.outlet.name for a in articles} == {"Harbour Gazette"}
    assert all(a.quotes.filter(speaker__name="Maria Lopez").exists() for a in articles)
    FIGURES["feed"] = {
        "items": 4,
        "ingested_and_extracted": articles.count(),
        "failed_with_reason": 1,
        "first_poll_to_two_extracted_s": round(first_round, 1),
        "beat_repoll_to_third_extracted_s": round(second_round, 1),
    }
