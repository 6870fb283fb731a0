"""Reviewer pages: login, article list, submit form (errors and duplicates), reader, retry."""

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims.models import Article, Claim, Quote, Speaker, UrlFetch
from claims.services import articles as ingest

BODY = "“We built 300 homes last year,” said Ana Ruiz.\n\nThe council has 12 members."


def make_article(body=BODY, **fields) -> Article:
    fields.setdefault("content_hash", ingest.content_hash(body))
    return Article.objects.create(body_text=body, status=fields.pop("status", Article.Status.EXTRACTED), **fields)


def add_quote(article, start, end, **fields) -> Quote:
    return Quote.objects.create(article=article, start=start, end=end, text=article.body_text[start:end], **fields)


def add_claim(article, start, end, **fields) -> Claim:
    return Claim.objects.create(article=article, start=start, end=end, text=article.body_text[start:end], **fields)


@pytest.fixture
def staff_client(client, db):
    client.force_login(User.objects.create_user("stella", password="x", is_staff=True, is_superuser=True))
    return client


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
    article = make_article(status=Article.Status.FAILED)
    response = client.post(reverse("claims:article_retry", args=[article.pk]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    article.refresh_from_db()
    assert article.status == Article.Status.FAILED


def test_login_page_renders(client, db):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert b"Sign in" in response.content and b'name="password"' in response.content


# --- article list ---------------------------------------------------------------------------------


def test_list_shows_articles_with_counts_and_status(alice_client):
    article = make_article(title="Housing row")
    add_quote(article, 1, 30, kind=Quote.Kind.DIRECT)
    add_claim(article, 0, 46, checkworthiness=0.8)
    add_claim(article, 48, len(BODY), checkworthiness=0.5)
    untitled = make_article(
        "Untitled body words that stand in for the missing title.", status=Article.Status.PROCESSING
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
    make_article(title="Fine one")
    failed = make_article(
        "Another text.", title="Broken one", status=Article.Status.FAILED, error="RuntimeError: model missing"
    )
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
        add_quote(make_article(f"“Line {i},” said Ana.", title=f"A{i}"), 1, 8)
    few = count_queries()
    for i in range(3, 20):
        add_quote(make_article(f"“Line {i},” said Ana.", title=f"A{i}"), 1, 8 + len(str(i)) - 1)
    assert count_queries() == few


def test_list_paginates(alice_client):
    for i in range(30):
        make_article(f"Text number {i}.")
    response = alice_client.get(reverse("claims:article_list"), {"page": 2})
    assert response.context["page"].number == 2
    assert len(response.context["page"].object_list) == 5


# --- reader ---------------------------------------------------------------------------------------


def test_detail_highlights_quotes_with_speaker_and_claims(alice_client):
    article = make_article(title="Housing row")
    speaker = Speaker.objects.create(name="Ana Ruiz")
    quote = add_quote(
        article,
        1,
        30,
        kind=Quote.Kind.DIRECT,
        speaker=speaker,
        speaker_mention="Ana Ruiz",
        cue="said",
        confidence=0.9,
        attribution_reason="nearest PERSON subject of 'said'",
    )
    claim = add_claim(article, 1, 29, checkworthiness=0.8, signals=["number"])
    partial = add_quote(
        article, BODY.index("12 members"), BODY.index("12 members") + 10, kind=Quote.Kind.PARTIAL, status="verified"
    )

    response = alice_client.get(reverse("claims:article_detail", args=[article.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert f'id="quote-{quote.pk}"' in html and f'id="claim-{claim.pk}"' in html
    assert 'data-kind="direct"' in html and 'data-kind="partial"' in html and 'data-status="verified"' in html
    assert f'data-id="{partial.pk}"' in html
    assert 'class="hl-label" aria-hidden="true">Ana Ruiz</span>' in html
    reason = "nearest PERSON subject of &#x27;said&#x27;"
    assert reason not in html  # the reason is in the inspector of the selected quote
    selected = alice_client.get(reverse("claims:article_detail", args=[article.pk]), {"item": f"quote-{quote.pk}"})
    assert reason in selected.content.decode()
    assert "90%" in html and "80% check-worthy" in html
    assert html.count("<p data-start") == 2
    # the claim is inside the quote: the quote element opens first
    assert html.index(f'id="quote-{quote.pk}"') < html.index(f'id="claim-{claim.pk}"')
    assert reverse("admin:claims_quote_change", args=[quote.pk]) not in html  # not staff


def test_detail_links_to_admin_for_staff(staff_client):
    article = make_article()
    quote = add_quote(article, 1, 30)
    html = staff_client.get(
        reverse("claims:article_detail", args=[article.pk]), {"item": f"quote-{quote.pk}"}
    ).content.decode()
    assert reverse("admin:claims_quote_change", args=[quote.pk]) in html
    assert reverse("admin:claims_article_change", args=[article.pk]) in html


def test_detail_escapes_markup_in_article(alice_client):
    body = "Intro <script>alert('x')</script> and “<b>bold</b> words,” she said."
    article = make_article(body, title="<script>alert(1)</script>")
    start = body.index("<b>")
    add_quote(article, start, body.index(",”") + 1, speaker_mention="<i>she</i>")
    html = alice_client.get(reverse("claims:article_detail", args=[article.pk])).content.decode()
    assert "<script>alert" not in html and "<b>bold" not in html and "<i>she" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_detail_in_progress_refreshes_and_failed_offers_retry(alice_client):
    processing = make_article(status=Article.Status.PROCESSING)
    html = alice_client.get(reverse("claims:article_detail", args=[processing.pk])).content.decode()
    assert 'http-equiv="refresh"' in html and "Extracting quotes and claims" in html

    failed = make_article("Other text.", status=Article.Status.FAILED, error="ValueError: boom")
    html = alice_client.get(reverse("claims:article_detail", args=[failed.pk])).content.decode()
    assert 'http-equiv="refresh"' not in html
    assert "ValueError: boom" in html and reverse("claims:article_retry", args=[failed.pk]) in html


def test_detail_query_count_is_constant_in_number_of_quotes(alice_client):
    def queries_for(n):
        body = " ".join(f"“Q{i:03d},” said Speaker{i % 3}." for i in range(n))
        article = make_article(body)
        speakers = [Speaker.objects.get_or_create(name=f"Speaker {i}")[0] for i in range(3)]
        pos = 0
        for i in range(n):
            start = body.index(f"Q{i:03d}", pos)
            quote = add_quote(article, start, start + 5, speaker=speakers[i % 3])
            add_claim(article, start, start + 4, speaker=speakers[i % 3], quote=quote)
            pos = start
        with CaptureQueriesContext(connection) as ctx:
            response = alice_client.get(reverse("claims:article_detail", args=[article.pk]))
        assert response.status_code == 200 and response.content.count(b'data-type="quote"') >= n
        return len(ctx)

    assert queries_for(5) == queries_for(50)


def test_detail_404_for_unknown_article(alice_client):
    assert alice_client.get(reverse("claims:article_detail", args=[999])).status_code == 404


# --- submit ---------------------------------------------------------------------------------------


def test_submit_page_renders(alice_client):
    response = alice_client.get(reverse("claims:article_submit"))
    assert response.status_code == 200
    assert b'enctype="multipart/form-data"' in response.content and b"csrfmiddlewaretoken" in response.content


def test_submit_text_creates_article_and_redirects(alice_client, alice, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        response = submit(
            alice_client, text=BODY, title="Housing row", new_outlet="Demo Gazette", url="https://example.org/housing"
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
    upload = SimpleUploadedFile("council_story.txt", BODY.encode("utf-8"), content_type="text/plain")
    response = alice_client.post(reverse("claims:article_submit"), {"file": upload})
    article = Article.objects.get()
    assert response.status_code == 302 and article.title == "council story"


@pytest.mark.parametrize(
    "data,status,message",
    [
        ({"text": ""}, 400, "Paste the article text, upload a file or give a URL to fetch."),
        ({"text": "   \n\t  \n"}, 400, "The article has no text"),
        ({"file": ("scan.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")}, 415, "looks like a binary file"),
        ({"file": ("latin1.txt", "Caf\u00e9 au lait, said Ren\u00e9.".encode("latin-1"))}, 415, "is not valid UTF-8"),
        ({"text": "Some text.", "fetch_url": "https://example.org/x"}, 400, "Give one source"),
    ],
)
def test_submit_errors_rerender_form_with_status_and_message(alice_client, data, status, message):
    data = {k: SimpleUploadedFile(*v) if k == "file" else v for k, v in data.items()}
    response = alice_client.post(reverse("claims:article_submit"), data)
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
    existing = make_article()
    response = submit(alice_client, text="  " + BODY.replace("\n\n", "\n\n\n") + "  ")
    assert response.status_code == 302 and response["Location"] == existing.get_absolute_url()
    assert Article.objects.count() == 1
    page = alice_client.get(response["Location"]).content.decode()
    assert "already ingested" in page


def test_submit_url_queues_a_fetch(alice_client, alice):
    response = submit(alice_client, fetch_url="https://news.example.org/story")
    assert response.status_code == 302 and response["Location"] == reverse("claims:article_list")
    fetch = UrlFetch.objects.get()
    assert (fetch.url, fetch.requested_by) == ("https://news.example.org/story", alice)
    page = alice_client.get(response["Location"]).content.decode()
    assert "Fetching https://news.example.org/story" in page


def test_submit_known_url_redirects_to_article(alice_client):
    existing = make_article(url="https://news.example.org/story")
    response = submit(alice_client, fetch_url="https://news.example.org/story")
    assert response["Location"] == existing.get_absolute_url()
    assert not UrlFetch.objects.exists()


# --- retry ----------------------------------------------------------------------------------------


def test_retry_is_post_only(alice_client):
    article = make_article(status=Article.Status.FAILED, error="boom")
    response = alice_client.get(reverse("claims:article_retry", args=[article.pk]))
    assert response.status_code == 405
    article.refresh_from_db()
    assert article.status == Article.Status.FAILED


def test_retry_requeues_extraction(alice_client, django_capture_on_commit_callbacks):
    article = make_article(status=Article.Status.FAILED, error="boom", extractor_version="old")
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
    article = make_article(status=Article.Status.FAILED)
    response = alice_client.post(reverse("claims:article_retry", args=[article.pk]), {"next": "https://evil.example/"})
    assert response["Location"] == article.get_absolute_url()


def test_retry_needs_csrf_token(db):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(User.objects.create_user("carl", password="x"))
    article = make_article(status=Article.Status.FAILED)
    assert client.post(reverse("claims:article_retry", args=[article.pk])).status_code == 403


def test_detail_of_stuck_article_stops_refreshing_and_offers_retry(alice_client, settings):
    from datetime import timedelta

    from django.utils import timezone

    settings.STUCK_ARTICLE_MINUTES = 15
    article = make_article(status=Article.Status.RECEIVED)
    Article.objects.filter(pk=article.pk).update(status_changed_at=timezone.now() - timedelta(hours=1))
    html = alice_client.get(reverse("claims:article_detail", args=[article.pk])).content.decode()
    assert 'http-equiv="refresh"' not in html
    assert "longer than expected" in html and reverse("claims:article_retry", args=[article.pk]) in html


def test_oversized_request_gets_the_error_page(alice_client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 200  # the request-size middleware answers before the view
    response = alice_client.post(reverse("claims:article_submit"), {"text": "x" * 1000})
    assert response.status_code == 413
    html = response.content.decode()
    assert "Error 413" in html and "articles may be at most" in html
    assert not Article.objects.exists()
