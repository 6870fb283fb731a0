"""API input: wrong types name the field, hostile bodies are 4xx, big escaped JSON within the text limit is
accepted, and a user's fetches are their own. One test per bug the hostile-input probe found."""

import json

import pytest

from claims.models import Article, UrlFetch
from tests.conftest import make_user


def post(client, url, body, **extra):
    raw = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.generic("POST", url, raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else raw,
                          content_type="application/json", **extra)  # fmt: skip


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("text", 42, "Must be a string, not a number."),
        ("text", True, "Must be a string, not a boolean."),
        ("text", ["a"], "Must be a string, not a list."),
        ("title", {"a": 1}, "Must be a string, not an object."),
        ("outlet", 7, "Must be a string, not a number."),
        ("url", 5, "Must be a string, not a number."),
    ],
)
def test_wrong_types_are_400_naming_the_field(api_client, field, value, message):
    body = {"text": "A story about the harbour.", field: value}
    response = post(api_client, "/api/articles/", body)
    assert response.status_code == 400 and response.json()[field] == [message]
    assert not Article.objects.exists()


def test_wrong_types_on_review_actions_name_the_field(api_client, data):
    quote = data["quotes"]["taxes"]
    response = post(api_client, f"/api/quotes/{quote.pk}/notes/", {"version": quote.version, "notes": 12})
    assert response.status_code == 400 and "notes" in response.json()


def test_escaped_json_just_under_the_text_limit_is_accepted(api_client, settings, monkeypatch):
    from claims.services import jobs

    monkeypatch.setattr(jobs, "enqueue_extraction", lambda pk: None)  # 2 MB through spaCy is not this test's point
    text = "Zoë said: “é” — " + "é" * 1_000_000  # 2,000,000+ bytes of UTF-8, six bytes each as a \\u escape
    assert len(text.encode()) < settings.ARTICLE_MAX_BYTES
    raw = json.dumps({"text": text}, ensure_ascii=True)
    assert len(raw) > settings.ARTICLE_MAX_BYTES * 2  # more than the old body limit allowed
    response = post(api_client, "/api/articles/", raw)
    assert response.status_code == 201, response.content[:300]
    assert Article.objects.get().body_text == text


def test_a_body_past_the_escaped_maximum_is_413(api_client, settings):
    response = post(api_client, "/api/articles/", json.dumps({"text": "\x01" * (6 * settings.ARTICLE_MAX_BYTES)}))
    assert response.status_code == 413


@pytest.mark.parametrize(
    "raw", ["[" * 100_000 + "]" * 100_000, '{"text": ' + "[" * 3000 + "]" * 3000 + "}", "{" * 40_000]
)
def test_deeply_nested_json_is_400_on_every_json_write(api_client, data, raw):
    quote = data["quotes"]["taxes"]
    for url in (
        "/api/articles/",
        f"/api/quotes/{quote.pk}/status/",
        f"/api/claims/{data['claims']['crime'].pk}/verdict/",
    ):
        response = post(api_client, url, raw)
        assert response.status_code == 400 and "JSON parse error" in response.json()["detail"], url


def test_a_lone_surrogate_is_refused_and_never_breaks_the_error_message(api_client, data):
    quote = data["quotes"]["taxes"]
    response = post(api_client, f"/api/quotes/{quote.pk}/status/", '{"version": 1, "status": "\\ud800"}')
    assert response.status_code == 400 and "status" in response.json()
    response = post(api_client, "/api/articles/", '{"text": "ab\\ud800cd"}')
    assert response.status_code == 400 and "invalid Unicode" in json.dumps(response.json())


def test_nul_bytes_never_reach_the_database(api_client, data):
    response = post(api_client, "/api/articles/", {"text": "A story", "title": "a\x00b"})
    assert response.status_code == 400 and "title" in response.json()
    assert api_client.get("/api/quotes/", {"q": "a\x00b"}).status_code == 400
    assert api_client.get("/api/quotes/", {"speaker": "\x00"}).status_code == 400


@pytest.mark.parametrize("value", ["²", "١٢", "9" * 40, "-3", "1.5"])
def test_ids_that_are_not_ascii_digits_within_range_are_clear(api_client, data, value):
    response = api_client.get("/api/quotes/", {"article": value, "status": "any"})
    assert response.status_code in (200, 400)
    assert api_client.get(f"/api/quotes/{value}/").status_code == 404


@pytest.mark.parametrize(
    "suffix_url", ["/api/quotes/{q}/status.json", "/api/claims/{c}/claimreview.json", "/api/quotes.json"]
)
def test_format_suffixes_are_a_json_404_not_a_500(api_client, data, suffix_url):
    url = suffix_url.format(q=data["quotes"]["taxes"].pk, c=data["claims"]["crime"].pk)
    response = post(api_client, url, {"version": 1, "status": "verified"}) if "status" in url else api_client.get(url)
    assert response.status_code == 404 and response.json()["code"] == "not_found"


@pytest.mark.parametrize(
    "since", ["2026-01-01T00:00:00+25:00", "2026-01-01T00:00:00-99:99", "9999-12-31T23:59:59-23:59"]
)
def test_an_out_of_range_time_zone_offset_is_400(api_client, data, since):
    response = api_client.get("/api/quotes/", {"updated_since": since})
    assert response.status_code == 400 and "updated_since" in response.json()
    body = {"text": "A story about the harbour.", "published_at": since}
    assert post(api_client, "/api/articles/", body).status_code == 400


def test_a_next_that_is_not_a_path_goes_to_the_default(alice_client, data):
    article = data["articles"][0]
    for target in ("quote:1:1", "javascript:alert(1)", "https://evil.example/", "//evil.example/", "claims:queue"):
        response = alice_client.post(f"/articles/{article.pk}/retry/", {"next": target})
        assert response.status_code == 302 and response["Location"] == f"/articles/{article.pk}/"


def test_fetches_are_scoped_to_the_requester_and_editors_see_all(api_client, alice, erin, data):
    mine = UrlFetch.objects.create(url="https://a.example/1", requested_by=alice)
    theirs = UrlFetch.objects.create(url="https://b.example/2", requested_by=make_user("bob2", "reviewer"))
    assert [row["id"] for row in api_client.get("/api/fetches/").json()["results"]] == [mine.pk]
    assert api_client.get(f"/api/fetches/{theirs.pk}/").status_code == 404
    api_client.force_authenticate(erin)
    assert {row["id"] for row in api_client.get("/api/fetches/").json()["results"]} == {mine.pk, theirs.pk}


@pytest.mark.parametrize("url", ["/api/quotes/", "/api/export/quotes?format=jsonl", "/api/export/claims?format=csv"])
def test_an_offset_postgresql_refuses_is_read_in_utc(api_client, data, url):
    """Python takes offsets up to ±23:59, PostgreSQL only to ±15:59: the filter converts to UTC first, so the
    list answers and a streamed export runs to its end (no error line, no aborted transaction)."""
    response = api_client.get(url, {"updated_since": "2026-01-01T01:55:07-18:43"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert b"error" not in body
    assert api_client.get("/api/quotes/").status_code == 200
