"""An API response is freed when the server lets go of it, not left for the cyclic garbage collector.

DRF ties each response, its view and its request into reference cycles; in a web worker full collections
are rare, so every large response (an article body, a page of rows) would linger and the worker's RSS grow
(88 → 140 MB serving one large article). `ReleaseRenderedResponseMiddleware` cuts the cycles; this test
sends requests through the real WSGI handler and checks that no response is left over for the collector.
"""

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from io import BytesIO

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from rest_framework.authtoken.models import Token
from rest_framework.response import Response

pytestmark = pytest.mark.django_db


def wsgi_get(app: WSGIHandler, path: str, token: str) -> tuple[str, bytes]:
    environ = {
        "REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": "", "SERVER_NAME": "testserver",
        "SERVER_PORT": "80", "HTTP_HOST": "testserver", "wsgi.input": BytesIO(b""), "wsgi.url_scheme": "http",
        "wsgi.errors": BytesIO(), "HTTP_AUTHORIZATION": f"Token {token}",
    }  # fmt: skip
    status: list[str] = []
    body = app(environ, lambda s, headers, exc_info=None: status.append(s))
    try:
        return status[0], b"".join(body)
    finally:
        body.close()  # as a WSGI server does


@contextmanager
def database_kept_open() -> Iterator[None]:
    """The handler closes connections at each request's start and end, as in a worker; in a test that would
    close the connection holding the test's transaction (PostgreSQL: the next request gets a 503). Django's
    test client unhooks the same receiver."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def leftover_responses(paths: list[str], token: str) -> list[Response]:
    """Responses still waiting for the cyclic collector after serving `paths` (gc off while serving)."""
    app = WSGIHandler()
    gc.collect()
    gc.disable()
    try:
        with database_kept_open():
            for path in paths:
                status, _ = wsgi_get(app, path, token)
                assert status.startswith("200"), (path, status)
        gc.set_debug(gc.DEBUG_SAVEALL)
        gc.collect()
        return [obj for obj in gc.garbage if issubclass(type(obj), Response)]  # type(): lazy objects in there
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()


def test_api_responses_are_freed_without_the_cyclic_collector(data, alice):
    token = Token.objects.get_or_create(user=alice)[0].key
    article = data["articles"][0].pk
    paths = ["/api/quotes/", "/api/claims/", f"/api/articles/{article}/", "/api/speakers/"]
    assert leftover_responses(paths, token) == []


def test_without_the_middleware_responses_wait_for_the_collector(data, alice, settings):
    """The check above can fail: without the middleware DRF's cycles keep every response."""
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if not m.endswith("ReleaseRenderedResponseMiddleware")]
    token = Token.objects.get_or_create(user=alice)[0].key
    assert len(leftover_responses(["/api/quotes/", "/api/claims/"], token)) == 2
