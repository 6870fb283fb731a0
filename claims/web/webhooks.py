"""Editors' webhook pages: register endpoints, pause or delete them, read and replay their delivery log."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from claims.models import WebhookDelivery, WebhookEndpoint
from claims.roles import require_editor
from claims.selectors.webhooks import endpoints_with_counts, recent_deliveries
from claims.services import webhooks

from .forms import WebhookEndpointForm

ACTION = "manage webhooks"


@login_required
def webhook_list(request: HttpRequest) -> HttpResponse:
    require_editor(request.user, ACTION)
    form = WebhookEndpointForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        endpoint = webhooks.endpoint_create(user=request.user, **form.cleaned_data)
        messages.success(request, f"Webhook endpoint {endpoint.url} registered.")
        return redirect("access:webhook_detail", pk=endpoint.pk)
    return render(request, "access/webhook_list.html", {"form": form, "endpoints": endpoints_with_counts()})


@login_required
def webhook_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require_editor(request.user, ACTION)
    endpoint = get_object_or_404(WebhookEndpoint, pk=pk)
    context = {"endpoint": endpoint, "deliveries": recent_deliveries(endpoint)}
    return render(request, "access/webhook_detail.html", context)


@login_required
@require_POST
def webhook_toggle(request: HttpRequest, pk: int) -> HttpResponse:
    require_editor(request.user, ACTION)
    endpoint = get_object_or_404(WebhookEndpoint, pk=pk)
    if request.POST.get("action") == "delete":
        webhooks.endpoint_delete(user=request.user, endpoint=endpoint)
        messages.success(request, f"Webhook endpoint {endpoint.url} deleted.")
        return redirect("access:webhook_list")
    webhooks.endpoint_set_active(user=request.user, endpoint=endpoint, active=not endpoint.active)
    messages.success(request, f"Webhook endpoint {'enabled' if endpoint.active else 'paused'}.")
    return redirect("access:webhook_detail", pk=pk)


@login_required
@require_POST
def webhook_redeliver(request: HttpRequest, pk: int, delivery_pk: int) -> HttpResponse:
    require_editor(request.user, ACTION)
    delivery = get_object_or_404(WebhookDelivery, pk=delivery_pk, endpoint_id=pk)
    webhooks.delivery_retry(delivery=delivery)
    messages.success(request, f"Delivery {delivery.pk} queued again.")
    return redirect("access:webhook_detail", pk=pk)
