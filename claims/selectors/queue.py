"""The review queue: quotes and claims in one filtered, sorted, paginated list, read in a fixed number of queries.

Quotes and claims live in two tables. The queue pages over a UNION of both with the columns it
sorts on, then loads just the page's rows with their article, outlet, speaker and assignee (one
query per model). Counting per status is one grouped query per model.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.auth import get_user_model
from django.core.paginator import Page, Paginator
from django.db.models import Count, F, FloatField, Q, Value
from django.db.models.functions import Coalesce, TruncDate

from claims.ids import parse_id
from claims.models import Claim, Quote, ReviewStatus
from claims.roles import Role

PAGE_SIZE = 50
OPEN = (ReviewStatus.PENDING, ReviewStatus.NEEDS_WORK)

# sort key -> ORDER BY over the union's columns (conf: quote confidence, claims after; worth: check-worthiness)
SORTS = {
    "confidence": ("Low confidence first", ("conf", "-worth", "-created", "itype", "oid")),
    "checkworthy": ("Most check-worthy", ("-worth", "conf", "-created", "itype", "oid")),
    "newest": ("Newest first", ("-created", "itype", "-oid")),
    "oldest": ("Oldest first", ("created", "itype", "oid")),
    "article": ("By article", ("art", "pos", "itype", "oid")),
}
DEFAULT_SORT = "confidence"
MODELS: dict[str, type[Quote] | type[Claim]] = {"quote": Quote, "claim": Claim}


@dataclass
class QueueFilters:
    """Cleaned filter values; empty means "any"."""

    status: str = "open"  # "open" = pending or needs work; "all"; or a ReviewStatus value
    kind: str = ""  # "quote" | "claim" | ""
    article: int | None = None
    outlet: int | None = None
    speaker: int | None = None
    assigned: str = ""  # "me" | "none" | a user id (as text) | ""
    min_worth: float | None = None  # claims only: check-worthiness at least this
    max_confidence: float | None = None  # quotes only: attribution confidence at most this
    date_from: object = None  # article date (published, else received)
    date_to: object = None
    verdict: str = ""  # claims only
    reviewed_on: object = None  # the day of the current decision (the dashboard's progress bars link here)
    q: str = ""
    sort: str = DEFAULT_SORT
    extra: dict = field(default_factory=dict)


def _base(model, filters: QueueFilters, user, *, with_status: bool = True):
    qs = model.objects.all()
    if with_status:
        if filters.status == "open":
            qs = qs.filter(status__in=OPEN)
        elif filters.status in ReviewStatus.values:
            qs = qs.filter(status=filters.status)
    if filters.article:
        qs = qs.filter(article_id=filters.article)
    if filters.outlet:
        qs = qs.filter(article__outlet_id=filters.outlet)
    if filters.speaker:
        qs = qs.filter(speaker_id=filters.speaker)
    if filters.assigned == "me":
        qs = qs.filter(assigned_to=user)
    elif filters.assigned == "none":
        qs = qs.filter(assigned_to__isnull=True)
    elif (assignee := parse_id(filters.assigned)) is not None:
        qs = qs.filter(assigned_to_id=assignee)
    if filters.date_from or filters.date_to:
        qs = qs.annotate(article_day=TruncDate(Coalesce("article__published_at", "article__created_at")))
        if filters.date_from:
            qs = qs.filter(article_day__gte=filters.date_from)
        if filters.date_to:
            qs = qs.filter(article_day__lte=filters.date_to)
    if filters.q:
        qs = qs.filter(Q(text__icontains=filters.q) | Q(speaker__name__icontains=filters.q))
    if filters.reviewed_on:
        qs = qs.filter(reviewed_at__date=filters.reviewed_on)
    if model is Claim and filters.verdict:
        qs = qs.filter(verdict=filters.verdict)
    if model is Claim and filters.min_worth is not None:
        qs = qs.filter(checkworthiness__gte=filters.min_worth)
    if model is Quote and filters.max_confidence is not None:
        qs = qs.filter(confidence__lte=filters.max_confidence)
    return qs


def _models(filters: QueueFilters) -> list:
    """Which tables the filters allow: a confidence bound means quotes, a check-worthiness bound means claims."""
    kinds = [filters.kind] if filters.kind in MODELS else list(MODELS)
    if filters.max_confidence is not None and "claim" in kinds and len(kinds) > 1:
        kinds.remove("claim")
    if (filters.min_worth is not None or filters.verdict) and "quote" in kinds and len(kinds) > 1:
        kinds.remove("quote")
    if filters.kind == "quote" and (filters.min_worth is not None or filters.verdict):
        return []
    if filters.kind == "claim" and filters.max_confidence is not None:
        return []
    return [MODELS[k] for k in kinds]


def _rows(model, filters, user):
    is_quote = model is Quote
    return (
        _base(model, filters, user)
        .order_by()
        .annotate(
            itype=Value("quote" if is_quote else "claim"),
            oid=F("pk"),
            conf=F("confidence") if is_quote else Value(2.0, output_field=FloatField()),
            worth=Value(0.0, output_field=FloatField()) if is_quote else F("checkworthiness"),
            created=F("created_at"),
            art=F("article_id"),
            pos=F("start"),
        )
        .values_list("itype", "oid", "conf", "worth", "created", "art", "pos")
    )


class QueueRows:
    """A lazy sequence over the union so Paginator can count and slice it; slices load full rows."""

    def __init__(self, filters: QueueFilters, user):
        models = _models(filters)
        parts = [_rows(m, filters, user) for m in models]
        order = SORTS.get(filters.sort, SORTS[DEFAULT_SORT])[1]
        if not parts:
            self.union = None
        else:
            self.union = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
            self.union = self.union.order_by(*order)

    def count(self) -> int:
        return self.union.count() if self.union is not None else 0

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if self.union is None:
            return []
        keys = list(self.union[index])
        return load_items(keys)


ITEM_RELATED = ("article", "article__outlet", "speaker", "assigned_to", "reviewer")


def load_items(keys) -> list:
    """(kind, id, …) tuples -> Quote/Claim rows with their relations, in the given order (one query per kind)."""
    ids: dict[str, list[int]] = {"quote": [], "claim": []}
    for key in keys:
        ids[key[0]].append(key[1])
    loaded: dict[tuple[str, int], Quote | Claim] = {}
    for kind, pks in ids.items():
        if pks:
            rows = (
                MODELS[kind]
                ._default_manager.filter(pk__in=pks)
                .select_related(*ITEM_RELATED)
                .defer("article__body_text", "article__raw_html")
            )
            loaded.update({(kind, row.pk): row for row in rows})
    items = []
    for key in keys:
        item = loaded.get((key[0], key[1]))
        if item is not None:
            items.append(item)
    return items


def matching_keys(*, filters: QueueFilters, user, limit: int) -> list[tuple[str, int, int, datetime, datetime]]:
    """(kind, id, version, updated_at, created_at) of every item the filters match, at most `limit`
    (a bulk action on "all matching items"; one query per kind)."""
    keys: list[tuple[str, int, int, datetime, datetime]] = []
    for model in _models(filters):
        kind = "quote" if model is Quote else "claim"
        rows = _base(model, filters, user).order_by("pk").values_list("pk", "version", "updated_at", "created_at")
        keys += [(kind, *row) for row in rows[: max(0, limit - len(keys))]]
    return keys


def queue_page(*, filters: QueueFilters, user, page: str | int | None, per_page: int = PAGE_SIZE) -> Page:
    return Paginator(QueueRows(filters, user), per_page).get_page(page)  # type: ignore[arg-type]  # a lazy sequence


def queue_status_counts(*, filters: QueueFilters, user) -> dict[str, int]:
    """Items per review status under the other filters (the status filter itself ignored), plus "open"."""
    counts = dict.fromkeys(ReviewStatus.values, 0)
    for model in _models(filters):
        rows = _base(model, filters, user, with_status=False).order_by().values_list("status").annotate(n=Count("pk"))
        for status, n in rows:
            counts[status] = counts.get(status, 0) + n
    counts["open"] = sum(counts[s] for s in OPEN)
    counts["all"] = sum(counts[s] for s in ReviewStatus.values)
    return counts


def assignable_users():
    """People who can be given work: members of the reviewer, editor or admin groups."""
    return (
        get_user_model()
        .objects.filter(groups__name__in=[role.value for role in Role], is_active=True)
        .distinct()
        .order_by("username")
    )


def open_assigned_count(user) -> int:
    """Pending or needs-work quotes and claims assigned to `user` (0 for anonymous users)."""
    if not getattr(user, "is_authenticated", False):
        return 0
    mine = [
        model.objects.filter(assigned_to=user, status__in=OPEN).order_by().values("pk") for model in MODELS.values()
    ]
    return mine[0].union(*mine[1:], all=True).count()  # one query
