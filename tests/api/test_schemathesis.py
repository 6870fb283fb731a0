"""Schemathesis: stateless fuzzing of every API operation against the app's own OpenAPI schema.

The schema is the one /api/schema/ serves (drf-spectacular's generator, built in-process: /api/schema/
itself needs authentication and the database is not available while tests are collected). Every
operation is called through the WSGI app with a reviewer's token, a bounded number of examples each;
no response may be a server error or disagree with the schema (status code, content type, body, headers).
"""

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from factcheck.wsgi import application

pytestmark = pytest.mark.django_db

schema = schemathesis.openapi.from_dict(SchemaGenerator().get_schema(request=None, public=True))
schema.app = application

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
]


@pytest.fixture
def keep_db_connection():
    """Calling the WSGI app directly fires request_started/finished, whose close_old_connections would close
    the connection holding the test's transaction (Django's test client disconnects it the same way)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def token(data, erin, keep_db_connection):
    from rest_framework.authtoken.models import Token

    return Token.objects.create(user=erin).key  # an editor: every status and export is open to fuzzing


@schema.parametrize()
@settings(max_examples=20, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_schema(case, token):
    response = case.call(headers={"Authorization": f"Token {token}"})
    case.validate_response(response, checks=CHECKS)
