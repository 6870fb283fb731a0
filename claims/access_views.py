"""Pages around the API: the user's API token, editors' webhook endpoints with their delivery log,
and the public page of a reviewed claim with its ClaimReview JSON-LD."""

import secrets

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST
from rest_framework.authtoken.models import Token

from . import export, review, webhooks
from .models import WebhookDelivery, WebhookEndpoint


@login_required
def api_token(request):
    """Show, create or revoke the logged-in user's API token."""
    if request.method == "POST":
        action = request.POST.get("action")
        Token.objects.filter(user=request.user).delete()
        if action == "create":
            Token.objects.create(user=request.user)
            messages.success(request, "A new API token was created; the old one (if any) no longer works.")
        else:
            messages.success(request, "Your API token was revoked.")
        return redirect("access:api_token")
    token = Token.objects.filter(user=request.user).first()
    return render(request, "access/api_token.html", {"token": token, "can_review": review.is_reviewer(request.user)})


class WebhookEndpointForm(forms.ModelForm):
    url = forms.URLField(max_length=2000, assume_scheme="https", label="URL")
    events = forms.MultipleChoiceField(
        choices=WebhookEndpoint.Event.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="None ticked means every event.",
    )
    secret = forms.CharField(
        max_length=200, required=False, help_text="Leave empty to have one generated. Used to sign every request."
    )

    class Meta:
        model = WebhookEndpoint
        fields = ["url", "secret", "events"]

    def clean_url(self):
        url = self.cleaned_data["url"]
        if not url.lower().startswith(("http://", "https://")):
            raise forms.ValidationError("Use an http:// or https:// URL.")
        if why := webhooks.refusal(url):
            raise forms.ValidationError(f"Webhooks must go to a public address: {why}")
        return url

    def clean_secret(self):
        return self.cleaned_data["secret"].strip() or secrets.token_urlsafe(32)


def _require_editor(request):
    if not review.is_editor(request.user):
        raise PermissionDenied("Only editors can manage webhooks.")


@login_required
def webhook_list(request):
    _require_editor(request)
    form = WebhookEndpointForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        endpoint = form.save(commit=False)
        endpoint.created_by = request.user
        endpoint.save()
        messages.success(request, f"Webhook endpoint {endpoint.url} registered.")
        return redirect("access:webhook_detail", pk=endpoint.pk)
    endpoints = WebhookEndpoint.objects.annotate(
        delivered=Count("deliveries", filter=Q(deliveries__status=WebhookDelivery.Status.DELIVERED)),
        failed=Count("deliveries", filter=Q(deliveries__status=WebhookDelivery.Status.FAILED)),
        pending=Count("deliveries", filter=Q(deliveries__status=WebhookDelivery.Status.PENDING)),
    ).select_related("created_by")
    return render(request, "access/webhook_list.html", {"form": form, "endpoints": endpoints})


@login_required
def webhook_detail(request, pk):
    _require_editor(request)
    endpoint = get_object_or_404(WebhookEndpoint, pk=pk)
    deliveries = endpoint.deliveries.all()[:100]
    return render(request, "access/webhook_detail.html", {"endpoint": endpoint, "deliveries": deliveries})


@login_required
@require_POST
def webhook_toggle(request, pk):
    _require_editor(request)
    endpoint = get_object_or_404(WebhookEndpoint, pk=pk)
    if request.POST.get("action") == "delete":
        endpoint.delete()
        messages.success(request, f"Webhook endpoint {endpoint.url} deleted.")
        return redirect("access:webhook_list")
    endpoint.active = not endpoint.active
    endpoint.save(update_fields=["active"])
    messages.success(request, f"Webhook endpoint {'enabled' if endpoint.active else 'paused'}.")
    return redirect("access:webhook_detail", pk=pk)


@login_required
@require_POST
def webhook_redeliver(request, pk, delivery_pk):
    _require_editor(request)
    delivery = get_object_or_404(WebhookDelivery, pk=delivery_pk, endpoint_id=pk)
    webhooks.delivery_retry(delivery=delivery)
    messages.success(request, f"Delivery {delivery.pk} queued again.")
    return redirect("access:webhook_detail", pk=pk)


def claim_public(request, pk):
    """The public fact-check of one claim; only claims with a verdict that were not rejected exist here."""
    claim = get_object_or_404(export.claim_review_queryset(), pk=pk)
    data = export.claim_review(claim, url=request.build_absolute_uri())
    return render(
        request,
        "access/claim_public.html",
        {
            "claim": claim,
            "review": data,
            "jsonld": mark_safe(export.jsonld_script(data)),  # noqa: S308 (<, > and & are escaped)
            "speaker": claim.speaker or (claim.quote.speaker if claim.quote else None),
            "evidence": claim.evidence.all(),
        },
    )
