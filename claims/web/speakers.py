"""Speaker pages: the list with search (honorifics aside), one speaker's aliases and quotes across articles, and
the editors' housekeeping: merging duplicates, renaming, deleting unused speakers, discarding junk ones, and
removing wrong aliases. Each calls one `claims.services.speakers` function."""

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import urlencode
from django.views.decorators.http import require_POST

from claims.ids import parse_id
from claims.models import Speaker, SpeakerAlias
from claims.roles import is_editor, require_editor
from claims.selectors.speakers import speaker_quotes, speakers_with_counts
from claims.services import speakers as speaker_services
from claims.services.locks import Busy, ReviewError

PAGE_SIZE = 50
MERGE_CHOICES = 500


@login_required
def speaker_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:200]
    unused = request.GET.get("unused") == "1"
    page = Paginator(speakers_with_counts(query, unused=unused), PAGE_SIZE).get_page(request.GET.get("page"))
    params = {k: v for k, v in (("q", query), ("unused", "1" if unused else "")) if v}
    return render(
        request,
        "claims/speaker_list.html",
        {
            "page": page,
            "query": query,
            "unused": unused,
            "unused_count": speakers_with_counts(unused=True).count(),
            "page_query": urlencode(params),
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
            "in_use": bool(getattr(speaker, "quote_count", 0) or getattr(speaker, "claim_count", 0)),
            "others": others,
        },
    )


def _done(request: HttpRequest, work: Callable[[], object], success: str) -> bool:
    """Run one housekeeping service call; its refusal becomes the page's error message."""
    try:
        work()
    except (ReviewError, Busy) as exc:
        messages.error(request, exc.message)
        return False
    except PermissionDenied as exc:
        messages.error(request, str(exc))
        return False
    messages.success(request, success)
    return True


@login_required
@require_POST
def speaker_merge(request: HttpRequest) -> HttpResponse:
    """Merge the speakers ticked in `merge` into `target`; editors only. `keep_names` (default on) keeps their
    names as aliases; off for junk names that must not match anyone again."""
    require_editor(request.user, "merge speakers")
    target_id = parse_id(request.POST.get("target", ""))
    source_ids = {pk for v in request.POST.getlist("merge") if (pk := parse_id(v))}
    target = Speaker.objects.filter(pk=target_id).first() if target_id else None
    sources = list(Speaker.objects.filter(pk__in=source_ids - {target_id}))
    if target is None or not sources:
        messages.error(request, "Choose the speaker to keep and at least one other speaker to merge into it.")
        return redirect("claims:speaker_detail", pk=target.pk) if target else redirect("claims:speaker_list")
    keep = request.POST.get("keep_names", "1") == "1"
    names = ", ".join(s.name for s in sources)
    kept = "their names are kept as aliases" if keep else "their names were not kept as aliases"
    _done(
        request,
        lambda: speaker_services.speakers_merge(user=request.user, target=target, sources=sources, keep_names=keep),
        f"Merged {names} into {target.name}; {kept}.",
    )
    return redirect("claims:speaker_detail", pk=target.pk)


@login_required
@require_POST
def speaker_rename(request: HttpRequest, pk: int) -> HttpResponse:
    speaker = get_object_or_404(Speaker, pk=pk)
    old = speaker.name
    keep = request.POST.get("keep_alias") == "1"
    name = request.POST.get("name", "")
    note = f"; “{old}” is kept as an alias" if keep else ""
    _done(
        request,
        lambda: speaker_services.speaker_rename(user=request.user, speaker=speaker, name=name, keep_alias=keep),
        f"Renamed “{old}” to “{speaker_services.clean_name(name)}”{note}.",
    )
    return redirect("claims:speaker_detail", pk=pk)


@login_required
@require_POST
def speaker_delete(request: HttpRequest, pk: int) -> HttpResponse:
    speaker = get_object_or_404(Speaker, pk=pk)
    name = speaker.name
    if _done(request, lambda: speaker_services.speaker_delete(user=request.user, speaker=speaker), f"Deleted {name}."):
        return redirect("claims:speaker_list")
    return redirect("claims:speaker_detail", pk=pk)


@login_required
@require_POST
def speaker_discard(request: HttpRequest, pk: int) -> HttpResponse:
    """Not a speaker ("Officials"): its quotes and claims become unattributed and it is deleted."""
    speaker = get_object_or_404(Speaker, pk=pk)
    name = speaker.name
    if _done(
        request,
        lambda: speaker_services.speaker_discard(user=request.user, speaker=speaker),
        f"“{name}” is no longer a speaker; its quotes and claims are unattributed, ready to be attributed.",
    ):
        return redirect("claims:speaker_list")
    return redirect("claims:speaker_detail", pk=pk)


@login_required
@require_POST
def alias_remove(request: HttpRequest, pk: int, alias_pk: int) -> HttpResponse:
    alias = get_object_or_404(SpeakerAlias, pk=alias_pk, speaker_id=pk)
    text = alias.alias
    _done(
        request,
        lambda: speaker_services.alias_remove(user=request.user, alias=alias),
        f"“{text}” is no longer an alias; it will not match this speaker again.",
    )
    return redirect("claims:speaker_detail", pk=pk)
