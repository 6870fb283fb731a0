"""Item history reads: what changed since the version a reviewer read (the conflict panel), and who did it."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from claims.models import ReviewedSpan, ReviewEvent

# Bookkeeping fields written alongside a decision or a speaker correction: never shown as changes of their own.
QUIET_FIELDS = ("reviewer", "reviewed_at", "speaker_source", "speaker_set_by", "speaker_set_at", "human_fields")


@dataclass(frozen=True)
class Change:
    """One field someone changed: who (None = the extractor), from what, to what (as the history stores it)."""

    field: str
    by: str | None
    old: object
    new: object


def _events(item: ReviewedSpan) -> QuerySet[ReviewEvent]:
    return (
        ReviewEvent.objects.filter(**{item.type: item})
        .exclude(field="")
        .exclude(field__in=QUIET_FIELDS)
        .select_related("actor")
    )


def changes_since(item: ReviewedSpan, version: int) -> list[Change]:
    """The fields changed after `version`, each once (its latest change), newest first.

    Events written before versions were recorded carry none: then the latest change stands in for them.
    """
    rows = list(_events(item).filter(version__gt=version).order_by("-version", "-id"))
    if not rows:
        rows = list(_events(item).filter(version__isnull=True).order_by("-created_at", "-id")[:1])
    seen: set[str] = set()
    changes = []
    for event in rows:
        if event.field in seen:
            continue
        seen.add(event.field)
        by = event.actor.get_username() if event.actor else None
        changes.append(Change(event.field, by, event.old_value, event.new_value))
    return changes


def last_changed_by(item: ReviewedSpan) -> str | None:
    """The username behind the item's latest history event (None: the extractor)."""
    event = ReviewEvent.objects.filter(**{item.type: item}).select_related("actor").first()
    return event.actor.get_username() if event and event.actor else None
