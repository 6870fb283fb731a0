"""Reviewer workbench endpoints: the inspector panel and one small POST endpoint per review action.

Every action calls a `claims.services.review` function. The same URL serves two clients:
- fetch() with `Accept: application/json` gets JSON carrying the re-rendered inspector panel
  (200), an error message (400/403/404, 409 for a locked item, 503 to retry) or the conflict panel
  showing what the other person changed (409), with the item's current state for the list and the text;
- a plain form POST gets a redirect back to the reader (success) or the reader re-rendered
  with the message and the same status code (error), so every action works without JavaScript.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_GET, require_POST

from claims.ids import parse_id
from claims.models import Article, Claim, Quote, Speaker
from claims.selectors.history import Change
from claims.selectors.speakers import name_key
from claims.selectors.speakers import speaker_lookup as lookup_speakers
from claims.services import review
from claims.services.review import MAX_VERSION

from .html.spans import speaker_label
from .reader import inspector_context, reader_context, reader_url

ITEM_MODELS: dict[str, type[Quote] | type[Claim]] = {"quote": Quote, "claim": Claim}


class ItemNotFound(Http404):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def get_item(article_id: int, kind: str, pk: int):
    """The quote or claim `pk`, which must belong to article `article_id`; otherwise a 404 that says why."""
    model = ITEM_MODELS.get(kind)
    if model is None:
        raise ItemNotFound(f"“{kind[:20]}” is not a kind of item; use quote or claim.")
    item = model._default_manager.select_related("article", "speaker").filter(pk=pk).first()
    if item is None:
        raise ItemNotFound(f"There is no {kind} #{pk}; it may have been removed by a re-extraction.")
    if item.article_id != article_id:
        raise ItemNotFound(f"{kind.capitalize()} #{pk} belongs to another article (#{item.article_id}).")
    return item


def _not_found(request, exc: ItemNotFound):
    if wants_json(request):
        return JsonResponse({"ok": False, "error": exc.message}, status=404)
    return render(request, "claims/error.html", {"status": 404, "message": exc.message}, status=404)


# --- the inspector panel and item actions ---------------------------------------------------------


@login_required
@require_GET
def item_panel(request, article, kind, pk):
    """The inspector for one item: an HTML fragment for fetch(), else the reader with the item selected."""
    try:
        item = get_item(article, kind, pk)
    except ItemNotFound as exc:
        return _not_found(request, exc)
    if request.headers.get("X-Fragment") == "panel":
        return render(request, "claims/_inspector.html", inspector_context(request, item))
    return redirect(reader_url(item))


def _do_status(request, item):
    status = request.POST.get("status", "")
    notes = request.POST.get("notes")
    row = review.item_set_status(item=item, user=request.user, version=_version(request), status=status, notes=notes)
    return row, f"{item.type.capitalize()} marked {row.get_status_display().lower()}."


def _do_undo(request, item):
    row = review.item_undo(item=item, user=request.user, version=_version(request))
    return row, f"Undone: the {item.type} is {row.get_status_display().lower()} again."


def _do_notes(request, item):
    row = review.item_set_notes(
        item=item, user=request.user, version=_version(request), notes=request.POST.get("notes", "")
    )
    return row, "Notes saved."


def _do_verdict(request, item):
    if item.type != "claim":
        raise review.ReviewError("Only claims take a verdict.")
    verdict = request.POST.get("verdict", "")
    if not verdict:
        raise review.ReviewError("Choose a verdict.")
    row = review.claim_set_verdict(
        claim=item,
        user=request.user,
        version=_version(request),
        verdict=verdict,
        rationale=request.POST.get("rationale", ""),
        correction_note=request.POST.get("correction_note"),
    )
    return row, f"Verdict set: {row.get_verdict_display()}."


def _do_speaker(request, item):
    if item.type != "quote":
        raise review.ReviewError("Only quotes have a speaker to correct.")
    speaker_id = (request.POST.get("speaker_id") or "").strip()
    name = (request.POST.get("speaker_name") or "").strip()
    speaker = None
    if speaker_id:
        pk = parse_id(speaker_id)
        if pk is None or not (speaker := Speaker.objects.filter(pk=pk).first()):
            raise review.ReviewError("That speaker no longer exists; pick another or type a new name.")
    elif not name:
        raise review.ReviewError("Type the speaker's name or pick one from the list.")
    row = review.quote_correct_speaker(
        quote=item,
        user=request.user,
        version=_version(request),
        speaker=speaker,
        new_name=name,
        kind=request.POST.get("kind") or Speaker.Kind.PERSON,
        create=request.POST.get("create_speaker") == "1",
    )
    return row, f"Speaker set to {speaker_label(row)}."


def _do_span(request, item):
    row = review.item_set_span(
        item=item,
        user=request.user,
        version=_version(request),
        start=request.POST.get("start"),
        end=request.POST.get("end"),
    )
    return row, f"Span moved to {row.start}–{row.end}."


def _do_evidence(request, item):
    if item.type != "claim":
        raise review.ReviewError("Evidence belongs to claims.")
    evidence = review.claim_add_evidence(
        claim=item,
        user=request.user,
        url=request.POST.get("url", ""),
        title=request.POST.get("title", ""),
        excerpt=request.POST.get("excerpt", ""),
    )
    return item, f"Evidence added: {evidence.title or evidence.url}."


ACTIONS = {
    "status": _do_status,
    "undo": _do_undo,
    "notes": _do_notes,
    "verdict": _do_verdict,
    "speaker": _do_speaker,
    "span": _do_span,
    "evidence": _do_evidence,
}
# what the conflict banner compares: the fields each action writes
ACTION_FIELDS = {
    "status": ["status"],
    "undo": ["status"],
    "notes": ["notes"],
    "verdict": ["verdict", "rationale", "correction_note"],
    "speaker": ["speaker"],
    "span": ["start", "end", "text"],
    "evidence": [],
}


def _version(request):
    version = parse_id(request.POST.get("version", ""), maximum=MAX_VERSION)
    if version is None:
        raise review.ReviewError("The form did not say which version of the item you saw; reload the page.")
    return version


@login_required
@require_POST
def item_action(request, article, kind, pk, action):
    handler = ACTIONS.get(action)
    try:
        item = get_item(article, kind, pk)
        if handler is None:
            raise ItemNotFound(f"Unknown action “{action[:20]}”.")
    except ItemNotFound as exc:
        return _not_found(request, exc)
    try:
        row, message = handler(request, item)
    except review.StaleVersion as exc:
        conflict = _conflict(request, exc, ACTION_FIELDS[action])
        return _failure(request, exc.current, status=409, error=exc.message, conflict=conflict)
    except review.SpeakerUnknown as exc:
        unknown = {
            "name": exc.name,
            "kind": request.POST.get("kind") or Speaker.Kind.PERSON,
            "suggestions": exc.suggestions,
        }
        return _failure(request, item, status=400, error=exc.message, speaker_unknown=unknown)
    except review.ReviewError as exc:  # ItemLocked is one (409)
        return _failure(request, item, status=exc.status, error=exc.message)
    except review.Busy as exc:
        response = _failure(request, item, status=503, error=exc.message)
        response["Retry-After"] = str(exc.retry_after)
        return response
    except PermissionDenied as exc:
        if wants_json(request):
            return JsonResponse({"ok": False, "error": str(exc) or "You may not do that."}, status=403)
        raise
    if wants_json(request):
        context = inspector_context(request, row, flash=message)
        return JsonResponse(
            {
                "ok": True,
                "message": message,
                **_state(context["item"]),
                "action": action,
                "decision": action == "status" and row.status in review.DECISIONS,
                "undo_until": context["undo_until"].isoformat() if context.get("undo_until") else None,
                "reload": action == "span",
                "panel": render_to_string("claims/_inspector.html", context, request=request),
            }
        )
    messages.success(request, message)
    return redirect(reader_url(row))


def _state(item) -> dict:
    """What the side panel's row and the highlight in the text show of an item (applied by the reader's JS)."""
    return {
        "id": item.pk,
        "type": item.type,
        "status": item.status,
        "status_label": item.get_status_display(),
        "version": item.version,
        "label": _speaker_label(item),
    }


def _speaker_label(item) -> str:
    return speaker_label(item) if item.type == "quote" else ""


def _value(item, field: str) -> object:
    """A field's current value as a reviewer reads it."""
    if field == "status":
        return item.get_status_display()
    if field == "verdict" and isinstance(item, Claim):
        return item.get_verdict_display() or "—"
    if field in ("speaker", "quote", "assigned_to"):
        related = getattr(item, field)
        return str(related) if related else "—"
    if field == "evidence" and isinstance(item, Claim):
        return f"{item.evidence.count()} source(s)"
    value = getattr(item, field, None)
    return "—" if value in ("", None) else value


def _conflict(request, exc: review.StaleVersion, fields: list[str]) -> dict:
    """What the stale writer needs to decide: each field the *other* person changed, by whom, its value now,
    and what this writer sent for it (if their action touches it)."""
    current = exc.current
    sent = {"speaker": request.POST.get("speaker_name", ""), "start": request.POST.get("start", "")}
    rows = []
    changes: list[Change] = exc.changes or [Change(f, exc.changed_by, None, None) for f in fields[:1]]
    for change in changes:
        mine = sent.get(change.field, request.POST.get(change.field, "")) if change.field in fields else ""
        rows.append(
            {
                "field": change.field.replace("_", " "),
                "by": change.by or "the extractor",
                "current": _value(current, change.field),
                "mine": mine,
            }
        )
    return {
        "by": exc.changed_by or "the extractor",
        "message": exc.message,
        "rows": rows,
        "yours": ", ".join(f.replace("_", " ") for f in fields if f != "correction_note"),
    }


def _failure(request, item, *, status: int, error: str, conflict: dict | None = None, speaker_unknown=None):
    if wants_json(request):
        context = inspector_context(request, item, error=error, conflict=conflict, speaker_unknown=speaker_unknown)
        return JsonResponse(
            {
                "ok": False,
                "error": error,
                "conflict": conflict is not None,
                "item": _state(context["item"]),
                "panel": render_to_string("claims/_inspector.html", context, request=request),
            },
            status=status,
        )
    article = get_object_or_404(Article.objects.select_related("outlet", "submitted_by"), pk=item.article_id)
    context = reader_context(
        request,
        article,
        selected=f"{item.type}-{item.pk}",
        error=error,
        conflict=conflict,
        speaker_unknown=speaker_unknown,
    )
    return render(request, "claims/article_detail.html", context, status=status)


# --- adding a missed item, speaker lookup ---------------------------------------------------------


@login_required
@require_POST
def item_add(request, pk):
    article = get_object_or_404(Article, pk=pk)
    kind = request.POST.get("kind", "")
    try:
        item = review.item_add(
            article=article, user=request.user, kind=kind, start=request.POST.get("start"), end=request.POST.get("end")
        )
    except (review.ReviewError, review.Busy) as exc:
        code = getattr(exc, "status", 400)
        if wants_json(request):
            return JsonResponse({"ok": False, "error": exc.message}, status=code)
        context = reader_context(request, Article.objects.select_related("outlet").get(pk=pk), error=exc.message)
        return render(request, "claims/article_detail.html", context, status=code)
    except PermissionDenied as exc:
        if wants_json(request):
            return JsonResponse({"ok": False, "error": str(exc)}, status=403)
        raise
    message = f"Added the missed {kind}: “{item.text[:80]}”."
    if wants_json(request):
        return JsonResponse({"ok": True, "message": message, "redirect": reader_url(item)})
    messages.success(request, message)
    return redirect(reader_url(item))


@login_required
@require_GET
def speaker_lookup(request):
    """Autocomplete: up to 10 speakers whose name or an alias contains the words of `q`, honorifics aside."""
    q = (request.GET.get("q") or "").strip()[:100]
    if len(q) < 1:
        return JsonResponse({"results": []})
    rows = lookup_speakers(q)
    key = name_key(q)
    return JsonResponse(
        {
            "results": [
                {
                    "id": s.pk,
                    "name": s.name,
                    "description": s.description,
                    "kind": s.get_kind_display(),
                    "same_name": name_key(s.name) == key,
                }
                for s in rows
            ]
        }
    )
