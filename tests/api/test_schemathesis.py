"""Schemathesis: every API operation fuzzed against the app's own OpenAPI schema, stateless and stateful.

The schema is the one /api/schema/ serves (drf-spectacular's generator, built in-process: /api/schema/
itself needs authentication and the database is not available while tests are collected). Every
operation is called through the WSGI app with a reviewer's token, a bounded number of examples each;
no response may be a server error or disagree with the schema (status code, content type, body, headers).
The stateful phase chains operations through the links Schemathesis infers from the schema (create a
feed → read it → pause it → delete it; list quotes → review one …), a bounded number of steps.

The closing figures (requests, 4xx, 5xx per phase) are written to tests/artifacts/schemathesis-figures.json.
"""

import json
import os
from collections import Counter
from pathlib import Path

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from hypothesis.stateful import run_state_machine_as_test
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis.specs.openapi.checks import ensure_resource_availability, use_after_free

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
STATEFUL_CHECKS = [*CHECKS, use_after_free, ensure_resource_availability]
FIGURES: dict[str, Counter] = {"stateless": Counter(), "stateful": Counter()}
# one file per pytest-xdist worker ("main" without xdist); the figures are their sum
ARTIFACT = (
    Path(__file__).resolve().parents[1]
    / "artifacts"
    / f"schemathesis-figures-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}.json"
)


def count(phase: str, status: int) -> None:
    FIGURES[phase]["requests"] += 1
    FIGURES[phase][f"{status // 100}xx"] += 1


@pytest.fixture(scope="module", autouse=True)
def figures():
    yield
    ARTIFACT.parent.mkdir(parents=True, exist_ok=True)
    ARTIFACT.write_text(json.dumps({k: dict(v) for k, v in FIGURES.items()}, indent=2, sort_keys=True))


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
def token(data, erin, keep_db_connection, no_dns):
    from rest_framework.authtoken.models import Token

    return Token.objects.create(user=erin).key  # an editor: every status and export is open to fuzzing


@schema.parametrize()
@settings(max_examples=20, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_schema(case, token):
    response = case.call(headers={"Authorization": f"Token {token}"})
    count("stateless", response.status_code)
    case.validate_response(response, checks=CHECKS)


class Workflow(schema.as_state_machine()):
    """Chains of calls through the schema's (inferred) links, with an editor's token."""

    token = ""

    def get_call_kwargs(self, case):
        return {"headers": {"Authorization": f"Token {self.token}"}}

    def after_call(self, response, case):
        count("stateful", response.status_code)

    def validate_response(self, response, case, additional_checks=None, **kwargs):
        case.validate_response(response, checks=STATEFUL_CHECKS, transport_kwargs=kwargs)


# Each request commits on its own, as in production. Inside one test-wide transaction, a statement that
# failed where the failure was caught (a streamed export ends with an error line, not a 500) left the
# transaction aborted, and the chain's next request failed instead of the one at fault.
@pytest.mark.django_db(transaction=True)
def test_api_stateful_workflows_conform(token):
    Workflow.token = token
    run_state_machine_as_test(
        Workflow,
        settings=settings(
            max_examples=25,
            stateful_step_count=6,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        ),
    )


@pytest.fixture
def no_dns(monkeypatch):
    """Feeds and URL fetches the fuzzer creates resolve to a documentation address, which the guard refuses:
    nothing is ever looked up or contacted."""
    import ipaddress

    from claims.services import netguard

    monkeypatch.setattr(netguard, "resolver", lambda host, port: [ipaddress.ip_address("192.0.2.1")])
    monkeypatch.setattr(netguard, "send", lambda address, request: pytest.fail("the fuzzer must not connect"))
