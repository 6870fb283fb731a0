"""The dashboard page: review progress, items per status and verdicts as server-rendered SVG charts."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from claims.models import Claim, ReviewStatus
from claims.selectors import dashboard

from .html import charts

STATUS_COLORS = {"Pending": "#7f7f7f", "Verified": "#009E73", "Rejected": "#D55E00", "Needs work": "#E69F00"}
VERDICT_COLORS = ["#009E73", "#56B4E9", "#F0E442", "#E69F00", "#D55E00", "#CC79A7", "#7f7f7f"]


@login_required
def dashboard_page(request):
    status_series = [charts.Series(name, STATUS_COLORS[name]) for _, name in ReviewStatus.choices]
    verdict_series = [
        charts.Series(name, color) for (_, name), color in zip(Claim.Verdict.choices, VERDICT_COLORS, strict=True)
    ]
    progress = dashboard.review_progress(days=30)
    return render(
        request,
        "claims/dashboard.html",
        {
            "totals": dashboard.totals(),
            "progress_total": sum(n for _, n in progress),
            "progress_chart": charts.column_chart(
                [(day.strftime("%d %b"), n) for day, n in progress], title="Review decisions per day, last 30 days"
            ),
            "status_chart": charts.stacked_bars(
                list(dashboard.status_counts().items()), status_series, title="Items per review status"
            ),
            "speaker_chart": charts.stacked_bars(
                dashboard.verdicts_by("speaker__name"), verdict_series, title="Verdicts by speaker (top 10)"
            ),
            "outlet_chart": charts.stacked_bars(
                dashboard.verdicts_by("article__outlet__name"), verdict_series, title="Verdicts by outlet (top 10)"
            ),
        },
    )
