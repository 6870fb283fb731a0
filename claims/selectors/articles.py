"""Article reads: lists with their quote and claim counts.

Counts are correlated subqueries, one per table: joining both tables and counting distinct rows
grows with quotes × claims (an article with 4,000 of each took seconds).
"""

from datetime import timedelta

from django.conf import settings
from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from claims.models import Article, Claim, Quote


def count_of(model: type[Quote] | type[Claim]) -> Coalesce:
    """The number of `model` rows of the outer article, as an annotation."""
    rows = model.objects.filter(article=OuterRef("pk")).order_by().values("article").annotate(n=Count("pk"))
    return Coalesce(Subquery(rows.values("n"), output_field=IntegerField()), 0)


def articles_with_counts(queryset: QuerySet[Article] | None = None) -> QuerySet[Article]:
    """Articles with their outlet, annotated with quote_count and claim_count."""
    queryset = Article.objects.all() if queryset is None else queryset
    return queryset.select_related("outlet").annotate(quote_count=count_of(Quote), claim_count=count_of(Claim))


def article_status_counts() -> dict[str, int]:
    """Articles per status (one grouped query)."""
    return dict(Article.objects.order_by().values_list("status").annotate(n=Count("pk")))


def article_in_progress(article: Article) -> bool:
    """Received or being extracted."""
    return article.status in (Article.Status.RECEIVED, Article.Status.PROCESSING)


def article_stuck(article: Article) -> bool:
    """Lost: a worker's lease that ran out, or in progress without one for longer than the sweep allows
    (STUCK_ARTICLE_MINUTES): offer Retry, stop refreshing. A slow article whose worker renews its lease
    is never stuck."""
    if not article_in_progress(article):
        return False
    now = timezone.now()
    if article.status == Article.Status.PROCESSING and article.lease_expires_at is not None:
        return article.lease_expires_at < now
    return article.status_changed_at < now - timedelta(minutes=settings.STUCK_ARTICLE_MINUTES)
