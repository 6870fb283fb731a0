"""A user's workbench settings (defaults for anyone who never changed them)."""

from claims.models import ReviewerPreferences
from claims.roles import User, acting


def preferences_of(user: User | None) -> ReviewerPreferences:
    """The user's saved settings, or the defaults (unsaved) for a user who has none yet."""
    person = acting(user)
    found = ReviewerPreferences.objects.filter(user=person).first() if person else None
    return found or ReviewerPreferences(user=person)
