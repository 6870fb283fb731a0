"""The public fact-check page (claims/web/public.py): published claims only, a prominent rating, the tags
sharing and search need, dated corrections in the site's one date format."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from claims.models import Correction
from claims.services import review
from tests.review_helpers import newsroom_items

pytestmark = pytest.mark.django_db


@pytest.fixture
def corrected(db, alice, erin):
    claim = newsroom_items()["crime"]
    claim = review.claim_set_verdict(claim=claim, user=alice, version=1, verdict="mostly_false", rationale="8%.")
    claim = review.item_set_status(item=claim, user=alice, version=claim.version, status="verified")
    claim = review.item_set_status(item=claim, user=erin, version=claim.version, status="pending")
    claim = review.claim_set_verdict(
        claim=claim, user=erin, version=claim.version, verdict="half_true", rationale="8%, or 15%.",
        correction_note="a second survey we had missed",
    )  # fmt: skip
    claim = review.item_set_status(item=claim, user=erin, version=claim.version, status="verified")
    Correction.objects.update(created_at=dt.datetime(2026, 12, 2, 9, 30, tzinfo=dt.UTC))
    return claim


def test_the_public_page_shows_a_dated_correction_note(client, corrected):
    html = client.get(f"/fact-checks/{corrected.pk}/").content.decode()
    assert (
        '<strong>Updated <time datetime="2026-12-02T09:30:00+00:00">2 Dec 2026</time>:</strong> rating changed '
        "from Mostly false to Half true — a second survey we had missed" in html
    )


def test_the_rating_is_a_prominent_badge_and_the_page_has_sharing_tags(client, corrected):
    html = client.get(f"/fact-checks/{corrected.pk}/").content.decode()
    assert re.search(r'class="fc-rating rating-half_true"[^>]*>\s*<span class="fc-rating-label">Our rating</span>\s*'
                     r'<strong class="fc-rating-value">Half true</strong>', html)  # fmt: skip
    assert "<title>Half true: “Crime fell by 20% last year” · Quotecheck</title>" in html
    description = "Half true. Maria Lopez: “Crime fell by 20% last year”"
    assert f'<meta name="description" content="{description}">' in html
    assert f'<link rel="canonical" href="http://testserver/fact-checks/{corrected.pk}/">' in html
    assert f'<meta property="og:url" content="http://testserver/fact-checks/{corrected.pk}/">' in html
    assert (
        '<meta property="og:type" content="article">' in html and '<meta name="twitter:card" content="summary">' in html
    )
    assert "og:title" in html and "twitter:title" in html and "article:modified_time" in html


def test_the_page_uses_the_sites_date_format(client, corrected):
    html = client.get(f"/fact-checks/{corrected.pk}/").content.decode()
    today = timezone.localdate().strftime("%-d %b %Y")
    assert "Fact-check by Quotecheck · <time" in html and f">{today}</time>" in html
    assert "1 Mar 2026" in html  # the article's date
    assert not re.search(r"\d{4}-\d\d-\d\d<", html)  # no ISO dates shown to readers


def test_drafts_and_reopened_claims_are_404(client, corrected, erin):
    review.item_set_status(item=corrected, user=erin, version=corrected.version, status="pending")
    response = client.get(f"/fact-checks/{corrected.pk}/")
    assert response.status_code == 404 and "Error 404" in response.content.decode()
