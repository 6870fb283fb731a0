"""claims.web.feeds: the feeds page with each feed's status, and the editors' actions."""

import pytest
from django.urls import reverse

from claims.models import Feed, FeedItem
from tests.conftest import make_user
from tests.local_site import LocalSite

RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour news</title>
<item><title>Gone story</title><link>{gone}</link><guid>g-1</guid><description>The summary stays.</description></item>
</channel></rss>"""


@pytest.fixture
def editor_client(client, db):
    client.force_login(make_user("eddie", "editor"))
    return client


def test_editors_follow_a_feed_and_see_its_status_and_items(
    editor_client, settings, django_capture_on_commit_callbacks
):
    settings.HOST_MIN_INTERVAL_SECONDS = 0
    with LocalSite() as site, django_capture_on_commit_callbacks(execute=True):
        feed_url = site.route(
            "/rss", RSS.format(gone=site.url("/gone")), headers={"Content-Type": "application/rss+xml"}
        )
        response = editor_client.post(reverse("claims:feed_list"), {"url": feed_url, "interval_minutes": 15})
        assert response.status_code == 302
    feed = Feed.objects.get()
    listing = editor_client.get(reverse("claims:feed_list")).content.decode()
    assert "Harbour news" in listing and "Active" in listing and "every 15 min" in listing
    detail = editor_client.get(reverse("claims:feed_detail", args=[feed.pk])).content.decode()
    assert "Gone story" in detail and "The summary stays." in detail and "HTTP 404" in detail
    assert FeedItem.objects.get().status == "failed"


def test_pause_resume_and_poll_now(editor_client):
    feed = Feed.objects.create(url="https://feeds.example/rss", title="Example")
    assert editor_client.post(reverse("claims:feed_action", args=[feed.pk, "pause"])).status_code == 302
    feed.refresh_from_db()
    assert feed.status == "paused"
    page = editor_client.get(reverse("claims:feed_detail", args=[feed.pk])).content.decode()
    assert "Resume" in page and "Poll now" not in page
    response = editor_client.post(reverse("claims:feed_action", args=[feed.pk, "poll"]), follow=True)
    assert "paused; resume it" in response.content.decode()
    # resume polls at once; the address is not on loopback and the test resolver refuses it (no DNS in tests)
    editor_client.post(reverse("claims:feed_action", args=[feed.pk, "resume"]))
    feed.refresh_from_db()
    assert feed.status in ("active", "failing")


def test_reviewers_see_feeds_but_cannot_change_them(alice_client):
    feed = Feed.objects.create(url="https://feeds.example/rss", title="Example")
    page = alice_client.get(reverse("claims:feed_list")).content.decode()
    assert "Example" in page and "Follow a feed" not in page and "Pause" not in page
    assert alice_client.post(reverse("claims:feed_action", args=[feed.pk, "pause"])).status_code == 403
    assert (
        alice_client.post(
            reverse("claims:feed_list"), {"url": "https://x.example/rss", "interval_minutes": 5}
        ).status_code
        == 403
    )
    feed.refresh_from_db()
    assert feed.status == "active"


def test_bad_feed_urls_are_refused_on_the_form(editor_client):
    response = editor_client.post(reverse("claims:feed_list"), {"url": "javascript:alert(1)", "interval_minutes": 5})
    assert response.status_code == 400 and not Feed.objects.exists()


def test_unknown_actions_are_404(editor_client):
    feed = Feed.objects.create(url="https://feeds.example/rss")
    assert editor_client.post(reverse("claims:feed_action", args=[feed.pk, "explode"])).status_code == 404
