"""claims.services.webhooks: a review's events reach a local receiver on 127.0.0.1 after commit, signed as the README
documents; retries with backoff, the delivery log, and the SSRF guard."""

import hashlib
import hmac

import pytest

from claims.models import WebhookDelivery
from claims.services import review, webhooks
from tests.factories import WebhookEndpointFactory

pytestmark = pytest.mark.django_db


def readme_signature(*, secret: str, timestamp: str, body: bytes) -> str:
    """README: `X-Quotecheck-Signature: sha256=HMAC(secret, timestamp + "." + body)`, HMAC with SHA-256."""
    return "sha256=" + hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()


def test_signature_valid_accepts_the_readme_formula_and_nothing_else():
    body, timestamp = b'{"event": "quote.verified", "id": 7}', "1767225600"
    signature = readme_signature(secret="k3y", timestamp=timestamp, body=body)
    assert webhooks.signature_valid(secret="k3y", timestamp=timestamp, body=body, signature=signature)
    assert not webhooks.signature_valid(secret="other", timestamp=timestamp, body=body, signature=signature)
    assert not webhooks.signature_valid(secret="k3y", timestamp="1767225601", body=body, signature=signature)
    assert not webhooks.signature_valid(secret="k3y", timestamp=timestamp, body=body + b" ", signature=signature)
    bare = signature.removeprefix("sha256=")
    assert not webhooks.signature_valid(secret="k3y", timestamp=timestamp, body=body, signature=bare)
    assert not webhooks.signature_valid(secret="k3y", timestamp=timestamp, body=body, signature="")


def test_verifying_a_quote_posts_a_signed_event_after_commit(data, alice, receiver, django_capture_on_commit_callbacks):
    hook = WebhookEndpointFactory(url=receiver.url)
    quote = data["quotes"]["taxes"]
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        review.item_set_status(item=quote, user=alice, version=quote.version, status="verified")
    assert callbacks, "the event is emitted on commit"
    assert len(receiver.requests) == 1
    request = receiver.requests[0]
    receiver.assert_signed(request, secret=hook.secret)
    assert request["headers"]["X-Quotecheck-Event"] == "quote.verified"
    event = request["json"]
    assert event["event"] == "quote.verified" and event["data"]["id"] == quote.pk
    assert event["data"]["speaker"] == "John Smith" and event["data"]["status"] == "verified"
    delivery = WebhookDelivery.objects.get(endpoint=hook)
    assert (delivery.status, delivery.attempts, delivery.response_code) == ("delivered", 1, 200)
    assert event["id"] == delivery.pk and request["headers"]["X-Quotecheck-Delivery"] == str(delivery.pk)


def test_nothing_is_sent_when_the_transaction_rolls_back(data, alice, receiver, django_capture_on_commit_callbacks):
    WebhookEndpointFactory(url=receiver.url)
    quote = data["quotes"]["taxes"]
    with django_capture_on_commit_callbacks(execute=False):
        review.item_set_status(item=quote, user=alice, version=quote.version, status="verified")
    assert receiver.requests == [] and not WebhookDelivery.objects.exists()


def test_claim_verdict_sends_claim_reviewed_only_to_subscribers(
    data, alice, receiver, django_capture_on_commit_callbacks
):
    WebhookEndpointFactory(url=receiver.url, events=["quote.verified"])
    wants_claims = WebhookEndpointFactory(url=receiver.url + "?claims", events=["claim.reviewed"])
    claim = data["claims"]["classes"]
    with django_capture_on_commit_callbacks(execute=True):
        review.claim_set_verdict(claim=claim, user=alice, version=claim.version, verdict="false")
    assert [r["json"]["event"] for r in receiver.requests] == ["claim.reviewed"]
    assert receiver.requests[0]["json"]["data"]["verdict"] == "false"
    receiver.assert_signed(receiver.requests[0], secret=wants_claims.secret)
    assert WebhookDelivery.objects.get().endpoint == wants_claims


def test_failures_are_retried_with_backoff_then_delivered(
    data, alice, receiver, settings, django_capture_on_commit_callbacks
):
    receiver.codes = [500, 503]
    WebhookEndpointFactory(url=receiver.url)
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
    WebhookEndpointFactory(url="http://127.0.0.1:9/nothing-listens-here")
    quote = data["quotes"]["taxes"]
    with django_capture_on_commit_callbacks(execute=True):
        row = review.item_set_status(item=quote, user=alice, version=quote.version, status="verified")
    assert row.status == "verified"  # the review itself is unaffected
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.response_code) == ("failed", 3, None)
    assert "connection was refused" in delivery.last_error


def test_a_finished_delivery_is_not_sent_twice(data, alice, receiver, django_capture_on_commit_callbacks):
    WebhookEndpointFactory(url=receiver.url)
    quote = data["quotes"]["taxes"]
    with django_capture_on_commit_callbacks(execute=True):
        review.item_set_status(item=quote, user=alice, version=quote.version, status="verified")
    delivery = WebhookDelivery.objects.get()
    assert webhooks.delivery_attempt(delivery_id=delivery.pk) is None  # a re-delivered task is harmless
    assert len(receiver.requests) == 1


def test_private_addresses_are_refused_in_production_mode(
    data, alice, receiver, settings, django_capture_on_commit_callbacks
):
    settings.NETWORK_ALLOW_LOOPBACK = False
    settings.WEBHOOK_MAX_ATTEMPTS = 1
    WebhookEndpointFactory(url=receiver.url)  # registered earlier, e.g. before the setting changed
    quote = data["quotes"]["taxes"]
    with django_capture_on_commit_callbacks(execute=True):
        review.item_set_status(item=quote, user=alice, version=quote.version, status="verified")
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "failed" and "127.0.0.1 is a loopback address" in delivery.last_error
    assert receiver.requests == []
