"""The review queue page and its bulk actions (verify, reject, needs work, assign) with a confirmation step."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from claims.models import Article, Speaker
from claims.roles import is_editor, require_editor, require_reviewer
from claims.selectors import queue as queue_selectors
from claims.services import review

from .forms import BulkForm, QueueFilterForm
from .safety import safe_next

BULK_VERB = {"verify": "Verify", "reject": "Reject", "needs_work": "Send back for work", "assign": "Assign"}
BULK_DONE = {"verify": "Verified", "reject": "Rejected", "needs_work": "Marked as needing work", "assign": "Assigned"}


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


@login_required
@require_POST
def queue_bulk(request):
    back = safe_next(request, reverse("claims:queue"))
    form = BulkForm(request.POST)
    if not form.is_valid():
        for error in [*form.non_field_errors(), *form.errors.get("items", []), *form.errors.get("action", [])]:
            messages.error(request, error)
        return redirect(back)
    action, keys = form.cleaned_data["action"], form.cleaned_data["items"]
    if action == "assign":
        require_editor(request.user, "assign work")
    else:
        require_reviewer(request.user)
    items = queue_selectors.load_items(keys)
    read_versions = {(k, pk): version for k, pk, version in keys}
    if not form.cleaned_data["confirmed"]:
        return render(
            request,
            "claims/queue_confirm.html",
            {
                "action": action,
                "verb": BULK_VERB[action],
                "items": items,
                "keys": [f"{k}:{pk}:{v}" for k, pk, v in keys],
                "assignee": form.cleaned_data.get("assignee_user"),
                "assignee_value": form.cleaned_data.get("assignee"),
                "missing": len(keys) - len(items),
                "next": back,
            },
        )
    outcome = review.items_bulk_apply(
        items=items,
        versions=read_versions,
        user=request.user,
        action=action,
        assignee=form.cleaned_data.get("assignee_user"),
    )
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
    if len(keys) > len(items):
        messages.warning(request, f"{len(keys) - len(items)} selected item(s) no longer exist.")
    return redirect(back)
