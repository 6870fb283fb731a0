"""DRF exception handler: every client error is JSON with a readable `detail`, never an HTML 500."""
from django.core.exceptions import RequestDataTooBig, ValidationError as DjangoValidationError
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from claims.ingest import IngestError


def exception_handler(exc, context):
    if isinstance(exc, IngestError):
        return Response({"detail": exc.message, "code": exc.code}, status=exc.status)
    if isinstance(exc, RequestDataTooBig):
        return Response({"detail": "The request body is too large.", "code": "too_large"},
                        status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE)
    if isinstance(exc, DjangoValidationError):
        return Response({"detail": exc.messages, "code": "invalid"}, status=status.HTTP_400_BAD_REQUEST)
    return drf_exception_handler(exc, context)
