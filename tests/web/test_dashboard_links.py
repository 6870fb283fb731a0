"""The dashboard (claims/web/dashboard.py, html/charts.py): HTML charts whose legend wraps, labels at the
page's size, and every bar and segment opening the queue filtered to what it counts."""

import re
from html import unescape

import pytest

from claims.services import review
from claims.web.html import charts
from tests.conftest import ROOT
from tests.review_helpers import newsroom_items

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewed(db, alice):
    items = newsroom_items()
    review.item_set_status(item=items["wall"], user=alice, version=1, status="verified")
    review.claim_set_verdict(claim=items["crime"], user=alice, version=1, verdict="false")
    return items


def links(html):
    return [unescape(h) for h in re.findall(r'href="(/queue/\?[^"]+)"', html)]


def test_every_bar_and_segment_links_to_the_filtered_queue(alice_client, reviewed):
    html = alice_client.get("/dashboard/").content.decode()
    found = links(html)
    assert "/queue/?kind=quote&status=verified" in found and "/queue/?kind=quote&status=pending" in found
    speaker = reviewed["lopez"].pk
    assert f"/queue/?kind=claim&status=all&verdict=false&speaker={speaker}" in found
    outlet = reviewed["article"].outlet_id
    assert f"/queue/?kind=claim&status=all&verdict=false&outlet={outlet}" in found
    day = [h for h in found if "reviewed_on=" in h]
    assert len(day) == 1  # only days with decisions link


def test_a_segment_link_opens_exactly_what_it_counts(alice_client, reviewed):
    speaker = reviewed["lopez"].pk
    page = alice_client.get(f"/queue/?kind=claim&status=all&verdict=false&speaker={speaker}").content.decode()
    assert "1 item" in page and "Crime fell by 20% last year" in page
    day = next(h for h in links(alice_client.get("/dashboard/").content.decode()) if "reviewed_on=" in h)
    page = alice_client.get(day).content.decode()
    assert "2 items" in page and "Decided on" in page


def test_the_legend_is_a_wrapping_list_not_svg_text():
    html = charts.stacked_bars(
        [charts.Bar("Someone", {"Half true": 2}, links={"Half true": "/queue/?x=1"})],
        [charts.Series(label, color) for label, color in zip(["True", "Mostly true", "Half true", "Mostly false", "False",
                                                               "Misleading", "Unverifiable"], charts.PALETTE, strict=False)],
        title="Verdicts",
    )  # fmt: skip
    assert html.count('<li><span class="swatch"') == 7 and "<svg" not in html
    assert '<a class="seg" href="/queue/?x=1"' in html and 'aria-label="Someone: 2 half true"' in html


def test_chart_text_is_at_least_12px():
    css = (ROOT / "static" / "css" / "insights.css").read_text(encoding="utf-8")
    sizes = [float(s) for s in re.findall(r"font-size:\s*([\d.]+)px", css)]
    assert sizes and min(sizes) >= 12
