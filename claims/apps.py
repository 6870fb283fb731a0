"""App config for claims: articles, quotes, claims and their review."""

from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    name = "claims"
    verbose_name = "Quotes & claims"
    default_auto_field = "django.db.models.BigAutoField"
