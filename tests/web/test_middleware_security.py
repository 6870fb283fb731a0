"""claims.web.middleware: roles on every page, 503 when the database is down, and the security headers."""

import pytest
from django.db import OperationalError, connection
from django.urls import reverse

from claims.models import Article
from claims.services.articles import content_hash
from tests.conftest import make_user

BODY = "“We will build it,” said Maria Lopez on Tuesday."


@pytest.fixture
def article(db):
    return Article.objects.create(body_text=BODY, content_hash=content_hash(BODY), status="extracted")


@pytest.fixture
def nobody_client(client, db):
    client.force_login(make_user("nobody"))
    return client


def pages(article):
    return [
        reverse("claims:article_list"),
        reverse("claims:article_submit"),
        reverse("claims:article_detail", args=[article.pk]),
        reverse("claims:queue"),
        reverse("claims:speaker_list"),
        reverse("claims:dashboard"),
        reverse("claims:feed_list"),
        reverse("claims:speaker_lookup") + "?q=Lo",
        reverse("access:webhook_list"),
    ]


def test_a_user_without_a_role_can_read_no_page(nobody_client, article):
    for url in pages(article):
        response = nobody_client.get(url)
        assert response.status_code == 403, url
        assert "no role" in response.content.decode()


def test_a_user_without_a_role_can_submit_or_reextract_nothing(nobody_client, article):
    assert nobody_client.post(reverse("claims:article_submit"), {"text": "A new story about rail."}).status_code == 403
    assert nobody_client.post(reverse("claims:article_retry", args=[article.pk])).status_code == 403
    assert Article.objects.count() == 1


def test_the_token_page_and_public_fact_checks_stay_open(nobody_client):
    assert nobody_client.get(reverse("access:api_token")).status_code == 200


def test_reviewers_see_the_pages(alice_client, article):
    for url in pages(article)[:-1]:  # webhooks are editors' (the page says so itself)
        assert alice_client.get(url).status_code == 200, url


@pytest.fixture
def database_down():
    def fail(execute, sql, params, many, context):
        raise OperationalError("connection to server at 127.0.0.1, port 5432 failed: Connection refused")

    with connection.execute_wrapper(fail):
        yield


def test_pages_answer_503_with_the_app_page_when_the_database_is_down(alice_client, article, database_down):
    response = alice_client.get(reverse("claims:article_detail", args=[article.pk]))
    assert response.status_code == 503 and response["Retry-After"] == "30"
    body = response.content.decode()
    assert "Back in a moment" in body and "Error 503" in body and "<html" in body


def test_the_api_answers_503_json_when_the_database_is_down(api_client, database_down):
    response = api_client.get("/api/articles/")
    assert response.status_code == 503 and response["Content-Type"] == "application/json"
    assert response.json()["code"] == "database_unavailable" and response["Retry-After"] == "30"


def test_database_outages_are_logged(alice_client, article, database_down, caplog):
    alice_client.get(reverse("claims:article_list"))
    assert "Database unavailable for GET /" in caplog.text


def test_security_headers_on_pages(alice_client, article):
    response = alice_client.get(reverse("claims:article_detail", args=[article.pk]))
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]
    assert "object-src 'none'" in csp and "frame-ancestors 'none'" in csp
    assert "camera=()" in response["Permissions-Policy"] and "geolocation=()" in response["Permissions-Policy"]
    cache = response["Cache-Control"]
    assert "private" in cache and "public" not in cache


def test_logged_in_api_answers_are_private_and_anonymous_pages_are_not(api_client, client, db):
    assert "private" in api_client.get("/api/articles/")["Cache-Control"]
    anonymous = client.get("/healthz")
    assert "private" not in anonymous.get("Cache-Control", "") and "Permissions-Policy" in anonymous
    assert "Content-Security-Policy" in client.get(reverse("login"))


def test_exports_stay_no_store(api_client, db):
    response = api_client.get("/api/export/quotes?format=csv")
    assert response["Cache-Control"] == "no-store"
