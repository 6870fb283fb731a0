"""Review actions on quotes and claims: the one place that checks roles, optimistic locks and writes history.

Every write takes the `version` the caller read. It locks the row, compares versions, applies the
change, records one ReviewEvent per changed field and bumps the version, all in one transaction.
A stale version raises `StaleVersion` (HTTP 409) carrying the current row and who changed it last.
Pages, the API and the admin all call these functions; none re-implements a rule.
"""

from dataclasses import dataclass
from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from .models import Article, Claim, Evidence, Quote, ReviewEvent, ReviewStatus, Speaker, SpeakerAlias

MAX_TEXT = 10_000
MAX_NOTE = 20_000
REVIEWED = (ReviewStatus.VERIFIED, ReviewStatus.REJECTED)


class ReviewError(ValueError):
    """Bad input for a review action (HTTP 400) with a message for the reviewer."""

    status = 400

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class StaleVersion(Exception):
    """Someone else changed the item since the caller read it (HTTP 409)."""

    status = 409

    def __init__(self, current: Model, changed_by: str | None):
        self.current, self.changed_by = current, changed_by
        who = changed_by or "the extractor"
        super().__init__(f"This item was changed by {who} since you opened it (now version {current.version}).")
        self.message = str(self)


# --- roles ---------------------------------------------------------------------------------------


def role_of(user) -> str | None:
    if not getattr(user, "is_authenticated", False):
        return None
    if user.is_superuser:
        return "admin"
    names = {g.name for g in user.groups.all()}
    for role in ("admin", "editor", "reviewer"):
        if role in names:
            return role
    return None


def is_editor(user) -> bool:
    return role_of(user) in ("editor", "admin")


def is_reviewer(user) -> bool:
    return role_of(user) in ("reviewer", "editor", "admin")


def require_reviewer(user) -> None:
    if not is_reviewer(user):
        raise PermissionDenied("You need the reviewer role to review quotes and claims.")


def require_editor(user, action: str) -> None:
    if not is_editor(user):
        raise PermissionDenied(f"Only editors can {action}.")


# --- the locked write ----------------------------------------------------------------------------


@dataclass
class _Change:
    field: str
    old: object
    new: object


def _display(value):
    if isinstance(value, Model):
        return {"id": value.pk, "name": str(value)}
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _write(item, *, user, version: int, changes: dict, action: str, human: bool = True):
    """Lock `item`, check `version`, set `changes`, log one event per changed field; returns the fresh row."""
    model = type(item)
    with transaction.atomic():
        row = model.objects.select_for_update().get(pk=item.pk)
        if version is None or int(version) != row.version:
            raise StaleVersion(row, last_changed_by(row))
        applied = []
        for field, new in changes.items():
            old = getattr(row, field)
            if old != new:
                setattr(row, field, new)
                applied.append(_Change(field, old, new))
        if not applied:
            return row
        if human:
            marked = {c.field for c in applied if c.field in _HUMAN_TRACKED}
            if marked & _SPAN:
                marked |= _SPAN  # a moved span is the reviewer's as a whole
            row.human_fields = sorted(set(row.human_fields) | marked)
        row.version += 1
        row.save()
        ReviewEvent.objects.bulk_create(
            [
                ReviewEvent(
                    article_id=row.article_id,
                    actor=user,
                    action=action,
                    field=c.field,
                    old_value=_display(c.old),
                    new_value=_display(c.new),
                    **{model._meta.model_name: row},
                )
                for c in applied
            ]
        )
    return row


# Fields whose human value re-extraction must keep (status/verdict are guarded by the reviewed status).
_HUMAN_TRACKED = {"speaker", "text", "start", "end", "kind", "cue", "checkworthiness", "quote"}
_SPAN = {"start", "end", "text"}


def last_changed_by(item) -> str | None:
    event = ReviewEvent.objects.filter(**{type(item)._meta.model_name: item}).select_related("actor").first()
    return event.actor.get_username() if event and event.actor else None


# --- actions -------------------------------------------------------------------------------------


def item_set_status(*, item: Quote | Claim, user, version: int, status: str, notes: str | None = None):
    """Verify, reject, mark as needing work, or reopen (editors only) a quote or claim."""
    require_reviewer(user)
    if status not in ReviewStatus.values:
        raise ReviewError(f"Unknown status {status!r}; use one of {', '.join(ReviewStatus.values)}.")
    if version is not None and str(version).isdigit() and int(version) != item.version:
        # the reviewer saw an older state: report the conflict, not a reopen they never attempted
        raise StaleVersion(item, last_changed_by(item))
    if item.status in REVIEWED and status != item.status and not is_editor(user):
        raise PermissionDenied("Only editors can reopen a verified or rejected item.")
    changes = {"status": status}
    if status in REVIEWED or status == ReviewStatus.NEEDS_WORK:
        changes.update(reviewer=user, reviewed_at=timezone.now())
    if notes is not None:
        changes["notes"] = _clean_text(notes, "Notes", MAX_NOTE, allow_empty=True)
    row = _write(item, user=user, version=version, changes=changes, action="status")
    if row.status != item.status and row.status in REVIEWED:
        _announce_after_commit(row)
    return row


def item_set_notes(*, item: Quote | Claim, user, version: int, notes: str):
    require_reviewer(user)
    return _write(
        item,
        user=user,
        version=version,
        action="notes",
        changes={"notes": _clean_text(notes, "Notes", MAX_NOTE, allow_empty=True)},
    )


def claim_set_verdict(*, claim: Claim, user, version: int, verdict: str, rationale: str = ""):
    require_reviewer(user)
    if verdict not in Claim.Verdict.values:
        raise ReviewError(f"Unknown verdict {verdict!r}; use one of {', '.join(Claim.Verdict.values)}.")
    row = _write(
        claim,
        user=user,
        version=version,
        action="verdict",
        changes={
            "verdict": verdict,
            "rationale": _clean_text(rationale, "Rationale", MAX_NOTE, allow_empty=True),
            "reviewer": user,
            "reviewed_at": timezone.now(),
        },
    )
    if row.verdict != claim.verdict:
        _announce_after_commit(row)
    return row


def quote_correct_speaker(
    *,
    quote: Quote,
    user,
    version: int,
    speaker: Speaker | None = None,
    new_name: str = "",
    kind: str = Speaker.Kind.PERSON,
):
    """Attribute the quote to an existing speaker or a new one; the quote's mention becomes an alias."""
    require_reviewer(user)
    if speaker is None:
        name = _clean_text(new_name, "Speaker name", 200)
        if kind not in Speaker.Kind.values:
            raise ReviewError(f"Unknown speaker kind {kind!r}.")
        speaker, _ = Speaker.objects.get_or_create(name=name, defaults={"kind": kind})
    row = _write(quote, user=user, version=version, action="speaker", changes={"speaker": speaker})
    mention = (row.speaker_mention or "").strip()
    if mention and mention != speaker.name and mention[0].isupper():
        SpeakerAlias.objects.get_or_create(speaker=speaker, alias=mention[:200])
    return row


def item_set_span(*, item: Quote | Claim, user, version: int, start: int, end: int):
    """Move a quote's or claim's start/end; its text follows the article."""
    require_reviewer(user)
    start, end = _check_span(item.article, start, end)
    return _write(
        item,
        user=user,
        version=version,
        action="span",
        changes={"start": start, "end": end, "text": item.article.body_text[start:end]},
    )


def claim_add_evidence(*, claim: Claim, user, url: str, title: str = "", excerpt: str = "") -> Evidence:
    require_reviewer(user)
    url = (url or "").strip()
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise ReviewError("Evidence needs a valid http(s) URL.") from None
    if len(url) > 2000:
        raise ReviewError("The URL is longer than 2,000 characters.")
    with transaction.atomic():
        evidence = Evidence.objects.create(
            claim=claim,
            url=url,
            added_by=user,
            title=_clean_text(title, "Title", 300, allow_empty=True),
            excerpt=_clean_text(excerpt, "Excerpt", MAX_TEXT, allow_empty=True),
        )
        ReviewEvent.objects.create(
            article_id=claim.article_id,
            claim=claim,
            actor=user,
            action="evidence",
            field="evidence",
            new_value={"url": url, "title": evidence.title},
        )
    return evidence


def item_add(*, article: Article, user, kind: str, start: int, end: int, speaker: Speaker | None = None):
    """A reviewer adds a quote or claim the extractor missed; every field is human-set."""
    require_reviewer(user)
    start, end = _check_span(article, start, end)
    model = {"quote": Quote, "claim": Claim}.get(kind)
    if model is None:
        raise ReviewError("Add either a quote or a claim.")
    if model.objects.filter(article=article, start=start, end=end).exists():
        raise ReviewError(f"That {kind} is already marked.")
    fields = {
        "article": article,
        "start": start,
        "end": end,
        "text": article.body_text[start:end],
        "speaker": speaker,
        "human_fields": ["start", "end", "text", "speaker"],
    }
    if model is Quote:
        fields.update(confidence=1.0, attribution_reason="added by a reviewer")
    with transaction.atomic():
        item = model.objects.create(**fields)
        ReviewEvent.objects.create(
            article=article, actor=user, action="added", new_value={"text": item.text[:200]}, **{kind: item}
        )
    return item


def items_assign(*, items, user, assignee) -> int:
    """Editors hand items to a reviewer (or None to unassign); returns how many changed."""
    require_editor(user, "assign work")
    changed = 0
    for item in items:
        if item.assigned_to_id == (assignee.pk if assignee else None):
            continue
        _write(item, user=user, version=item.version, action="assign", human=False, changes={"assigned_to": assignee})
        changed += 1
    return changed


def speakers_merge(*, user, target: Speaker, sources) -> Speaker:
    """Fold duplicate speakers into `target`: their quotes, claims and aliases move; their names become aliases."""
    require_editor(user, "merge speakers")
    sources = [s for s in sources if s.pk != target.pk]
    with transaction.atomic():
        for source in sources:
            Quote.objects.filter(speaker=source).update(speaker=target)
            Claim.objects.filter(speaker=source).update(speaker=target)
            for alias in source.aliases.all():
                SpeakerAlias.objects.get_or_create(speaker=target, alias=alias.alias)
            SpeakerAlias.objects.get_or_create(speaker=target, alias=source.name)
            source.delete()
    return target


# --- helpers -------------------------------------------------------------------------------------


def _announce_after_commit(row) -> None:
    """Webhook events (quote.verified, claim.reviewed) go out only once the review is committed."""
    from . import webhooks

    if isinstance(row, Quote) and row.status == ReviewStatus.VERIFIED:
        transaction.on_commit(partial(webhooks.emit_quote_verified, row.pk))
    elif isinstance(row, Claim):
        transaction.on_commit(partial(webhooks.emit_claim_reviewed, row.pk))


def _clean_text(value, label: str, limit: int, *, allow_empty: bool = False) -> str:
    value = (value or "").strip()
    if not value and not allow_empty:
        raise ReviewError(f"{label} cannot be empty.")
    if len(value) > limit:
        raise ReviewError(f"{label} is longer than {limit:,} characters.")
    return value


def _check_span(article: Article, start, end) -> tuple[int, int]:
    try:
        start, end = int(start), int(end)
    except (TypeError, ValueError):
        raise ReviewError("Start and end must be whole numbers.") from None
    if not (0 <= start < end <= len(article.body_text)):
        raise ReviewError(f"Offsets {start}–{end} fall outside the article (0–{len(article.body_text)}).")
    if not article.body_text[start:end].strip():
        raise ReviewError("The selected text is empty.")
    return start, end
