"""POST /api/articles/ and the read endpoints: auth, duplicates, and clear 4xx errors for bad input."""

import json

import pytest

from claims.models import Article
from tests.samples import ARTICLE

pytestmark = pytest.mark.django_db


def post(client, body, **extra):
    return client.post(
        "/api/articles/", body if isinstance(body, str) else json.dumps(body), content_type="application/json", **extra
    )


def test_anonymous_gets_401(client):
    assert client.get("/api/articles/").status_code == 401
    assert post(client, {"text": ARTICLE}).status_code == 401
    assert Article.objects.count() == 0


def test_create_then_duplicate(api_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        created = post(api_client, {"text": ARTICLE, "title": "Sea wall", "outlet": "Demo Gazette"})
    assert created.status_code == 201, created.content
    body = created.json()
    # Eager Celery ran the task once the request's transaction committed.
    assert api_client.get(body["links"]["self"]).json()["status"] == "extracted"
    assert set(body["links"]) == {"self", "quotes", "claims", "page"}
    assert body["title"] == "Sea wall" and body["outlet"] == "Demo Gazette"

    again = post(api_client, {"text": ARTICLE + "\n"})
    assert again.status_code == 200 and again.json()["id"] == body["id"]

    quotes = api_client.get(body["links"]["quotes"]).json()["results"]
    assert quotes and all(ARTICLE[q["start"] : q["end"]] == q["text"] for q in quotes)
    assert quotes[0]["speaker"]["name"] == "Maria Lopez"
    detail = api_client.get(body["links"]["self"]).json()
    assert detail["body_text"] == ARTICLE and detail["quote_count"] == len(quotes)


def test_session_auth_works_too(alice_client):
    response = alice_client.post("/api/articles/", {"text": ARTICLE}, content_type="application/json")
    assert response.status_code == 201


@pytest.mark.parametrize(
    "body, status, message",
    [
        ({"text": ""}, 400, "empty"),
        ({"text": "   \n\t "}, 400, "empty"),
        ({}, 400, "text, html, or a url"),
        ({"text": ARTICLE, "html": "<p>x</p>"}, 400, "not both"),
        ({"text": 42}, 400, "Must be a string, not a number"),  # wrong types name the field
        ({"text": ARTICLE, "published_at": "next week"}, 400, "Datetime has wrong format"),
        ({"url": "ftp://example.org/x"}, 400, "http:// or https://"),
        ('{"text": "unterminated', 400, "JSON parse error"),
        ("[1, 2, 3]", 400, "Expected a dictionary"),
    ],
)
def test_bad_input_is_a_clear_4xx(api_client, body, status, message):
    response = post(api_client, body)
    assert response.status_code == status, response.content
    if message:
        assert message in response.content.decode()
        assert Article.objects.count() == 0


def test_ten_megabyte_body_is_413(api_client):
    response = post(api_client, {"text": "word " * (2 * 1024 * 1024)})
    assert response.status_code == 413
    assert "the limit is 2,097,152 bytes" in response.json()["detail"]
    assert Article.objects.count() == 0


def test_text_over_the_limit_is_413(api_client, settings):
    settings.ARTICLE_MAX_BYTES = 500
    response = post(api_client, {"text": "word " * 200})
    assert response.status_code == 413 and "limit is 500 bytes" in response.json()["detail"]


def test_html_with_script_is_stored_without_it(api_client):
    html = (
        "<html><body><article><p>The mayor said the budget rose by 4%.</p>"
        "<script>alert('pwned')</script><p>“We are proud,” she said.</p></article></body></html>"
    )
    response = post(api_client, {"html": html})
    assert response.status_code == 201
    article = Article.objects.get()
    assert "alert" not in article.body_text and "budget rose by 4%" in article.body_text


def test_url_submission_is_accepted_for_fetching(api_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        response = post(api_client, {"url": "http://127.0.0.1:9/story"})
    assert response.status_code == 202 and response.json()["status"] == "pending"


def test_reextract_action(api_client):
    created = post(api_client, {"text": ARTICLE}).json()
    response = api_client.post(f"/api/articles/{created['id']}/reextract/")
    assert response.status_code == 202 and response.json()["status"] == "received"
