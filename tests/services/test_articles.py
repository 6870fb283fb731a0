"""claims.services.articles: text, HTML with boilerplate, files, records, de-duplication, size limits, and fetching
a URL (served by a local HTTP server on 127.0.0.1)."""

import contextlib
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from claims.models import Article, UrlFetch
from claims.services.articles import (
    IngestError,
    article_create,
    article_create_from_file,
    article_create_from_record,
    url_fetch_request,
    url_fetch_run,
)
from tests.samples import ARTICLE, PAGE


@pytest.mark.django_db
def test_article_from_text_is_cleaned_and_hashed():
    result = article_create(text="  " + ARTICLE.replace("\n\n", "\r\n\r\n\r\n") + "  ", title="Sea wall")
    article = result.article
    assert result.created
    assert article.body_text == ARTICLE
    assert article.status == Article.Status.RECEIVED
    assert len(article.content_hash) == 64
    assert article.title == "Sea wall"


@pytest.mark.django_db
def test_html_main_text_without_boilerplate():
    article = article_create(html=PAGE).article
    body = article.body_text
    assert "£4.2m on a new sea wall" in body
    assert "“It’s the biggest investment in the harbour for 40 years,” said council leader Maria Lopez" in body
    assert "Tom Reed said the cost had doubled" in body
    for junk in ("Your support helps us", "Sign up", "Read more", "Getty Images", "All rights reserved", "Home"):
        assert junk not in body, junk
    assert "\n\n" in body  # paragraphs kept
    assert article.title.startswith("Harbour council approves new sea wall")
    assert article.raw_html == PAGE


@pytest.mark.django_db
def test_same_content_returns_existing_article():
    first = article_create(text=ARTICLE)
    again = article_create(text="\n" + ARTICLE.replace(" on a ", "  on   a ") + "\n\n")
    assert first.created and not again.created
    assert again.article.pk == first.article.pk
    assert Article.objects.count() == 1


@pytest.mark.django_db
def test_same_url_returns_existing_article():
    first = article_create(text=ARTICLE, url="https://example.org/a")
    again = article_create(text=ARTICLE + "\n\nUpdated paragraph.", url="https://example.org/a")
    assert again.article.pk == first.article.pk and not again.created


@pytest.mark.django_db
@pytest.mark.parametrize("text", ["", "   \n\t  ", "Sign up to our newsletter\n\nAdvertisement"])
def test_empty_text_is_rejected(text):
    with pytest.raises(IngestError) as err:
        article_create(text=text)
    assert err.value.status == 400
    assert Article.objects.count() == 0


@pytest.mark.django_db
def test_oversized_text_is_rejected_with_413(settings):
    settings.ARTICLE_MAX_BYTES = 1000
    with pytest.raises(IngestError) as err:
        article_create(text="word " * 300)
    assert err.value.status == 413 and "1,000 bytes" in err.value.message
    assert Article.objects.count() == 0


@pytest.mark.django_db
def test_text_files_and_html_files():
    txt = article_create_from_file(name="sea_wall.txt", data=ARTICLE.encode()).article
    assert txt.title == "sea wall" and txt.body_text == ARTICLE
    html = article_create_from_file(name="page.html", data=PAGE.encode()).article
    assert "Tom Reed" in html.body_text


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data, code",
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
        ("Café".encode("latin-1") * 5, "not_utf8"),
    ],
)
def test_bad_uploads_are_rejected(data, code):
    with pytest.raises(IngestError) as err:
        article_create_from_file(name="upload.txt", data=data)
    assert err.value.code == code and err.value.status == 415
    assert Article.objects.count() == 0


@pytest.mark.django_db
def test_records_validate_field_types_and_dates():
    with pytest.raises(IngestError, match="must be a string"):
        article_create_from_record({"text": ["not", "a", "string"]})
    with pytest.raises(IngestError, match="not an ISO date"):
        article_create_from_record({"text": ARTICLE, "published_at": "yesterday"})
    article = article_create_from_record(
        {"text": ARTICLE, "published_at": "2026-03-01", "outlet": "Demo Gazette"}
    ).article
    assert article.published_at.year == 2026 and article.outlet.name == "Demo Gazette"
    assert Article.objects.count() == 1


@pytest.mark.django_db
def test_outlet_from_url_domain():
    article = article_create(text=ARTICLE, url="https://www.example.org/news/1").article
    assert article.outlet.name == "example.org"


# --- fetching a URL ------------------------------------------------------------------------------


class Pages(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/slow":
            time.sleep(2)
        routes = {
            "/article": (200, "text/html; charset=utf-8", PAGE.encode()),
            "/slow": (200, "text/html", PAGE.encode()),
            "/big": (200, "text/html", b"<p>" + b"x" * 50_000 + b"</p>"),
            "/image": (200, "image/png", b"\x89PNG"),
        }
        status, kind, body = routes.get(self.path, (404, "text/html", b"not here"))
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Pages)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


@pytest.mark.django_db
def test_fetch_creates_article(site, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        fetch = url_fetch_request(url=f"{site}/article")
    fetch.refresh_from_db()
    assert fetch.status == UrlFetch.Status.DONE, fetch.error
    assert fetch.article.url == f"{site}/article"
    assert "Tom Reed" in fetch.article.body_text
    # Asking again for the same URL answers with the stored article, no second fetch.
    again = url_fetch_request(url=f"{site}/article")
    assert again.article.pk == fetch.article.pk and not again.created


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path, needle",
    [("/missing", "HTTP 404"), ("/slow", "No answer from"), ("/big", "larger than"), ("/image", "image/png")],
)
def test_fetch_failures_are_recorded(site, settings, path, needle):
    settings.URL_FETCH_TIMEOUT = 0.5
    settings.ARTICLE_MAX_BYTES = 10_000
    fetch = UrlFetch.objects.create(url=site + path)
    url_fetch_run(fetch_id=fetch.pk)
    fetch.refresh_from_db()
    assert fetch.status == UrlFetch.Status.FAILED
    assert needle in fetch.error
    assert Article.objects.count() == 0


@pytest.mark.django_db
def test_closed_port_is_a_clear_failure():
    fetch = UrlFetch.objects.create(url="http://127.0.0.1:9/article")
    url_fetch_run(fetch_id=fetch.pk)
    fetch.refresh_from_db()
    assert fetch.status == UrlFetch.Status.FAILED and "Could not fetch from 127.0.0.1:9" in fetch.error
