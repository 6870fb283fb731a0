"""claims.web.queue: the review queue (open items, low confidence first, filters, counts) and its bulk actions
(confirmation, items changed meanwhile, editors-only assignment, bad input); the nav it shares with every page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims.models import Claim, Quote
from claims.services import review
from tests.factories import ArticleFactory, ClaimFactory, OutletFactory, QuoteFactory, SpeakerFactory

# --- the queue ------------------------------------------------------------------------------------


def test_reviewer_bulk_assign_is_refused_with_message(alice_client, alice, quote, claim):
    response = alice_client.post(
        reverse("claims:queue_bulk"),
        {"action": "assign", "assignee": alice.pk, "items": [f"quote:{quote.pk}:{quote.version}"], "confirmed": "1"},
    )
    assert response.status_code == 403 and "Only editors can assign work." in response.content.decode()
    quote.refresh_from_db()
    assert quote.assigned_to is None


def test_queue_lists_open_items_low_confidence_first_with_counts(alice_client, quote, weak_quote, claim):
    Quote.objects.filter(pk=quote.pk).update(status="verified")
    response = alice_client.get(reverse("claims:queue"))
    assert response.status_code == 200
    keys = [(i.type, i.pk) for i in response.context["items"]]
    assert keys == [("quote", weak_quote.pk), ("claim", claim.pk)]  # verified quote is not awaiting review
    counts = response.context["counts"]
    assert (counts["open"], counts["verified"], counts["all"]) == (2, 1, 3)
    html = response.content.decode()
    assert "30% conf." in html and "80% worthy" in html and "Housing row" in html


@pytest.mark.parametrize(
    "params,expected",
    [
        ({"kind": "claim"}, ["claim"]),
        ({"kind": "quote"}, ["weak", "quote"]),
        ({"max_confidence": "0.5"}, ["weak"]),
        ({"min_worth": "0.5"}, ["claim"]),
        ({"min_worth": "0.75"}, ["claim"]),
        ({"q": "bus route"}, ["weak"]),
        ({"status": "all", "sort": "article"}, ["quote", "claim", "weak"]),
        ({"assigned": "me"}, ["claim"]),
        ({"assigned": "none"}, ["weak", "quote"]),
        ({"date_from": "2000-01-01", "date_to": "2100-01-01"}, ["weak", "quote", "claim"]),
        ({"date_from": "2100-01-01"}, []),
        ({"date_from": "not a date"}, ["weak", "quote", "claim"]),  # a bad value is ignored, not a 500
        ({"sort": "bogus", "status": "nonsense"}, ["weak", "quote", "claim"]),
    ],
)
def test_queue_filters(alice_client, alice, quote, weak_quote, claim, params, expected):
    Claim.objects.filter(pk=claim.pk).update(assigned_to=alice)
    names = {("quote", quote.pk): "quote", ("quote", weak_quote.pk): "weak", ("claim", claim.pk): "claim"}
    response = alice_client.get(reverse("claims:queue"), params)
    assert response.status_code == 200
    assert [names[(i.type, i.pk)] for i in response.context["items"]] == expected


def test_queue_filters_by_article_outlet_and_speaker(alice_client, article, quote, weak_quote, claim, ana):
    other = ArticleFactory(body_text="“Elsewhere,” said Bo.", title="Other")
    QuoteFactory(article=other, start=1, end=10)
    url = reverse("claims:queue")
    assert len(alice_client.get(url, {"article": article.pk}).context["items"]) == 3
    assert len(alice_client.get(url, {"outlet": article.outlet_id}).context["items"]) == 3
    assert [i.pk for i in alice_client.get(url, {"speaker": ana.pk}).context["items"]] == [quote.pk]
    assert len(alice_client.get(url, {"article": "abc"}).context["items"]) == 4  # ignored, not a 500


def test_queue_query_count_is_constant_in_page_size(alice_client, erin):
    def queries(n):
        body = " ".join(f"“Q{i:03d},” said Ana." for i in range(n))
        article = ArticleFactory(body_text=body, outlet=OutletFactory(name="Gazette"))
        speaker = SpeakerFactory(name="Ana")
        for i in range(n):
            start = body.index(f"Q{i:03d}")
            QuoteFactory(
                article=article, start=start, end=start + 4, speaker=speaker, assigned_to=erin, confidence=i / (n + 1)
            )
            ClaimFactory(article=article, start=start, end=start + 4, checkworthiness=0.5)
        with CaptureQueriesContext(connection) as ctx:
            response = alice_client.get(reverse("claims:queue"), {"article": article.pk})
        assert response.status_code == 200 and len(response.context["items"]) == min(2 * n, 50)
        return len(ctx)

    # session, user, groups (role), count, page rows, quotes, claims, status counts ×2, outlets, article scope
    assert queries(3) == queries(40)


def test_nav_links_the_queue_speakers_and_dashboard(alice_client):
    html = alice_client.get(reverse("claims:queue")).content.decode()
    assert f'href="{reverse("claims:queue")}"' in html
    for name, label in (("claims:speaker_list", ">Speakers<"), ("claims:dashboard", ">Dashboard<")):
        assert reverse(name) in html and label in html


# --- bulk actions ---------------------------------------------------------------------------------


def test_bulk_verify_asks_for_confirmation_then_applies(alice_client, quote, weak_quote):
    data = {
        "action": "verify",
        "items": [f"quote:{q.pk}:{q.version}" for q in (quote, weak_quote)],
        "next": reverse("claims:queue") + "?kind=quote",
    }
    response = alice_client.post(reverse("claims:queue_bulk"), data)
    assert response.status_code == 200 and "Verify 2 items?" in response.content.decode()
    assert not Quote.objects.filter(status="verified").exists()
    response = alice_client.post(reverse("claims:queue_bulk"), {**data, "confirmed": "1"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("claims:queue") + "?kind=quote"
    assert "Verified 2 items." in response.content.decode()
    assert Quote.objects.filter(status="verified").count() == 2


def test_bulk_skips_items_changed_since_the_page_was_read(alice_client, bob, quote, weak_quote):
    review.item_set_status(item=weak_quote, user=bob, version=weak_quote.version, status="needs_work")
    data = {"action": "reject", "confirmed": "1", "items": [f"quote:{q.pk}:{q.version}" for q in (quote, weak_quote)]}
    html = alice_client.post(reverse("claims:queue_bulk"), data, follow=True).content.decode()
    assert "Rejected 1 item." in html and f"quote #{weak_quote.pk} (changed by bob)" in html
    weak_quote.refresh_from_db()
    assert weak_quote.status == "needs_work"


def test_editor_bulk_assigns(erin_client, alice, quote, claim):
    client = erin_client
    data = {
        "action": "assign",
        "assignee": str(alice.pk),
        "items": [f"quote:{quote.pk}:{quote.version}", f"claim:{claim.pk}:{claim.version}"],
    }
    assert "to alice" in client.post(reverse("claims:queue_bulk"), data).content.decode()
    html = client.post(reverse("claims:queue_bulk"), {**data, "confirmed": "1"}, follow=True).content.decode()
    assert "Assigned 2 items to alice." in html
    assert {Quote.objects.get().assigned_to, Claim.objects.get().assigned_to} == {alice}


@pytest.mark.parametrize(
    "form,message",
    [
        ({"action": "verify"}, "Select at least one item."),
        ({"action": "explode", "items": ["quote:1:1"]}, "Select a valid choice"),
        ({"action": "verify", "items": ["quote:1"]}, "is not a queue item"),
        ({"action": "verify", "items": ["<script>:1:1"]}, "&lt;script&gt;:1:1"),
        ({"action": "assign", "items": ["quote:1:1"], "assignee": "99999"}, "Choose a reviewer"),
    ],
)
def test_bulk_bad_input_gives_a_message(erin_client, quote, form, message):
    response = erin_client.post(reverse("claims:queue_bulk"), form, follow=True)
    assert response.status_code == 200 and message in response.content.decode()


def test_bulk_on_deleted_items_reports_them(alice_client, quote):
    data = {"action": "verify", "confirmed": "1", "items": [f"quote:{quote.pk}:1", "claim:999999:1"]}
    html = alice_client.post(reverse("claims:queue_bulk"), data, follow=True).content.decode()
    assert "Verified 1 item." in html and "no longer exist" in html
