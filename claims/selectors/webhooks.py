"""Webhook reads: endpoints with their delivery counts, and one endpoint's recent deliveries."""

from django.db.models import Count, Q, QuerySet

from claims.models import WebhookDelivery, WebhookEndpoint

DELIVERY_LOG = 100


def endpoints_with_counts() -> QuerySet[WebhookEndpoint]:
    """Endpoints annotated with delivered, failed and pending delivery counts."""
    status = WebhookDelivery.Status
    return WebhookEndpoint.objects.annotate(
        delivered=Count("deliveries", filter=Q(deliveries__status=status.DELIVERED)),
        failed=Count("deliveries", filter=Q(deliveries__status=status.FAILED)),
        pending=Count("deliveries", filter=Q(deliveries__status=status.PENDING)),
    ).select_related("created_by")


def recent_deliveries(endpoint: WebhookEndpoint) -> QuerySet[WebhookDelivery]:
    return endpoint.deliveries.all()[:DELIVERY_LOG]
