"""Speaker pages: the list with search, one speaker's aliases and quotes across articles, and merging duplicates."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import urlencode
from django.views.decorators.http import require_POST

from . import review
from .models import ReviewStatus, Speaker

PAGE_SIZE = 50


def _with_counts(speakers):
    return speakers.annotate(
        quote_count=Count("quotes", distinct=True),
        verified_count=Count("quotes", filter=Q(quotes__status=ReviewStatus.VERIFIED), distinct=True),
        alias_count=Count("aliases", distinct=True),
    )


@login_required
def speaker_list(request):
    query = request.GET.get("q", "").strip()[:200]
    speakers = _with_counts(Speaker.objects.all())
    if query:
        speakers = speakers.filter(Q(name__icontains=query) | Q(aliases__alias__icontains=query)).distinct()
    speakers = speakers.order_by("-quote_count", "name")
    page = Paginator(speakers, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "claims/speaker_list.html",
        {
            "page": page,
            "query": query,
            "page_query": urlencode({"q": query}) if query else "",
            "can_merge": review.is_editor(request.user),
        },
    )


@login_required
def speaker_detail(request, pk):
    speaker = get_object_or_404(_with_counts(Speaker.objects.all()), pk=pk)
    quotes = speaker.quotes.select_related("article", "article__outlet", "reviewer").order_by(
        "-article__published_at", "-article_id", "start"
    )
    page = Paginator(quotes, PAGE_SIZE).get_page(request.GET.get("page"))
    others = Speaker.objects.exclude(pk=pk).order_by("name").only("pk", "name")[:500]
    return render(
        request,
        "claims/speaker_detail.html",
        {
            "speaker": speaker,
            "aliases": list(speaker.aliases.all()),
            "page": page,
            "can_merge": review.is_editor(request.user),
            "others": others,
        },
    )


@login_required
@require_POST
def speaker_merge(request):
    """Merge the speakers ticked in `merge` into `target`; editors only."""
    if not review.is_editor(request.user):
        raise PermissionDenied("Only editors can merge speakers.")
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
    review.speakers_merge(user=request.user, target=target, sources=sources)
    messages.success(request, f"Merged {names} into {target.name}; their names are kept as aliases.")
    return redirect("claims:speaker_detail", pk=target.pk)
