"""Speaker reads: the list with its counts, search by name or alias, and one speaker's quotes."""

from django.db.models import Count, Q, QuerySet

from claims.models import Quote, ReviewStatus, Speaker

LOOKUP_LIMIT = 10


def speakers_with_counts(query: str = "") -> QuerySet[Speaker]:
    """Speakers annotated with quote_count, verified_count and alias_count, the most quoted first;
    with `query`, only those whose name or an alias contains it."""
    speakers = Speaker.objects.all() if not query else speakers_search(Speaker.objects.all(), query)
    return speakers.annotate(
        quote_count=Count("quotes", distinct=True),
        verified_count=Count("quotes", filter=Q(quotes__status=ReviewStatus.VERIFIED), distinct=True),
        alias_count=Count("aliases", distinct=True),
    ).order_by("-quote_count", "name")


def speakers_search(queryset: QuerySet[Speaker], query: str) -> QuerySet[Speaker]:
    """Speakers whose canonical name or an alias contains `query` (case-insensitive)."""
    return queryset.filter(Q(name__icontains=query) | Q(aliases__alias__icontains=query)).distinct()


def speaker_lookup(query: str, *, limit: int = LOOKUP_LIMIT) -> list[Speaker]:
    """The reader's autocomplete: up to `limit` matching speakers by name (one query)."""
    return list(speakers_search(Speaker.objects.all(), query).order_by("name")[:limit])


def speaker_quotes(speaker: Speaker) -> QuerySet[Quote]:
    """A speaker's quotes across articles, newest article first."""
    return speaker.quotes.select_related("article", "article__outlet", "reviewer").order_by(
        "-article__published_at", "-article_id", "start"
    )
