"""Hostile input against every write endpoint and every filter, pages and API: never a 5xx.

Hypothesis builds bodies and query strings from what broke the app before — wrong JSON types, deep
nesting, NUL bytes, lone surrogates, "²" and other digits int() refuses, ids past 2**63, out-of-range
time-zone offsets, `next` values that are not paths, `.json` suffixes on custom actions, non-http URLs —
mixed with random text. Bounded (a fixed number of examples per test, derandomised), so it runs in
`make test`; in CI it runs against PostgreSQL, which is stricter than SQLite about NUL and surrogates.

The closing figures (requests, 4xx, 5xx) are written to tests/artifacts/fuzz-figures.json.
"""

import ipaddress
import json
import os
from collections import Counter
from pathlib import Path
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims.models import Claim, Feed, Quote
from claims.services import netguard

pytestmark = pytest.mark.django_db

FIGURES = Counter()
# one file per pytest-xdist worker ("main" without xdist); the figures are their sum
ARTIFACT = (
    Path(__file__).resolve().parents[1]
    / "artifacts"
    / f"fuzz-figures-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}.json"
)
FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "120")),
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)

HOSTILE = [
    "", " ", "\x00", "a\x00b", "\ud800", "x\udfffy", "²", "١٢", "9" * 30, str(2**63), "-1", "0", "1e9", "NaN",
    "null", "true", "[]", "{}", "javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<b>x</b>",
    "http://10.0.0.1/", "http://[::ffff:169.254.169.254]/", "http://127.0.0.1:9/x", "//evil.example",
    "/\\evil.example", "https://ex ample.org", "http://", "2026-01-01T00:00:00+25:00", "2026-01-01T00:00:00-99:00",
    "2026-13-45", "9999-12-31T23:59:59-23:59", "0000-01-01", "2026-02-30", "../../etc/passwd", "%00", "<script>",
    "' OR 1=1 --", "a" * 3000, "😀" * 10, "\u202e", "quote:1:1", "quote:²:1", "claim:1:99999999999999999999",
    "verified", "any", "reviewed", "mostly_false", "person", "-id", "updated_at", "id,-id", "csv", "jsonl", "xml",
]  # fmt: skip
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=30),
    st.sampled_from(HOSTILE),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=6,
)
strings = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=40))


def deep(n: int) -> str:
    return "[" * n + "]" * n


RAW_BODIES = [deep(100_000), '{"text": ' + deep(5000) + "}", "{" * 50_000, '{"text": "\\ud800"}', '{"text": "a\\u0000b"}',
              '{"text": NaN}', "\xff\xfe", '{"version": 1e400}', '{"text": "x"' + ", \"text\": 1" * 10 + "}"]  # fmt: skip


@pytest.fixture
def world(data, erin, monkeypatch):
    """The API test data, an editor's token client and a feed; no name is ever resolved (no DNS)."""
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    monkeypatch.setattr(netguard, "resolver", lambda host, port: [ipaddress.ip_address("192.0.2.1")])
    monkeypatch.setattr(netguard, "send", lambda address, request: pytest.fail("fuzzing must not connect"))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=erin).key}")
    feed = Feed.objects.create(url="https://feeds.example/rss")
    return {
        "api": client,
        "quote": Quote.objects.order_by("pk").first().pk,
        "claim": Claim.objects.order_by("pk").first().pk,
        "article": data["articles"][0].pk if "articles" in data else Quote.objects.first().article_id,
        "feed": feed.pk,
    }


def query(params: dict[str, str]) -> str:
    """A query string as a hostile client sends it: lone surrogates as the (invalid UTF-8) bytes they encode to."""
    return "&".join(f"{quote(k)}={quote(v.encode('utf-8', 'surrogatepass'))}" for k, v in params.items())


def record(response, what: str) -> None:
    FIGURES["requests"] += 1
    FIGURES[f"{response.status_code // 100}xx"] += 1
    assert response.status_code < 500, f"{what} → {response.status_code}: {response.content[:500]!r}"


@pytest.fixture(scope="module", autouse=True)
def figures():
    yield
    ARTIFACT.parent.mkdir(parents=True, exist_ok=True)
    ARTIFACT.write_text(json.dumps(dict(FIGURES), indent=2, sort_keys=True))


def api_writes(w):
    q, c, a, f = w["quote"], w["claim"], w["article"], w["feed"]
    return [
        "/api/articles/", f"/api/articles/{a}/reextract/", f"/api/quotes/{q}/status/", f"/api/quotes/{q}/notes/",
        f"/api/quotes/{q}/speaker/", f"/api/claims/{c}/status/", f"/api/claims/{c}/notes/", f"/api/claims/{c}/verdict/",
        f"/api/claims/{c}/evidence/", "/api/feeds/", f"/api/feeds/{f}/pause/", f"/api/feeds/{f}/resume/",
        f"/api/feeds/{f}/poll/", f"/api/quotes/{q}/status.json", f"/api/claims/{c}/verdict.json",
        f"/api/articles/{a}/reextract.json", f"/api/claims/{c}/claimreview.json",
    ]  # fmt: skip


FIELDS = ["text", "html", "url", "title", "outlet", "byline", "published_at", "version", "status", "notes", "speaker",
          "name", "kind", "verdict", "rationale", "excerpt", "interval_minutes"]  # fmt: skip


@FUZZ
@given(data=st.data())
def test_api_writes_never_answer_5xx(world, data):
    api = world["api"]
    url = data.draw(st.sampled_from(api_writes(world)))
    body = data.draw(st.one_of(st.dictionaries(st.sampled_from(FIELDS), values, max_size=5), values))
    response = api.post(url, json.dumps(body), content_type="application/json")
    record(response, f"POST {url} {body!r:.200}")


@settings(max_examples=len(RAW_BODIES) * 3, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))  # fmt: skip
@given(data=st.data())
def test_api_raw_bodies_never_answer_5xx(world, data):
    url = data.draw(st.sampled_from(api_writes(world)))
    raw = data.draw(st.sampled_from(RAW_BODIES))
    kind = data.draw(st.sampled_from(["application/json", "application/json; charset=latin-1", "text/plain"]))
    response = world["api"].generic("POST", url, raw.encode("utf-8", "surrogatepass"), content_type=kind)
    record(response, f"POST {url} raw {raw[:60]!r}")


FILTERS = ["status", "speaker", "article", "outlet", "kind", "verdict", "published_after", "published_before",
           "updated_since", "q", "min_confidence", "min_checkworthiness", "ordering", "cursor", "page_size", "format",
           "page"]  # fmt: skip
READS = ["/api/quotes/", "/api/claims/", "/api/export/quotes", "/api/export/claims", "/api/articles/", "/api/speakers/",
         "/api/fetches/", "/api/feeds/", "/api/quotes.json", "/api/claims/1/", "/api/quotes/²/", f"/api/quotes/{2**64}/"]  # fmt: skip


@FUZZ
@given(data=st.data())
def test_api_filters_never_answer_5xx(world, data):
    url = data.draw(st.sampled_from(READS))
    params = data.draw(st.dictionaries(st.sampled_from(FILTERS), strings, max_size=4))
    response = world["api"].get(url, QUERY_STRING=query(params))
    if hasattr(response, "streaming_content"):
        b"".join(response.streaming_content)
    record(response, f"GET {url} {params!r:.200}")


def page_writes(w):
    q, c, a, f = w["quote"], w["claim"], w["article"], w["feed"]
    return [
        ("/articles/new/", ["text", "fetch_url", "title", "url", "outlet", "new_outlet", "published_at"]),
        (f"/articles/{a}/retry/", ["next"]),
        (f"/articles/{a}/removed/0/restore/", ["next"]),
        (f"/articles/{a}/add/", ["kind", "start", "end", "next"]),
        (f"/articles/{a}/quote/{q}/status/", ["status", "version", "notes", "next"]),
        (f"/articles/{a}/claim/{c}/verdict/", ["verdict", "rationale", "version", "next"]),
        (f"/articles/{a}/claim/{c}/evidence/", ["url", "title", "excerpt", "version", "next"]),
        (f"/articles/{a}/quote/{q}/speaker/", ["speaker", "name", "kind", "version", "next"]),
        ("/queue/bulk/", ["action", "items", "assignee", "confirmed", "next"]),
        ("/speakers/merge/", ["keep", "merge", "next"]),
        ("/feeds/", ["url", "title", "interval_minutes", "outlet"]),
        (f"/feeds/{f}/pause/", ["next"]),
        ("/webhooks/", ["url", "secret", "events"]),
        ("/account/token/", ["action"]),
    ]


@FUZZ
@given(data=st.data())
def test_page_forms_never_answer_5xx(world, client, erin, data):
    client.force_login(erin)
    url, fields = data.draw(st.sampled_from(page_writes(world)))
    form = data.draw(st.dictionaries(st.sampled_from(fields), strings, max_size=4))
    response = client.post(url, query(form), content_type="application/x-www-form-urlencoded")
    record(response, f"POST {url} {form!r:.200}")


PAGE_READS = ["/", "/queue/", "/speakers/", "/dashboard/", "/feeds/", "/review/speakers.json", "/articles/1/",
              "/webhooks/", "/articles/new/"]  # fmt: skip
PAGE_PARAMS = ["status", "kind", "q", "article", "outlet", "speaker", "assigned", "min_worth", "max_confidence",
               "date_from", "date_to", "sort", "page", "item", "fetch_url", "next"]  # fmt: skip


@FUZZ
@given(data=st.data())
def test_page_filters_never_answer_5xx(world, client, erin, data):
    client.force_login(erin)
    url = data.draw(st.sampled_from(PAGE_READS))
    params = data.draw(st.dictionaries(st.sampled_from(PAGE_PARAMS), strings, max_size=4))
    response = client.get(url, QUERY_STRING=query(params))
    record(response, f"GET {url} {params!r:.200}")
