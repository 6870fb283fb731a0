"""Reviewer pages: articles, the reader/workbench, the review queue and the small endpoints its forms post to."""

from django.urls import path

from . import queue_views, review_views, views

app_name = "claims"

urlpatterns = [
    path("", views.article_list, name="article_list"),
    path("articles/new/", views.article_submit, name="article_submit"),
    path("articles/<int:pk>/", views.article_detail, name="article_detail"),
    path("articles/<int:pk>/retry/", views.article_retry, name="article_retry"),
    path("articles/<int:pk>/add/", review_views.item_add, name="item_add"),
    path("articles/<int:article>/<slug:kind>/<int:pk>/", review_views.item_panel, name="item_panel"),
    path("articles/<int:article>/<slug:kind>/<int:pk>/<slug:action>/", review_views.item_action, name="item_action"),
    path("queue/", queue_views.queue, name="queue"),
    path("queue/bulk/", queue_views.queue_bulk, name="queue_bulk"),
    path("review/speakers.json", review_views.speaker_lookup, name="speaker_lookup"),
]

# Speakers and the dashboard live in their own modules.
from . import dashboard_views, speaker_views  # noqa: E402

urlpatterns += [
    path("speakers/", speaker_views.speaker_list, name="speaker_list"),
    path("speakers/merge/", speaker_views.speaker_merge, name="speaker_merge"),
    path("speakers/<int:pk>/", speaker_views.speaker_detail, name="speaker_detail"),
    path("dashboard/", dashboard_views.dashboard_page, name="dashboard"),
]
