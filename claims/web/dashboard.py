"""The dashboard page: review progress, items per status and verdicts as server-rendered charts; every bar and
segment opens the queue filtered to what it counts."""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse

from claims.models import Claim, ReviewStatus
from claims.selectors import dashboard

from .html import charts

STATUS_COLORS = {"Pending": "#7f7f7f", "Verified": "#009E73", "Rejected": "#D55E00", "Needs work": "#E69F00"}
VERDICT_COLORS = ["#009E73", "#56B4E9", "#F0E442", "#E69F00", "#D55E00", "#CC79A7", "#7f7f7f"]
KINDS = {"Quotes": "quote", "Claims": "claim"}


def queue_link(**params: object) -> str:
    """The queue filtered by `params` (its query-string names)."""
    return reverse("claims:queue") + "?" + urlencode({k: v for k, v in params.items() if v not in (None, "")})


@login_required
def dashboard_page(request):
    status_series = [charts.Series(name, STATUS_COLORS[name]) for _, name in ReviewStatus.choices]
    status_values = {name: value for value, name in ReviewStatus.choices}
    verdict_series = [
        charts.Series(name, color) for (_, name), color in zip(Claim.Verdict.choices, VERDICT_COLORS, strict=True)
    ]
    verdict_values = {name: value for value, name in Claim.Verdict.choices}
    progress = dashboard.review_progress(days=30)
    status_rows = [
        charts.Bar(
            label,
            counts,
            links={name: queue_link(kind=KINDS[label], status=status_values[name]) for name in counts},
            link=queue_link(kind=KINDS[label], status="all"),
        )
        for label, counts in dashboard.status_counts().items()
    ]

    def verdict_rows(relation: str, param: str) -> list[charts.Bar]:
        return [
            charts.Bar(
                name,
                counts,
                links={
                    v: queue_link(kind="claim", status="all", verdict=verdict_values[v], **{param: pk}) for v in counts
                },
                link=queue_link(kind="claim", status="all", **{param: pk}),
            )
            for pk, name, counts in dashboard.verdict_groups(relation)
        ]

    return render(
        request,
        "claims/dashboard.html",
        {
            "totals": dashboard.totals(),
            "progress_total": sum(n for _, n in progress),
            "progress_chart": charts.column_chart(
                [(day.strftime("%-d %b"), n) for day, n in progress],
                title="Review decisions per day, last 30 days",
                links=[queue_link(status="all", reviewed_on=day.isoformat()) for day, _ in progress],
            ),
            "status_chart": charts.stacked_bars(status_rows, status_series, title="Items per review status"),
            "speaker_chart": charts.stacked_bars(
                verdict_rows("speaker", "speaker"), verdict_series, title="Verdicts by speaker (top 10)"
            ),
            "outlet_chart": charts.stacked_bars(
                verdict_rows("article__outlet", "outlet"), verdict_series, title="Verdicts by outlet (top 10)"
            ),
        },
    )
