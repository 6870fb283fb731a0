"""Shared fixtures: named users, API clients, and the real-services switches (PostgreSQL, Redis, Celery worker).

A test that needs a service calls `require(...)`: locally it skips when the service is absent,
in CI (CI=true) it fails loudly instead, so a green CI always means the service was exercised.
"""

import datetime as dt
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
from django.contrib.auth.models import Group, Permission, User
from django.utils import timezone

from claims.models import Article, Claim, Outlet, Quote, Speaker, SpeakerAlias
from claims.roles import sync_roles
from claims.services.articles import content_hash
from factcheck.celery import app as celery_app

ROOT = Path(__file__).resolve().parents[1]
IN_CI = os.environ.get("CI", "").lower() == "true"
PASSWORD = "correct-horse-battery"


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


def make_user(username: str, role: str | None = None, **extra) -> User:
    user = User.objects.create_user(username=username, password=PASSWORD, email=f"{username}@example.org", **extra)
    if role:
        if not Group.objects.filter(name=role).exists():
            sync_roles(Group, Permission)  # a transactional test flushed the migration's groups
        user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def alice(db):
    """A reviewer."""
    return make_user("alice", "reviewer")


@pytest.fixture
def bob(db):
    """A second reviewer (concurrent-edit tests)."""
    return make_user("bob", "reviewer")


@pytest.fixture
def erin(db):
    """An editor."""
    return make_user("erin", "editor")


@pytest.fixture
def api_client(alice):
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=alice).key}")
    return client


@pytest.fixture
def alice_client(client, alice):
    client.force_login(alice)
    return client


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
    log = open(log_path, "w")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "factcheck",
            "worker",
            "--pool",
            "solo",
            "--loglevel",
            "INFO",
            "-Q",
            queue,
            "--hostname",
            f"{queue}@%h",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
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
    log.close()


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


# --- shared data (moved from tests/api/conftest.py) ---

BODY = (
    "The council met on Monday. “We will build the sea wall by 2027,” Maria Lopez said. "
    "Crime fell by 20% last year, she added. John Smith, the opposition leader, disagreed. "
    "“The budget is a fantasy,” Smith told reporters. “Taxes will rise,” he said."
)
BODY2 = "Second story. “Schools are full,” said Ana Kowalski. Class sizes doubled since 2010."


def span(body, text):
    start = body.index(text)
    return {"start": start, "end": start + len(text), "text": text}


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
            verdict="mostly_false",
            rationale="Police figures show an 8% fall.",
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
