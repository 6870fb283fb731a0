"""Reject oversized request bodies up front with a clear 413 instead of Django's generic 400."""

from django.conf import settings
from django.http import JsonResponse
from django.template.response import SimpleTemplateResponse


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
    if request.path.startswith("/api/") or "json" in request.headers.get("Accept", ""):
        return JsonResponse({"detail": message, "code": "too_large"}, status=413)
    response = SimpleTemplateResponse("claims/error.html", {"status": 413, "message": message}, status=413)
    return response.render()
