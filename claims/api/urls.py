"""REST API routes under /api/."""

from django.urls import path, re_path
from rest_framework.routers import APIRootView, DefaultRouter

from . import views

app_name = "api"


class APIRoot(APIRootView):
    """The API's entry point: links to every collection."""

    def get_view_name(self) -> str:
        return "Quotecheck API"


# No `.json` format suffixes: the format is chosen by `?format=` or Accept, one way for every endpoint (with
# suffixes, `/api/quotes/1/status.json` reached the custom actions with an unexpected `format` argument: a 500).
class Router(DefaultRouter):
    include_format_suffixes = False
    APIRootView = APIRoot


router = Router()
router.register("articles", views.ArticleViewSet, basename="article")
router.register("quotes", views.QuoteViewSet, basename="quote")
router.register("claims", views.ClaimViewSet, basename="claim")
router.register("speakers", views.SpeakerViewSet, basename="speaker")
router.register("fetches", views.UrlFetchViewSet, basename="fetch")
router.register("feeds", views.FeedViewSet, basename="feed")

urlpatterns = [
    path("export/quotes", views.QuoteExportView.as_view(), name="export-quotes"),
    path("export/claims", views.ClaimExportView.as_view(), name="export-claims"),
    *router.urls,
    re_path(r"^[\s\S]*$", views.not_found),
]
