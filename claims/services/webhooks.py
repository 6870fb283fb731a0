"""Outgoing webhooks: HMAC-signed JSON events (quote verified, claim reviewed, published claim corrected)
with a delivery log.

`events_emit` runs after the review's transaction commits: it logs one WebhookDelivery per endpoint
that wants the event and enqueues `claims.tasks.deliver_webhook` for each (through `jobs`). The task calls
`delivery_attempt` and retries with exponential backoff until WEBHOOK_MAX_ATTEMPTS, then marks it failed.

Receivers verify `X-Quotecheck-Signature: sha256=<hex>`, the HMAC-SHA256 with the endpoint's secret of
`"<X-Quotecheck-Timestamp>." + body`, and may drop repeats by `X-Quotecheck-Delivery`.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import time
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from claims.links import is_http_url
from claims.models import Claim, Correction, Quote, WebhookDelivery, WebhookEndpoint
from claims.roles import User, acting, require_editor
from claims.selectors import export

from . import jobs, netguard

log = logging.getLogger(__name__)

QUOTE_VERIFIED = WebhookEndpoint.Event.QUOTE_VERIFIED
CLAIM_REVIEWED = WebhookEndpoint.Event.CLAIM_REVIEWED
CLAIM_CORRECTED = WebhookEndpoint.Event.CLAIM_CORRECTED
USER_AGENT = "Quotecheck-Webhooks/1"
RESPONSE_LIMIT = 64 * 1024  # of a receiver's answer we read at most this much


def sign(*, secret: str, timestamp: str, body: bytes) -> str:
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def signature_valid(*, secret: str, timestamp: str, body: bytes, signature: str) -> bool:
    return hmac.compare_digest(sign(secret=secret, timestamp=timestamp, body=body), signature or "")


def backoff(attempts: int) -> float:
    """Seconds before the next try: base, 2×base, 4×base… capped at an hour."""
    base = float(settings.WEBHOOK_BACKOFF_SECONDS)
    factor: float = 2.0 ** max(0, attempts - 1)
    return min(3600.0, base * factor)


def event_data(*, model: type[Quote] | type[Claim], pk: int) -> dict[str, Any] | None:
    """The item as one export row (the same fields as the CSV/JSON exports)."""
    row = next(export.rows(model.objects.filter(pk=pk)), None)
    return dict(zip(export.columns_for(model), row, strict=True)) if row else None


def events_emit(
    *, event: str, model: type[Quote] | type[Claim], pk: int, extra: dict[str, Any] | None = None
) -> list[WebhookDelivery]:
    """Log a delivery per interested endpoint and enqueue sending after commit; `extra` joins the payload."""
    endpoints = [e for e in WebhookEndpoint.objects.filter(active=True) if e.wants(event)]
    if not endpoints:
        return []
    data = event_data(model=model, pk=pk)
    if data is None:
        return []
    payload = {"event": event, "created_at": timezone.now().isoformat(), "data": data, **(extra or {})}
    with transaction.atomic():
        deliveries = [WebhookDelivery.objects.create(endpoint=e, event=event, payload=payload) for e in endpoints]
        for delivery in deliveries:
            jobs.enqueue_delivery(delivery.pk)
    return deliveries


def emit_quote_verified(pk: int) -> None:
    _safely(events_emit, event=QUOTE_VERIFIED, model=Quote, pk=pk)


def emit_claim_reviewed(pk: int) -> None:
    _safely(events_emit, event=CLAIM_REVIEWED, model=Claim, pk=pk)


def correction_data(correction: Correction) -> dict[str, Any]:
    """A correction as webhooks and the API describe it."""
    return {
        "date": correction.created_at.isoformat(),
        "old_verdict": correction.old_verdict,
        "new_verdict": correction.new_verdict,
        "note": correction.note,
        "editor": correction.editor.get_username() if correction.editor else None,
    }


def emit_claim_corrected(pk: int, correction_pk: int) -> None:
    """`claim.corrected`: a published fact-check was republished with a correction (old and new rating, note)."""
    correction = Correction.objects.select_related("editor").filter(pk=correction_pk).first()
    if correction is not None:
        extra = {"correction": correction_data(correction)}
        _safely(events_emit, event=CLAIM_CORRECTED, model=Claim, pk=pk, extra=extra)


def _safely(func: Any, **kwargs: Any) -> None:
    # A webhook problem must never break the review that triggered it (this runs after its commit).
    try:
        func(**kwargs)
    except Exception:
        log.exception("Could not emit webhook event %s", kwargs.get("event"))


def refusal(url: str) -> str:
    """Why we will not POST to `url`, or "" when it is allowed (the shared SSRF guard, services/netguard)."""
    return netguard.refusal(url)


def request_body(delivery: WebhookDelivery) -> bytes:
    return json.dumps({"id": delivery.pk, **delivery.payload}, sort_keys=True, ensure_ascii=False).encode()


def delivery_attempt(*, delivery_id: int) -> WebhookDelivery | None:
    """POST one pending delivery once; records attempts, response code and error. None if not pending."""
    # Claim the attempt with a conditional UPDATE so a re-delivered task cannot double-send a finished one.
    if not WebhookDelivery.objects.filter(pk=delivery_id, status=WebhookDelivery.Status.PENDING).update(
        attempts=F("attempts") + 1
    ):
        return None
    delivery = WebhookDelivery.objects.select_related("endpoint").get(pk=delivery_id)
    body = request_body(delivery)
    timestamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "X-Quotecheck-Event": delivery.event,
        "X-Quotecheck-Delivery": str(delivery.pk),
        "X-Quotecheck-Timestamp": timestamp,
        "X-Quotecheck-Signature": sign(secret=delivery.endpoint.secret, timestamp=timestamp, body=body),
    }
    code, error = None, ""
    try:
        response = netguard.fetch(
            delivery.endpoint.url,
            method="POST",
            body=body,
            headers=headers,
            timeout=settings.WEBHOOK_TIMEOUT,
            max_bytes=RESPONSE_LIMIT,
            follow_redirects=False,  # a redirect is an answer, not an instruction to POST elsewhere
        )
        code = response.status
        if not 200 <= code < 300:
            error = f"HTTP {code}: {response.body[:300].decode('utf-8', 'replace')}"
    except netguard.RefusedError as exc:
        error = f"Refused: {exc.message}"[:1000]
    except netguard.FetchError as exc:
        error = exc.message[:1000]
    fields: dict[str, object] = {"response_code": code, "last_error": error}
    if not error:
        fields.update(status=WebhookDelivery.Status.DELIVERED, delivered_at=timezone.now())
    WebhookDelivery.objects.filter(pk=delivery.pk).update(**fields)
    delivery.refresh_from_db()
    return delivery


def delivery_mark_failed(*, delivery_id: int) -> None:
    WebhookDelivery.objects.filter(pk=delivery_id, status=WebhookDelivery.Status.PENDING).update(
        status=WebhookDelivery.Status.FAILED
    )


def delivery_retry(*, delivery: WebhookDelivery) -> WebhookDelivery:
    """Send a failed delivery again from the UI (attempt counting restarts)."""
    WebhookDelivery.objects.filter(pk=delivery.pk).update(status=WebhookDelivery.Status.PENDING, attempts=0)
    jobs.enqueue_delivery(delivery.pk)
    delivery.refresh_from_db()
    return delivery


# --- endpoints (editors) ---------------------------------------------------------------------------


def endpoint_create(*, user: User | None, url: str, secret: str, events: list[str]) -> WebhookEndpoint:
    """Register an endpoint; the URL must be http(s) and pass `refusal` (no private addresses)."""
    require_editor(user, "manage webhooks")
    if not is_http_url(url):
        raise ValueError("Webhooks must go to an http:// or https:// URL.")
    if why := refusal(url):
        raise ValueError(f"Webhooks must go to a public address: {why}")
    return WebhookEndpoint.objects.create(url=url, secret=secret, events=events, created_by=acting(user))


def endpoint_set_active(*, user: User | None, endpoint: WebhookEndpoint, active: bool) -> WebhookEndpoint:
    require_editor(user, "manage webhooks")
    endpoint.active = active
    endpoint.save(update_fields=["active"])
    return endpoint


def endpoint_delete(*, user: User | None, endpoint: WebhookEndpoint) -> None:
    require_editor(user, "manage webhooks")
    endpoint.delete()
