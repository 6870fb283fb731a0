"""API test data: one outlet, two articles, speakers, quotes and claims in every review state."""

import datetime as dt
import http.server
import json
import threading

import pytest
from django.core.cache import cache
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from claims.models import Article, Claim, Outlet, Quote, Speaker, SpeakerAlias
from claims.services.articles import content_hash

BODY = (
    "The council met on Monday. “We will build the sea wall by 2027,” Maria Lopez said. "
    "Crime fell by 20% last year, she added. John Smith, the opposition leader, disagreed. "
    "“The budget is a fantasy,” Smith told reporters. “Taxes will rise,” he said."
)
BODY2 = "Second story. “Schools are full,” said Ana Kowalski. Class sizes doubled since 2010."


def span(body, text):
    start = body.index(text)
    return {"start": start, "end": start + len(text), "text": text}


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """The named users are created per test; PBKDF2's deliberate slowness would dominate these tests."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_throttle_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def data(db, alice):
    outlet = Outlet.objects.create(name="Demo Gazette", domain="gazette.example")
    a1 = Article.objects.create(
        title="Sea wall",
        url="https://gazette.example/sea-wall",
        outlet=outlet,
        body_text=BODY,
        content_hash=content_hash(BODY),
        status="extracted",
        published_at=dt.datetime(2026, 3, 1, 8, tzinfo=dt.UTC),
    )
    a2 = Article.objects.create(
        title="Schools",
        body_text=BODY2,
        content_hash=content_hash(BODY2),
        status="extracted",
        published_at=dt.datetime(2026, 4, 10, 8, tzinfo=dt.UTC),
    )
    lopez = Speaker.objects.create(name="Maria Lopez", description="mayor of Springfield")
    smith = Speaker.objects.create(name="John Smith", description="opposition leader")
    ana = Speaker.objects.create(name="Ana Kowalski")
    SpeakerAlias.objects.create(speaker=lopez, alias="the mayor")
    now = timezone.now()
    quotes = {
        "wall": Quote.objects.create(
            article=a1,
            speaker=lopez,
            confidence=0.9,
            status="verified",
            reviewer=alice,
            reviewed_at=now,
            speaker_mention="Maria Lopez",
            cue="said",
            **span(BODY, "We will build the sea wall by 2027"),
        ),
        "budget": Quote.objects.create(
            article=a1,
            speaker=smith,
            confidence=0.6,
            status="verified",
            reviewer=alice,
            reviewed_at=now,
            **span(BODY, "The budget is a fantasy"),
        ),
        "taxes": Quote.objects.create(article=a1, speaker=smith, confidence=0.4, **span(BODY, "Taxes will rise")),
        "schools": Quote.objects.create(
            article=a2, speaker=ana, confidence=0.8, status="verified", **span(BODY2, "Schools are full")
        ),
    }
    claims = {
        "crime": Claim.objects.create(
            article=a1,
            speaker=lopez,
            checkworthiness=0.9,
            status="verified",  # published: only verified claims with a verdict are public
            verdict="mostly_false",
            rationale="Police figures show an 8% fall.",
            published_at=now,
            published_verdict="mostly_false",
            published_rationale="Police figures show an 8% fall.",
            reviewer=alice,
            reviewed_at=now,
            **span(BODY, "Crime fell by 20% last year"),
        ),
        "classes": Claim.objects.create(
            article=a2, speaker=ana, checkworthiness=0.7, **span(BODY2, "Class sizes doubled since 2010")
        ),
    }
    return {
        "outlet": outlet,
        "articles": (a1, a2),
        "speakers": {"lopez": lopez, "smith": smith, "ana": ana},
        "quotes": quotes,
        "claims": claims,
    }


def client_for(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    return client


@pytest.fixture
def editor_client(erin):
    return client_for(erin)


@pytest.fixture
def bob_client(bob):
    return client_for(bob)


class Receiver:
    """A local HTTP endpoint on 127.0.0.1 that records webhook requests and answers with scripted codes."""

    def __init__(self):
        self.requests: list[dict] = []
        self.codes: list[int] = []
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                receiver.requests.append({"headers": dict(self.headers), "body": body, "json": json.loads(body)})
                code = receiver.codes.pop(0) if receiver.codes else 200
                self.send_response(code)
                self.end_headers()
                self.wfile.write(b"ok" if code < 300 else b"nope")

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    server = Receiver()
    yield server
    server.close()
