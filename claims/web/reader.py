"""The reader: an article with its quotes and claims highlighted, the side panel, and the inspector.

`reader_context` and `inspector_context` are the one place these pages' data is assembled; the reader
page, the inspector fragment and every review action's error page render from them.
"""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse

from claims.models import Article, Claim, Quote, Source, Speaker
from claims.roles import is_editor
from claims.selectors.articles import article_in_progress, article_stuck
from claims.selectors.history import QUIET_FIELDS
from claims.selectors.preferences import preferences_of
from claims.selectors.reader import ClaimRow, QuoteRow, reader_items
from claims.services.review import MAX_NOTE, MAX_TEXT, UNDO_MINUTES, undo_deadline
from claims.services.speakers import alias_for

from .html import highlight, side_panel
from .html.phrases import reason_phrase, signal_phrases
from .html.spans import claim_span, quote_span

REFRESH_SECONDS = 3
HISTORY_LIMIT = 50

ReviewItem = Quote | Claim


@login_required
def article_detail(request: HttpRequest, pk: int) -> HttpResponse:
    # The submission as received (raw HTML or paste, often far larger than the text) is never shown here.
    article = get_object_or_404(Article.objects.select_related("outlet").defer("raw_html", "raw_text"), pk=pk)
    context = reader_context(request, article, selected=request.GET.get("item", ""))
    return render(request, "claims/article_detail.html", context)


def reader_context(request: HttpRequest, article: Article, *, selected: str = "", **extra: Any) -> dict[str, Any]:
    """The reader: highlighted text, every quote and claim, and the inspector for the `selected` item ("quote-12").

    Two queries for the items whatever their number (light rows, claims.selectors.reader), plus four for the
    selected item's inspector, which loads that one item in full.
    """
    quotes, claims = reader_items(article)
    body = article.body_text
    spans = [quote_span(q, body) for q in quotes] + [claim_span(c) for c in claims]
    by_key: dict[str, QuoteRow | ClaimRow] = {f"quote-{q.pk}": q for q in quotes} | {f"claim-{c.pk}": c for c in claims}
    context: dict[str, Any] = {
        "article": article,
        "quotes": quotes,
        "claims": claims,
        "body_html": highlight.render(body, spans),
        "quote_items_html": side_panel.quote_items(quotes),
        "claim_items_html": side_panel.claim_items(claims),
        "refresh": article_in_progress(article) and not article_stuck(article) and not (quotes or claims),
        "stuck": article_stuck(article),
        "refresh_seconds": REFRESH_SECONDS,
        "selected": selected if selected in by_key else "",
        "queue_url": reverse("claims:queue") + f"?article={article.pk}",
        "advance": preferences_of(request.user).advance_after_decision,
        "undo_minutes": UNDO_MINUTES,
    }
    if selected in by_key:
        row = by_key[selected]
        context["inspector"] = inspector_context(request, row.model(pk=row.pk), **extra)
        context["inspector_html"] = render_to_string("claims/_inspector.html", context["inspector"], request=request)
    else:
        context.update(extra)
    return context


def inspector_context(request: HttpRequest, item: ReviewItem, **extra: Any) -> dict[str, Any]:
    """Everything the inspector shows: the item, its evidence, history and per-field provenance (4 queries)."""
    model = type(item)
    related = ["article", "speaker", "reviewer", "assigned_to"] + (["speaker_set_by"] if model is Quote else [])
    item = model.objects.select_related(*related).defer("article__body_text", "article__raw_html").get(pk=item.pk)
    events = list(item.events.exclude(field__in=QUIET_FIELDS).select_related("actor")[:HISTORY_LIMIT])
    claim = item if isinstance(item, Claim) else None
    return {
        "item": item,
        "article": item.article,
        "events": events,
        "evidence": list(claim.evidence.select_related("added_by")) if claim else [],
        "corrections": list(claim.corrections.select_related("editor")) if claim and claim.published_at else [],
        "public_url": reverse("access:claim_public", args=[item.pk]) if claim and claim.published_at else "",
        "provenance": provenance(item),
        "locked": item.is_reviewed,
        "speaker_by_person": isinstance(item, Quote) and item.speaker_source == Source.HUMAN,
        "reason": reason_phrase(item.attribution_reason) if isinstance(item, Quote) else "",
        # what a correction would record as an alias (never "he" or "the minister")
        "mention_alias": alias_for(Speaker(name=""), item.speaker_mention) if isinstance(item, Quote) else None,
        "signals": signal_phrases(claim.signals) if claim else [],
        "undo_until": undo_deadline(item, request.user),
        "verdicts": Claim.Verdict.choices,
        "speaker_kinds": Speaker.Kind.choices,
        "is_editor": is_editor(request.user),
        "limits": {"note": MAX_NOTE, "text": MAX_TEXT},
        **extra,
    }


def provenance(item: ReviewItem) -> list[tuple[str, str, str]]:
    """(field label, current value, "model" | "human") for the fields a reviewer can change."""
    human = set(item.human_fields)
    rows = [("Span", f"{item.start}–{item.end}", "human" if {"start", "end"} & human else "model")]
    if isinstance(item, Quote):
        speaker = item.speaker.name if item.speaker else (item.speaker_mention or "—")
        rows += [
            ("Speaker", speaker, item.speaker_source),
            ("Kind", item.get_kind_display(), item.source_of("kind")),
        ]
    else:
        rows += [("Check-worthiness", f"{round(item.checkworthiness * 100)}%", item.source_of("checkworthiness"))]
        rows += [("Verdict", item.get_verdict_display() or "—", "human" if item.verdict else "model")]
    rows.append(
        ("Status", item.get_status_display(), "human" if item.reviewer_id or item.status != "pending" else "model")
    )
    return rows


def reader_url(item: ReviewItem, anchor: str = "inspector") -> str:
    """The reader with `item` selected."""
    return f"{reverse('claims:article_detail', args=[item.article_id])}?item={item.type}-{item.pk}#{anchor}"
