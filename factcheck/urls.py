"""Top-level routes: reviewer pages, the REST API with its docs, the admin and login."""

from csp.decorators import csp_update
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView

from claims.web.urls import access_patterns, claims_patterns

from .health import healthz

DOCS_CSP = {"style-src": ["'unsafe-inline'"]}

urlpatterns = [
    path("", include((access_patterns, "access"))),
    path("", include((claims_patterns, "claims"))),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    # The documentation pages are for people: logged out, they go to the login page (the schema stays
    # 401/403). They load their script from files too (the "split" Swagger view serves its set-up script
    # separately); they build their styles at run time, so these two pages allow inline styles.
    path(
        "api/docs/",
        login_required(csp_update(DOCS_CSP)(SpectacularSwaggerSplitView.as_view(url_name="schema"))),
        name="api-docs",
    ),
    path(
        "api/redoc/",
        login_required(csp_update(DOCS_CSP)(SpectacularRedocView.as_view(url_name="schema"))),
        name="api-redoc",
    ),
    path("api/", include("claims.api.urls")),  # after schema/docs: it ends with a JSON 404 catch-all
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
]

handler404 = "claims.web.errors.page_not_found"
handler403 = "claims.web.errors.permission_denied"
handler500 = "claims.web.errors.server_error"
