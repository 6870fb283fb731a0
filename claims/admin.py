"""Django admin for staff housekeeping. It obeys the workbench's rules: review fields are read-only here
(each quote and claim links to the reader, where they are reviewed), status changes are admin actions
that call the review services (roles, the lock on reviewed items, history, versions), and nothing the
history or a reviewer's work depends on can be edited or deleted behind the services' back."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html

from .models import (
    Article,
    Claim,
    Correction,
    Evidence,
    Outlet,
    Quote,
    ReviewerPreferences,
    ReviewEvent,
    Speaker,
    SpeakerAlias,
    UrlFetch,
    WebhookDelivery,
    WebhookEndpoint,
)
from .selectors.speakers import speaker_in_use
from .services import review
from .services.speakers import speaker_delete

# a URL typed without a scheme is https://
HTTPS_URLS: Mapping[type[models.Field[Any, Any]], Mapping[str, Any]] = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Outlet)
class OutletAdmin(admin.ModelAdmin):
    list_display = ["name", "domain"]
    search_fields = ["name", "domain"]


class QuoteInline(admin.TabularInline):
    model = Quote
    fields = ("text", "speaker", "kind", "confidence", "status")
    readonly_fields = fields
    extra = 0
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    formfield_overrides = HTTPS_URLS
    list_display = ["id", "title", "outlet", "status", "published_at", "created_at", "page_link"]
    list_filter = ["status", "outlet", "extractor_version"]
    search_fields = ["title", "url", "body_text"]
    date_hierarchy = "created_at"
    # Every quote's and claim's offsets point into body_text: editing it here would silently break them.
    readonly_fields = ["body_text", "content_hash", "status_changed_at", "created_at", "updated_at", "attempts"]
    list_select_related = ["outlet"]
    inlines = [QuoteInline]

    @admin.display(description="Reader")
    def page_link(self, obj):
        return format_html('<a href="{}">open</a>', obj.get_absolute_url())


@admin.register(UrlFetch)
class UrlFetchAdmin(admin.ModelAdmin):
    formfield_overrides = HTTPS_URLS
    list_display = ["url", "status", "article", "created_at"]
    list_filter = ["status"]
    search_fields = ["url", "error"]
    raw_id_fields = ["article"]


class SpeakerAliasInline(admin.TabularInline):
    model = SpeakerAlias
    extra = 1


@admin.register(Speaker)
class SpeakerAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "description", "created_at"]
    list_filter = ["kind"]
    search_fields = ["name", "aliases__alias", "description"]
    inlines = [SpeakerAliasInline]
    actions = ["delete_unused"]

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # deleting a speaker would unattribute reviewed quotes
        return actions

    def has_delete_permission(self, request, obj=None):
        # only a speaker no quote or claim names (claims.services.speakers.speaker_delete)
        return super().has_delete_permission(request, obj) and (obj is None or not speaker_in_use(obj))

    def delete_model(self, request, obj):
        speaker_delete(user=request.user, speaker=obj)

    @admin.action(description="Delete the selected speakers no quote or claim names")
    def delete_unused(self, request, queryset):
        deleted, kept = 0, []
        for speaker in queryset:
            try:
                speaker_delete(user=request.user, speaker=speaker)
                deleted += 1
            except (review.ReviewError, PermissionDenied) as exc:
                kept.append(f"{speaker.name}: {getattr(exc, 'message', exc)}")
        self.message_user(request, f"Deleted {deleted} unused speaker(s).", messages.SUCCESS)
        if kept:
            self.message_user(request, "Kept: " + "; ".join(kept), messages.WARNING)


@admin.register(SpeakerAlias)
class SpeakerAliasAdmin(admin.ModelAdmin):
    list_display = ["alias", "speaker"]
    search_fields = ["alias", "speaker__name"]
    raw_id_fields = ["speaker"]


# --- quotes and claims: read-only, reviewed through the services ------------------------------------


class ReviewedSpanAdmin(admin.ModelAdmin):
    """Quotes and claims: every field read-only (a link opens the reader, where they are reviewed); status
    changes are actions that go through `claims.services.review` like the queue's bulk actions."""

    actions = ["verify", "reject", "needs_work", "reopen"]
    list_per_page = 50

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields] + ["reader_link"]

    def has_add_permission(self, request):
        return False  # a missed quote or claim is added in the reader (offsets checked, history written)

    def has_change_permission(self, request, obj=None):
        # the list (and its actions) yes; an item's own page is view-only: there is nothing to save there
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False  # history, exports and webhooks refer to it; reject it instead

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    @admin.display(description="Review in the reader")
    def reader_link(self, obj):
        url = reverse("claims:article_detail", args=[obj.article_id]) + f"?item={obj.type}-{obj.pk}#inspector"
        return format_html('<a href="{}">Open {} #{} in the reader</a>', url, obj.type, obj.pk)

    def _apply(self, request: HttpRequest, queryset: QuerySet, action: str) -> None:
        items = list(queryset)
        # the admin's list is read now; the services still lock each row and compare this version
        versions = {(item.type, item.pk): item.version for item in items}
        if action == "reopen":
            outcome = review.BulkOutcome()
            for item in items:
                try:
                    row = review.item_set_status(item=item, user=request.user, version=item.version, status="pending")
                    outcome.done += row.version != versions[(item.type, item.pk)]
                except review.StaleVersion as exc:
                    outcome.stale.append(f"{item.type} #{item.pk} (changed by {exc.changed_by or 'the extractor'})")
                except (PermissionDenied, review.ReviewError, review.Busy) as exc:
                    outcome.refused.append(f"{item.type} #{item.pk}: {getattr(exc, 'message', None) or exc}")
        else:
            try:
                outcome = review.items_bulk_apply(items=items, versions=versions, user=request.user, action=action)
            except PermissionDenied as exc:
                self.message_user(request, str(exc), messages.ERROR)
                return
        self.message_user(request, f"Changed {outcome.done} item(s).", messages.SUCCESS)
        if outcome.stale:
            self.message_user(request, "Changed meanwhile, left alone: " + "; ".join(outcome.stale), messages.WARNING)
        if outcome.refused:
            self.message_user(request, "Not changed: " + "; ".join(outcome.refused), messages.ERROR)

    @admin.action(description="Verify (records you as reviewer)")
    def verify(self, request, queryset):
        self._apply(request, queryset, "verify")

    @admin.action(description="Reject")
    def reject(self, request, queryset):
        self._apply(request, queryset, "reject")

    @admin.action(description="Mark as needing work")
    def needs_work(self, request, queryset):
        self._apply(request, queryset, "needs_work")

    @admin.action(description="Reopen (editors)")
    def reopen(self, request, queryset):
        self._apply(request, queryset, "reopen")


@admin.register(Quote)
class QuoteAdmin(ReviewedSpanAdmin):
    list_display = ["short_text", "speaker", "kind", "confidence", "status", "article", "reviewer", "updated_at"]
    list_filter = ["status", "kind", "speaker_source", "article__outlet"]
    search_fields = ["text", "speaker__name", "speaker_mention", "article__title"]
    list_select_related = ["speaker", "article", "reviewer"]

    @admin.display(description="Quote")
    def short_text(self, obj):
        return obj.text[:80]


class EvidenceInline(admin.TabularInline):
    model = Evidence
    fields = ("url", "title", "excerpt", "added_by", "created_at")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False  # evidence is added in the reader, where a reviewed claim is locked


class CorrectionInline(admin.TabularInline):
    model = Correction
    fields = ("created_at", "old_verdict", "new_verdict", "note", "editor")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Claim)
class ClaimAdmin(ReviewedSpanAdmin):
    list_display = ["short_text", "speaker", "checkworthiness", "status", "verdict", "article", "updated_at"]
    list_filter = ["status", "verdict", "article__outlet"]
    search_fields = ["text", "speaker__name", "article__title"]
    list_select_related = ["speaker", "article"]
    inlines = [EvidenceInline, CorrectionInline]

    @admin.display(description="Claim")
    def short_text(self, obj):
        return obj.text[:80]


class ReadOnlyAdmin(admin.ModelAdmin):
    """A record others rely on (history, evidence, corrections): viewable, never edited or deleted here."""

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Evidence)
class EvidenceAdmin(ReadOnlyAdmin):
    list_display = ["title", "url", "claim", "added_by", "created_at"]
    search_fields = ["title", "url", "excerpt"]


@admin.register(Correction)
class CorrectionAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "claim", "old_verdict", "new_verdict", "editor"]
    search_fields = ["note", "claim__text"]


@admin.register(ReviewEvent)
class ReviewEventAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "actor", "action", "field", "version", "article", "quote", "claim"]
    list_filter = ["action", "field"]
    search_fields = ["article__title", "actor__username"]
    list_select_related = ["actor", "article"]


@admin.register(ReviewerPreferences)
class ReviewerPreferencesAdmin(admin.ModelAdmin):
    list_display = ["user", "advance_after_decision"]
    raw_id_fields = ["user"]


class WebhookDeliveryInline(admin.TabularInline):
    model = WebhookDelivery
    fields = ("event", "status", "attempts", "response_code", "last_error", "created_at", "delivered_at")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(admin.ModelAdmin):
    formfield_overrides = HTTPS_URLS
    list_display = ["url", "events", "active", "created_by", "created_at"]
    list_filter = ["active"]
    search_fields = ["url"]
    raw_id_fields = ["created_by"]
    inlines = [WebhookDeliveryInline]


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "event", "endpoint", "status", "attempts", "response_code", "delivered_at"]
    list_filter = ["status", "event"]
    search_fields = ["endpoint__url", "last_error"]
    raw_id_fields = ["endpoint"]
    list_select_related = ["endpoint"]
    readonly_fields = ["created_at", "delivered_at"]
