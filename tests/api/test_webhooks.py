"""Webhooks: a local receiver on 127.0.0.1 gets HMAC-signed events after commit; retries, backoff, delivery log."""

import json

import pytest

from claims.models import WebhookDelivery, WebhookEndpoint
from claims.services import review, webhooks
from tests.conftest import wait_for

pytestmark = pytest.mark.django_db

SECRET = "s3cret-for-tests"


def endpoint(url, events=(), user=None):
    return WebhookEndpoint.objects.create(url=url, secret=SECRET, events=list(events), created_by=user)


def assert_signed(request):
    headers = request["headers"]
    assert webhooks.signature_valid(
        secret=SECRET,
        timestamp=headers["X-Quotecheck-Timestamp"],
        body=request["body"],
        signature=headers["X-Quotecheck-Signature"],
    )
    assert not webhooks.signature_valid(
        secret="wrong",
        timestamp=headers["X-Quotecheck-Timestamp"],
        body=request["body"],
        signature=headers["X-Quotecheck-Signature"],
    )


def test_verifying_a_quote_posts_a_signed_event_after_commit(data, alice, receiver, django_capture_on_commit_callbacks):
    hook = endpoint(receiver.url)
    quote = data["quotes"]["taxes"]
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        review.item_set_status(item=quote, user=alice, version=quote.version, status="verified")
    assert callbacks, "the event is emitted on commit"
    assert len(receiver.requests) == 1
    request = receiver.requests[0]
    assert_signed(request)
    assert request["headers"]["X-Quotecheck-Event"] == "quote.verified"
    event = request["json"]
    assert event["event"] == "quote.verified" and event["data"]["id"] == quote.pk
    assert event["data"]["speaker"] == "John Smith" and event["data"]["status"] == "verified"
    delivery = WebhookDelivery.objects.get(endpoint=hook)
    assert (delivery.status, delivery.attempts, delivery.response_code) == ("delivered", 1, 200)
    assert event["id"] == delivery.pk and request["headers"]["X-Quotecheck-Delivery"] == str(delivery.pk)


def test_nothing_is_sent_when_the_transaction_rolls_back(data, alice, receiver, django_capture_on_commit_callbacks):
    endpoint(receiver.url)
    quote = data["quotes"]["taxes"]
    with django_capture_on_commit_callbacks(execute=False):
        review.item_set_status(item=quote, user=alice, version=quote.version, status="verified")
    assert receiver.requests == [] and not WebhookDelivery.objects.exists()


def test_claim_verdict_sends_claim_reviewed_only_to_subscribers(
    data, alice, receiver, django_capture_on_commit_callbacks
):
    endpoint(receiver.url, events=["quote.verified"])
    wants_claims = endpoint(receiver.url + "?claims", events=["claim.reviewed"])
    claim = data["claims"]["classes"]
    with django_capture_on_commit_callbacks(execute=True):
        review.claim_set_verdict(claim=claim, user=alice, version=claim.version, verdict="false")
    assert [r["json"]["event"] for r in receiver.requests] == ["claim.reviewed"]
    assert receiver.requests[0]["json"]["data"]["verdict"] == "false"
    assert WebhookDelivery.objects.get().endpoint == wants_claims


def test_failures_are_retried_with_backoff_then_delivered(
    data, alice, receiver, settings, django_capture_on_commit_callbacks
):
    receiver.codes = [500, 503]
    endpoint(receiver.url)
    quote = data["quotes"]["taxes"]
    with django_capture_on_commit_callbacks(execute=True):
        review.item_set_status(item=quote, user=alice, version=quote.version, status="verified")
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.response_code) == ("delivered", 3, 200)
    assert len(receiver.requests) == 3
    assert len({r["headers"]["X-Quotecheck-Delivery"] for r in receiver.requests}) == 1  # same id: receivers dedupe
    settings.WEBHOOK_BACKOFF_SECONDS = 30
    assert [webhooks.backoff(n) for n in (1, 2, 3, 4)] == [30, 60, 120, 240]


def test_a_dead_endpoint_is_marked_failed_with_the_error(data, alice, settings, django_capture_on_commit_callbacks):
    settings.WEBHOOK_MAX_ATTEMPTS = 3
    endpoint("http://127.0.0.1:9/nothing-listens-here")
    quote = data["quotes"]["taxes"]
    with django_capture_on_commit_callbacks(execute=True):
        row = review.item_set_status(item=quote, user=alice, version=quote.version, status="verified")
    assert row.status == "verified"  # the review itself is unaffected
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.response_code) == ("failed", 3, None)
    assert "connection was refused" in delivery.last_error


def test_a_finished_delivery_is_not_sent_twice(data, alice, receiver, django_capture_on_commit_callbacks):
    endpoint(receiver.url)
    quote = data["quotes"]["taxes"]
    with django_capture_on_commit_callbacks(execute=True):
        review.item_set_status(item=quote, user=alice, version=quote.version, status="verified")
    delivery = WebhookDelivery.objects.get()
    assert webhooks.delivery_attempt(delivery_id=delivery.pk) is None  # a re-delivered task is harmless
    assert len(receiver.requests) == 1


def test_editors_register_endpoints_and_see_the_delivery_log(
    client, erin, alice, data, receiver, django_capture_on_commit_callbacks
):
    client.force_login(erin)
    response = client.post("/webhooks/", {"url": receiver.url, "secret": SECRET, "events": ["quote.verified"]})
    hook = WebhookEndpoint.objects.get()
    assert response.status_code == 302 and hook.created_by == erin and hook.events == ["quote.verified"]
    quote = data["quotes"]["taxes"]
    with django_capture_on_commit_callbacks(execute=True):
        review.item_set_status(item=quote, user=alice, version=quote.version, status="verified")
    page = client.get(f"/webhooks/{hook.pk}/").content.decode()
    assert "quote.verified" in page and "Delivered" in page and "200" in page
    assert receiver.url in client.get("/webhooks/").content.decode()
    assert client.post("/webhooks/", {"url": "ftp://x.example/"}).status_code == 200  # form error shown
    client.force_login(alice)
    assert client.get("/webhooks/").status_code == 403  # reviewers cannot manage webhooks


def test_failed_delivery_can_be_sent_again_from_the_ui(
    client, erin, data, receiver, django_capture_on_commit_callbacks
):
    hook = endpoint(receiver.url)
    delivery = WebhookDelivery.objects.create(
        endpoint=hook,
        event="quote.verified",
        payload={"event": "x"},
        status="failed",
        attempts=5,
        last_error="HTTP 500",
    )
    client.force_login(erin)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/webhooks/{hook.pk}/deliveries/{delivery.pk}/redeliver/")
    delivery.refresh_from_db()
    assert delivery.status == "delivered" and delivery.attempts == 1


@pytest.mark.services
def test_real_worker_delivers_a_signed_event(celery_worker, receiver, django_db_blocker):
    """A real `celery worker` process (Redis + PostgreSQL) sends the event to the receiver in this process."""
    from claims.models import Article, Quote
    from claims.services.articles import content_hash
    from tests.conftest import make_user

    from .conftest import BODY, span

    alice = make_user("alice-worker", "reviewer")
    article = Article.objects.create(body_text=BODY, content_hash=content_hash(BODY), status="extracted")
    quote = Quote.objects.create(article=article, **span(BODY, "Taxes will rise"))
    hook = endpoint(receiver.url)
    review.item_set_status(item=quote, user=alice, version=quote.version, status="verified")
    wait_for(lambda: WebhookDelivery.objects.filter(endpoint=hook, status="delivered").exists(), timeout=30)
    assert_signed(receiver.requests[0])
    assert json.loads(receiver.requests[0]["body"])["data"]["id"] == quote.pk


def test_private_addresses_are_refused_in_production_mode(
    data, alice, client, erin, receiver, settings, django_capture_on_commit_callbacks
):
    settings.NETWORK_ALLOW_LOOPBACK = False
    settings.WEBHOOK_MAX_ATTEMPTS = 1
    endpoint(receiver.url)  # registered earlier, e.g. before the setting changed
    quote = data["quotes"]["taxes"]
    with django_capture_on_commit_callbacks(execute=True):
        review.item_set_status(item=quote, user=alice, version=quote.version, status="verified")
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "failed" and "127.0.0.1 is a loopback address" in delivery.last_error
    assert receiver.requests == []

    client.force_login(erin)
    response = client.post("/webhooks/", {"url": "http://localhost:8080/hook", "secret": "s"})
    assert "must go to a public address" in response.content.decode()
