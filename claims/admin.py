"""Django admin for staff housekeeping; review actions proper live in the reviewer pages."""

from django.contrib import admin
from django.utils.html import format_html

from .models import (
    Article,
    Claim,
    Evidence,
    Outlet,
    Quote,
    ReviewEvent,
    Speaker,
    SpeakerAlias,
    UrlFetch,
    WebhookDelivery,
    WebhookEndpoint,
)


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


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["id", "title", "outlet", "status", "published_at", "created_at", "page_link"]
    list_filter = ["status", "outlet", "extractor_version"]
    search_fields = ["title", "url", "body_text"]
    date_hierarchy = "created_at"
    readonly_fields = ["content_hash", "status_changed_at", "created_at", "updated_at", "attempts"]
    list_select_related = ["outlet"]
    inlines = [QuoteInline]

    @admin.display(description="Reader")
    def page_link(self, obj):
        return format_html('<a href="{}">open</a>', obj.get_absolute_url())


@admin.register(UrlFetch)
class UrlFetchAdmin(admin.ModelAdmin):
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


@admin.register(SpeakerAlias)
class SpeakerAliasAdmin(admin.ModelAdmin):
    list_display = ["alias", "speaker"]
    search_fields = ["alias", "speaker__name"]
    raw_id_fields = ["speaker"]


@admin.register(Quote)
class QuoteAdmin(admin.ModelAdmin):
    list_display = ["short_text", "speaker", "kind", "confidence", "status", "article", "reviewer", "updated_at"]
    list_filter = ["status", "kind", "article__outlet"]
    search_fields = ["text", "speaker__name", "speaker_mention", "article__title"]
    raw_id_fields = ["article", "speaker", "reviewer", "assigned_to"]
    list_select_related = ["speaker", "article", "reviewer"]
    readonly_fields = ["version", "created_at", "updated_at"]

    @admin.display(description="Quote")
    def short_text(self, obj):
        return obj.text[:80]


class EvidenceInline(admin.TabularInline):
    model = Evidence
    extra = 0
    raw_id_fields = ["added_by"]


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    list_display = ["short_text", "speaker", "checkworthiness", "status", "verdict", "article", "updated_at"]
    list_filter = ["status", "verdict", "article__outlet"]
    search_fields = ["text", "speaker__name", "article__title"]
    raw_id_fields = ["article", "quote", "speaker", "reviewer", "assigned_to"]
    list_select_related = ["speaker", "article"]
    readonly_fields = ["version", "created_at", "updated_at"]
    inlines = [EvidenceInline]

    @admin.display(description="Claim")
    def short_text(self, obj):
        return obj.text[:80]


@admin.register(Evidence)
class EvidenceAdmin(admin.ModelAdmin):
    list_display = ["title", "url", "claim", "added_by", "created_at"]
    search_fields = ["title", "url", "excerpt"]
    raw_id_fields = ["claim", "added_by"]


@admin.register(ReviewEvent)
class ReviewEventAdmin(admin.ModelAdmin):
    list_display = ["created_at", "actor", "action", "field", "article", "quote", "claim"]
    list_filter = ["action", "field"]
    search_fields = ["article__title", "actor__username"]
    raw_id_fields = ["article", "quote", "claim", "actor"]
    list_select_related = ["actor", "article"]


class WebhookDeliveryInline(admin.TabularInline):
    model = WebhookDelivery
    fields = ("event", "status", "attempts", "response_code", "last_error", "created_at", "delivered_at")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(admin.ModelAdmin):
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
