"""Read-only figures for the dashboard: review progress over time, items per status, verdicts by speaker/outlet."""

from collections import defaultdict
from datetime import date, timedelta

from django.db.models import Count
from django.db.models.functions import TruncDate
from django.utils import timezone

from claims.models import Article, Claim, Quote, ReviewEvent, ReviewStatus


def status_counts() -> dict[str, dict[str, int]]:
    """{"Quotes": {"Pending": n, …}, "Claims": {…}} with every status present."""
    out = {}
    for label, model in (("Quotes", Quote), ("Claims", Claim)):
        counts = dict(model.objects.order_by().values_list("status").annotate(n=Count("pk")))
        out[label] = {name: counts.get(value, 0) for value, name in ReviewStatus.choices}
    return out


def review_progress(*, days: int = 30, today: date | None = None) -> list[tuple[date, int]]:
    """Human review decisions (status changes and verdicts) per day, oldest first, days without any as 0."""
    today = today or timezone.localdate()
    start = today - timedelta(days=days - 1)
    rows = dict(
        ReviewEvent.objects.filter(actor__isnull=False, field__in=["status", "verdict"], created_at__date__gte=start)
        .annotate(day=TruncDate("created_at"))
        .order_by()
        .values_list("day")
        .annotate(n=Count("pk"))
    )
    return [(start + timedelta(days=i), rows.get(start + timedelta(days=i), 0)) for i in range(days)]


def verdicts_by(field: str, *, limit: int = 10) -> list[tuple[str, dict[str, int]]]:
    """Claims with a verdict grouped by `field` (e.g. "speaker__name"), the `limit` busiest groups first."""
    relation = field.rsplit("__", 1)[0]
    return [(name, counts) for _, name, counts in verdict_groups(relation, limit=limit)]


def verdict_groups(relation: str, *, limit: int = 10) -> list[tuple[int, str, dict[str, int]]]:
    """(id, name, {verdict label: claims}) per speaker ("speaker") or outlet ("article__outlet"), the `limit`
    busiest first; the ids let every bar link to the queue filtered to it."""
    counts: dict[tuple[int, str], dict[str, int]] = defaultdict(dict)
    labels = dict(Claim.Verdict.choices)
    rows = (
        Claim.objects.exclude(verdict="")
        .exclude(**{f"{relation}__isnull": True})
        .order_by()
        .values_list(f"{relation}_id" if "__" not in relation else f"{relation}__id", f"{relation}__name", "verdict")
        .annotate(n=Count("pk"))
    )
    for pk, name, verdict, n in rows:
        counts[(pk, name)][labels[verdict]] = n
    ranked = sorted(counts.items(), key=lambda item: (-sum(item[1].values()), item[0][1]))
    return [(pk, name, group) for (pk, name), group in ranked[:limit]]


def totals() -> dict[str, int]:
    return {
        "articles": Article.objects.count(),
        "quotes": Quote.objects.count(),
        "verified_quotes": Quote.objects.filter(status=ReviewStatus.VERIFIED).count(),
        "claims": Claim.objects.count(),
        "claims_with_verdict": Claim.objects.exclude(verdict="").count(),
    }
