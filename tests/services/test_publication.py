"""claims.services.publication: first publication, republication with dated corrections, dateModified."""

import pytest
from django.core.exceptions import PermissionDenied

from claims.models import Correction, ReviewEvent
from claims.selectors import claimreview
from claims.services import review
from tests.review_helpers import newsroom_items

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(db, alice):
    """The crime claim, rated Mostly false and verified (published) by alice."""
    claim = newsroom_items()["crime"]
    claim = review.claim_set_verdict(
        claim=claim, user=alice, version=claim.version, verdict="mostly_false", rationale="Police: 8%."
    )
    return review.item_set_status(item=claim, user=alice, version=claim.version, status="verified")


def reopen(claim, editor):
    return review.item_set_status(item=claim, user=editor, version=claim.version, status="pending")


def republish(claim, editor):
    return review.item_set_status(item=claim, user=editor, version=claim.version, status="verified")


def review_of(claim):
    found = claimreview.claim_review_queryset().get(pk=claim.pk)
    return claimreview.claim_review(found, url="https://qc.example/fact-checks/1/")


def test_first_verification_publishes(published):
    assert published.published_at and published.published_verdict == "mostly_false"
    assert published.modified_at is None and not Correction.objects.exists()
    markup = review_of(published)
    assert markup["datePublished"] == published.published_at.date().isoformat()
    assert "dateModified" not in markup and "correction" not in markup


def test_a_changed_rating_needs_a_correction_note_then_is_dated_on_the_public_markup(published, erin):
    first = published.published_at
    claim = reopen(published, erin)
    assert not claimreview.claim_review_queryset().filter(pk=claim.pk).exists()  # not public while reopened
    claim = review.claim_set_verdict(claim=claim, user=erin, version=claim.version, verdict="half_true",
                                     rationale="Police: 8%; ONS: 15%.")  # fmt: skip
    with pytest.raises(review.ReviewError, match="from Mostly false to Half true: write a correction note"):
        republish(claim, erin)
    claim = review.claim_set_verdict(
        claim=claim, user=erin, version=claim.version, verdict="half_true", rationale="Police: 8%; ONS: 15%.",
        correction_note="We had missed the ONS survey.",
    )  # fmt: skip
    claim = republish(claim, erin)
    correction = Correction.objects.get()
    assert (correction.old_verdict, correction.new_verdict, correction.note) == (
        "mostly_false", "half_true", "We had missed the ONS survey.",
    )  # fmt: skip
    assert correction.editor == erin
    claim.refresh_from_db()
    assert claim.published_at == first and claim.modified_at  # datePublished kept, dateModified added
    assert claim.published_verdict == "half_true" and claim.correction_note == ""
    markup = review_of(claim)
    assert markup["datePublished"] == first.date().isoformat()
    assert markup["dateModified"] == claim.modified_at.date().isoformat()
    assert markup["reviewRating"]["alternateName"] == "Half true"
    assert markup["correction"] == [
        {
            "@type": "CorrectionComment",
            "datePublished": correction.created_at.date().isoformat(),
            "text": "Rating changed from Mostly false to Half true — We had missed the ONS survey.",
        }
    ]


def test_republishing_unchanged_records_no_correction_and_no_modification(published, erin):
    claim = republish(reopen(published, erin), erin)
    claim.refresh_from_db()
    assert claim.modified_at is None and not Correction.objects.exists()


def test_a_new_source_or_rationale_counts_as_a_modification_without_a_rating_change(published, erin):
    claim = reopen(published, erin)
    review.claim_add_evidence(claim=claim, user=erin, url="https://ons.example/survey")
    claim = republish(claim, erin)
    claim.refresh_from_db()
    assert claim.modified_at and not Correction.objects.exists()


def test_an_optional_note_on_an_unchanged_rating_becomes_an_update(published, erin):
    claim = reopen(published, erin)
    claim = review.claim_set_verdict(
        claim=claim, user=erin, version=claim.version, verdict="mostly_false", rationale="Police: 8% (typo fixed).",
        correction_note="Fixed a typo in the figures.",
    )  # fmt: skip
    republish(claim, erin)
    correction = Correction.objects.get()
    assert not correction.rating_changed
    assert claimreview.correction_text(correction) == "Updated — Fixed a typo in the figures."


def test_undoing_the_first_publication_unpublishes(db, alice):
    claim = newsroom_items()["crime"]
    claim = review.claim_set_verdict(claim=claim, user=alice, version=1, verdict="false")
    claim = review.item_set_status(item=claim, user=alice, version=claim.version, status="verified")
    row = review.item_undo(item=claim, user=alice, version=claim.version)
    assert row.published_at is None and row.published_verdict == "" and row.status == "pending"


def test_a_republication_cannot_be_undone_only_reopened(published, erin):
    claim = republish(reopen(published, erin), erin)
    # erin's republication is her last decision, within the window, nobody else touched it since — but
    # it made a public fact-check public again; taking it back is a reopen, which leaves a trace
    assert ReviewEvent.objects.filter(claim=claim, actor=erin, field="status").count() == 2
    with pytest.raises(PermissionDenied, match="republished a fact-check"):
        review.item_undo(item=claim, user=erin, version=claim.version)


def test_drafts_needs_work_and_rejected_claims_are_not_published(db, alice):
    items = newsroom_items()
    claim = review.claim_set_verdict(claim=items["crime"], user=alice, version=1, verdict="false")
    assert not claimreview.claim_review_queryset().exists()  # a verdict alone is a draft
    claim = review.item_set_status(item=claim, user=alice, version=claim.version, status="needs_work")
    assert not claimreview.claim_review_queryset().exists()
    review.item_set_status(item=claim, user=alice, version=claim.version, status="verified")
    assert list(claimreview.claim_review_queryset()) == [claim]
