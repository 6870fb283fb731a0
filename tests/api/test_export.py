"""Bulk exports over the API: streamed CSV / JSONL / JSON / JSON-LD with the list filters and the editor-only statuses.

(`manage.py export`, which shares the selectors, is tested in tests/commands/test_export.py.)
"""

import csv
import datetime as dt
import io
import json

import pytest

from claims.selectors import export
from claims.sentences import sentence_around
from tests.conftest import DATA_BODY

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
