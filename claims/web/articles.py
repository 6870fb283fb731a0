"""Article pages: the list, the submit form (paste, upload, fetch a URL), Retry, and putting back a piece
the cleaner removed from a paste.

Input goes through `claims.services.articles`; the list reads through `claims.selectors.articles`.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models.functions import Substr
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_POST

from claims.models import Article, UrlFetch
from claims.roles import acting
from claims.selectors.articles import article_in_progress, article_status_counts, article_stuck, articles_with_counts
from claims.services import articles as article_service
from claims.services.articles import IngestError, IngestResult

from .forms import ArticleFilterForm, ArticleSubmitForm
from .safety import safe_next

PAGE_SIZE = 25
RECENT_FETCHES = 5


@login_required
def article_list(request: HttpRequest) -> HttpResponse:
    filters = ArticleFilterForm(request.GET or None)
    status = filters.cleaned_data["status"] if filters.is_valid() else ""
    articles = articles_with_counts(Article.objects.defer("body_text", "raw_html")).annotate(
        snippet=Substr("body_text", 1, 160)
    )
    if status:
        articles = articles.filter(status=status)
    page = Paginator(articles, PAGE_SIZE).get_page(request.GET.get("page"))
    by_status = article_status_counts()
    tabs = [("", "All", sum(by_status.values()))] + [
        (value, label, by_status.get(value, 0)) for value, label in Article.Status.choices
    ]
    fetches = UrlFetch.objects.filter(requested_by=acting(request.user)).exclude(status=UrlFetch.Status.DONE)
    return render(
        request,
        "claims/article_list.html",
        {
            "page": page,
            "status": status,
            "page_query": urlencode({"status": status}) if status else "",
            "tabs": tabs,
            "fetches": list(fetches.order_by("-created_at")[:RECENT_FETCHES]),
            "refresh": any(article_in_progress(a) and not article_stuck(a) for a in page),
        },
    )


@login_required
def article_submit(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        initial = {"fetch_url": request.GET.get("fetch_url", "")[:2000]} if request.GET.get("fetch_url") else None
        return render(request, "claims/article_submit.html", {"form": ArticleSubmitForm(initial=initial)})
    form = ArticleSubmitForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, "claims/article_submit.html", {"form": form}, status=400)
    data = form.cleaned_data
    try:
        if data["source"] == "fetch_url":
            return _fetch(request, form, data["fetch_url"])
        if data["source"] == "file":
            upload = data["file"]
            result = article_service.article_create_from_file(
                name=upload.name, data=upload.read(), title=data["title"], submitted_by=request.user
            )
        else:
            result = article_service.article_create(
                text=data["text"],
                title=data["title"],
                url=data["url"] or None,
                outlet=data["outlet"] or data["new_outlet"],
                published_at=data["published_at"],
                submitted_by=request.user,
            )
    except IngestError as exc:
        form.add_error(None, exc.message)
        return render(request, "claims/article_submit.html", {"form": form}, status=exc.status)
    if result.created:
        messages.success(request, "Article received; quotes and claims are being extracted.")
    else:
        messages.info(request, "This article was already ingested; here is the existing copy.")
    return redirect(result.article)


def _fetch(request: HttpRequest, form: ArticleSubmitForm, url: str) -> HttpResponse:
    outcome = article_service.url_fetch_request(url=url, requested_by=request.user)
    if isinstance(outcome, IngestResult):
        messages.info(request, "This URL was already ingested; here is the existing copy.")
        return redirect(outcome.article)
    outcome.refresh_from_db()  # without a broker the fetch has already run
    if outcome.status == UrlFetch.Status.DONE and outcome.article is not None:
        messages.success(request, f"Fetched {url}.")
        return redirect(outcome.article)
    if outcome.status == UrlFetch.Status.FAILED:
        # Back to the form, the URL still in it, with the reason.
        form.add_error("fetch_url", f"Could not fetch this page: {outcome.error}")
        return render(request, "claims/article_submit.html", {"form": form}, status=502)
    messages.info(request, f"Fetching {url} — it appears in the list once downloaded.")
    return redirect("claims:article_list")


@require_POST
@login_required
def article_retry(request: HttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(Article, pk=pk)
    article_service.article_reextract(article=article)
    messages.success(request, f"“{article}” was queued for extraction again.")
    return redirect(safe_next(request, reverse("claims:article_detail", args=[article.pk])))


@require_POST
@login_required
def article_restore(request: HttpRequest, pk: int, index: int) -> HttpResponse:
    """Put a piece the cleaner removed back into the article (and queue extraction again)."""
    article = get_object_or_404(Article, pk=pk)
    try:
        article_service.article_restore_removed(article=article, index=index, user=request.user)
    except IngestError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "The text was put back where it stood; quotes and claims are being extracted again.")
    return redirect(reverse("claims:article_detail", args=[article.pk]) + "#removed")
