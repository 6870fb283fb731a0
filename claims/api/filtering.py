"""The list endpoints' filter backend: django-filter's, with a short way for a page that names no filter."""

from django_filters.rest_framework import DjangoFilterBackend

from claims.selectors.filters import ReviewedSpanFilter


class ReviewedSpanFilterBackend(DjangoFilterBackend):
    """DjangoFilterBackend for the quote and claim lists. A request that names none of the filters (a plain
    first page, or a cursor's next page of one) gets the FilterSet's own answer for it, the default status
    rule, without building the FilterSet: django-filter deep-copies every filter and builds and validates a
    form on each request, about a tenth of a page of 50 rows."""

    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        if (
            filterset_class is not None
            and issubclass(filterset_class, ReviewedSpanFilter)
            and not filterset_class.names_a_filter(request.query_params)
        ):
            return filterset_class.unfiltered(queryset, request)
        return super().filter_queryset(request, queryset, view)
