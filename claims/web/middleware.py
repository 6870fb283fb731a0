"""Request-wide rules for pages and the API: body size, roles, database outages and security headers.

- `RequestSizeLimitMiddleware`: oversized bodies get a clear 413 instead of Django's generic 400.
- `RoleRequiredMiddleware`: every workbench page needs the reviewer role (a signed-in user with no role
  gets 403); the public fact-check pages and the user's own token page are the exceptions.
- `DatabaseUnavailableMiddleware`: a database that is down or unreachable answers 503 with Retry-After —
  JSON for the API, the app's own page for the web — instead of a bare HTML 500.
- `SecurityHeadersMiddleware`: Permissions-Policy on every response, and `Cache-Control: private` on
  every response to a signed-in user (no shared cache may keep a reviewer's page). The
  Content-Security-Policy itself comes from django-csp (settings.CONTENT_SECURITY_POLICY).
- `ReleaseRenderedResponseMiddleware`: an API response is freed as soon as it is sent, not at the next
  full garbage collection (keeps web workers small).
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.response import SimpleTemplateResponse
from django.utils.cache import patch_cache_control

from claims.roles import is_reviewer

log = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30
# Pages outside the role rule: public fact-checks, and the account page (it tells a user without a role
# what to ask for).
OPEN_VIEWS = {"access:claim_public", "access:api_token"}
ROLE_NAMESPACES = {"claims", "access"}


def wants_json(request: HttpRequest) -> bool:
    return request.path.startswith("/api/") or "json" in request.headers.get("Accept", "")


class RequestSizeLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if length > limit:
            return too_large_response(request, length)
        return self.get_response(request)


def too_large_response(request, length: int | None = None):
    limit = settings.ARTICLE_MAX_BYTES
    size = f"{length:,} bytes" if length else "too large"
    message = f"The request is {size}; articles may be at most {limit:,} bytes."
    if wants_json(request):
        return JsonResponse({"detail": message, "code": "too_large"}, status=413)
    response = SimpleTemplateResponse("claims/error.html", {"status": 413, "message": message}, status=413)
    return response.render()


class RoleRequiredMiddleware:
    """Every page of the workbench is for reviewers (and up): a signed-in user without a role gets 403.

    Applied to whole URL namespaces, so a page added later is covered without remembering a decorator.
    Anonymous users are left to each view's `login_required` (a redirect to the login page).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or match.namespace not in ROLE_NAMESPACES or match.view_name in OPEN_VIEWS:
            return None
        user = getattr(request, "user", None)
        try:
            if user is None or not user.is_authenticated or is_reviewer(user):
                return None
        except (OperationalError, InterfaceError) as exc:  # the session or the roles could not be read
            log.error("Database unavailable for %s %s: %s", request.method, request.path, exc)
            return database_unavailable_response(request)
        raise PermissionDenied(
            "Your account has no role yet, so the workbench is closed to it. Ask an editor to add you to the reviewers."
        )


class DatabaseUnavailableMiddleware:
    """The database is down: 503 with Retry-After (JSON for the API, the app's page for the web), logged."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        log.error("Database unavailable for %s %s: %s", request.method, request.path, exception)
        return database_unavailable_response(request)


def database_unavailable_response(request: HttpRequest) -> HttpResponse:
    message = "The database is not answering just now. Nothing was lost; try again in a moment."
    response: HttpResponse
    if wants_json(request):
        response = JsonResponse({"detail": message, "code": "database_unavailable"}, status=503)
    else:
        # Rendered without the request: its context processors would ask the database for the user.
        page = SimpleTemplateResponse("503.html", {"status": 503, "message": message}, status=503)
        response = page.render()
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class SecurityHeadersMiddleware:
    """Permissions-Policy everywhere; `Cache-Control: private` on anything served to a signed-in user."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.permissions_policy = ", ".join(
            f"{feature}=({' '.join(allow)})" for feature, allow in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", self.permissions_policy)
        if response.status_code != 503 and _signed_in(request):
            if "no-store" not in response.get("Cache-Control", ""):
                patch_cache_control(response, private=True, no_cache=True)
            response.headers.pop("Expires", None)
        return response


def _signed_in(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    if user is None:
        return False
    try:
        return bool(user.is_authenticated)
    except DatabaseError:
        return True  # cannot tell: treat it as private


class ReleaseRenderedResponseMiddleware:
    """Cut the reference cycle DRF leaves around every response, once the response is rendered.

    A DRF response keeps `renderer_context` (the view, the request and the response itself), and the view
    keeps the response, so each response with its data and rendered bytes is garbage only the cyclic
    collector can free, and in a process this size full collections are rare: a gunicorn worker serving a
    700 KB article grew from 88 MB to 140 MB of waiting garbage. With both edges cut, reference counting
    frees the response as soon as the server lets go of it. Rendering is over by the time a middleware
    sees the response, so nothing needs the context any more.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        context = getattr(response, "renderer_context", None)
        if context is not None and getattr(response, "is_rendered", False):
            view = context.get("view")
            if getattr(view, "response", None) is response:
                view.response = None
            response.renderer_context = None
        return response
