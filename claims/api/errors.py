"""DRF exception handler: every client error is JSON with a readable `detail`, never an HTML 500.

Review services raise `StaleVersion` (409, with the current item, who changed it and what they changed),
`ReviewError` (400; `ItemLocked` 409 for a verified or rejected item, `SpeakerUnknown` 400 with suggestions),
`Busy` (503 with Retry-After: send it again) and Django's `PermissionDenied` (403, handled by DRF itself).
"""

from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from claims.services.articles import IngestError
from claims.services.feeds import FeedError
from claims.services.review import Busy, ReviewError, SpeakerUnknown, StaleVersion


def exception_handler(exc, context):
    if isinstance(exc, IngestError):
        return Response({"detail": exc.message, "code": exc.code}, status=exc.status)
    if isinstance(exc, FeedError):
        return Response({"detail": exc.message, "code": exc.code}, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, StaleVersion):
        return Response(
            {
                "detail": exc.message,
                "code": "stale_version",
                "changed_by": exc.changed_by,
                "changes": [{"field": c.field, "changed_by": c.by, "old": c.old, "new": c.new} for c in exc.changes],
                "current": _current(exc.current, context),
            },
            status=status.HTTP_409_CONFLICT,
        )
    if isinstance(exc, SpeakerUnknown):
        suggestions = [{"id": s.pk, "name": s.name, "description": s.description} for s in exc.suggestions]
        return Response({"detail": exc.message, "code": exc.code, "suggestions": suggestions}, status=exc.status)
    if isinstance(exc, ReviewError):  # ItemLocked is one (409)
        return Response({"detail": exc.message, "code": exc.code}, status=exc.status)
    if isinstance(exc, Busy):
        return Response(
            {"detail": exc.message, "code": "retry"},
            status=status.HTTP_503_SERVICE_UNAVAILABLE,
            headers={"Retry-After": str(exc.retry_after)},
        )
    if isinstance(exc, RequestDataTooBig):
        return Response(
            {"detail": "The request body is too large.", "code": "too_large"},
            status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
        )
    if isinstance(exc, DjangoValidationError):
        return Response({"detail": exc.messages, "code": "invalid"}, status=status.HTTP_400_BAD_REQUEST)
    return drf_exception_handler(exc, context)


def _current(row, context) -> dict:
    """The item as it is now, shaped like the detail endpoint of the view that raised."""
    view = context.get("view")
    if view is not None and hasattr(view, "get_queryset") and hasattr(view, "get_serializer_class"):
        fresh = view.get_queryset().filter(pk=row.pk).first() or row
        return view.get_serializer_class()(fresh, context={"request": context.get("request")}).data
    return {"id": row.pk, "version": row.version, "status": row.status}
