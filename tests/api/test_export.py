"""Bulk exports over the API: streamed CSV / JSONL / JSON / JSON-LD with the list filters and the editor-only statuses.

(`manage.py export`, which shares the selectors, is tested in tests/commands/test_export.py.)
"""

import csv
import datetime as dt
import io
import json

import pytest

from claims.models import Claim, Quote
from claims.selectors import export
from claims.sentences import sentence_around
from tests.conftest import DATA_BODY, require, using_postgres
from tests.factories import EvidenceFactory

pytestmark = pytest.mark.django_db


def body_of(response) -> str:
    assert response.status_code == 200, response.content
    assert response.streaming, "exports must be streamed"
    return b"".join(response.streaming_content).decode()


@pytest.mark.parametrize("how", [{"format": "csv"}, {"HTTP_ACCEPT": "text/csv"}])
def test_csv_export_by_format_or_accept(api_client, data, how):
    params = {"format": how["format"]} if "format" in how else {}
    extra = {k: v for k, v in how.items() if k.startswith("HTTP_")}
    response = api_client.get("/api/export/quotes", params, **extra)
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(body_of(response))))
    assert {r["id"] for r in rows} == {str(q.pk) for k, q in data["quotes"].items() if k != "taxes"}
    wall = next(r for r in rows if r["id"] == str(data["quotes"]["wall"].pk))
    assert wall["speaker"] == "Maria Lopez" and wall["speaker_role"] == "mayor of Springfield"
    assert wall["article_url"] == "https://gazette.example/sea-wall" and wall["outlet"] == "Demo Gazette"
    assert wall["sentence"] == "“We will build the sea wall by 2027,” Maria Lopez said."
    assert DATA_BODY[int(wall["start"]) : int(wall["end"])] == wall["text"]
    assert wall["reviewer"] == "alice"


def test_jsonl_and_json_exports_agree(api_client, data):
    jsonl = [json.loads(line) for line in body_of(api_client.get("/api/export/quotes?format=jsonl")).splitlines()]
    as_json = json.loads(body_of(api_client.get("/api/export/quotes", HTTP_ACCEPT="application/json")))
    assert jsonl == as_json and len(as_json) == 3
    assert [r["id"] for r in as_json] == sorted(r["id"] for r in as_json)
    assert set(as_json[0]) == set(export.columns_for(export.Quote))


def test_export_takes_the_list_filters(api_client, data):
    rows = json.loads(body_of(api_client.get("/api/export/quotes?format=json&speaker=John Smith")))
    assert [r["id"] for r in rows] == [data["quotes"]["budget"].pk]


def test_unverified_exports_are_for_editors(api_client, editor_client, data):
    response = api_client.get("/api/export/quotes?format=csv&status=any")
    assert response.status_code == 403 and response["Content-Type"] == "application/json"
    assert "Only editors" in response.json()["detail"]
    rows = json.loads(body_of(editor_client.get("/api/export/quotes?format=json&status=any")))
    assert len(rows) == 4


def test_bad_export_requests_are_400(api_client, data):
    response = api_client.get("/api/export/quotes?format=xml")
    assert response.status_code == 400 and "format" in response.json()
    response = api_client.get("/api/export/quotes?format=csv&published_after=soon")
    assert response.status_code == 400 and response["Content-Type"] == "application/json"


def test_anonymous_export_is_401(client, data):
    assert client.get("/api/export/quotes?format=csv").status_code == 401


def test_claims_export_and_claimreview_format(api_client, data):
    rows = json.loads(body_of(api_client.get("/api/export/claims?format=json")))
    assert [r["verdict"] for r in rows] == ["mostly_false"]
    reviews = json.loads(body_of(api_client.get("/api/export/claims?format=jsonld")))
    assert reviews[0]["@type"] == "ClaimReview" and reviews[0]["reviewRating"]["alternateName"] == "Mostly false"


def test_export_streams_in_chunks_over_an_iterator(data, django_assert_max_num_queries):
    # Two chunks of rows, plus one query per chunk for article texts not yet cached.
    with django_assert_max_num_queries(4):
        pieces = list(export.export_stream(queryset=export.Quote.objects.all(), fmt="jsonl", chunk_size=2))
    assert sum(piece.count("\n") for piece in pieces) == 4


def test_sentence_around():
    assert (
        sentence_around(DATA_BODY, DATA_BODY.index("Crime"), DATA_BODY.index("Crime") + 5)
        == "Crime fell by 20% last year, she added."
    )


def test_export_dates_are_iso_8601_utc(api_client, data, settings):
    settings.DEBUG = True  # debug SQL logging formats the query text: no stray % may reach it

    wall = data["quotes"]["wall"]
    wall.refresh_from_db()
    rows = [json.loads(line) for line in body_of(api_client.get("/api/export/quotes?format=jsonl")).splitlines()]
    row = next(r for r in rows if r["id"] == wall.pk)
    for field in ("published_at", "reviewed_at", "updated_at"):
        assert row[field].endswith("Z"), row[field]
        parsed = dt.datetime.fromisoformat(row[field].replace("Z", "+00:00"))
        assert parsed.tzinfo is not None
    assert abs(dt.datetime.fromisoformat(row["updated_at"].replace("Z", "+00:00")) - wall.updated_at) < dt.timedelta(
        milliseconds=1
    )


def test_jsonl_is_compact_json_one_object_per_line(api_client, data):
    lines = body_of(api_client.get("/api/export/quotes?format=jsonl")).splitlines()
    assert all(line.startswith('{"id":') and '", "' not in line for line in lines), lines[0]


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
@pytest.mark.parametrize("model", [Quote, Claim])
def test_postgresql_writes_the_same_bytes_as_python(data, model, fmt):
    """On PostgreSQL the database writes each exported row (COPY … CSV, row_to_json); it must be byte for
    byte what Python's writers make of the same rows, whatever the text holds (quotes and escapes, control
    characters, line breaks, non-Latin script, astral characters), with empty and null values, floats and a
    claim's evidence list in place."""
    require(using_postgres(), "PostgreSQL (DATABASE_URL=postgres://…) for its CSV and JSON writers")
    tricky = 'He said "no", \\ then\n\ttab\x01\x1f — “curly” ‘single’ 漢字 😀 \u2028 end\rof line '
    Quote.objects.filter(pk=data["quotes"]["wall"].pk).update(text=tricky, speaker_mention="", confidence=0.1 + 0.2)
    claim = data["claims"]["crime"]
    Claim.objects.filter(pk=claim.pk).update(rationale=tricky, checkworthiness=1e-7)
    EvidenceFactory(claim=claim, url='https://example.org/b?q="x",r=1')
    EvidenceFactory(claim=claim, url="https://example.org/a")
    columns = export._columns(model)
    by_database = export._csv_by_postgresql if fmt == "csv" else export._json_by_postgresql
    in_python = export._csv_in_python if fmt == "csv" else export._json_in_python

    written = [row for batch in by_database(model.objects.all(), columns, 2) for row in batch]
    assert written == [row for batch in in_python(model.objects.all(), columns, 2) for row in batch]
    assert len(written) == model.objects.count()
    text = "".join(export.stream(model, fmt, [written]))
    parsed = list(csv.DictReader(io.StringIO(text))) if fmt == "csv" else [json.loads(r) for r in written]
    assert any(tricky in row.values() for row in parsed)
    if model is Claim:
        crime = next(row for row in parsed if str(row["id"]) == str(claim.pk))
        urls = ['https://example.org/b?q="x",r=1', "https://example.org/a"]
        assert crime["evidence_urls"] == (" ".join(urls) if fmt == "csv" else urls)


def test_csv_quotes_a_lone_carriage_return(api_client, data):
    """A rationale typed on an old Mac or pasted from one keeps its bare CR; the CSV must still read back."""
    claim = data["claims"]["crime"]
    Claim.objects.filter(pk=claim.pk).update(rationale="Police figures\rshow an 8% fall.")
    rows = list(csv.DictReader(io.StringIO(body_of(api_client.get("/api/export/claims?format=csv")), newline="")))
    assert [r["rationale"] for r in rows if r["id"] == str(claim.pk)] == ["Police figures\rshow an 8% fall."]
