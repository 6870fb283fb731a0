"""Publishing fact-checks: the correction policy, written once.

A claim is public (its page at /fact-checks/<id>/ and its ClaimReview) while it is verified with a verdict.
The first verification publishes it (`published_at`, ClaimReview's `datePublished`). An editor who wants to
change it reopens it — it is not public meanwhile — and verifies it again: that republication records
`modified_at` (`dateModified`) when anything published changed, and a dated `Correction` ("rating changed
from Mostly false to Half true — reason") when the rating changed, which needs the editor's note; the
`claim.corrected` webhook then goes out. `review.item_set_status` calls these inside its transaction.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.utils import timezone

from claims.models import Claim, Correction
from claims.roles import User, acting

from .locks import ReviewError

PUBLICATION_FIELDS = ("published_at", "modified_at", "published_verdict", "published_rationale", "correction_note")


def _label(verdict: str) -> str:
    return Claim.Verdict(verdict).label if verdict in Claim.Verdict.values else "no rating"


def check_republish(claim: Claim) -> None:
    """Before a published claim is verified again: a changed rating needs a correction note."""
    if claim.published_at is None or claim.verdict == claim.published_verdict:
        return
    if not claim.correction_note.strip():
        raise ReviewError(
            f"This changes the published rating from {_label(claim.published_verdict)} to {_label(claim.verdict)}: "
            "write a correction note (it is shown on the public page) with the verdict, then verify again."
        )


def publish(*, claim: Claim, user: User | None) -> Correction | None:
    """The claim was just verified: publish it, or republish it with its correction; returns the correction."""
    now = timezone.now()
    fields = ["published_verdict", "published_rationale", "correction_note"]
    correction = None
    if claim.published_at is None:
        claim.published_at = now
        fields.append("published_at")
    else:
        since = claim.modified_at or claim.published_at
        rating_changed = claim.verdict != claim.published_verdict
        changed = (
            rating_changed
            or claim.rationale != claim.published_rationale
            or claim.evidence.filter(created_at__gt=since).exists()
        )
        note = claim.correction_note.strip()
        if changed:
            claim.modified_at = now
            fields.append("modified_at")
        if rating_changed or note:
            correction = Correction.objects.create(
                claim=claim,
                old_verdict=claim.published_verdict,
                new_verdict=claim.verdict,
                note=note,
                editor=acting(user),
            )
    claim.published_verdict, claim.published_rationale, claim.correction_note = claim.verdict, claim.rationale, ""
    Claim.objects.filter(pk=claim.pk).update(**{name: getattr(claim, name) for name in fields})
    return correction


def published_before(claim: Claim, moment: datetime) -> bool:
    """Whether the claim was already public before `moment` (a decision then was a republication)."""
    return claim.published_at is not None and claim.published_at < moment


def first_publication_undone(*, claim: Claim, since: datetime) -> dict[str, Any]:
    """Field changes that take back a first publication made at or after `since` (an undone verification)."""
    if claim.published_at is None or claim.published_at < since:
        return {}
    return {"published_at": None, "published_verdict": "", "published_rationale": "", "modified_at": None}
