"""Review actions on quotes and claims: the one place that checks roles, optimistic locks and writes history.

Every write takes the `version` the caller read. It locks the row, compares versions, applies the
change, records one ReviewEvent per changed field and bumps the version, all in one transaction.
A stale version raises `StaleVersion` (HTTP 409) carrying the current row and who changed it last.
Pages, the API, the queue's bulk actions and the admin all call these functions; none re-implements a rule.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import partial
from typing import Any, Literal, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from claims.models import Article, Claim, Evidence, Quote, ReviewedSpan, ReviewEvent, ReviewStatus, Speaker
from claims.roles import User, acting, is_editor, require_editor, require_reviewer

from . import speakers, webhooks

MAX_TEXT = 10_000
MAX_NOTE = 20_000
MAX_URL = 2000
MAX_VERSION = 2**31 - 1  # versions are 32-bit in the API schema
REVIEWED = (ReviewStatus.VERIFIED, ReviewStatus.REJECTED)
# Fields whose human value re-extraction must keep (status/verdict are guarded by the reviewed status).
HUMAN_TRACKED = {"speaker", "text", "start", "end", "kind", "cue", "checkworthiness", "quote"}
SPAN_FIELDS = {"start", "end", "text"}

Item = TypeVar("Item", bound=ReviewedSpan)  # a Quote or a Claim
ItemKind = Literal["quote", "claim"]


class ReviewError(ValueError):
    """Bad input for a review action (HTTP 400) with a message for the reviewer."""

    status = 400

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class StaleVersion(Exception):  # noqa: N818  # the name says what happened; it is not an "error" of the caller's
    """Someone else changed the item since the caller read it (HTTP 409)."""

    status = 409

    def __init__(self, current: ReviewedSpan, changed_by: str | None):
        self.current, self.changed_by = current, changed_by
        who = changed_by or "the extractor"
        super().__init__(f"This item was changed by {who} since you opened it (now version {current.version}).")
        self.message = str(self)


# --- the locked write ----------------------------------------------------------------------------


@dataclass
class _Change:
    field: str
    old: object
    new: object


def _display(value: object) -> object:
    """A value as the history stores it (JSON): rows as {id, name}, dates as ISO strings."""
    if isinstance(value, Model):
        return {"id": value.pk, "name": str(value)}
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def _write(
    item: Item, *, user: User | None, version: int | None, changes: dict[str, Any], action: str, human: bool = True
) -> Item:
    """Lock `item`, check `version`, set `changes`, log one event per changed field; returns the fresh row."""
    model = type(item)
    with transaction.atomic():
        row = model._default_manager.select_for_update().get(pk=item.pk)
        if version is None or int(version) != row.version:
            raise StaleVersion(row, last_changed_by(row))
        applied = []
        for name, new in changes.items():
            old = getattr(row, name)
            if old != new:
                setattr(row, name, new)
                applied.append(_Change(name, old, new))
        if not applied:
            return row
        if human:
            marked = {c.field for c in applied if c.field in HUMAN_TRACKED}
            if marked & SPAN_FIELDS:
                marked |= SPAN_FIELDS  # a moved span is the reviewer's as a whole
            row.human_fields = sorted(set(row.human_fields) | marked)
        row.version += 1
        row.save()
        target = {row.type: row}
        ReviewEvent.objects.bulk_create(
            [
                ReviewEvent(
                    article_id=row.article_id,
                    actor=acting(user),
                    action=action,
                    field=c.field,
                    old_value=_display(c.old),
                    new_value=_display(c.new),
                    **target,
                )
                for c in applied
            ]
        )
    return row


def last_changed_by(item: ReviewedSpan) -> str | None:
    """The username behind the item's latest history event (None: the extractor)."""
    event = ReviewEvent.objects.filter(**{item.type: item}).select_related("actor").first()
    return event.actor.get_username() if event and event.actor else None


# --- actions -------------------------------------------------------------------------------------


def item_set_status(
    *, item: Item, user: User | None, version: int | None, status: str, notes: str | None = None
) -> Item:
    """Verify, reject, mark as needing work, or reopen (editors only) a quote or claim."""
    require_reviewer(user)
    if status not in ReviewStatus.values:
        raise ReviewError(f"Unknown status {status!r}; use one of {', '.join(ReviewStatus.values)}.")
    if version is not None and int(version) != item.version:
        # the reviewer saw an older state: report the conflict, not a reopen they never attempted
        raise StaleVersion(item, last_changed_by(item))
    if item.status in REVIEWED and status != item.status and not is_editor(user):
        raise PermissionDenied("Only editors can reopen a verified or rejected item.")
    changes: dict[str, Any] = {"status": status}
    if status in REVIEWED or status == ReviewStatus.NEEDS_WORK:
        changes.update(reviewer=user, reviewed_at=timezone.now())
    if notes is not None:
        changes["notes"] = _clean_text(notes, "Notes", MAX_NOTE, allow_empty=True)
    row = _write(item, user=user, version=version, changes=changes, action="status")
    if row.status != item.status and row.status in REVIEWED:
        _announce_after_commit(row)
    return row


def item_set_notes(*, item: Item, user: User | None, version: int | None, notes: str) -> Item:
    require_reviewer(user)
    return _write(
        item,
        user=user,
        version=version,
        action="notes",
        changes={"notes": _clean_text(notes, "Notes", MAX_NOTE, allow_empty=True)},
    )


def claim_set_verdict(
    *, claim: Claim, user: User | None, version: int | None, verdict: str, rationale: str = ""
) -> Claim:
    require_reviewer(user)
    if verdict not in Claim.Verdict.values:
        raise ReviewError(f"Unknown verdict {verdict!r}; use one of {', '.join(Claim.Verdict.values)}.")
    changes = {
        "verdict": verdict,
        "rationale": _clean_text(rationale, "Rationale", MAX_NOTE, allow_empty=True),
        "reviewer": user,
        "reviewed_at": timezone.now(),
    }
    row = _write(claim, user=user, version=version, action="verdict", changes=changes)
    if row.verdict != claim.verdict:
        _announce_after_commit(row)
    return row


def quote_correct_speaker(
    *,
    quote: Quote,
    user: User | None,
    version: int | None,
    speaker: Speaker | None = None,
    new_name: str = "",
    kind: str = Speaker.Kind.PERSON,
) -> Quote:
    """Attribute the quote to an existing speaker or to the one `new_name` means (created if nobody matches);
    the quote's mention becomes an alias."""
    require_reviewer(user)
    if speaker is None:
        name = _clean_text(new_name, "Speaker name", speakers.NAME_LIMIT)
        if kind not in Speaker.Kind.values:
            raise ReviewError(f"Unknown speaker kind {kind!r}.")
        speaker = speakers.speaker_for_name(name, kind=kind)
    row = _write(quote, user=user, version=version, action="speaker", changes={"speaker": speaker})
    speakers.alias_add(speaker, row.speaker_mention)
    return row


def item_set_span(*, item: Item, user: User | None, version: int | None, start: object, end: object) -> Item:
    """Move a quote's or claim's start/end; its text follows the article."""
    require_reviewer(user)
    first, last = _check_span(item.article, start, end)
    changes = {"start": first, "end": last, "text": item.article.body_text[first:last]}
    return _write(item, user=user, version=version, action="span", changes=changes)


def claim_add_evidence(*, claim: Claim, user: User | None, url: str, title: str = "", excerpt: str = "") -> Evidence:
    require_reviewer(user)
    url = (url or "").strip()
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise ReviewError("Evidence needs a valid http(s) URL.") from None
    if len(url) > MAX_URL:
        raise ReviewError(f"The URL is longer than {MAX_URL:,} characters.")
    with transaction.atomic():
        evidence = Evidence.objects.create(
            claim=claim,
            url=url,
            added_by=acting(user),
            title=_clean_text(title, "Title", 300, allow_empty=True),
            excerpt=_clean_text(excerpt, "Excerpt", MAX_TEXT, allow_empty=True),
        )
        ReviewEvent.objects.create(
            article_id=claim.article_id,
            claim=claim,
            actor=acting(user),
            action="evidence",
            field="evidence",
            new_value={"url": url, "title": evidence.title},
        )
    return evidence


def item_add(
    *, article: Article, user: User | None, kind: str, start: object, end: object, speaker: Speaker | None = None
) -> Quote | Claim:
    """A reviewer adds a quote or claim the extractor missed; every field is human-set."""
    require_reviewer(user)
    first, last = _check_span(article, start, end)
    if kind not in ("quote", "claim"):
        raise ReviewError("Add either a quote or a claim.")
    model: type[Quote] | type[Claim] = Quote if kind == "quote" else Claim
    if model.objects.filter(article=article, start=first, end=last).exists():
        raise ReviewError(f"That {kind} is already marked.")
    fields: dict[str, Any] = {
        "article": article,
        "start": first,
        "end": last,
        "text": article.body_text[first:last],
        "speaker": speaker,
        "human_fields": ["start", "end", "text", "speaker"],
    }
    if model is Quote:
        fields.update(confidence=1.0, attribution_reason="added by a reviewer")
    with transaction.atomic():
        item = model.objects.create(**fields)
        ReviewEvent.objects.create(
            article=article, actor=acting(user), action="added", new_value={"text": item.text[:200]}, **{kind: item}
        )
    return item


def items_assign(*, items: Iterable[Item], user: User | None, assignee: User | None) -> int:
    """Editors hand items to a reviewer (or None to unassign); returns how many changed."""
    require_editor(user, "assign work")
    changed = 0
    for item in items:
        if item.assigned_to_id == (assignee.pk if assignee else None):
            continue
        _write(item, user=user, version=item.version, action="assign", human=False, changes={"assigned_to": assignee})
        changed += 1
    return changed


# --- bulk actions (the queue) ----------------------------------------------------------------------

BULK_STATUS = {
    "verify": ReviewStatus.VERIFIED,
    "reject": ReviewStatus.REJECTED,
    "needs_work": ReviewStatus.NEEDS_WORK,
}
BULK_ACTIONS = (*BULK_STATUS, "assign")


@dataclass
class BulkOutcome:
    """What a bulk action did: items changed, and why the others were left alone."""

    done: int = 0
    stale: list[str] = field(default_factory=list)  # "quote #3 (changed by bob)"
    refused: list[str] = field(default_factory=list)  # "claim #9: Only editors can …"


def items_bulk_apply(
    *,
    items: Iterable[Quote | Claim],
    versions: dict[tuple[str, int], int],
    user: User | None,
    action: str,
    assignee: User | None = None,
) -> BulkOutcome:
    """Apply one queue action to many items, each against the version the page showed (`versions`,
    keyed by (kind, id)); a stale or refused item is reported, never overwritten."""
    if action == "assign":
        require_editor(user, "assign work")
    elif action in BULK_STATUS:
        require_reviewer(user)
    else:
        raise ReviewError(f"Unknown bulk action {action!r}.")
    outcome = BulkOutcome()
    for item in items:
        kind = item.type
        read = versions[(kind, item.pk)]
        try:
            if action == "assign":
                item.version = read
                outcome.done += items_assign(items=[item], user=user, assignee=assignee)
            else:
                row = item_set_status(item=item, user=user, version=read, status=BULK_STATUS[action])
                outcome.done += row.version != read
        except StaleVersion as exc:
            outcome.stale.append(f"{kind} #{item.pk} (changed by {exc.changed_by or 'the extractor'})")
        except (PermissionDenied, ReviewError) as exc:
            outcome.refused.append(f"{kind} #{item.pk}: {getattr(exc, 'message', None) or exc}")
    return outcome


# --- helpers -------------------------------------------------------------------------------------


def _announce_after_commit(row: ReviewedSpan) -> None:
    """Webhook events (quote.verified, claim.reviewed) go out only once the review is committed."""
    if isinstance(row, Quote) and row.status == ReviewStatus.VERIFIED:
        transaction.on_commit(partial(webhooks.emit_quote_verified, row.pk))
    elif isinstance(row, Claim):
        transaction.on_commit(partial(webhooks.emit_claim_reviewed, row.pk))


def _clean_text(value: str | None, label: str, limit: int, *, allow_empty: bool = False) -> str:
    value = (value or "").strip()
    if not value and not allow_empty:
        raise ReviewError(f"{label} cannot be empty.")
    if len(value) > limit:
        raise ReviewError(f"{label} is longer than {limit:,} characters.")
    return value


def _check_span(article: Article, start: object, end: object) -> tuple[int, int]:
    try:
        first, last = int(start), int(end)  # type: ignore[call-overload]  # form and JSON input alike
    except (TypeError, ValueError):
        raise ReviewError("Start and end must be whole numbers.") from None
    if not (0 <= first < last <= len(article.body_text)):
        raise ReviewError(f"Offsets {first}–{last} fall outside the article (0–{len(article.body_text)}).")
    if not article.body_text[first:last].strip():
        raise ReviewError("The selected text is empty.")
    return first, last
