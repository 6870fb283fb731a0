"""Reviewer pages: article list, submit form, reader with highlighted quotes and claims, retry.

Thin views: input goes through `claims.ingest` / `claims.extraction`; reads use a fixed number
of queries however many quotes and claims an article has.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce, Substr
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.http import require_POST

from . import highlight, ingest, item_list
from .forms import ArticleFilterForm, ArticleSubmitForm
from .models import Article, Claim, Quote, UrlFetch

PAGE_SIZE = 25
REFRESH_SECONDS = 3
OPENING_MARKS = "“‘\"'«„‚"
CLOSING_MARKS = "”’\"'»“‘"


def _count_of(model):
    rows = model.objects.filter(article=OuterRef("pk")).order_by().values("article").annotate(n=Count("pk"))
    return Coalesce(Subquery(rows.values("n"), output_field=IntegerField()), 0)


@login_required
def article_list(request):
    filters = ArticleFilterForm(request.GET or None)
    status = filters.cleaned_data["status"] if filters.is_valid() else ""
    articles = (
        Article.objects.select_related("outlet")
        .defer("body_text", "raw_html")
        .annotate(snippet=Substr("body_text", 1, 160), quote_count=_count_of(Quote), claim_count=_count_of(Claim))
    )
    if status:
        articles = articles.filter(status=status)
    page = Paginator(articles, PAGE_SIZE).get_page(request.GET.get("page"))
    by_status = dict(Article.objects.order_by().values_list("status").annotate(n=Count("pk")))
    tabs = [("", "All", sum(by_status.values()))] + [
        (value, label, by_status.get(value, 0)) for value, label in Article.Status.choices
    ]
    fetches = UrlFetch.objects.filter(requested_by=request.user).exclude(status=UrlFetch.Status.DONE)
    return render(
        request,
        "claims/article_list.html",
        {
            "page": page,
            "status": status,
            "page_query": urlencode({"status": status}) if status else "",
            "tabs": tabs,
            "fetches": list(fetches.order_by("-created_at")[:5]),
            "refresh": any(_in_progress(a) and not _stuck(a) for a in page),
        },
    )


def _in_progress(article: Article) -> bool:
    return article.status in (Article.Status.RECEIVED, Article.Status.PROCESSING)


def _stuck(article: Article) -> bool:
    """In progress for longer than the sweep allows: stop auto-refreshing and offer Retry instead."""
    limit = timedelta(minutes=settings.STUCK_ARTICLE_MINUTES)
    return _in_progress(article) and article.status_changed_at < timezone.now() - limit


@login_required
def article_submit(request):
    if request.method != "POST":
        return render(request, "claims/article_submit.html", {"form": ArticleSubmitForm()})
    form = ArticleSubmitForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, "claims/article_submit.html", {"form": form}, status=400)
    data = form.cleaned_data
    try:
        if data["source"] == "fetch_url":
            return _fetch(request, data["fetch_url"])
        if data["source"] == "file":
            upload = data["file"]
            result = ingest.article_create_from_file(
                name=upload.name, data=upload.read(), title=data["title"], submitted_by=request.user
            )
        else:
            result = ingest.article_create(
                text=data["text"],
                title=data["title"],
                url=data["url"] or None,
                outlet=data["outlet"],
                submitted_by=request.user,
            )
    except ingest.IngestError as exc:
        form.add_error(None, exc.message)
        return render(request, "claims/article_submit.html", {"form": form}, status=exc.status)
    if result.created:
        messages.success(request, "Article received; quotes and claims are being extracted.")
    else:
        messages.info(request, "This article was already ingested; here is the existing copy.")
    return redirect(result.article)


def _fetch(request, url):
    outcome = ingest.url_fetch_request(url=url, requested_by=request.user)
    if isinstance(outcome, ingest.IngestResult):
        messages.info(request, "This URL was already ingested; here is the existing copy.")
        return redirect(outcome.article)
    outcome.refresh_from_db()  # without a broker the fetch has already run
    if outcome.status == UrlFetch.Status.DONE and outcome.article_id:
        messages.success(request, f"Fetched {url}.")
        return redirect(outcome.article)
    if outcome.status == UrlFetch.Status.FAILED:
        messages.error(request, f"Could not fetch {url}: {outcome.error}")
    else:
        messages.info(request, f"Fetching {url} — it appears in the list once downloaded.")
    return redirect("claims:article_list")


@login_required
def article_detail(request, pk):
    article = get_object_or_404(Article.objects.select_related("outlet", "submitted_by"), pk=pk)
    return render(
        request, "claims/article_detail.html", reader_context(request, article, selected=request.GET.get("item", ""))
    )


# The reader's lists and highlights need only these columns; the inspector loads the selected item in full.
_SPAN_FIELDS = ("article_id", "start", "end", "text", "status", "version", "assigned_to_id", "speaker__name")
QUOTE_LIST_FIELDS = _SPAN_FIELDS + ("kind", "speaker_mention", "confidence")
CLAIM_LIST_FIELDS = _SPAN_FIELDS + ("checkworthiness", "signals", "verdict")


def reader_context(request, article: Article, *, selected: str = "", **extra) -> dict:
    """The reader: highlighted text, every quote and claim, and the inspector for the `selected` item ("quote-12").

    Two queries for the items whatever their number, plus four for the selected item's inspector.
    """
    from .review_views import inspector_context  # the workbench module imports this one

    quotes = list(article.quotes.select_related("speaker").only(*QUOTE_LIST_FIELDS))
    claims = list(article.claims.select_related("speaker").only(*CLAIM_LIST_FIELDS))
    body = article.body_text
    spans = [_quote_span(q, body) for q in quotes] + [_claim_span(c) for c in claims]
    by_key = {f"quote-{q.pk}": q for q in quotes} | {f"claim-{c.pk}": c for c in claims}
    context = {
        "article": article,
        "quotes": quotes,
        "claims": claims,
        "body_html": highlight.render(body, spans),
        "quote_items_html": item_list.quote_items(quotes),
        "claim_items_html": item_list.claim_items(claims),
        "refresh": _in_progress(article) and not _stuck(article) and not (quotes or claims),
        "stuck": _stuck(article),
        "refresh_seconds": REFRESH_SECONDS,
        "selected": selected if selected in by_key else "",
        "queue_url": reverse("claims:queue") + f"?article={article.pk}",
    }
    if selected in by_key:
        context["inspector"] = inspector_context(request, by_key[selected], **extra)
    else:
        context.update(extra)
    return context


KIND_LABELS = dict(Quote.Kind.choices)


def speaker_label(quote: Quote) -> str:
    if quote.speaker_id:
        return quote.speaker.name
    return quote.speaker_mention or "Unattributed"


def _quote_span(quote: Quote, body: str) -> highlight.Span:
    # Stored offsets exclude the quotation marks; include them in the highlight so the speaker tag follows them.
    start, end = quote.start, quote.end
    if start > 0 and body[start - 1] in OPENING_MARKS:
        start -= 1
    if end < len(body) and body[end] in CLOSING_MARKS:
        end += 1
    return highlight.Span(
        key=f"quote-{quote.pk}",
        start=start,
        end=end,
        classes=("hl-quote", f"kind-{quote.kind}", f"st-{quote.status}"),
        data={"type": "quote", "id": quote.pk, "kind": quote.kind, "status": quote.status},
        title=f"{KIND_LABELS.get(quote.kind, quote.kind)} quote · {speaker_label(quote)} · "
        f"{round(quote.confidence * 100)}% · {item_list.STATUS_LABELS.get(quote.status, quote.status)}",
        label=speaker_label(quote),
        label_class="hl-label" + ("" if quote.speaker_id or quote.speaker_mention else " hl-label-none"),
        rank=1,
    )


def _claim_span(claim: Claim) -> highlight.Span:
    worth = claim.checkworthiness
    level = item_list.level(worth, 0.7, 0.4)
    signals = ", ".join(claim.signals) if claim.signals else "no signals"
    return highlight.Span(
        key=f"claim-{claim.pk}",
        start=claim.start,
        end=claim.end,
        classes=("hl-claim", f"cw-{level}", f"st-{claim.status}"),
        data={
            "type": "claim",
            "id": claim.pk,
            "kind": "claim",
            "status": claim.status,
            "checkworthiness": f"{worth:.2f}",
        },
        title=f"Claim · check-worthiness {round(worth * 100)}% ({signals}) · "
        f"{item_list.STATUS_LABELS.get(claim.status, claim.status)}",
        rank=2,
    )


@require_POST
@login_required
def article_retry(request, pk):
    from . import extraction  # imports the NLP package; keep the other pages independent of it

    article = get_object_or_404(Article, pk=pk)
    extraction.article_reextract(article=article)
    messages.success(request, f"“{article}” was queued for extraction again.")
    target = request.POST.get("next") or reverse("claims:article_detail", args=[article.pk])
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("claims:article_detail", args=[article.pk])
    return redirect(target)
