"""Shared fixtures: named users and their clients, the newsroom `data`, a local webhook receiver, and the
real-services switches (PostgreSQL, Redis, Celery worker). Model objects come from tests/factories.py.

A test that needs a service calls `require(...)`: locally it skips when the service is absent,
in CI (CI=true) it fails loudly instead, so a green CI always means the service was exercised.
"""

import datetime as dt
import hashlib
import hmac
import http.server
import json
import os
import socket
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from claims.models import ReviewStatus
from claims.roles import Role
from claims.services import webhooks
from factcheck.celery import app as celery_app
from tests.factories import ArticleFactory, ClaimFactory, OutletFactory, QuoteFactory, SpeakerFactory, UserFactory

ROOT = Path(__file__).resolve().parents[1]
IN_CI = os.environ.get("CI", "").lower() == "true"


def require(condition: bool, reason: str) -> None:
    if condition:
        return
    if IN_CI:
        pytest.fail(f"CI requires this service: {reason}")
    pytest.skip(reason)


def port_open(url: str, default_port: int) -> bool:
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or default_port), timeout=1):
            return True
    except OSError:
        return False


def redis_url() -> str | None:
    url = os.environ.get("CELERY_BROKER_URL", "")
    return url if url.startswith("redis://") else None


def using_postgres() -> bool:
    return settings.DATABASES["default"]["ENGINE"].endswith("postgresql")


@pytest.fixture(autouse=True)
def eager_celery():
    """Run tasks inline unless a test asks for the real worker (the `celery_worker` fixture)."""
    saved = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = saved


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """Users are created per test; PBKDF2's deliberate slowness would dominate the suite."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The API's throttle counts live in the cache: no test inherits another's."""
    cache.clear()
    yield
    cache.clear()


# --- users and clients ----------------------------------------------------------------------------


@pytest.fixture
def alice(db):
    """A reviewer."""
    return UserFactory(username="alice", role=Role.REVIEWER)


@pytest.fixture
def bob(db):
    """A second reviewer (concurrent-edit tests)."""
    return UserFactory(username="bob", role=Role.REVIEWER)


@pytest.fixture
def erin(db):
    """An editor."""
    return UserFactory(username="erin", role=Role.EDITOR)


def make_user(username: str, role: Role | str | None = None, **fields):
    """`UserFactory(username=username, role=role, **fields)`, the short form tests/test_roles.py uses."""
    return UserFactory(username=username, role=role, **fields)


def client_for(user) -> APIClient:
    """An API client authenticated with `user`'s token."""
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    return client


@pytest.fixture
def api_client(alice):
    return client_for(alice)


@pytest.fixture
def alice_client(client, alice):
    client.force_login(alice)
    return client


# --- the newsroom: one outlet, two articles, speakers, quotes and claims in every review state ------

DATA_BODY = (
    "The council met on Monday. “We will build the sea wall by 2027,” Maria Lopez said. "
    "Crime fell by 20% last year, she added. John Smith, the opposition leader, disagreed. "
    "“The budget is a fantasy,” Smith told reporters. “Taxes will rise,” he said."
)
DATA_BODY2 = "Second story. “Schools are full,” said Ana Kowalski. Class sizes doubled since 2010."


@pytest.fixture
def data(db, alice):
    """Verified quotes (wall, budget, schools), a pending one (taxes), a verified and published claim with a
    verdict (crime), an open one without (classes); the first article has an outlet and a URL, the second neither."""
    outlet = OutletFactory(name="Demo Gazette", domain="gazette.example")
    a1 = ArticleFactory(
        title="Sea wall",
        url="https://gazette.example/sea-wall",
        outlet=outlet,
        body_text=DATA_BODY,
        published_at=dt.datetime(2026, 3, 1, 8, tzinfo=dt.UTC),
    )
    a2 = ArticleFactory(title="Schools", body_text=DATA_BODY2, published_at=dt.datetime(2026, 4, 10, 8, tzinfo=dt.UTC))
    lopez = SpeakerFactory(name="Maria Lopez", description="mayor of Springfield", aliases=["the mayor"])
    smith = SpeakerFactory(name="John Smith", description="opposition leader")
    ana = SpeakerFactory(name="Ana Kowalski")
    reviewed = {"status": ReviewStatus.VERIFIED, "reviewer": alice, "reviewed_at": timezone.now()}
    quotes = {
        "wall": QuoteFactory(
            article=a1,
            text="We will build the sea wall by 2027",
            speaker=lopez,
            confidence=0.9,
            speaker_mention="Maria Lopez",
            cue="said",
            **reviewed,
        ),
        "budget": QuoteFactory(article=a1, text="The budget is a fantasy", speaker=smith, confidence=0.6, **reviewed),
        "taxes": QuoteFactory(article=a1, text="Taxes will rise", speaker=smith, confidence=0.4),
        "schools": QuoteFactory(
            article=a2, text="Schools are full", speaker=ana, confidence=0.8, status=ReviewStatus.VERIFIED
        ),
    }
    claims = {
        "crime": ClaimFactory(
            article=a1,
            text="Crime fell by 20% last year",
            speaker=lopez,
            checkworthiness=0.9,
            status=ReviewStatus.VERIFIED,  # published: only verified claims with a verdict are public
            verdict="mostly_false",
            rationale="Police figures show an 8% fall.",
            published_at=reviewed["reviewed_at"],
            published_verdict="mostly_false",
            published_rationale="Police figures show an 8% fall.",
            reviewer=alice,
            reviewed_at=reviewed["reviewed_at"],
        ),
        "classes": ClaimFactory(article=a2, text="Class sizes doubled since 2010", speaker=ana, checkworthiness=0.7),
    }
    return {
        "outlet": outlet,
        "articles": (a1, a2),
        "speakers": {"lopez": lopez, "smith": smith, "ana": ana},
        "quotes": quotes,
        "claims": claims,
    }


# --- webhooks --------------------------------------------------------------------------------------


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

    def assert_signed(self, request: dict, *, secret: str) -> None:
        """Verify a received request the way the README tells receivers to, on the raw bytes that arrived:
        `X-Quotecheck-Signature: sha256=HMAC(secret, timestamp + "." + body)` with SHA-256 and the endpoint's secret,
        `X-Quotecheck-Timestamp` the current Unix time. Then `webhooks.signature_valid` must agree."""
        headers, body = request["headers"], request["body"]
        timestamp = headers["X-Quotecheck-Timestamp"]
        assert timestamp.isdigit() and abs(time.time() - int(timestamp)) < 300, timestamp
        digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
        assert headers["X-Quotecheck-Signature"] == f"sha256={digest}"
        signature = headers["X-Quotecheck-Signature"]
        assert webhooks.signature_valid(secret=secret, timestamp=timestamp, body=body, signature=signature)
        assert not webhooks.signature_valid(secret="wrong", timestamp=timestamp, body=body, signature=signature)

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    server = Receiver()
    yield server
    server.close()


# --- real services: a Celery worker on Redis and PostgreSQL ---------------------------------------


def use_broker(url: str | None, *, queue: str | None = None) -> None:
    """Point the publishing side of the Celery app at another broker (drops cached connection pools).

    Sets `broker_write_url`: Celery reads `broker_url` from the CELERY_BROKER_URL environment
    variable before the app config, so assigning `conf.broker_url` is silently ignored in CI.
    """
    celery_app.conf.broker_write_url = url
    if queue:
        celery_app.conf.task_default_queue = queue
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.fixture(scope="session")
def worker_queue(django_db_setup, django_db_blocker):
    """A real `celery -A factcheck worker` subprocess on Redis + the PostgreSQL test database."""
    broker = redis_url()
    require(broker is not None and port_open(broker, 6379), "Redis broker (CELERY_BROKER_URL=redis://…)")
    require(using_postgres(), "PostgreSQL (DATABASE_URL=postgres://…) shared with the worker process")
    db = settings.DATABASES["default"]
    database_url = (
        f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    )
    queue = f"test-{uuid.uuid4().hex[:8]}"
    env = dict(
        os.environ,
        DATABASE_URL=database_url,
        CELERY_BROKER_URL=broker,
        CELERY_QUEUE=queue,
        CELERY_TASK_ALWAYS_EAGER="false",
    )
    log_path = ROOT / "tests" / "artifacts" / "celery-worker.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    command = [
        *(sys.executable, "-m", "celery", "-A", "factcheck", "worker", "--pool", "solo", "--loglevel", "INFO"),
        *("-Q", queue, "--hostname", f"{queue}@%h", "--without-gossip", "--without-mingle", "--without-heartbeat"),
    ]
    with log_path.open("w") as log:
        proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while "ready" not in log_path.read_text() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)
        if proc.poll() is not None or "ready" not in log_path.read_text():
            proc.kill()
            pytest.fail(f"Celery worker did not start:\n{log_path.read_text()[-3000:]}")
        yield queue
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture
def celery_worker(worker_queue, transactional_db):
    """Publish to the real worker's queue instead of running tasks inline."""
    saved_queue = celery_app.conf.task_default_queue
    celery_app.conf.task_always_eager = False
    use_broker(redis_url(), queue=worker_queue)
    yield worker_queue
    use_broker(None, queue=saved_queue)


def wait_for(predicate, *, timeout: float = 60, interval: float = 0.25):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"condition not met within {timeout} s")
