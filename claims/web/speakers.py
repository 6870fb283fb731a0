"""Speaker pages: the list with search, one speaker's aliases and quotes across articles, and merging duplicates."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import urlencode
from django.views.decorators.http import require_POST

from claims.models import Speaker
from claims.roles import is_editor, require_editor
from claims.selectors.speakers import speaker_quotes, speakers_with_counts
from claims.services.speakers import speakers_merge

PAGE_SIZE = 50
MERGE_CHOICES = 500


@login_required
def speaker_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:200]
    page = Paginator(speakers_with_counts(query), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "claims/speaker_list.html",
        {
            "page": page,
            "query": query,
            "page_query": urlencode({"q": query}) if query else "",
            "can_merge": is_editor(request.user),
        },
    )


@login_required
def speaker_detail(request: HttpRequest, pk: int) -> HttpResponse:
    speaker = get_object_or_404(speakers_with_counts(), pk=pk)
    page = Paginator(speaker_quotes(speaker), PAGE_SIZE).get_page(request.GET.get("page"))
    others = Speaker.objects.exclude(pk=pk).order_by("name").only("pk", "name")[:MERGE_CHOICES]
    return render(
        request,
        "claims/speaker_detail.html",
        {
            "speaker": speaker,
            "aliases": list(speaker.aliases.all()),
            "page": page,
            "can_merge": is_editor(request.user),
            "others": others,
        },
    )


@login_required
@require_POST
def speaker_merge(request: HttpRequest) -> HttpResponse:
    """Merge the speakers ticked in `merge` into `target`; editors only."""
    require_editor(request.user, "merge speakers")
    try:
        target_id = int(request.POST.get("target", ""))
        source_ids = {int(v) for v in request.POST.getlist("merge")}
    except ValueError:
        messages.error(request, "Choose the speaker to keep and at least one duplicate.")
        return redirect("claims:speaker_list")
    target = Speaker.objects.filter(pk=target_id).first()
    sources = list(Speaker.objects.filter(pk__in=source_ids - {target_id}))
    if target is None or not sources:
        messages.error(request, "Choose the speaker to keep and at least one other speaker to merge into it.")
        return redirect("claims:speaker_detail", pk=target.pk) if target else redirect("claims:speaker_list")
    names = ", ".join(s.name for s in sources)
    speakers_merge(user=request.user, target=target, sources=sources)
    messages.success(request, f"Merged {names} into {target.name}; their names are kept as aliases.")
    return redirect("claims:speaker_detail", pk=target.pk)
