"""claims.web.articles: the article list, the submit form (text, files, URLs; errors and duplicates) and retry."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims.models import Article, Quote, UrlFetch
from tests.factories import ArticleFactory, ClaimFactory, QuoteFactory, UserFactory

from .conftest import STORY


def submit(client, **data):
    return client.post(reverse("claims:article_submit"), data)


# --- login ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name,args", [("claims:article_list", []), ("claims:article_submit", []), ("claims:article_detail", [1])]
)
def test_pages_redirect_anonymous_users_to_login(client, db, name, args):
    url = reverse(name, args=args)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={url}"


def test_retry_redirects_anonymous_users_to_login(client, db):
    article = ArticleFactory(status=Article.Status.FAILED)
    response = client.post(reverse("claims:article_retry", args=[article.pk]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    article.refresh_from_db()
    assert article.status == Article.Status.FAILED


# --- article list ---------------------------------------------------------------------------------


def test_list_shows_articles_with_counts_and_status(alice_client):
    article = ArticleFactory(body_text=STORY, title="Housing row")
    QuoteFactory(article=article, start=1, end=30, kind=Quote.Kind.DIRECT)
    ClaimFactory(article=article, start=0, end=46, checkworthiness=0.8)
    ClaimFactory(article=article, start=48, end=len(STORY), checkworthiness=0.5)
    untitled = ArticleFactory(
        body_text="Untitled body words that stand in for the missing title.", title="", status=Article.Status.PROCESSING
    )

    response = alice_client.get(reverse("claims:article_list"))
    assert response.status_code == 200
    rows = {a.pk: a for a in response.context["page"]}
    assert (rows[article.pk].quote_count, rows[article.pk].claim_count) == (1, 2)
    assert (rows[untitled.pk].quote_count, rows[untitled.pk].claim_count) == (0, 0)
    html = response.content.decode()
    assert "Housing row" in html and "Untitled body words" in html
    assert "status-extracted" in html and "status-processing" in html
    assert reverse("claims:article_submit") in html


def test_list_filters_by_status_and_offers_retry_for_failed(alice_client):
    ArticleFactory(title="Fine one")
    failed = ArticleFactory(title="Broken one", status=Article.Status.FAILED, error="RuntimeError: model missing")
    response = alice_client.get(reverse("claims:article_list"), {"status": "failed"})
    html = response.content.decode()
    assert [a.pk for a in response.context["page"]] == [failed.pk]
    assert "Fine one" not in html
    assert "RuntimeError: model missing" in html
    assert f'action="{reverse("claims:article_retry", args=[failed.pk])}"' in html
    assert 'method="post"' in html


def test_list_query_count_does_not_grow_with_articles(alice_client):
    def count_queries():
        with CaptureQueriesContext(connection) as ctx:
            assert alice_client.get(reverse("claims:article_list")).status_code == 200
        return len(ctx)

    for i in range(3):
        QuoteFactory(article=ArticleFactory(body_text=f"“Line {i},” said Ana.", title=f"A{i}"), start=1, end=8)
    few = count_queries()
    for i in range(3, 20):
        QuoteFactory(article=ArticleFactory(body_text=f"“Line {i},” said Ana.", title=f"A{i}"), text=f"Line {i},")
    # session, user with its role (claims.auth), the total, the count per status, the user's recent fetches, the page of
    # articles with their counts, the nav's "My queue (n)"
    assert count_queries() == few == 7


def test_list_paginates(alice_client):
    ArticleFactory.create_batch(30)
    response = alice_client.get(reverse("claims:article_list"), {"page": 2})
    assert response.context["page"].number == 2
    assert len(response.context["page"].object_list) == 5


# --- submit ---------------------------------------------------------------------------------------


def test_submit_page_renders(alice_client):
    response = alice_client.get(reverse("claims:article_submit"))
    assert response.status_code == 200
    assert b'enctype="multipart/form-data"' in response.content and b"csrfmiddlewaretoken" in response.content


def test_submit_text_creates_article_and_redirects(alice_client, alice, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        response = submit(
            alice_client, text=STORY, title="Housing row", new_outlet="Demo Gazette", url="https://example.org/housing"
        )
    article = Article.objects.get()
    assert response.status_code == 302 and response["Location"] == article.get_absolute_url()
    assert (article.title, article.outlet.name, article.url) == (
        "Housing row",
        "Demo Gazette",
        "https://example.org/housing",
    )
    assert article.submitted_by == alice and article.status == Article.Status.RECEIVED
    assert len(callbacks) == 1  # extraction is enqueued after commit


def test_submit_txt_upload_creates_article(alice_client):
    upload = SimpleUploadedFile("council_story.txt", STORY.encode("utf-8"), content_type="text/plain")
    response = alice_client.post(reverse("claims:article_submit"), {"file": upload})
    article = Article.objects.get()
    assert response.status_code == 302 and article.title == "council story"


@pytest.mark.parametrize(
    "form,status,message",
    [
        ({"text": ""}, 400, "Paste the article text, upload a file or give a URL to fetch."),
        ({"text": "   \n\t  \n"}, 400, "The article has no text"),
        ({"file": ("scan.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")}, 415, "looks like a binary file"),
        ({"file": ("latin1.txt", "Caf\u00e9 au lait, said Ren\u00e9.".encode("latin-1"))}, 415, "is not valid UTF-8"),
        ({"text": "Some text.", "fetch_url": "https://example.org/x"}, 400, "Give one source"),
    ],
)
def test_submit_errors_rerender_form_with_status_and_message(alice_client, form, status, message):
    form = {k: SimpleUploadedFile(*v) if k == "file" else v for k, v in form.items()}
    response = alice_client.post(reverse("claims:article_submit"), form)
    assert response.status_code == status
    assert message in response.content.decode()
    assert b'class="alert alert-error"' in response.content
    assert not Article.objects.exists()


@pytest.mark.parametrize("field", ["text", "file"])
def test_submit_oversized_article_gives_413(alice_client, settings, field):
    settings.ARTICLE_MAX_BYTES = 50
    big = "A sentence that is long enough. " * 5
    data = {"text": big} if field == "text" else {"file": SimpleUploadedFile("big.txt", big.encode())}
    response = alice_client.post(reverse("claims:article_submit"), data)
    assert response.status_code == 413
    assert "the limit is 50 bytes" in response.content.decode()
    assert not Article.objects.exists()


def test_submit_duplicate_redirects_to_existing_article(alice_client):
    existing = ArticleFactory(body_text=STORY)
    response = submit(alice_client, text="  " + STORY.replace("\n\n", "\n\n\n") + "  ")
    assert response.status_code == 302 and response["Location"] == existing.get_absolute_url()
    assert Article.objects.count() == 1
    page = alice_client.get(response["Location"]).content.decode()
    assert "already ingested" in page


def test_submit_url_queues_a_fetch(alice_client, alice, monkeypatch):
    import ipaddress

    from claims.services import netguard

    # the address check at submit resolves the name: a stub answers (a public address), nothing is contacted
    monkeypatch.setattr(netguard, "resolver", lambda host, port: [ipaddress.ip_address("93.184.216.34")])
    response = submit(alice_client, fetch_url="https://news.example.org/story")
    assert response.status_code == 302 and response["Location"] == reverse("claims:article_list")
    fetch = UrlFetch.objects.get()
    assert (fetch.url, fetch.requested_by) == ("https://news.example.org/story", alice)
    page = alice_client.get(response["Location"]).content.decode()
    assert "Fetching https://news.example.org/story" in page


def test_submit_known_url_redirects_to_article(alice_client):
    existing = ArticleFactory(url="https://news.example.org/story")
    response = submit(alice_client, fetch_url="https://news.example.org/story")
    assert response["Location"] == existing.get_absolute_url()
    assert not UrlFetch.objects.exists()


# --- retry ----------------------------------------------------------------------------------------


def test_retry_is_post_only(alice_client):
    article = ArticleFactory(status=Article.Status.FAILED, error="boom")
    response = alice_client.get(reverse("claims:article_retry", args=[article.pk]))
    assert response.status_code == 405
    article.refresh_from_db()
    assert article.status == Article.Status.FAILED


def test_retry_requeues_extraction(alice_client, django_capture_on_commit_callbacks):
    article = ArticleFactory(status=Article.Status.FAILED, error="boom", extractor_version="old")
    with django_capture_on_commit_callbacks() as callbacks:
        response = alice_client.post(
            reverse("claims:article_retry", args=[article.pk]),
            {"next": reverse("claims:article_list") + "?status=failed"},
        )
    assert response.status_code == 302 and response["Location"] == reverse("claims:article_list") + "?status=failed"
    article.refresh_from_db()
    assert (article.status, article.error) == (Article.Status.RECEIVED, "")
    assert len(callbacks) == 1


def test_retry_ignores_offsite_next(alice_client):
    article = ArticleFactory(status=Article.Status.FAILED)
    response = alice_client.post(reverse("claims:article_retry", args=[article.pk]), {"next": "https://evil.example/"})
    assert response["Location"] == article.get_absolute_url()


def test_retry_needs_csrf_token(db):
    client = Client(enforce_csrf_checks=True)
    client.force_login(UserFactory(username="carl"))
    article = ArticleFactory(status=Article.Status.FAILED)
    assert client.post(reverse("claims:article_retry", args=[article.pk])).status_code == 403
