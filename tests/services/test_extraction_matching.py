"""claims.services.extraction: a model span overlapping a person's span is that item; the model's changes
are history with versions; extraction takes the article lock first."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.models import Claim, Quote, ReviewEvent
from claims.nlp.spans import Extraction
from claims.services import review
from claims.services.extraction import apply_extraction
from tests.review_helpers import claim_span, make_article, quote_span

pytestmark = pytest.mark.django_db

BODY = "Intro. “We will build the sea wall by 2027,” Maria Lopez said. Crime fell by 20% last year, she added."


@pytest.fixture
def article(db):
    return make_article(BODY)


def model_output(article, *, quote_text="We will build the sea wall by 2027", speaker="Maria Lopez"):
    body = article.body_text
    quote = quote_span(quote_text, body.index(quote_text), speaker=speaker, speaker_mention=speaker)
    claim_text = "Crime fell by 20% last year"
    return Extraction(quotes=[quote], claims=[claim_span(claim_text, body.index(claim_text))])


def test_a_moved_quote_is_not_brought_back_as_a_second_copy(article, alice):
    apply_extraction(article=article, extraction=model_output(article), version="v1")
    quote = Quote.objects.get()
    # the reviewer includes "We will" → drops it: the span moves
    body = article.body_text
    moved = review.item_set_span(
        item=quote, user=alice, version=quote.version, start=body.index("build"), end=quote.end
    )
    apply_extraction(article=article, extraction=model_output(article), version="v2")
    assert Quote.objects.count() == 1
    kept = Quote.objects.get()
    assert (kept.pk, kept.start, kept.text) == (moved.pk, moved.start, "build the sea wall by 2027")
    assert kept.speaker.name == "Maria Lopez"


def test_a_human_added_quote_absorbs_the_models_overlapping_span_and_keeps_its_speaker(article, alice):
    body = article.body_text
    added = review.item_add(
        article=article, user=alice, kind="quote", start=body.index("“We"), end=body.index(" Maria") - 1
    )
    assert added.text == "We will build the sea wall by 2027"  # marks and comma left out
    apply_extraction(article=article, extraction=model_output(article, quote_text="We will build the sea wall"),
                     version="v1")  # fmt: skip
    assert list(Quote.objects.values_list("pk", flat=True)) == [added.pk]
    added.refresh_from_db()
    assert added.speaker is None and added.speaker_source == "human"  # the person's (empty) speaker stands
    assert added.text == "We will build the sea wall by 2027"  # and their span


def test_a_moved_claim_is_not_duplicated_and_claims_follow_the_matched_quote(article, alice):
    apply_extraction(article=article, extraction=model_output(article), version="v1")
    claim = Claim.objects.get()
    review.item_set_span(item=claim, user=alice, version=claim.version, start=claim.start, end=claim.end - 10)
    apply_extraction(article=article, extraction=model_output(article), version="v2")
    assert Claim.objects.count() == 1 and Claim.objects.get().pk == claim.pk


def test_a_span_that_does_not_overlap_is_a_new_item(article, alice):
    apply_extraction(article=article, extraction=model_output(article), version="v1")
    quote = Quote.objects.get()
    body = article.body_text
    review.item_set_span(item=quote, user=alice, version=quote.version, start=0, end=body.index("."))
    apply_extraction(article=article, extraction=model_output(article), version="v2")
    assert Quote.objects.count() == 2


def test_the_models_changes_are_history_events_with_the_new_version(article):
    apply_extraction(article=article, extraction=model_output(article), version="v1")
    quote = Quote.objects.get()
    apply_extraction(article=article, extraction=model_output(article, speaker="John Smith"), version="v2")
    quote.refresh_from_db()
    event = ReviewEvent.objects.get(quote=quote, action="re-extracted", field="speaker")
    assert event.actor is None and event.version == quote.version == 2
    assert event.old_value["name"] == "Maria Lopez" and event.new_value["name"] == "John Smith"


def test_extraction_locks_the_article_before_the_items(article):
    with CaptureQueriesContext(connection) as queries:
        apply_extraction(article=article, extraction=model_output(article), version="v1")
    sql = [q["sql"] for q in queries.captured_queries]
    article_lock = next(i for i, s in enumerate(sql) if 'FROM "claims_article"' in s)
    first_item = next(i for i, s in enumerate(sql) if 'FROM "claims_quote"' in s or 'INTO "claims_quote"' in s)
    assert article_lock < first_item
    if connection.vendor == "postgresql":
        assert "FOR NO KEY UPDATE" in sql[article_lock]
        assert any('FROM "claims_quote"' in s and "FOR UPDATE" in s for s in sql)
