"""The review queue page and its bulk actions (verify, reject, needs work, assign) with a confirmation step.

A bulk action applies to the items ticked on the page, or to every item the filters match across all pages
("Select all n matching"). The confirmation page shows the count; it signs the filters with the moment it
was shown, so on confirming an item someone changed after that moment is left alone, like a ticked one whose
version moved on.
"""

from datetime import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from claims.models import Article, Speaker
from claims.roles import is_editor, require_editor, require_reviewer
from claims.selectors import queue as queue_selectors
from claims.services import review

from .forms import BulkForm, QueueFilterForm
from .safety import safe_next

BULK_VERB = {"verify": "Verify", "reject": "Reject", "needs_work": "Send back for work", "assign": "Assign"}
BULK_DONE = {"verify": "Verified", "reject": "Rejected", "needs_work": "Marked as needing work", "assign": "Assigned"}
MAX_ALL = 2000  # items one "all matching" action may touch
CONFIRM_NAMESPACE = "claims.queue.bulk-all"
CONFIRM_MAX_AGE = 3600
PREVIEW = 20


@login_required
@require_GET
def queue(request):
    form = QueueFilterForm(request.GET or None)
    filters = form.filters()
    page = queue_selectors.queue_page(filters=filters, user=request.user, page=request.GET.get("page"))
    counts = queue_selectors.queue_status_counts(filters=filters, user=request.user)
    query = request.GET.copy()
    query.pop("page", None)
    status_query = query.copy()
    status_query.pop("status", None)
    editor = is_editor(request.user)
    return render(
        request,
        "claims/queue.html",
        {
            "form": form,
            "filters": filters,
            "page": page,
            "items": page.object_list,
            "counts": counts,
            "status_tabs": [(value, label, counts.get(value, 0)) for value, label in QueueFilterForm.STATUS_CHOICES],
            "query": query.urlencode(),
            "status_query": status_query.urlencode(),
            "is_editor": editor,
            "assignees": list(queue_selectors.assignable_users()) if editor else [],
            "scope": _scope(filters),
            "max_all": MAX_ALL,
        },
    )


def _scope(filters) -> dict:
    """Names for the article/speaker the queue is narrowed to (shown as removable chips)."""
    scope: dict[str, object] = {}
    if filters.article:
        scope["article"] = Article.objects.filter(pk=filters.article).only("title").first()
    if filters.speaker:
        scope["speaker"] = Speaker.objects.filter(pk=filters.speaker).first()
    return scope


def _filters_of(query: str):
    return QueueFilterForm(QueryDict(query) or None).filters()


@login_required
@require_POST
def queue_bulk(request):
    back = safe_next(request, reverse("claims:queue"))
    form = BulkForm(request.POST)
    if not form.is_valid():
        for error in [*form.non_field_errors(), *form.errors.get("items", []), *form.errors.get("action", [])]:
            messages.error(request, error)
        return redirect(back)
    action = form.cleaned_data["action"]
    if action == "assign":
        require_editor(request.user, "assign work")
    else:
        require_reviewer(request.user)
    if form.cleaned_data["scope"] == "all":
        return _bulk_all(request, form, action, back)
    keys = form.cleaned_data["items"]
    items = queue_selectors.load_items(keys)
    read_versions = {(k, pk): version for k, pk, version in keys}
    if not form.cleaned_data["confirmed"]:
        shown = [f"{k}:{pk}:{v}" for k, pk, v in keys]
        return _confirm(
            request, form, action, back, items=items, count=len(items), missing=len(keys) - len(items), keys=shown
        )
    outcome = _apply(request, form, action, items, read_versions)
    if len(keys) > len(items):
        messages.warning(request, f"{len(keys) - len(items)} selected item(s) no longer exist.")
    _report(request, form, action, outcome)
    return redirect(back)


def _bulk_all(request, form, action, back):
    """Every item the filters match: count and confirm first (signed), then apply to those unchanged since."""
    if not form.cleaned_data["confirmed"]:
        query = form.cleaned_data["query"]
        found = queue_selectors.matching_keys(filters=_filters_of(query), user=request.user, limit=MAX_ALL + 1)
        if len(found) > MAX_ALL:
            messages.error(request, f"More than {MAX_ALL:,} items match: narrow the filters first.")
            return redirect(back)
        if not found:
            messages.error(request, "No items match these filters any more.")
            return redirect(back)
        shown = {"q": query, "as_of": timezone.now().isoformat(), "n": len(found), "action": action}
        token = signing.dumps(shown, salt=CONFIRM_NAMESPACE)
        preview = queue_selectors.load_items(found[:PREVIEW])
        return _confirm(request, form, action, back, items=preview, count=len(found), token=token)
    try:
        signed = signing.loads(form.cleaned_data["token"], salt=CONFIRM_NAMESPACE, max_age=CONFIRM_MAX_AGE)
    except signing.BadSignature:
        signed = None
    if not signed or signed.get("action") != action:
        messages.error(request, "That confirmation has expired or was altered; nothing was changed. Select again.")
        return redirect(back)
    as_of = datetime.fromisoformat(signed["as_of"])
    found = queue_selectors.matching_keys(filters=_filters_of(signed["q"]), user=request.user, limit=MAX_ALL)
    current = [key for key in found if key[4] <= as_of]  # items added since were not counted: left alone
    changed = [key for key in current if key[3] > as_of]
    unchanged = [key for key in current if key[3] <= as_of]
    items = queue_selectors.load_items(unchanged)
    outcome = _apply(request, form, action, items, {(k, pk): v for k, pk, v, _, _ in unchanged})
    outcome.stale += [f"{k} #{pk}" for k, pk, *_ in changed]
    if signed["n"] > len(current):
        messages.warning(
            request, f"{signed['n'] - len(current)} of the {signed['n']} items no longer match the filters."
        )
    _report(request, form, action, outcome)
    return redirect(back)


def _confirm(request, form, action, back, *, items, count, missing=0, keys=(), token=""):
    return render(
        request,
        "claims/queue_confirm.html",
        {
            "action": action,
            "verb": BULK_VERB[action],
            "items": items,
            "count": count,
            "more": count - min(len(items), PREVIEW),
            "keys": keys,
            "token": token,
            "all_matching": bool(token),
            "assignee": form.cleaned_data.get("assignee_user"),
            "assignee_value": form.cleaned_data.get("assignee"),
            "missing": missing,
            "next": back,
        },
    )


def _apply(request, form, action, items, versions):
    return review.items_bulk_apply(
        items=items,
        versions=versions,
        user=request.user,
        action=action,
        assignee=form.cleaned_data.get("assignee_user"),
    )


def _report(request, form, action, outcome) -> None:
    done, stale, refused = outcome.done, outcome.stale, outcome.refused
    who = form.cleaned_data.get("assignee_user")
    target = (
        f" to {who.get_username()}" if action == "assign" and who else (" (unassigned)" if action == "assign" else "")
    )
    messages.success(request, f"{BULK_DONE[action]} {done} item{'s' if done != 1 else ''}{target}.")
    if stale:
        messages.warning(
            request,
            "Left alone because someone changed them after you loaded the page: "
            + "; ".join(stale)
            + ". Reload to see their current state.",
        )
    if refused:
        messages.error(request, "Not changed: " + "; ".join(refused))
