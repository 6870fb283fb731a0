"""/api/feeds/: the same as the feeds page — status for everyone with a role, follow/pause/resume/poll for editors."""

import pytest

from claims.models import Feed, FeedItem
from tests.local_site import LocalSite

RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour news</title>
<item><title>Gone story</title><link>{gone}</link><guid>g-1</guid><description>Kept summary.</description></item>
</channel></rss>"""


@pytest.fixture
def editor_api(api_client, erin):
    api_client.force_authenticate(erin)
    return api_client


def test_editors_follow_a_feed_and_read_its_status_and_items(editor_api, settings, django_capture_on_commit_callbacks):
    settings.HOST_MIN_INTERVAL_SECONDS = 0
    with LocalSite() as site, django_capture_on_commit_callbacks(execute=True):
        url = site.route("/rss", RSS.format(gone=site.url("/gone")), headers={"Content-Type": "application/rss+xml"})
        response = editor_api.post("/api/feeds/", {"url": url, "interval_minutes": 20}, format="json")
    assert response.status_code == 201 and response.json()["interval_minutes"] == 20
    feed_id = response.json()["id"]
    feed = editor_api.get(f"/api/feeds/{feed_id}/").json()
    assert (feed["status"], feed["title"], feed["items_seen"], feed["items_ingested"]) == (
        "active",
        "Harbour news",
        1,
        0,
    )
    items = editor_api.get(f"/api/feeds/{feed_id}/items/").json()
    assert (
        items[0]["title"] == "Gone story" and items[0]["summary"] == "Kept summary." and "HTTP 404" in items[0]["error"]
    )


def test_pause_resume_poll_and_delete(editor_api):
    feed = Feed.objects.create(url="https://feeds.example/rss")
    assert editor_api.post(f"/api/feeds/{feed.pk}/pause/").json()["status"] == "paused"
    response = editor_api.post(f"/api/feeds/{feed.pk}/poll/")
    assert response.status_code == 400 and response.json()["code"] == "paused"
    assert editor_api.post(f"/api/feeds/{feed.pk}/resume/").json()["status"] == "active"
    assert editor_api.delete(f"/api/feeds/{feed.pk}/").status_code == 204 and not Feed.objects.exists()


def test_reviewers_read_but_cannot_manage(api_client):
    feed = Feed.objects.create(url="https://feeds.example/rss")
    assert api_client.get("/api/feeds/").json()["results"][0]["id"] == feed.pk
    assert api_client.post("/api/feeds/", {"url": "https://x.example/rss"}, format="json").status_code == 403
    assert api_client.post(f"/api/feeds/{feed.pk}/pause/").status_code == 403
    assert api_client.delete(f"/api/feeds/{feed.pk}/").status_code == 403


@pytest.mark.parametrize(
    "body, field",
    [
        ({"url": "javascript:alert(1)"}, "url"),
        ({"url": 3}, "url"),
        ({"url": "https://x.example/", "interval_minutes": 0}, "interval_minutes"),
    ],
)
def test_bad_feed_input_is_400_naming_the_field(editor_api, body, field):
    response = editor_api.post("/api/feeds/", body, format="json")
    assert response.status_code == 400 and field in response.json()
    assert not Feed.objects.exists() and not FeedItem.objects.exists()


def test_a_feed_on_a_private_address_is_refused(editor_api, settings):
    settings.NETWORK_ALLOW_LOOPBACK = False
    response = editor_api.post("/api/feeds/", {"url": "http://127.0.0.1:8141/rss"}, format="json")
    assert response.status_code == 400 and "loopback" in response.json()["detail"]
