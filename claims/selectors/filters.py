"""Filters shared by the list endpoints, the streaming exports and `manage.py export`.

Status rule: without `status`, quotes are `verified` and claims `reviewed` (verified, or given a verdict
and not rejected). On the list endpoints a reviewer may ask for any status (`pending`, `needs_work`, …,
`any`): they review those items. The bulk exports are stricter: anything but the published statuses is
for editors only, and a reviewer asking for it gets 403. `manage.py export` (no request) may ask for any.
"""

from datetime import UTC

import django_filters as filters
from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django_filters.fields import IsoDateTimeField

from claims.ids import MAX_ID, parse_id
from claims.models import Claim, Quote, ReviewStatus
from claims.roles import is_editor
from claims.scores import WORTH_CHECKING
from claims.selectors.export import reviewed_claims_q

ANY = "any"
REVIEWED = "reviewed"


class InRangeIsoDateTimeField(IsoDateTimeField):
    """An ISO 8601 time, converted to UTC: "9999-12-31T23:59:59-23:59" is a 400, not an OverflowError, and an
    offset Python accepts but PostgreSQL does not (beyond ±15:59, e.g. "-18:43") never reaches the database."""

    def to_python(self, value):
        parsed = super().to_python(value)
        if parsed is None:
            return None
        try:
            return parsed.astimezone(UTC)
        except (OverflowError, ValueError):
            raise forms.ValidationError("This time is out of range once converted to UTC.") from None


class InRangeIsoDateTimeFilter(filters.IsoDateTimeFilter):
    field_class = InRangeIsoDateTimeField


class IdFilter(filters.NumberFilter):
    field_class = forms.IntegerField


class UnitFilter(filters.NumberFilter):
    field_class = forms.FloatField


def _id_filter(field_name: str, help_text: str):
    return IdFilter(field_name=field_name, min_value=1, max_value=MAX_ID, help_text=help_text)


def _unit_filter(field_name: str, help_text: str):
    return UnitFilter(field_name=field_name, lookup_expr="gte", min_value=0, max_value=1, help_text=help_text)


class ReviewedSpanFilter(filters.FilterSet):
    speaker = filters.CharFilter(
        method="filter_speaker", max_length=200, help_text="Speaker id, or canonical name / alias (case-insensitive)."
    )
    article = _id_filter("article_id", "Article id.")
    outlet = filters.CharFilter(method="filter_outlet", max_length=200, help_text="Outlet id or name.")
    published_after = filters.DateFilter(
        field_name="article__published_at",
        lookup_expr="date__gte",
        help_text="Article published on or after this date (YYYY-MM-DD).",
    )
    published_before = filters.DateFilter(
        field_name="article__published_at",
        lookup_expr="date__lte",
        help_text="Article published on or before this date (YYYY-MM-DD).",
    )
    updated_since = InRangeIsoDateTimeFilter(
        field_name="updated_at",
        lookup_expr="gte",
        help_text="Changed at or after this ISO 8601 time (incremental sync).",
    )
    q = filters.CharFilter(
        field_name="text",
        lookup_expr="icontains",
        max_length=200,
        help_text="Text search (case-insensitive substring).",
    )

    default_status: str = ReviewStatus.VERIFIED
    public_statuses: set[str] = {ReviewStatus.VERIFIED}
    editors_only = False  # True on the bulk exports

    def filter_speaker(self, queryset, name, value):
        value = value.strip()
        if value.isascii() and value.isdigit():
            pk = parse_id(value)
            return queryset.filter(speaker_id=pk) if pk else queryset.none()
        return queryset.filter(Q(speaker__name__iexact=value) | Q(speaker__aliases__alias__iexact=value)).distinct()

    def filter_outlet(self, queryset, name, value):
        value = value.strip()
        if value.isascii() and value.isdigit():
            pk = parse_id(value)
            return queryset.filter(article__outlet_id=pk) if pk else queryset.none()
        return queryset.filter(article__outlet__name__iexact=value)

    def filter_status(self, queryset, name, value):
        return self.status_rule(queryset, value, self.request)

    @classmethod
    def status_rule(cls, queryset, value: str, request=None):
        """The status filter (`value`, or the default status without one) and the editors-only rule."""
        value = value or cls.default_status
        user = getattr(request, "user", None)
        if cls.editors_only and request is not None and value not in cls.public_statuses and not is_editor(user):
            raise PermissionDenied(
                f"Only editors can export {value!r} items; reviewers export "
                f"{' or '.join(sorted(cls.public_statuses))} ones."
            )
        if value == ANY:
            return queryset
        if value == REVIEWED:
            return queryset.filter(reviewed_claims_q())
        return queryset.filter(status=value)

    def get_form_class(self):
        # The form's fields come from the declared filters alone, never from the request, so each FilterSet
        # class builds its form class once (django-filter builds a new class with new fields per request).
        cls = type(self)
        form_class = cls.__dict__.get("_form_class")
        if form_class is None:
            form_class = super().get_form_class()
            cls._form_class = form_class
        return form_class

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if not self.form.cleaned_data.get("status"):
            queryset = self.filter_status(queryset, "status", "")  # the default applies without a value too
        return queryset

    @classmethod
    def names_a_filter(cls, params) -> bool:
        """Whether the query parameters name any of this FilterSet's filters (even with an empty value)."""
        return not cls.base_filters.keys().isdisjoint(params.keys())

    @classmethod
    def unfiltered(cls, queryset, request=None):
        """What the FilterSet gives for a request that names none of its filters: every filter is skipped for
        want of a value, so only the default status applies. Spares building the FilterSet and its form
        (django-filter deep-copies every filter and form field per request)."""
        return cls.status_rule(queryset, "", request)


_STATUS_HELP = "Review status; `any` for every status."


class QuoteFilter(ReviewedSpanFilter):
    status = filters.ChoiceFilter(
        method="filter_status",
        choices=ReviewStatus.choices + [(ANY, "Any")],
        help_text=_STATUS_HELP + " Default: verified. On exports, other statuses need the editor role.",
    )
    kind = filters.ChoiceFilter(choices=Quote.Kind.choices)
    min_confidence = _unit_filter("confidence", "Attribution confidence at least this (0–1).")

    class Meta:
        model = Quote
        fields = ["status", "speaker", "article", "outlet", "kind"]


class ClaimFilter(ReviewedSpanFilter):
    status = filters.ChoiceFilter(
        method="filter_status",
        choices=[(REVIEWED, "Reviewed")] + ReviewStatus.choices + [(ANY, "Any")],
        help_text=_STATUS_HELP + " Default: reviewed (verified, or with a verdict and not rejected); "
        "reviewers may also ask for verified.",
    )
    verdict = filters.ChoiceFilter(choices=Claim.Verdict.choices)
    min_checkworthiness = _unit_filter(
        "checkworthiness",
        f"Check-worthiness at least this (0–1); {WORTH_CHECKING} and above means worth checking.",
    )

    default_status = REVIEWED
    public_statuses = {REVIEWED, ReviewStatus.VERIFIED}

    class Meta:
        model = Claim
        fields = ["status", "speaker", "article", "outlet", "verdict"]


class QuoteExportFilter(QuoteFilter):
    editors_only = True


class ClaimExportFilter(ClaimFilter):
    editors_only = True
