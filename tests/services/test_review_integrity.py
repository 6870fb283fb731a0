"""claims.services.review: the lock on verified and rejected items, reopening, undo, quote marks, conflicts."""

import pytest
from django.core.exceptions import PermissionDenied

from claims.models import Evidence, Quote, ReviewEvent, Source, Speaker
from claims.services import review
from tests.review_helpers import ago, make_article, newsroom_items

pytestmark = pytest.mark.django_db


@pytest.fixture
def items(db):
    return newsroom_items()


def verify(item, user):
    return review.item_set_status(item=item, user=user, version=item.version, status="verified")


def fresh(item):
    return type(item).objects.get(pk=item.pk)


# --- 1. the lock ---------------------------------------------------------------------------------


def test_a_verified_claims_verdict_rationale_and_evidence_are_locked_for_everyone(items, alice, erin):
    claim = review.claim_set_verdict(claim=items["crime"], user=alice, version=1, verdict="mostly_false")
    claim = verify(claim, alice)
    with pytest.raises(PermissionDenied, match="only an editor can reopen"):
        review.claim_set_verdict(claim=claim, user=alice, version=claim.version, verdict="true")
    with pytest.raises(review.ItemLocked, match="reopen it first") as locked:
        review.claim_set_verdict(claim=claim, user=erin, version=claim.version, verdict="true", rationale="x")
    assert locked.value.status == 409
    for user in (alice, erin):
        with pytest.raises((PermissionDenied, review.ItemLocked)):
            review.claim_add_evidence(claim=claim, user=user, url="https://example.org/new")
        with pytest.raises((PermissionDenied, review.ItemLocked)):
            review.item_set_span(item=claim, user=user, version=claim.version, start=claim.start, end=claim.end - 2)
    after = fresh(claim)
    assert (after.verdict, after.rationale, after.version, after.status) == (
        "mostly_false",
        "",
        claim.version,
        "verified",
    )
    assert not Evidence.objects.exists()


def test_a_rejected_quotes_speaker_and_span_are_locked(items, alice, erin):
    quote = review.item_set_status(item=items["budget"], user=alice, version=1, status="rejected")
    speakers_before = Speaker.objects.count()
    for user in (alice, erin):
        with pytest.raises((PermissionDenied, review.ItemLocked), match="its speaker is locked"):
            review.quote_correct_speaker(quote=quote, user=user, version=quote.version, new_name="Jane", create=True)
        with pytest.raises((PermissionDenied, review.ItemLocked), match="its span is locked"):
            review.item_set_span(item=quote, user=user, version=quote.version, start=quote.start, end=quote.end - 1)
    assert Speaker.objects.count() == speakers_before  # no speaker created on the way
    assert fresh(quote).speaker == items["smith"]


def test_notes_stay_editable_on_a_reviewed_item(items, alice):
    quote = verify(items["wall"], alice)
    row = review.item_set_notes(item=quote, user=alice, version=quote.version, notes="Checked the video.")
    assert row.notes == "Checked the video." and row.status == "verified"


def test_after_an_editor_reopens_the_item_changes_again_and_the_old_decision_is_cleared(items, alice, erin):
    quote = verify(items["wall"], alice)
    reopened = review.item_set_status(item=quote, user=erin, version=quote.version, status="pending")
    assert reopened.reviewer is None and reopened.reviewed_at is None  # no stale "Reviewed by" line
    row = review.quote_correct_speaker(quote=reopened, user=alice, version=reopened.version, speaker=items["smith"])
    assert row.speaker == items["smith"]


def test_verifying_a_claim_needs_a_verdict(items, alice):
    with pytest.raises(review.ReviewError, match="verdict before verifying"):
        verify(items["crime"], alice)
    assert fresh(items["crime"]).status == "pending"


def test_bulk_verify_reports_a_claim_without_verdict_and_leaves_it(items, alice):
    claim = items["crime"]
    outcome = review.items_bulk_apply(
        items=[claim, items["wall"]], versions={("claim", claim.pk): 1, ("quote", items["wall"].pk): 1},
        user=alice, action="verify",
    )  # fmt: skip
    assert outcome.done == 1 and "verdict before verifying" in outcome.refused[0]


# --- 6. undo ----------------------------------------------------------------------------------------


def test_a_reviewer_undoes_their_own_decision_and_the_previous_state_returns(items, alice):
    quote = review.item_set_status(item=items["wall"], user=alice, version=1, status="needs_work", notes="hm")
    quote = review.item_set_status(item=quote, user=alice, version=quote.version, status="rejected", notes="no")
    assert review.undo_deadline(quote, alice) is not None
    row = review.item_undo(item=quote, user=alice, version=quote.version)
    assert (row.status, row.notes, row.reviewer) == ("needs_work", "hm", alice)
    assert ReviewEvent.objects.filter(quote=row, action="undo", field="status", new_value="needs_work").exists()
    # the undo is no decision of its own: a second undo has nothing to take back
    with pytest.raises(review.ReviewError, match=r"nothing to undo|no decision"):
        review.item_undo(item=row, user=alice, version=row.version)


def test_undo_back_to_pending_clears_the_reviewer(items, alice):
    quote = verify(items["wall"], alice)
    row = review.item_undo(item=quote, user=alice, version=quote.version)
    assert row.status == "pending" and row.reviewer is None and row.reviewed_at is None


def test_undo_is_only_for_the_same_reviewer_within_ten_minutes(items, alice, bob):
    quote = review.item_set_status(item=items["wall"], user=alice, version=1, status="rejected")
    decision = ReviewEvent.objects.filter(quote=quote, field="status")
    decision.update(created_at=ago(minutes=9, seconds=30))
    with pytest.raises(review.ReviewError, match="no decision of yours"):
        review.item_undo(item=quote, user=bob, version=quote.version)
    assert review.undo_deadline(quote, alice) is not None
    decision.update(created_at=ago(minutes=10, seconds=30))
    assert review.undo_deadline(quote, alice) is None
    with pytest.raises(PermissionDenied, match="more than 10 minutes"):
        review.item_undo(item=quote, user=alice, version=quote.version)
    assert fresh(quote).status == "rejected"


def test_undo_is_refused_once_someone_else_touched_the_item(items, alice, bob):
    quote = verify(items["wall"], alice)
    quote = review.item_set_notes(item=quote, user=bob, version=quote.version, notes="bob was here")
    with pytest.raises(PermissionDenied, match="bob changed this quote after your decision"):
        review.item_undo(item=quote, user=alice, version=quote.version)
    assert review.undo_deadline(quote, alice) is None


def test_undo_with_a_stale_version_is_a_conflict(items, alice):
    quote = verify(items["wall"], alice)
    with pytest.raises(review.StaleVersion):
        review.item_undo(item=quote, user=alice, version=quote.version - 1)


# --- 7. quote marks ---------------------------------------------------------------------------------


def test_an_added_quote_leaves_out_its_quote_marks_and_the_comma_before_the_closing_one(items, alice):
    article = items["article"]
    body = article.body_text
    start = body.index("“Taxes")
    end = body.index("he said.") - 1  # the selection ran over ”, and the space
    Quote.objects.filter(article=article).delete()
    quote = review.item_add(article=article, user=alice, kind="quote", start=start, end=end)
    assert quote.text == "Taxes will rise"
    assert quote.speaker_source == Source.HUMAN and quote.speaker_set_by == alice
    # a claim keeps what was selected (apart from blanks)
    claim = review.item_add(article=article, user=alice, kind="claim", start=start, end=end)
    assert claim.text == "“Taxes will rise,”"


def test_single_quote_marks_go_only_in_pairs(alice):
    article = make_article("He said ‘we back the workers’ and left. Also: the workers’ rights.")
    body = article.body_text
    paired = review.item_add(
        article=article, user=alice, kind="quote", start=body.index("‘we"), end=body.index(" and left")
    )
    assert paired.text == "we back the workers"
    apostrophe = review.item_add(
        article=article, user=alice, kind="quote", start=body.index("the workers’ rights"), end=body.index(" rights")
    )
    assert apostrophe.text == "the workers’"


def test_a_selection_of_only_quote_marks_is_empty(items, alice):
    body = items["article"].body_text
    at = body.index("“We")
    with pytest.raises(review.ReviewError, match="empty"):
        review.item_add(article=items["article"], user=alice, kind="quote", start=at, end=at + 1)


# --- 9. what the conflict says ------------------------------------------------------------------------


def test_a_stale_write_is_told_which_fields_the_other_person_changed(items, alice, bob):
    claim = items["crime"]
    review.claim_set_verdict(claim=claim, user=bob, version=1, verdict="half_true", rationale="ONS figures")
    with pytest.raises(review.StaleVersion) as err:
        review.item_set_notes(item=claim, user=alice, version=1, notes="mine")
    changes = {c.field: c for c in err.value.changes}
    assert set(changes) == {"verdict", "rationale"}  # not "notes" (alice's own field), not reviewer/reviewed_at
    assert changes["verdict"].by == "bob" and changes["verdict"].new == "half_true"
    assert err.value.changed_by == "bob" and "verdict" in err.value.message


def test_the_extractors_changes_are_named_in_a_conflict_too(items, alice):
    from claims.nlp.spans import Extraction
    from claims.services.extraction import apply_extraction
    from tests.review_helpers import quote_span

    quote = items["wall"]
    model = quote_span(quote.text, quote.start, speaker="John Smith", confidence=0.4)
    apply_extraction(article=items["article"], extraction=Extraction(quotes=[model], claims=[]), version="t9")
    with pytest.raises(review.StaleVersion) as err:
        verify(quote, alice)
    assert err.value.changed_by is None  # the extractor
    assert {"speaker", "confidence"} <= {c.field for c in err.value.changes}
