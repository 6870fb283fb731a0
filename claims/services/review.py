"""Review actions on quotes and claims: the one place that checks roles, the lock on reviewed items,
optimistic versions and history. Pages, the API, the queue's bulk actions and the admin all call these.

Every write takes the `version` the caller read and goes through `locks.write` (the article, then the item
locked; the version compared; one ReviewEvent per changed field; the version bumped; one transaction).

The lock: a verified or rejected item is what the newsroom has signed off. Its verdict, rationale,
evidence, speaker, span and text cannot change — for anyone — until an editor reopens it (`require_open`).
A reviewer may undo their own decision for `UNDO_MINUTES` while nobody else has touched the item.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial
from typing import Any, TypeVar

from django.contrib.auth.models import User as AuthUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone

from claims.models import (
    Article,
    Claim,
    Evidence,
    Quote,
    ReviewedSpan,
    ReviewEvent,
    ReviewStatus,
    Source,
    Speaker,
)
from claims.roles import User, acting, is_editor, require_editor, require_reviewer
from claims.sentences import sentence_around

from . import publication, speakers, webhooks
from .locks import Busy, ItemLocked, ReviewError, StaleVersion, lock_article, retrying, stale, write

__all__ = ["Busy", "ItemLocked", "ReviewError", "SpeakerUnknown", "StaleVersion"]

MAX_TEXT = 10_000
MAX_NOTE = 20_000
MAX_URL = 2000
MAX_VERSION = 2**31 - 1  # versions are 32-bit in the API schema
REVIEWED = (ReviewStatus.VERIFIED, ReviewStatus.REJECTED)
DECISIONS = (ReviewStatus.VERIFIED, ReviewStatus.REJECTED, ReviewStatus.NEEDS_WORK)
UNDO_MINUTES = 10
# Quote marks a quote's span leaves out: double ones always, single ones only in pairs (“the workers’” keeps
# its apostrophe).
DOUBLE_OPEN, DOUBLE_CLOSE = '“"«„', '”"»“'
SINGLE_OPEN, SINGLE_CLOSE = "‘'‹‚", "’'›‘"

Item = TypeVar("Item", bound=ReviewedSpan)  # a Quote or a Claim


class SpeakerUnknown(ReviewError):  # noqa: N818  # what the reviewer is told: nobody goes by the name
    """No speaker goes by the name, and creating one was not confirmed (HTTP 400, with suggestions)."""

    code = "speaker_unknown"

    def __init__(self, name: str, suggestions: list[Speaker]):
        super().__init__(
            f"Nobody called “{name}” is known yet. Pick a speaker from the suggestions, or confirm that "
            f"“{name}” is a new speaker."
        )
        self.name, self.suggestions = name, suggestions


# --- the lock on reviewed items ------------------------------------------------------------------


def require_open(row: ReviewedSpan, *, user: User | None, what: str) -> None:
    """Refuse a change to `what` of a verified or rejected item: editors are told to reopen it first (409),
    everyone else that only an editor can (403)."""
    if row.status not in REVIEWED:
        return
    state = row.get_status_display().lower()
    if is_editor(user):
        raise ItemLocked(f"This {row.type} is {state}, so {what} is locked: reopen it first, then change it.")
    raise PermissionDenied(f"This {row.type} is {state}, so {what} is locked; only an editor can reopen it.")


# --- actions -------------------------------------------------------------------------------------


def item_set_status(
    *, item: Item, user: User | None, version: int | None, status: str, notes: str | None = None
) -> Item:
    """Verify, reject, mark as needing work, or reopen (editors only) a quote or claim.

    A decision records who made it and when; reopening clears both (there is no current decision). Verifying
    a claim publishes it (`publication.publish`), which for an already published claim may need a correction note.
    """
    require_reviewer(user)
    if status not in ReviewStatus.values:
        raise ReviewError(f"Unknown status {status!r}; use one of {', '.join(ReviewStatus.values)}.")
    if version is not None and int(version) != item.version:
        # the reviewer saw an older state: report the conflict, not a reopen they never attempted
        raise stale(item, version)
    changes: dict[str, Any] = {"status": status}
    if status in DECISIONS:
        changes.update(reviewer=acting(user), reviewed_at=timezone.now())
    else:
        changes.update(reviewer=None, reviewed_at=None)
    if notes is not None:
        changes["notes"] = _clean_text(notes, "Notes", MAX_NOTE, allow_empty=True)
    before = item.status
    row = write(
        item,
        user=user,
        version=version,
        changes=changes,
        action="status",
        guard=partial(_check_status_change, user=user, status=status),
        after=partial(_after_status, user=user),
    )
    if row.status != before and row.status in REVIEWED:
        _announce_after_commit(row)
    return row


def _check_status_change(row: ReviewedSpan, *, user: User | None, status: str) -> None:
    if row.status in REVIEWED and status != row.status and not is_editor(user):
        raise PermissionDenied("Only editors can reopen a verified or rejected item.")
    if isinstance(row, Claim) and status == ReviewStatus.VERIFIED and row.status != status:
        if not row.verdict:
            raise ReviewError("Give the claim a verdict before verifying it: a verified claim is published.")
        publication.check_republish(row)


def _after_status(row: ReviewedSpan, *, user: User | None) -> None:
    if isinstance(row, Claim) and row.status == ReviewStatus.VERIFIED:
        correction = publication.publish(claim=row, user=user)
        if correction is not None:
            transaction.on_commit(partial(webhooks.emit_claim_corrected, row.pk, correction.pk))


def item_undo(*, item: Item, user: User | None, version: int | None) -> Item:
    """Take back the caller's own last decision (verify, reject, needs work) within `UNDO_MINUTES`, while
    nobody else has touched the item since; afterwards only an editor can reopen it."""
    require_reviewer(user)
    return write(
        item,
        user=user,
        version=version,
        changes=partial(_undo_changes, user=user),
        action="undo",
        quiet=publication.PUBLICATION_FIELDS,
    )


def undo_deadline(item: ReviewedSpan, user: User | None) -> datetime | None:
    """Until when the caller may still undo their decision on `item` (None: there is nothing they can undo)."""
    try:
        decision = _undoable(item, user=user)
    except (ReviewError, PermissionDenied):
        return None
    return decision.created_at + timedelta(minutes=UNDO_MINUTES)


def _undoable(row: ReviewedSpan, *, user: User | None) -> ReviewEvent:
    """The caller's decision that `item_undo` would take back, or the error that says why there is none."""
    events = ReviewEvent.objects.filter(**{row.type: row})
    decision = events.filter(field="status").order_by("-created_at", "-id").first()
    kind = row.type
    if decision is None or decision.action != "status" or decision.actor_id != getattr(user, "pk", None):
        raise ReviewError(f"There is no decision of yours to undo on this {kind}.")
    if decision.new_value not in DECISIONS or decision.old_value is None:
        raise ReviewError(f"Your last change to this {kind} was not a decision; there is nothing to undo.")
    if decision.created_at < timezone.now() - timedelta(minutes=UNDO_MINUTES):
        raise PermissionDenied(f"Your decision is more than {UNDO_MINUTES} minutes old; an editor can reopen it.")
    since = events.filter(id__gt=decision.pk).exclude(actor=acting(user)).select_related("actor").first()
    if since is not None:
        who = since.actor.get_username() if since.actor else "the extractor"
        raise PermissionDenied(f"{who} changed this {kind} after your decision; an editor can reopen it.")
    if isinstance(row, Claim) and publication.published_before(row, decision.created_at):
        raise PermissionDenied("This decision republished a fact-check; reopen it instead of undoing.")
    return decision


def _undo_changes(row: ReviewedSpan, *, user: User | None) -> dict[str, Any]:
    decision = _undoable(row, user=user)
    events = ReviewEvent.objects.filter(**{row.type: row})
    same_write = {e.field: e for e in events.filter(version=decision.version, actor=acting(user))}
    changes: dict[str, Any] = {"status": decision.old_value}
    if "reviewer" in same_write:
        old = same_write["reviewer"].old_value
        changes["reviewer"] = AuthUser.objects.filter(pk=old["id"]).first() if isinstance(old, dict) else None
    if "reviewed_at" in same_write:
        old = same_write["reviewed_at"].old_value
        changes["reviewed_at"] = datetime.fromisoformat(old) if isinstance(old, str) else None
    if "notes" in same_write:
        changes["notes"] = same_write["notes"].old_value or ""
    if isinstance(row, Claim):
        changes.update(publication.first_publication_undone(claim=row, since=decision.created_at))
    return changes


def item_set_notes(*, item: Item, user: User | None, version: int | None, notes: str) -> Item:
    """Reviewer notes are internal (never published), so they stay editable on reviewed items."""
    require_reviewer(user)
    return write(
        item,
        user=user,
        version=version,
        action="notes",
        changes={"notes": _clean_text(notes, "Notes", MAX_NOTE, allow_empty=True)},
    )


def claim_set_verdict(
    *,
    claim: Claim,
    user: User | None,
    version: int | None,
    verdict: str,
    rationale: str = "",
    correction_note: str | None = None,
) -> Claim:
    """Set the verdict and rationale (an open claim only). `correction_note` is the public note for when a
    published claim is verified again with a changed rating (see `publication`)."""
    require_reviewer(user)
    if verdict not in Claim.Verdict.values:
        raise ReviewError(f"Unknown verdict {verdict!r}; use one of {', '.join(Claim.Verdict.values)}.")
    changes: dict[str, Any] = {
        "verdict": verdict,
        "rationale": _clean_text(rationale, "Rationale", MAX_NOTE, allow_empty=True),
        "reviewer": acting(user),
        "reviewed_at": timezone.now(),
    }
    if correction_note is not None:
        changes["correction_note"] = _clean_text(correction_note, "Correction note", MAX_NOTE, allow_empty=True)
    row = write(
        claim,
        user=user,
        version=version,
        action="verdict",
        changes=changes,
        guard=partial(require_open, user=user, what="its verdict"),
    )
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
    create: bool = False,
) -> Quote:
    """Attribute the quote to `speaker`, or to the speaker `new_name` means (honorifics aside: "Sir Keir"
    is Keir Starmer). A name nobody goes by becomes a new speaker only with `create` (the reviewer confirmed
    it); otherwise `SpeakerUnknown` carries suggestions. The quote's mention becomes an alias; from now on the
    speaker is the reviewer's, not the model's."""
    require_reviewer(user)
    name = ""
    if speaker is None:
        name = _clean_text(new_name, "Speaker name", speakers.NAME_LIMIT)
        if kind not in Speaker.Kind.values:
            raise ReviewError(f"Unknown speaker kind {kind!r}.")
        speaker = speakers.speaker_match(name)
        if speaker is None and not create:
            raise SpeakerUnknown(name, speakers.speaker_suggestions(name))

    def changes(row: Quote) -> dict[str, Any]:
        chosen = speaker or speakers.speaker_create(name=name, kind=kind)  # inside the write: no orphan on 409
        return {
            "speaker": chosen,
            "speaker_source": Source.HUMAN,
            "speaker_set_by": acting(user),
            "speaker_set_at": timezone.now(),
        }

    def record_alias(row: Quote) -> None:
        if row.speaker is not None:
            speakers.alias_add(row.speaker, row.speaker_mention)

    return write(
        quote,
        user=user,
        version=version,
        action="speaker",
        changes=changes,
        quiet=("speaker_set_by", "speaker_set_at"),
        guard=partial(require_open, user=user, what="its speaker"),
        after=record_alias,
    )


def item_set_span(*, item: Item, user: User | None, version: int | None, start: object, end: object) -> Item:
    """Move a quote's or claim's start/end; its text follows the article (a quote's without its quote marks)."""
    require_reviewer(user)
    first, last = _check_span(item.article, start, end, quote=isinstance(item, Quote))
    body = item.article.body_text
    changes = {"start": first, "end": last, "text": body[first:last], "sentence": sentence_around(body, first, last)}
    guard = partial(require_open, user=user, what="its span")
    return write(item, user=user, version=version, action="span", changes=changes, guard=guard, quiet=("sentence",))


def claim_add_evidence(*, claim: Claim, user: User | None, url: str, title: str = "", excerpt: str = "") -> Evidence:
    """Add a source to an open claim (evidence is published with the verdict, so a reviewed claim is locked)."""
    require_reviewer(user)
    url = (url or "").strip()
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise ReviewError("Evidence needs a valid http(s) URL.") from None
    if len(url) > MAX_URL:
        raise ReviewError(f"The URL is longer than {MAX_URL:,} characters.")
    title = _clean_text(title, "Title", 300, allow_empty=True)
    excerpt = _clean_text(excerpt, "Excerpt", MAX_TEXT, allow_empty=True)
    return _store_evidence(claim=claim, user=user, url=url, title=title, excerpt=excerpt)


@retrying
def _store_evidence(*, claim: Claim, user: User | None, url: str, title: str, excerpt: str) -> Evidence:
    with transaction.atomic():
        lock_article(claim.article_id)
        row = Claim.objects.select_for_update().get(pk=claim.pk)
        require_open(row, user=user, what="its evidence")
        evidence = Evidence.objects.create(claim=row, url=url, added_by=acting(user), title=title, excerpt=excerpt)
        ReviewEvent.objects.create(
            article_id=row.article_id,
            claim=row,
            actor=acting(user),
            action="evidence",
            field="evidence",
            new_value={"url": url, "title": evidence.title},
            version=row.version,
        )
    return evidence


def item_add(
    *, article: Article, user: User | None, kind: str, start: object, end: object, speaker: Speaker | None = None
) -> Quote | Claim:
    """A reviewer adds a quote or claim the extractor missed; every field is human-set (a quote's speaker too,
    so it shows no model confidence). A quote's span leaves out the quote marks around it."""
    require_reviewer(user)
    if kind not in ("quote", "claim"):
        raise ReviewError("Add either a quote or a claim.")
    first, last = _check_span(article, start, end, quote=kind == "quote")
    return _store_added(article=article, user=user, kind=kind, first=first, last=last, speaker=speaker)


@retrying
def _store_added(
    *, article: Article, user: User | None, kind: str, first: int, last: int, speaker: Speaker | None
) -> Quote | Claim:
    model: type[Quote] | type[Claim] = Quote if kind == "quote" else Claim
    fields: dict[str, Any] = {
        "article": article,
        "start": first,
        "end": last,
        "text": article.body_text[first:last],
        "sentence": sentence_around(article.body_text, first, last),
        "speaker": speaker,
        "human_fields": ["start", "end", "text", "speaker"],
    }
    if model is Quote:
        fields.update(
            confidence=1.0 if speaker else 0.0,
            attribution_reason="",
            speaker_source=Source.HUMAN,
            speaker_set_by=acting(user),
            speaker_set_at=timezone.now(),
        )
    with transaction.atomic():
        lock_article(article.pk)
        if model.objects.filter(article=article, start=first, end=last).exists():
            raise ReviewError(f"That {kind} is already marked.")
        item = model.objects.create(**fields)
        ReviewEvent.objects.create(
            article=article,
            actor=acting(user),
            action="added",
            new_value={"text": item.text[:200]},
            version=item.version,
            **{kind: item},
        )
    return item


def items_assign(*, items: Iterable[Item], user: User | None, assignee: User | None) -> int:
    """Editors hand items to a reviewer (or None to unassign); returns how many changed."""
    require_editor(user, "assign work")
    changed = 0
    for item in items:
        if item.assigned_to_id == (assignee.pk if assignee else None):
            continue
        write(item, user=user, version=item.version, action="assign", human=False, changes={"assigned_to": assignee})
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
        except (PermissionDenied, ReviewError, Busy) as exc:
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


def _check_span(article: Article, start: object, end: object, *, quote: bool = False) -> tuple[int, int]:
    """Offsets within the article, trimmed of surrounding blanks (and, for a quote, of its quote marks, which
    the reader shows around it: a selection that includes them must not show them twice)."""
    try:
        first, last = int(start), int(end)  # type: ignore[call-overload]  # form and JSON input alike
    except (TypeError, ValueError):
        raise ReviewError("Start and end must be whole numbers.") from None
    body = article.body_text
    if not (0 <= first < last <= len(body)):
        raise ReviewError(f"Offsets {first}–{last} fall outside the article (0–{len(body)}).")
    while first < last:
        if body[first].isspace():
            first += 1
        elif body[last - 1].isspace():
            last -= 1
        elif quote and body[first] in DOUBLE_OPEN:
            first += 1
        elif quote and body[last - 1] in DOUBLE_CLOSE:
            last -= 1
        elif quote and body[first] in SINGLE_OPEN and body[last - 1] in SINGLE_CLOSE and last - first > 1:
            first, last = first + 1, last - 1
        elif quote and body[last - 1] == "," and last < len(body) and body[last] in DOUBLE_CLOSE + SINGLE_CLOSE:
            last -= 1  # "…why,” she said": the comma before the closing mark belongs to the sentence around it
        else:
            break
    if first >= last or not body[first:last].strip():
        raise ReviewError("The selected text is empty.")
    return first, last
