"""claims.services.review: roles, optimistic locking, history, and re-extraction never undoing human work."""

from dataclasses import replace

import pytest
from django.core.exceptions import PermissionDenied

from claims.models import Evidence, Quote, ReviewEvent, ReviewStatus, SpeakerAlias
from claims.nlp.spans import Extraction
from claims.services import review
from claims.services.extraction import apply_extraction
from tests.factories import UserFactory
from tests.services.conftest import TEXT

pytestmark = pytest.mark.django_db


def test_verify_records_reviewer_history_and_bumps_version(quote, alice):
    row = review.item_set_status(item=quote, user=alice, version=quote.version, status="verified")
    assert row.status == ReviewStatus.VERIFIED and row.reviewer == alice and row.reviewed_at
    assert row.version == quote.version + 1
    event = ReviewEvent.objects.filter(quote=quote, actor=alice, field="status").get()
    assert (event.old_value, event.new_value) == ("pending", "verified")


def test_stale_version_is_refused_and_names_who_changed_it(quote, alice, bob):
    read_version = quote.version
    review.item_set_status(item=quote, user=alice, version=read_version, status="needs_work")
    with pytest.raises(review.StaleVersion) as err:
        review.item_set_status(item=quote, user=bob, version=read_version, status="verified")
    assert err.value.changed_by == "alice" and err.value.current.status == ReviewStatus.NEEDS_WORK
    assert "changed by alice" in err.value.message
    quote.refresh_from_db()
    assert quote.status == ReviewStatus.NEEDS_WORK  # bob's write did not land


def test_only_editors_reopen_reviewed_items(quote, alice, erin):
    row = review.item_set_status(item=quote, user=alice, version=quote.version, status="verified")
    with pytest.raises(PermissionDenied, match="Only editors"):
        review.item_set_status(item=row, user=alice, version=row.version, status="pending")
    row = review.item_set_status(item=row, user=erin, version=row.version, status="pending")
    assert row.status == ReviewStatus.PENDING


def test_users_without_a_role_cannot_review(quote):
    outsider = UserFactory(username="mallory")
    with pytest.raises(PermissionDenied):
        review.item_set_status(item=quote, user=outsider, version=quote.version, status="verified")


def test_unknown_status_and_verdict(quote, claim, alice):
    with pytest.raises(review.ReviewError, match="Unknown status"):
        review.item_set_status(item=quote, user=alice, version=quote.version, status="approved")
    with pytest.raises(review.ReviewError, match="Unknown verdict"):
        review.claim_set_verdict(claim=claim, user=alice, version=claim.version, verdict="pants on fire")


def test_speaker_correction_survives_reextraction(article, extraction, quote, alice):
    row = review.quote_correct_speaker(quote=quote, user=alice, version=quote.version, new_name="Daniel Okafor")
    assert row.speaker.name == "Daniel Okafor" and "speaker" in row.human_fields
    assert SpeakerAlias.objects.filter(speaker=row.speaker, alias="Ms Lopez").exists()
    apply_extraction(article=article, extraction=extraction, version="t2")
    row.refresh_from_db()
    assert row.speaker.name == "Daniel Okafor"


def test_verdict_and_evidence(claim, alice):
    row = review.claim_set_verdict(
        claim=claim,
        user=alice,
        version=claim.version,
        verdict="mostly_true",
        rationale="Council papers say 2,900 homes.",
    )
    assert row.verdict == "mostly_true" and row.reviewer == alice
    evidence = review.claim_add_evidence(
        claim=row, user=alice, url="https://example.org/papers", title="Council papers", excerpt="2,900 homes"
    )
    assert Evidence.objects.get() == evidence
    for bad in ("", "not a url", "javascript:alert(1)", "ftp://example.org/x"):
        with pytest.raises(review.ReviewError, match="valid http"):
            review.claim_add_evidence(claim=row, user=alice, url=bad)
    with pytest.raises(review.ReviewError, match="longer than"):
        review.claim_add_evidence(claim=row, user=alice, url="https://example.org", title="x" * 301)


def test_span_fix_and_added_items(article, quote, alice):
    start = TEXT.index("We cannot wait")
    row = review.item_set_span(item=quote, user=alice, version=quote.version, start=quote.start, end=quote.end - 1)
    assert row.text == TEXT[quote.start : quote.end - 1] and {"start", "end", "text"} <= set(row.human_fields)
    for bad in [(-1, 5), (5, 5), (0, len(TEXT) + 1), ("a", 3)]:
        with pytest.raises(review.ReviewError):
            review.item_set_span(item=row, user=alice, version=row.version, start=bad[0], end=bad[1])
    added = review.item_add(article=article, user=alice, kind="claim", start=start, end=len(TEXT))
    assert added.text == TEXT[start:] and added.human_fields
    with pytest.raises(review.ReviewError, match="already marked"):
        review.item_add(article=article, user=alice, kind="claim", start=start, end=len(TEXT))


def test_assign_needs_an_editor(quote, alice, erin):
    with pytest.raises(PermissionDenied, match="Only editors can assign"):
        review.items_assign(items=[quote], user=alice, assignee=alice)
    assert review.items_assign(items=Quote.objects.all(), user=erin, assignee=alice) == 2
    assert set(Quote.objects.values_list("assigned_to__username", flat=True)) == {"alice"}


def test_same_value_write_is_a_no_op(quote, alice):
    row = review.item_set_notes(item=quote, user=alice, version=quote.version, notes="")
    assert row.version == quote.version and not ReviewEvent.objects.filter(actor=alice).exists()


def test_applying_extraction_bumps_version_so_stale_reviews_fail(article, extraction, quote, alice):
    moved = Extraction(
        quotes=[replace(extraction.quotes[0], confidence=0.5), *extraction.quotes[1:]], claims=extraction.claims
    )
    apply_extraction(article=article, extraction=moved, version="t2")
    with pytest.raises(review.StaleVersion):
        review.item_set_status(item=quote, user=alice, version=quote.version, status="verified")


def test_stale_status_write_reports_the_conflict_before_the_reopen_rule(quote, alice, bob):
    read_version = quote.version
    rejected = review.item_set_status(item=quote, user=bob, version=read_version, status="rejected")
    with pytest.raises(review.StaleVersion) as err:  # not PermissionDenied: alice never saw it rejected
        review.item_set_status(item=rejected, user=alice, version=read_version, status="verified")
    assert err.value.changed_by == "bob" and err.value.current.status == ReviewStatus.REJECTED
