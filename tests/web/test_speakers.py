"""Speaker pages, speaker merging through the web, and the dashboard charts."""

import pytest

from claims.models import Claim, Outlet, Quote, ReviewEvent, Speaker, SpeakerAlias
from claims.selectors import dashboard
from claims.services import review
from claims.web.html import charts
from tests.services.test_extraction import article, extraction  # noqa: F401  (fixtures)
from tests.services.test_review import claim, quote  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db


def test_speaker_list_and_search(alice_client, quote):
    page = alice_client.get("/speakers/")
    assert page.status_code == 200 and "Maria Lopez" in page.content.decode()
    assert "Maria Lopez" in alice_client.get("/speakers/?q=Ms+Lopez").content.decode()  # alias search
    assert "Maria Lopez" not in alice_client.get("/speakers/?q=Okafor").content.decode()
    assert "Merge speakers" not in page.content.decode()  # reviewers cannot merge


def test_speaker_detail_lists_quotes_and_aliases(alice_client, quote):
    html = alice_client.get(quote.speaker.get_absolute_url()).content.decode()
    assert "The wall will protect 3,000 homes," in html and "Ms Lopez" in html
    assert alice_client.get("/speakers/999999/").status_code == 404


def test_speaker_pages_need_login(client, db):
    assert client.get("/speakers/").status_code == 302
    assert client.get("/dashboard/").status_code == 302


def test_reviewer_cannot_merge_speakers(alice_client, quote):
    other = Speaker.objects.create(name="M. Lopez")
    response = alice_client.post("/speakers/merge/", {"target": quote.speaker_id, "merge": [other.pk]})
    assert response.status_code == 403
    assert Speaker.objects.filter(pk=other.pk).exists()


def test_editor_merges_speakers(client, erin, quote):
    client.force_login(erin)
    duplicate = Speaker.objects.create(name="Maria E. Lopez")
    Quote.objects.filter(pk=quote.pk).update(speaker=duplicate)
    response = client.post("/speakers/merge/", {"target": quote.speaker_id, "merge": [duplicate.pk]}, follow=True)
    assert response.status_code == 200 and "Merged Maria E. Lopez into Maria Lopez" in response.content.decode()
    assert SpeakerAlias.objects.filter(alias="Maria E. Lopez").exists()
    bad = client.post("/speakers/merge/", {"target": "x", "merge": ["y"]}, follow=True)
    assert bad.status_code == 200 and "Choose the speaker to keep" in bad.content.decode()
    same = client.post("/speakers/merge/", {"target": quote.speaker_id, "merge": [quote.speaker_id]}, follow=True)
    assert "at least one other speaker" in same.content.decode()


def test_speaker_list_query_count_is_constant(alice_client, django_assert_max_num_queries, db):
    for i in range(30):
        Speaker.objects.create(name=f"Speaker {i}")
    # session, user, role groups, nav permissions (user + group perms), count, page
    with django_assert_max_num_queries(7):
        assert alice_client.get("/speakers/").status_code == 200


def test_dashboard_figures(quote, claim, alice, erin):
    review.item_set_status(item=quote, user=alice, version=quote.version, status="verified")
    review.claim_set_verdict(claim=claim, user=alice, version=claim.version, verdict="false")
    counts = dashboard.status_counts()
    assert counts["Quotes"]["Verified"] == 1 and counts["Quotes"]["Pending"] == 1
    progress = dashboard.review_progress(days=7)
    assert len(progress) == 7 and progress[-1][1] == 2
    assert dashboard.verdicts_by("speaker__name") == [("Maria Lopez", {"False": 1})]
    assert ReviewEvent.objects.filter(actor=alice).exists()


def test_dashboard_page_renders_svg(alice_client, quote, claim, alice):
    claim.article.outlet = Outlet.objects.create(name="Demo Gazette")
    claim.article.save()
    review.claim_set_verdict(claim=claim, user=alice, version=claim.version, verdict="mostly_true")
    html = alice_client.get("/dashboard/").content.decode()
    assert html.count("<svg") == 4
    assert "Maria Lopez" in html and "Mostly true" in html and "Demo Gazette" in html


def test_chart_labels_are_escaped():
    svg = charts.stacked_bars([("<script>x</script>", {"A": 2})], [charts.Series("A", "#000")], title="T")
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert "nothing to show" in charts.column_chart([], title="Empty")
    assert "nothing to show" in charts.stacked_bars([("a", {"A": 0})], [charts.Series("A", "#000")], title="E")


def test_claim_model_verdicts_all_have_a_colour():
    from claims.web.dashboard import VERDICT_COLORS

    assert len(VERDICT_COLORS) >= len(Claim.Verdict.choices)
