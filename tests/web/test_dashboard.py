"""claims.web.dashboard and the figures it draws (claims.selectors.dashboard): review progress, items per status,
verdicts by speaker and outlet."""

import pytest

from claims.models import Claim, ReviewEvent
from claims.selectors import dashboard
from claims.services import review
from claims.web.dashboard import VERDICT_COLORS
from tests.factories import OutletFactory

pytestmark = pytest.mark.django_db


def test_dashboard_needs_login(client):
    assert client.get("/dashboard/").status_code == 302


def test_dashboard_figures(lopez_quote, lopez_claim, alice):
    quote, claim = lopez_quote, lopez_claim
    review.item_set_status(item=quote, user=alice, version=quote.version, status="verified")
    review.claim_set_verdict(claim=claim, user=alice, version=claim.version, verdict="false")
    counts = dashboard.status_counts()
    assert counts["Quotes"]["Verified"] == 1 and counts["Quotes"]["Pending"] == 1
    progress = dashboard.review_progress(days=7)
    assert len(progress) == 7 and progress[-1][1] == 2
    assert dashboard.verdicts_by("speaker__name") == [("Maria Lopez", {"False": 1})]
    assert ReviewEvent.objects.filter(actor=alice).exists()


def test_dashboard_page_renders_svg(alice_client, lopez_claim, alice):
    claim = lopez_claim
    claim.article.outlet = OutletFactory(name="Demo Gazette")
    claim.article.save()
    review.claim_set_verdict(claim=claim, user=alice, version=claim.version, verdict="mostly_true")
    html = alice_client.get("/dashboard/").content.decode()
    assert html.count("<svg") == 4
    assert "Maria Lopez" in html and "Mostly true" in html and "Demo Gazette" in html


def test_claim_model_verdicts_all_have_a_colour():
    # the page zips the two (strict=True): one distinct colour per verdict
    assert len(set(VERDICT_COLORS)) == len(VERDICT_COLORS) == len(Claim.Verdict.choices)
