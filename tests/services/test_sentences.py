"""The stored `sentence` of quotes and claims: written by every service that creates or moves a span, and
by the migration that filled it for rows that existed before the column; always `claims.sentences`' rule."""

import importlib

import pytest
from django.apps import apps
from django.db import connection

from claims.models import Claim, Quote
from claims.sentences import sentence_around
from claims.services import review
from claims.services.articles import article_create, article_restore_removed
from claims.services.extraction import apply_extraction
from tests.services.test_articles_ingest import PASTE

pytestmark = pytest.mark.django_db

FIRST = "“The wall will protect 3,000 homes,” Ms Lopez said."
SECOND = "“We cannot wait another winter.”"


def stored(item):
    item.refresh_from_db()
    return item.sentence


def test_extraction_stores_the_sentence_of_new_and_kept_items(article, extraction):
    apply_extraction(article=article, extraction=extraction, version="t1")
    assert [q.sentence for q in Quote.objects.order_by("start")] == [FIRST, SECOND]
    assert Claim.objects.get().sentence == FIRST
    Quote.objects.update(sentence="")  # a stale value (as a row written before the column would be)
    apply_extraction(article=article, extraction=extraction, version="t1")
    assert [q.sentence for q in Quote.objects.order_by("start")] == [FIRST, SECOND]


def test_a_moved_span_and_an_added_item_store_their_sentence(article, quote, alice):
    body = article.body_text
    start = body.index("Council")
    moved = review.item_set_span(item=quote, user=alice, version=quote.version, start=start, end=start + 14)
    assert stored(moved) == "Council leader Maria Lopez defended the plan on Tuesday."
    assert "sentence" not in set(moved.events.values_list("field", flat=True))  # derived, not a reviewer's change
    start = body.index("We cannot")
    added = review.item_add(article=article, user=alice, kind="claim", start=start, end=start + 9)
    assert stored(added) == SECOND


def test_putting_text_back_refreshes_the_stored_sentences(alice):
    article = article_create(text=PASTE).article
    start = article.body_text.index("We will build it")
    quote = Quote.objects.create(article=article, text="We will build it", start=start, end=start + 16)
    assert quote.sentence == ""  # as a row written without the service
    restored = article_restore_removed(article=article, index=0, user=alice)
    quote.refresh_from_db()
    assert quote.start > start and quote.sentence == "“We will build it,” said Maria Lopez."
    assert quote.sentence == sentence_around(restored.body_text, quote.start, quote.end)


def test_the_migration_backfills_every_row_with_the_same_rule(article, extraction):
    apply_extraction(article=article, extraction=extraction, version="t1")
    Quote.objects.update(sentence="")
    Claim.objects.update(sentence="")
    migration = importlib.import_module("claims.migrations.0006_span_sentence")
    migration.backfill(apps, connection.schema_editor())
    assert [q.sentence for q in Quote.objects.order_by("start")] == [FIRST, SECOND]
    assert Claim.objects.get().sentence == FIRST
