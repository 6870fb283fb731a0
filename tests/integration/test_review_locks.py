"""Extraction and review writes on PostgreSQL: one lock order (the article FOR NO KEY UPDATE, then the items),
so a review waits for an extraction instead of deadlocking; a deadlock that still happens (another writer
taking locks the other way round) is retried, and answered with a retryable 503 once retries run out."""

import threading
import time

import pytest
from django.db import connection, transaction

from claims.models import Quote
from claims.nlp.spans import Extraction
from claims.services import locks, review
from claims.services.extraction import apply_extraction
from tests.conftest import client_for, require, using_postgres
from tests.review_helpers import newsroom_items, quote_span

pytestmark = pytest.mark.services


@pytest.fixture
def pg(transactional_db):
    require(using_postgres(), "PostgreSQL (DATABASE_URL=postgres://…): row locks and deadlocks are what is tested")
    return newsroom_items()


def in_thread(work):
    """Run `work` on its own database connection; returns (thread, errors list)."""
    errors: list[BaseException] = []

    def run():
        try:
            work()
        except BaseException as exc:  # reported to the test
            errors.append(exc)
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread, errors


def test_a_review_waits_for_a_running_extraction_and_then_sees_its_change(pg, alice):
    article, quote = pg["article"], pg["wall"]
    holding = threading.Event()
    model = quote_span(quote.text, quote.start, speaker="John Smith", confidence=0.3)

    def extractor():  # what article_extract does: the article lock first, then (slowly) the item rows
        with transaction.atomic():
            locks.lock_article(article.pk)
            holding.set()
            time.sleep(1.2)
            apply_extraction(article=article, extraction=Extraction(quotes=[model]), version="v2")

    thread, errors = in_thread(extractor)
    assert holding.wait(10)
    started = time.monotonic()
    with pytest.raises(review.StaleVersion) as err:  # a clear 409 about the extractor's change, never a deadlock
        review.item_set_status(item=quote, user=alice, version=quote.version, status="verified")
    waited = time.monotonic() - started
    thread.join(20)
    assert not errors, errors
    assert waited >= 0.9, f"the review did not wait for the extraction ({waited:.2f}s)"
    assert err.value.changed_by is None and "speaker" in {c.field for c in err.value.changes}
    assert Quote.objects.get(pk=quote.pk).status == "pending"


def deadlock_partner(quote, article, *, hold: float):
    """Another writer taking the locks the wrong way round: the quote row, then (while the review waits for
    that row) the article. It waits long before checking for deadlocks, so PostgreSQL picks the review."""
    have_row = threading.Event()

    def work():
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL deadlock_timeout = '20s'")
            cursor.execute("SELECT id FROM claims_quote WHERE id = %s FOR UPDATE", [quote.pk])
            have_row.set()
            time.sleep(0.4)  # the review has its article lock now and waits for our row
            cursor.execute("SELECT id FROM claims_article WHERE id = %s FOR UPDATE", [article.pk])
            time.sleep(hold)

    thread, errors = in_thread(work)
    assert have_row.wait(10)
    return thread, errors


@pytest.mark.parametrize("retries", [0])
def test_a_deadlock_that_still_happens_is_a_retryable_503_on_the_api(pg, alice, monkeypatch, retries):
    monkeypatch.setattr(locks, "RETRIES", retries)
    quote, article = pg["wall"], pg["article"]
    thread, errors = deadlock_partner(quote, article, hold=0.2)
    response = client_for(alice).post(
        f"/api/quotes/{quote.pk}/status/", {"version": quote.version, "status": "verified"}, format="json"
    )
    thread.join(30)
    assert not errors, errors
    assert response.status_code == 503, response.content
    assert response.json()["code"] == "retry" and response["Retry-After"] == str(locks.RETRY_AFTER)
    assert Quote.objects.get(pk=quote.pk).status == "pending"  # nothing half-written


def test_a_deadlock_is_retried_and_the_review_then_lands(pg, alice, monkeypatch):
    monkeypatch.setattr(locks, "RETRIES", 2)
    quote, article = pg["wall"], pg["article"]
    thread, errors = deadlock_partner(quote, article, hold=0.5)
    response = client_for(alice).post(
        f"/api/quotes/{quote.pk}/status/", {"version": quote.version, "status": "verified"}, format="json"
    )
    thread.join(30)
    assert not errors, errors
    assert response.status_code == 200, response.content
    assert Quote.objects.get(pk=quote.pk).status == "verified"


def test_the_reader_answers_a_deadlock_with_503_too(pg, alice, client, monkeypatch):
    monkeypatch.setattr(locks, "RETRIES", 0)
    quote, article = pg["wall"], pg["article"]
    client.force_login(alice)
    thread, errors = deadlock_partner(quote, article, hold=0.2)
    response = client.post(
        f"/articles/{article.pk}/quote/{quote.pk}/status/",
        {"version": quote.version, "status": "verified"},
        HTTP_ACCEPT="application/json",
    )
    thread.join(30)
    assert not errors, errors
    assert response.status_code == 503 and "Try again" in response.json()["error"]
    assert response["Retry-After"]
