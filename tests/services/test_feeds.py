"""claims.services.feeds against feeds and pages served from 127.0.0.1: polling, conditional GET,
dedupe across feeds, failures with backoff, the per-host rate limit, and items whose page fails."""

from datetime import timedelta

import pytest
from django.utils import timezone

from claims.models import Article, Feed, FeedItem, HostSlot
from claims.services import feeds, jobs
from claims.services.feeds import FeedError, canonical_url, feed_create, feed_poll, feeds_poll_due, host_delay
from tests.conftest import make_user
from tests.local_site import LocalSite

pytestmark = pytest.mark.django_db

STORY = """<html><head><title>{title}</title></head><body><article><h1>{title}</h1>
<p>The council voted 7-2 on Tuesday to spend £4.2m on a new sea wall along the eastern harbour front, {n}.</p>
<p>“It is the biggest investment in the harbour for 40 years,” said council leader Maria Lopez, adding that the
works would start in the spring and take two years to complete (story {n}).</p></article></body></html>"""


def rss(site, items, title="Demo Gazette – news"):
    entries = "".join(
        f"<item><title>{t}</title><link>{site.url(path)}</link><guid>{guid}</guid>"
        f"<description>&lt;p&gt;Summary of {t}&lt;/p&gt;</description>"
        f"<pubDate>Tue, 03 Mar 2026 08:00:00 GMT</pubDate></item>"
        for guid, t, path in items
    )
    return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{title}</title>{entries}</channel></rss>'


def atom(site, items):
    entries = "".join(
        f"<entry><id>{guid}</id><title>{t}</title><link href='{site.url(path)}'/><updated>2026-03-03T08:00:00Z</updated>"
        f"<summary>Summary of {t}</summary></entry>"
        for guid, t, path in items
    )
    return f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom news</title>{entries}</feed>'


@pytest.fixture
def site():
    with LocalSite() as s:
        yield s


@pytest.fixture
def editor(db):
    return make_user("eddie", "editor")


@pytest.fixture
def run_tasks(settings, django_capture_on_commit_callbacks):
    """Tasks run inline; the per-host spacing is kept short."""
    settings.HOST_MIN_INTERVAL_SECONDS = 0


def stories(site, n):
    for i in range(1, n + 1):
        site.route(
            f"/story/{i}", STORY.format(title=f"Story {i}", n=i), headers={"Content-Type": "text/html; charset=utf-8"}
        )


def follow(editor, url, django_capture_on_commit_callbacks, **kw):
    with django_capture_on_commit_callbacks(execute=True):
        return feed_create(user=editor, url=url, **kw)


def test_a_feed_is_polled_and_each_item_ingested_once(site, editor, run_tasks, django_capture_on_commit_callbacks):
    stories(site, 2)
    url = site.route("/rss", rss(site, [("g1", "Story 1", "/story/1"), ("g2", "Story 2", "/story/2")]),
                     headers={"Content-Type": "application/rss+xml", "ETag": '"v1"'})  # fmt: skip
    feed = follow(editor, url, django_capture_on_commit_callbacks)
    feed.refresh_from_db()
    assert (feed.status, feed.items_seen, feed.items_ingested, feed.title) == ("active", 2, 2, "Demo Gazette – news")
    assert feed.last_polled_at and feed.etag == '"v1"' and feed.next_poll_at > timezone.now()
    items = list(feed.items.order_by("guid"))
    assert [(i.status, i.article.title) for i in items] == [("ingested", "Story 1"), ("ingested", "Story 2")]
    assert items[0].summary == "Summary of Story 1" and items[0].published_at.isoformat().startswith("2026-03-03T08")
    # polled again: conditional GET, nothing new
    with django_capture_on_commit_callbacks(execute=True):
        feed_poll(feed_id=feed.pk)
    assert site.requests[-1][2].get("if-none-match") == '"v1"'
    assert Article.objects.count() == 2 and FeedItem.objects.count() == 2


def test_a_304_is_a_successful_poll(site, editor, run_tasks, django_capture_on_commit_callbacks):
    site.route("/rss", status=304, headers={})
    feed = follow(editor, site.url("/rss"), django_capture_on_commit_callbacks)
    feed.refresh_from_db()
    assert feed.status == "active" and feed.last_success_at and feed.items_seen == 0


def test_items_are_deduplicated_across_feeds_by_guid_and_canonical_url(
    site, editor, run_tasks, django_capture_on_commit_callbacks
):
    stories(site, 2)
    site.route("/a", rss(site, [("g1", "Story 1", "/story/1"), ("g2", "Story 2", "/story/2")]))
    # another feed: the same story 1 by GUID, and story 2 under another GUID but the same page (with tracking)
    site.route("/b", atom(site, [("g1", "Story 1", "/story/1"), ("other-2", "Story 2", "/story/2?utm_source=rss")]))
    first = follow(editor, site.url("/a"), django_capture_on_commit_callbacks)
    second = follow(editor, site.url("/b"), django_capture_on_commit_callbacks)
    assert Article.objects.count() == 2
    dupes = FeedItem.objects.filter(feed=second)
    assert {(i.status, i.article_id is not None) for i in dupes} == {("duplicate", True)}
    second.refresh_from_db()
    first.refresh_from_db()
    assert (first.items_ingested, second.items_seen, second.items_ingested) == (2, 2, 0)


@pytest.mark.parametrize(
    "route, reason",
    [
        ({"body": "<html><body>Not a feed at all</body></html>"}, "not an RSS or Atom feed"),
        (
            {"body": b"\x00\x01garbage\xff", "headers": {"Content-Type": "application/octet-stream"}},
            "not an RSS or Atom feed",
        ),
        ({"status": 500, "body": "boom"}, "HTTP 500"),
    ],
)
def test_a_broken_feed_is_marked_failing_with_the_reason_and_backs_off(
    site, editor, run_tasks, route, reason, django_capture_on_commit_callbacks
):
    site.route("/rss", **route)
    feed = follow(editor, site.url("/rss"), django_capture_on_commit_callbacks, interval_minutes=10)
    feed.refresh_from_db()
    assert feed.status == "failing" and reason in feed.last_error and feed.failures == 1
    wait_1 = feed.next_poll_at - feed.last_polled_at
    with django_capture_on_commit_callbacks(execute=True):
        feed_poll(feed_id=feed.pk)
    feed.refresh_from_db()
    wait_2 = feed.next_poll_at - feed.last_polled_at
    assert feed.failures == 2 and wait_1 == timedelta(minutes=20) and wait_2 == timedelta(minutes=40)
    # it recovers on the next good poll
    site.route("/rss", rss(site, []))
    feed_poll(feed_id=feed.pk)
    feed.refresh_from_db()
    assert (feed.status, feed.failures, feed.last_error) == ("active", 0, "")


def test_a_redirect_loop_is_a_failing_feed(site, editor, run_tasks, django_capture_on_commit_callbacks):
    site.route("/rss", status=302, headers={"Location": "/rss2"})
    site.route("/rss2", status=302, headers={"Location": "/rss"})
    feed = follow(editor, site.url("/rss"), django_capture_on_commit_callbacks)
    feed.refresh_from_db()
    assert feed.status == "failing" and "redirects in a loop" in feed.last_error


def test_an_item_whose_page_fails_keeps_its_title_and_summary_and_says_why(
    site, editor, run_tasks, django_capture_on_commit_callbacks
):
    site.route("/rss", rss(site, [("g9", "Gone story", "/missing")]))
    feed = follow(editor, site.url("/rss"), django_capture_on_commit_callbacks)
    item = FeedItem.objects.get(feed=feed)
    assert (item.status, item.title, item.summary) == ("failed", "Gone story", "Summary of Gone story")
    assert "HTTP 404" in item.error and item.article is None
    feed.refresh_from_db()
    assert feed.status == "active"  # the feed itself is fine


def test_paused_feeds_are_not_polled_and_resume_polls_at_once(
    site, editor, run_tasks, django_capture_on_commit_callbacks
):
    site.route("/rss", rss(site, []))
    feed = follow(editor, site.url("/rss"), django_capture_on_commit_callbacks)
    feeds.feed_set_paused(user=editor, feed=feed, paused=True)
    Feed.objects.filter(pk=feed.pk).update(next_poll_at=timezone.now() - timedelta(hours=1))
    before = len(site.requests)
    assert feeds_poll_due() == []
    feed_poll(feed_id=feed.pk)
    assert len(site.requests) == before
    with pytest.raises(FeedError):
        feeds.feed_poll_now(user=editor, feed=feed)
    with django_capture_on_commit_callbacks(execute=True):
        feeds.feed_set_paused(user=editor, feed=feed, paused=False)
    assert len(site.requests) == before + 1


def test_the_schedule_queues_each_due_feed_once(site, editor, monkeypatch):
    sent = []
    monkeypatch.setattr(jobs, "send_now", lambda task, *args, **kw: sent.append(args[0]) or True)
    due = Feed.objects.create(url=site.url("/due"), next_poll_at=timezone.now() - timedelta(minutes=1))
    Feed.objects.create(url=site.url("/later"), next_poll_at=timezone.now() + timedelta(minutes=5))
    Feed.objects.create(url=site.url("/paused"), status="paused", next_poll_at=timezone.now() - timedelta(minutes=1))
    assert feeds_poll_due() == [due.pk] and feeds_poll_due() == []
    assert sent == [due.pk]


def test_requests_to_one_host_are_spaced_by_the_rate_limit(settings):
    settings.HOST_MIN_INTERVAL_SECONDS = 2
    delays = [
        host_delay("https://news.example/a"),
        host_delay("https://news.example/b"),
        host_delay("https://news.example/c"),
    ]
    assert delays[0] == 0 and 1.9 < delays[1] <= 2 and 3.9 < delays[2] <= 4
    assert host_delay("https://other.example/") == 0
    assert HostSlot.objects.count() == 2


def test_feeds_are_for_editors_and_public_http_addresses(site, alice, editor, settings):
    with pytest.raises(Exception, match="Only editors"):
        feed_create(user=alice, url=site.url("/rss"))
    with pytest.raises(FeedError, match="http"):
        feed_create(user=editor, url="javascript:alert(1)")
    settings.NETWORK_ALLOW_LOOPBACK = False
    with pytest.raises(FeedError, match="loopback"):
        feed_create(user=editor, url=site.url("/rss"))


@pytest.mark.parametrize(
    "a, b",
    [
        ("https://www.Example.org/news/story/?utm_source=rss&id=3#top", "http://example.org/news/story?id=3"),
        ("https://example.org:443/a?fbclid=x", "https://example.org/a"),
    ],
)
def test_canonical_urls(a, b):
    assert canonical_url(a) == canonical_url(b)
