"""Routes for API access (tokens, webhooks) and the public claim pages."""

from django.urls import path

from . import access_views as views

app_name = "access"

urlpatterns = [
    path("account/token/", views.api_token, name="api_token"),
    path("webhooks/", views.webhook_list, name="webhook_list"),
    path("webhooks/<int:pk>/", views.webhook_detail, name="webhook_detail"),
    path("webhooks/<int:pk>/toggle/", views.webhook_toggle, name="webhook_toggle"),
    path(
        "webhooks/<int:pk>/deliveries/<int:delivery_pk>/redeliver/", views.webhook_redeliver, name="webhook_redeliver"
    ),
    path("fact-checks/<int:pk>/", views.claim_public, name="claim_public"),
]
