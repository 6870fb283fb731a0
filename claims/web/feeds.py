"""Feed pages: the feeds a newsroom follows with their status, one feed's items, and the editors' actions
(follow, pause, resume, poll now, stop following). Every rule is in `claims.services.feeds`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from claims.models import Feed
from claims.roles import is_editor
from claims.services import feeds as feed_service
from claims.services.feeds import FeedError

from .forms import FeedForm

ITEMS_SHOWN = 100
ACTIONS = ("pause", "resume", "poll", "delete")


@login_required
def feed_list(request: HttpRequest) -> HttpResponse:
    form = FeedForm(request.POST or None)
    if request.method == "POST":
        if not is_editor(request.user):
            raise PermissionDenied("Only editors can follow feeds.")
        if form.is_valid():
            try:
                feed = feed_service.feed_create(user=request.user, **form.cleaned_data)
            except FeedError as exc:
                form.add_error("url", exc.message)
            else:
                messages.success(request, f"Following {feed}; its first poll is queued.")
                return redirect("claims:feed_list")
    feeds = Feed.objects.select_related("outlet").order_by("title", "url")
    return render(
        request,
        "claims/feed_list.html",
        {"feeds": feeds, "form": form, "can_manage": is_editor(request.user)},
        status=400 if form.errors else 200,
    )


@login_required
def feed_detail(request: HttpRequest, pk: int) -> HttpResponse:
    feed = get_object_or_404(Feed.objects.select_related("outlet"), pk=pk)
    items = feed.items.select_related("article").order_by("-id")[:ITEMS_SHOWN]
    return render(
        request, "claims/feed_detail.html", {"feed": feed, "items": items, "can_manage": is_editor(request.user)}
    )


@require_POST
@login_required
def feed_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in ACTIONS:
        raise Http404("No such feed action.")
    feed = get_object_or_404(Feed, pk=pk)
    try:
        if action == "delete":
            feed_service.feed_delete(user=request.user, feed=feed)
            messages.success(request, f"No longer following {feed}; the articles it brought in stay.")
            return redirect("claims:feed_list")
        if action == "poll":
            feed_service.feed_poll_now(user=request.user, feed=feed)
            messages.success(request, f"{feed} will be polled now.")
        else:
            feed_service.feed_set_paused(user=request.user, feed=feed, paused=action == "pause")
            messages.success(request, f"{feed} is {'paused' if action == 'pause' else 'active again and polled now'}.")
    except FeedError as exc:
        messages.error(request, exc.message)
    return redirect("claims:feed_detail", pk=feed.pk)
