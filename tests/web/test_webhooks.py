"""claims.web.webhooks: editors register endpoints, read the delivery log and send a failed delivery again."""

import pytest

from claims.models import WebhookEndpoint
from claims.services import review
from tests.factories import WebhookDeliveryFactory, WebhookEndpointFactory

pytestmark = pytest.mark.django_db


def test_editors_register_endpoints_and_see_the_delivery_log(
    client, erin, alice, data, receiver, django_capture_on_commit_callbacks
):
    client.force_login(erin)
    response = client.post(
        "/webhooks/", {"url": receiver.url, "secret": "s3cret-for-tests", "events": ["quote.verified"]}
    )
    hook = WebhookEndpoint.objects.get()
    assert response.status_code == 302 and hook.created_by == erin and hook.events == ["quote.verified"]
    quote = data["quotes"]["taxes"]
    with django_capture_on_commit_callbacks(execute=True):
        review.item_set_status(item=quote, user=alice, version=quote.version, status="verified")
    receiver.assert_signed(receiver.requests[0], secret="s3cret-for-tests")  # the secret typed into the form
    page = client.get(f"/webhooks/{hook.pk}/").content.decode()
    assert "quote.verified" in page and "Delivered" in page and "200" in page
    assert receiver.url in client.get("/webhooks/").content.decode()
    assert client.post("/webhooks/", {"url": "ftp://x.example/"}).status_code == 200  # form error shown
    client.force_login(alice)
    assert client.get("/webhooks/").status_code == 403  # reviewers cannot manage webhooks


def test_failed_delivery_can_be_sent_again_from_the_ui(client, erin, receiver, django_capture_on_commit_callbacks):
    hook = WebhookEndpointFactory(url=receiver.url)
    delivery = WebhookDeliveryFactory(endpoint=hook, status="failed", attempts=5, last_error="HTTP 500")
    client.force_login(erin)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/webhooks/{hook.pk}/deliveries/{delivery.pk}/redeliver/")
    delivery.refresh_from_db()
    assert delivery.status == "delivered" and delivery.attempts == 1
    assert len(receiver.requests) == 1
    receiver.assert_signed(receiver.requests[0], secret=hook.secret)


def test_the_form_refuses_private_addresses_in_production_mode(client, erin, settings):
    settings.NETWORK_ALLOW_LOOPBACK = False
    client.force_login(erin)
    response = client.post("/webhooks/", {"url": "http://localhost:8080/hook", "secret": "s"})
    assert "must go to a public address" in response.content.decode()
    assert not WebhookEndpoint.objects.exists()
