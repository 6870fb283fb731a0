"""Page routes. Two URL namespaces, kept from before the re-layout: `claims` (the workbench) and
`access` (API token, webhooks, public fact-checks)."""

from django.urls import path

from . import account, articles, dashboard, feeds, inspector, public, queue, reader, speakers, webhooks

claims_patterns = [
    path("", articles.article_list, name="article_list"),
    path("articles/new/", articles.article_submit, name="article_submit"),
    path("articles/<int:pk>/", reader.article_detail, name="article_detail"),
    path("articles/<int:pk>/retry/", articles.article_retry, name="article_retry"),
    path("articles/<int:pk>/removed/<int:index>/restore/", articles.article_restore, name="article_restore"),
    path("articles/<int:pk>/add/", inspector.item_add, name="item_add"),
    path("articles/<int:article>/<slug:kind>/<int:pk>/", inspector.item_panel, name="item_panel"),
    path("articles/<int:article>/<slug:kind>/<int:pk>/<slug:action>/", inspector.item_action, name="item_action"),
    path("queue/", queue.queue, name="queue"),
    path("queue/bulk/", queue.queue_bulk, name="queue_bulk"),
    path("review/speakers.json", inspector.speaker_lookup, name="speaker_lookup"),
    path("speakers/", speakers.speaker_list, name="speaker_list"),
    path("speakers/merge/", speakers.speaker_merge, name="speaker_merge"),
    path("speakers/<int:pk>/", speakers.speaker_detail, name="speaker_detail"),
    path("speakers/<int:pk>/rename/", speakers.speaker_rename, name="speaker_rename"),
    path("speakers/<int:pk>/delete/", speakers.speaker_delete, name="speaker_delete"),
    path("speakers/<int:pk>/discard/", speakers.speaker_discard, name="speaker_discard"),
    path("speakers/<int:pk>/aliases/<int:alias_pk>/delete/", speakers.alias_remove, name="alias_remove"),
    path("dashboard/", dashboard.dashboard_page, name="dashboard"),
    path("feeds/", feeds.feed_list, name="feed_list"),
    path("feeds/<int:pk>/", feeds.feed_detail, name="feed_detail"),
    path("feeds/<int:pk>/<slug:action>/", feeds.feed_action, name="feed_action"),
]

access_patterns = [
    path("account/token/", account.api_token, name="api_token"),
    path("account/preferences/", account.preferences, name="preferences"),
    path("webhooks/", webhooks.webhook_list, name="webhook_list"),
    path("webhooks/<int:pk>/", webhooks.webhook_detail, name="webhook_detail"),
    path("webhooks/<int:pk>/toggle/", webhooks.webhook_toggle, name="webhook_toggle"),
    path(
        "webhooks/<int:pk>/deliveries/<int:delivery_pk>/redeliver/",
        webhooks.webhook_redeliver,
        name="webhook_redeliver",
    ),
    path("fact-checks/<int:pk>/", public.claim_public, name="claim_public"),
]
