"""Fetching an article from a URL: served by a local HTTP server on 127.0.0.1."""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from claims.models import Article, UrlFetch
from claims.services.articles import url_fetch_request, url_fetch_run
from tests.test_ingest import PAGE


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
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Pages)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


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
