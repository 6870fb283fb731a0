"""claims/admin.py obeys the review rules: read-only review fields with a link to the reader, status changes
only through the services (reviewer, reviewed_at, history, version), nothing deleted behind their back."""

import pytest
from django.urls import reverse

from claims.models import Article, Evidence, Quote, ReviewEvent, Speaker
from claims.services import review
from tests.conftest import make_user
from tests.review_helpers import newsroom_items

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, db):
    boss = make_user("boss", "editor", is_staff=True, is_superuser=True)
    client.force_login(boss)
    client.user = boss
    return client


@pytest.fixture
def items(db):
    return newsroom_items()


def test_an_admin_save_cannot_verify_a_quote_behind_the_services(admin_client, items):
    quote = items["wall"]
    url = reverse("admin:claims_quote_change", args=[quote.pk])
    page = admin_client.get(url).content.decode()
    assert 'name="status"' not in page and 'name="_save"' not in page  # a view, not a form
    assert f"?item=quote-{quote.pk}#inspector" in page  # the way to review it
    admin_client.post(url, {"status": "verified", "speaker": items["smith"].pk, "_save": "Save"})
    quote.refresh_from_db()
    assert (quote.status, quote.speaker, quote.version) == ("pending", items["lopez"], 1)
    assert not ReviewEvent.objects.exists()


def test_admin_actions_go_through_the_review_services(admin_client, items):
    quote = items["wall"]
    changelist = reverse("admin:claims_quote_changelist")
    admin_client.post(changelist, {"action": "verify", "_selected_action": [quote.pk]})
    quote.refresh_from_db()
    assert quote.status == "verified" and quote.reviewer == admin_client.user and quote.reviewed_at
    assert quote.version == 2 and ReviewEvent.objects.filter(quote=quote, field="status", actor=admin_client.user)
    admin_client.post(changelist, {"action": "reopen", "_selected_action": [quote.pk]})
    quote.refresh_from_db()
    assert quote.status == "pending" and quote.reviewer is None and quote.version == 3


def test_admin_verify_of_a_claim_without_verdict_is_refused_with_a_message(admin_client, items):
    claim = items["crime"]
    response = admin_client.post(
        reverse("admin:claims_claim_changelist"), {"action": "verify", "_selected_action": [claim.pk]}, follow=True
    )
    assert "verdict before verifying" in response.content.decode()
    claim.refresh_from_db()
    assert claim.status == "pending"


def test_no_add_or_delete_of_quotes_claims_evidence_or_history_in_the_admin(admin_client, items, alice):
    review.claim_add_evidence(claim=items["crime"], user=alice, url="https://example.org/e")
    assert admin_client.get(reverse("admin:claims_quote_add")).status_code == 403
    assert (
        admin_client.post(reverse("admin:claims_quote_delete", args=[items["wall"].pk]), {"post": "yes"}).status_code
        == 403
    )
    evidence = Evidence.objects.get()
    assert (
        admin_client.post(reverse("admin:claims_evidence_delete", args=[evidence.pk]), {"post": "yes"}).status_code
        == 403
    )
    event = ReviewEvent.objects.first()
    url = reverse("admin:claims_reviewevent_change", args=[event.pk])
    admin_client.post(url, {"action": "hacked", "_save": "Save"})
    event.refresh_from_db()
    assert event.action == "evidence"
    actions = admin_client.get(reverse("admin:claims_quote_changelist")).content.decode()
    assert "delete_selected" not in actions and 'value="verify"' in actions
    assert Quote.objects.count() == 2 and Evidence.objects.count() == 1


def test_an_articles_text_is_read_only_in_the_admin(admin_client, items):
    article = items["article"]
    page = admin_client.get(reverse("admin:claims_article_change", args=[article.pk])).content.decode()
    assert 'name="body_text"' not in page


def test_only_unused_speakers_can_be_deleted_in_the_admin(admin_client, items):
    unused = Speaker.objects.create(name="Nobody At All")
    used = items["lopez"]
    assert admin_client.post(reverse("admin:claims_speaker_delete", args=[used.pk]), {"post": "yes"}).status_code == 403
    response = admin_client.post(
        reverse("admin:claims_speaker_changelist"),
        {"action": "delete_unused", "_selected_action": [unused.pk, used.pk]},
        follow=True,
    )
    assert "Deleted 1 unused speaker" in response.content.decode()
    assert not Speaker.objects.filter(pk=unused.pk).exists() and Speaker.objects.filter(pk=used.pk).exists()
    assert Article.objects.count() == 1
