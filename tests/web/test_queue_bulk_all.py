"""The queue (claims/web/queue.py): acting on every matching item across pages, with the count confirmed first,
and the nav's "My queue (n)"."""

import re

import pytest
from django.urls import reverse

from claims.models import Quote
from claims.services import review
from claims.web.queue import PREVIEW
from tests.review_helpers import make_article, make_quote

pytestmark = pytest.mark.django_db


@pytest.fixture
def many(db):
    """60 pending quotes (more than a queue page of 50) and one verified."""
    body = " ".join(f"“Line number {i:03d} is here,” she said." for i in range(61))
    article = make_article(body)
    quotes = [make_quote(article, f"Line number {i:03d} is here", confidence=0.5) for i in range(61)]
    Quote.objects.filter(pk=quotes[-1].pk).update(status="verified")
    return quotes


def bulk(client, **data):
    return client.post(reverse("claims:queue_bulk"), data)


def test_select_all_matching_is_offered_with_the_count(alice_client, many):
    html = alice_client.get(reverse("claims:queue")).content.decode()
    assert 'id="select-all-banner"' in html and "Select all 60 matching items" in html
    assert 'name="query"' in html and 'id="bulk-scope"' in html


def test_all_matching_is_counted_and_confirmed_then_applied_across_pages(alice_client, many, alice):
    confirm = bulk(alice_client, action="needs_work", scope="all", query="status=open&kind=quote")
    html = confirm.content.decode()
    assert confirm.status_code == 200 and "Send back for work all 60 items?" in html
    assert "<strong>60</strong>" in html and f"…and {60 - PREVIEW} more" in html
    token = re.search(r'name="token" value="([^"]+)"', html).group(1)
    done = bulk(alice_client, action="needs_work", scope="all", token=token, confirmed="1", next="/queue/")
    assert done.status_code == 302
    assert Quote.objects.filter(status="needs_work").count() == 60
    assert Quote.objects.filter(status="verified").count() == 1  # not matched by "open"


def test_items_changed_after_the_confirmation_are_left_alone(alice_client, many, bob):
    html = bulk(alice_client, action="reject", scope="all", query="status=open").content.decode()
    token = re.search(r'name="token" value="([^"]+)"', html).group(1)
    first = many[0]
    review.item_set_notes(item=first, user=bob, version=first.version, notes="bob is on it")
    response = bulk(alice_client, action="reject", scope="all", token=token, confirmed="1", next="/queue/")
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("Rejected 59 items" in m for m in messages)
    assert any(f"quote #{first.pk}" in m and "left alone" in m.lower() for m in messages)
    first.refresh_from_db()
    assert first.status == "pending"


def test_a_tampered_or_reused_confirmation_changes_nothing(alice_client, many):
    html = bulk(alice_client, action="verify", scope="all", query="status=open").content.decode()
    token = re.search(r'name="token" value="([^"]+)"', html).group(1)
    for data in ({"token": token + "x", "action": "verify"}, {"token": token, "action": "reject"}):
        response = bulk(alice_client, scope="all", confirmed="1", next="/queue/", **data)
        assert response.status_code == 302
    assert not Quote.objects.filter(status__in=["verified", "rejected"]).exclude(pk=many[-1].pk).exists()


def test_a_reviewer_may_not_bulk_reopen_verified_items_through_all_matching(alice_client, many):
    html = bulk(alice_client, action="reject", scope="all", query="status=verified").content.decode()
    token = re.search(r'name="token" value="([^"]+)"', html).group(1)
    bulk(alice_client, action="reject", scope="all", token=token, confirmed="1", next="/queue/")
    assert Quote.objects.get(pk=many[-1].pk).status == "verified"


def test_my_queue_in_the_nav_counts_my_open_items(alice_client, many, alice, erin):
    review.items_assign(items=many[:3], user=erin, assignee=alice)
    html = alice_client.get(reverse("claims:speaker_list")).content.decode()
    assert re.search(r'id="nav-my-queue"[^>]*>My queue <span class="nav-count">\(3\)</span>', html)
    review.item_set_status(item=Quote.objects.get(pk=many[0].pk), user=alice, version=2, status="verified")
    html = alice_client.get(reverse("claims:queue") + "?assigned=me").content.decode()
    assert "(2)</span>" in html and "2 items" in html
