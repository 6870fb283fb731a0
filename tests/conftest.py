"""Shared fixtures: named users and their clients, the newsroom `data`, a local webhook receiver, and the
real-services switches (PostgreSQL, Redis, Celery worker). Model objects come from tests/factories.py.

A test that needs a service calls `require(...)`: locally it skips when the service is absent,
in CI (CI=true) it fails loudly instead, so a green CI always means the service was exercised.
"""

import datetime as dt
import hashlib
import hmac
import http.server
import ipaddress
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
from factcheck.queues import EXTRACT, QUEUES, task_routes
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


_REAL_GETADDRINFO = socket.getaddrinfo
_REAL_CONNECT = socket.socket.connect
_REAL_CONNECT_EX = socket.socket.connect_ex


def is_loopback_host(host: object) -> bool:
    """127.0.0.0/8, ::1 (and IPv4-mapped loopback) or a name that can only mean this machine."""
    if host in (None, "", b""):
        return True
    name = host.decode() if isinstance(host, bytes) else str(host)
    if name.lower() in ("localhost", "ip6-localhost", "ip6-loopback") or name.lower().endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(name.strip("[]").split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_loopback


@pytest.fixture(autouse=True)
def loopback_only(monkeypatch):
    """No test sends a DNS query for, or opens a connection to, anything outside 127.0.0.0/8 and ::1.

    A violation is refused on the spot (the code under test sees a network error) and fails the test.
    """
    violations: list[str] = []

    def getaddrinfo(host, *args, **kwargs):
        if not is_loopback_host(host):
            violations.append(f"DNS lookup of {host!r}")
            raise socket.gaierror(socket.EAI_NONAME, "tests resolve loopback names only")
        return _REAL_GETADDRINFO(host, *args, **kwargs)

    def check(sock, address):
        if sock.family in (socket.AF_INET, socket.AF_INET6) and not is_loopback_host(address[0]):
            violations.append(f"connection to {address!r}")
            raise ConnectionRefusedError(f"tests connect to loopback only, not {address!r}")

    def connect(self, address):
        check(self, address)
        return _REAL_CONNECT(self, address)

    def connect_ex(self, address):
        check(self, address)
        return _REAL_CONNECT_EX(self, address)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    yield violations
    if violations:
        pytest.fail("Network traffic outside loopback: " + "; ".join(violations))


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


def use_broker(url: str | None, *, prefix: str | None = None) -> None:
    """Point the publishing side of the Celery app at another broker (drops cached connection pools), and
    with `prefix` route every task to that test run's own queues (factcheck/queues.py).

    Sets `broker_write_url`: Celery reads `broker_url` from the CELERY_BROKER_URL environment
    variable before the app config, so assigning `conf.broker_url` is silently ignored in CI.
    """
    celery_app.conf.broker_write_url = url
    if prefix is not None:
        celery_app.conf.task_routes = task_routes(prefix)
        celery_app.amqp.__dict__.pop("router", None)
        celery_app.amqp._rtable = None
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


# The real workers the integration tests share: one for extraction (prefork, two processes, a short time
# limit so a poison paste fails within seconds) and one for everything else, as docker-compose.yml runs them.
WORKER_SOFT_TIME_LIMIT = 8
WORKER_LEASE_SECONDS = 6


def _start_worker(name: str, queues: list[str], env: dict, extra: list[str]) -> tuple[subprocess.Popen, Path, object]:
    log_path = ROOT / "tests" / "artifacts" / f"celery-{name}.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    log = open(log_path, "w")  # noqa: SIM115  # closed when the worker stops (fixture teardown)
    proc = subprocess.Popen(
        [
            sys.executable, "-m", "celery", "-A", "factcheck", "worker", "--loglevel", "INFO",
            "-Q", ",".join(queues), "--hostname", f"{name}@%h",
            "--without-gossip", "--without-mingle", "--without-heartbeat", *extra,
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )  # fmt: skip
    return proc, log_path, log


@pytest.fixture(scope="session")
def worker_queue(django_db_setup, django_db_blocker):
    """Real `celery -A factcheck worker` subprocesses on Redis + the PostgreSQL test database; yields the
    queue prefix of this test run (its queues are `<prefix>extract`, `<prefix>fetch`, …)."""
    broker = redis_url()
    require(broker is not None and port_open(broker, 6379), "Redis broker (CELERY_BROKER_URL=redis://…)")
    require(using_postgres(), "PostgreSQL (DATABASE_URL=postgres://…) shared with the worker process")
    db = settings.DATABASES["default"]
    database_url = (
        f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    )
    prefix = f"test-{uuid.uuid4().hex[:8]}-"
    env = dict(
        os.environ,
        DATABASE_URL=database_url,
        CELERY_BROKER_URL=broker,
        CELERY_QUEUE=prefix + "default",
        CELERY_QUEUE_PREFIX=prefix,
        CELERY_TASK_ALWAYS_EAGER="false",
        EXTRACTION_SOFT_TIME_LIMIT=str(WORKER_SOFT_TIME_LIMIT),
        EXTRACTION_TIME_LIMIT=str(WORKER_SOFT_TIME_LIMIT + 10),
        EXTRACTION_LEASE_SECONDS=str(WORKER_LEASE_SECONDS),
        EXTRACTION_PRELOAD_MODEL="true",
        HOST_MIN_INTERVAL_SECONDS="0.2",
        NETWORK_ALLOW_LOOPBACK="true",
    )
    workers = [
        ("extract-" + prefix[5:-1], [prefix + EXTRACT], ["--pool", "prefork", "--concurrency", "2"]),
        (
            "io-" + prefix[5:-1],
            [prefix + q for q in QUEUES if q != EXTRACT],
            ["--pool", "threads", "--concurrency", "4"],
        ),
    ]
    started = [(name, *_start_worker(name, queues, env, extra)) for name, queues, extra in workers]
    deadline = time.monotonic() + 90
    for name, proc, log_path, _ in started:
        while "ready" not in log_path.read_text() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)
        if proc.poll() is not None or "ready" not in log_path.read_text():
            for _, other, _, _ in started:
                other.kill()
            pytest.fail(f"Celery worker {name} did not start:\n{log_path.read_text()[-3000:]}")
    yield prefix
    for _, proc, _, _ in started:
        proc.terminate()
    for _, proc, _, log in started:
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture
def celery_worker(worker_queue, transactional_db):
    """Publish to the real workers' queues instead of running tasks inline."""
    saved_routes = celery_app.conf.task_routes
    celery_app.conf.task_always_eager = False
    use_broker(redis_url(), prefix=worker_queue)
    yield worker_queue
    use_broker(None)
    celery_app.conf.task_routes = saved_routes
    celery_app.amqp.__dict__.pop("router", None)
    celery_app.amqp._rtable = None


def wait_for(predicate, *, timeout: float = 60, interval: float = 0.25):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"condition not met within {timeout} s")
