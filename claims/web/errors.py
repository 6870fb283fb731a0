"""The app's own error pages for every 404, 403 and 500 — also with DEBUG on, where Django would show its
yellow technical page for a missing article (a 500 keeps Django's traceback in development only).

`handler404`/`handler403`/`handler500` (factcheck/urls.py) render them in production; `AppErrorPages`
replaces Django's debug 404 page; `csrf_failure` is the CSRF_FAILURE_VIEW. API paths keep their JSON errors.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

MESSAGES = {
    404: "There is nothing at this address. It may have been removed, or the link may be mistyped.",
    403: "You do not have permission to do that.",
    500: "Something went wrong on our side; the error has been logged. Try again in a moment.",
}


def error_page(request: HttpRequest, status: int, message: str = "") -> HttpResponse:
    """The app's error page for `status`, marked so the middleware leaves it alone."""
    context = {"status": status, "message": message or MESSAGES[status]}
    response = render(request, "claims/error.html", context, status=status)
    response.app_page = True  # type: ignore[attr-defined]
    return response


def _message(exception: BaseException | None) -> str:
    text = str(exception or "")
    # Django's own wording ("No Article matches the given query.") is for developers, not for readers
    return "" if not text or "matches the given query" in text or text.startswith("{") else text


def page_not_found(request: HttpRequest, exception: BaseException | None = None) -> HttpResponse:
    return error_page(request, 404, _message(exception))


def permission_denied(request: HttpRequest, exception: BaseException | None = None) -> HttpResponse:
    return error_page(request, 403, _message(exception))


def server_error(request: HttpRequest) -> HttpResponse:
    return error_page(request, 500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    if _is_api(request):
        return JsonResponse({"detail": "CSRF check failed: send the CSRF token or use a token.", "code": "csrf"},
                            status=403)  # fmt: skip
    return error_page(
        request,
        403,
        "The form had expired or was sent from elsewhere, so nothing was saved. Reload the page and try again.",
    )


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith(("/api/", "/" + settings.STATIC_URL.lstrip("/")))


class AppErrorPages:
    """With DEBUG on, Django answers a missing page with its technical 404 page: answer with ours instead —
    for an address no URL matches, and for an Http404 a view raises. (A view that renders its own 404, like
    the inspector's "there is no quote #12", is left alone.)"""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            response.status_code == 404
            and getattr(request, "resolver_match", None) is None
            and not getattr(response, "app_page", False)
            and response.get("Content-Type", "").startswith("text/html")
            and not _is_api(request)
        ):
            return page_not_found(request)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, Http404) and not _is_api(request):
            return page_not_found(request, exception)
        return None
