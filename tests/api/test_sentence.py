"""An item's `sentence` is defined once (claims.sentences.sentence_around), stored when the span is written:
the API, the CSV/JSONL exports and the webhook payloads give the same sentence for the same quote."""

import csv
import io
import json

import pytest

from claims.models import Quote, ReviewStatus
from claims.sentences import sentence_around, sentence_bounds
from claims.services.webhooks import event_data
from tests.factories import ArticleFactory, QuoteFactory

BODY = "Rain fell all day. “We won!” she said. “It was close,” he added, “but fair.” Then the hall emptied."
CASES = {
    "We won!": "“We won!” she said.",
    "It was close,": "“It was close,” he added, “but fair.”",
    "but fair.": "“It was close,” he added, “but fair.”",
}


@pytest.mark.parametrize(("span", "sentence"), CASES.items())
def test_sentence_around(span, sentence):
    start = BODY.index(span)
    assert sentence_around(BODY, start, start + len(span)) == sentence
    assert sentence_around(BODY, start, start + len(span), bounds=sentence_bounds(BODY)) == sentence


def test_a_line_break_ends_a_sentence_and_a_long_one_is_cut():
    body = "Headline without a stop\nFirst line of the story is here."
    start = body.index("First")
    assert sentence_around(body, start, start + 5) == "First line of the story is here."
    long = "word " * 400 + "TARGET " + "word " * 400
    start = long.index("TARGET")
    around = sentence_around(long, start, start + 6, limit=50)
    assert "TARGET" in around and len(around) <= 6 + 2 * 50


@pytest.fixture
def quotes(db):
    article = ArticleFactory(body_text=BODY)
    return [QuoteFactory(article=article, text=span, status=ReviewStatus.VERIFIED) for span in CASES]


def test_api_export_and_webhook_give_the_same_sentence(api_client, quotes):
    for quote in quotes:
        expected = CASES[quote.text]
        assert api_client.get(f"/api/quotes/{quote.pk}/").json()["sentence"] == expected
        assert event_data(model=Quote, pk=quote.pk)["sentence"] == expected
    listed = {q["id"]: q["sentence"] for q in api_client.get("/api/quotes/").json()["results"]}
    jsonl = api_client.get("/api/export/quotes", {"format": "jsonl"})
    exported = {row["id"]: row["sentence"] for row in map(json.loads, b"".join(jsonl.streaming_content).splitlines())}
    csv_body = b"".join(api_client.get("/api/export/quotes", {"format": "csv"}).streaming_content).decode()
    from_csv = {int(row["id"]): row["sentence"] for row in csv.DictReader(io.StringIO(csv_body))}
    assert listed == exported == from_csv == {q.pk: CASES[q.text] for q in quotes}
