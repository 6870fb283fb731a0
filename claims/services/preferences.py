"""Saving a user's workbench settings (submit-and-next)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from claims.models import ReviewerPreferences
from claims.roles import User, acting


def preferences_set(*, user: User | None, advance_after_decision: bool) -> ReviewerPreferences:
    """After verify / reject / needs work, move on to the next pending item (True) or stay (False)."""
    person = acting(user)
    if person is None:
        raise PermissionDenied("Log in to change your settings.")
    prefs, _ = ReviewerPreferences.objects.update_or_create(
        user=person, defaults={"advance_after_decision": bool(advance_after_decision)}
    )
    return prefs
