"""Access: every endpoint needs authentication, a bad token is refused, per-user throttling, offline docs and schema.

(The token page where users create and revoke their token is tested in tests/web/test_account.py.)
"""

import pytest
from rest_framework.test import APIClient
from rest_framework.throttling import UserRateThrottle

pytestmark = pytest.mark.django_db

ENDPOINTS = [
    "/api/",
    "/api/quotes/",
    "/api/quotes/1/",
    "/api/claims/",
    "/api/claims/1/",
    "/api/claims/1/claimreview/",
    "/api/speakers/",
    "/api/speakers/1/",
    "/api/articles/",
    "/api/articles/1/",
    "/api/export/quotes",
    "/api/export/claims?format=csv",
    "/api/schema/",
]


@pytest.mark.parametrize("url", ENDPOINTS)
def test_anonymous_gets_401(client, url):
    response = client.get(url)
    assert response.status_code == 401, (url, response.status_code)


@pytest.mark.parametrize("url", ["/api/quotes/1/status/", "/api/claims/1/verdict/", "/api/claims/1/evidence/"])
def test_anonymous_writes_get_401(client, url):
    assert client.post(url, {}, content_type="application/json").status_code == 401


def test_bad_token_is_401(data):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    assert client.get("/api/quotes/").status_code == 401


def test_throttling_per_user(api_client, data, monkeypatch):
    monkeypatch.setattr(UserRateThrottle, "THROTTLE_RATES", {"user": "3/minute", "anon": "3/minute"})
    codes = [api_client.get("/api/speakers/").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]


def test_docs_and_schema_work_offline(alice_client):
    schema = alice_client.get("/api/schema/?format=json")
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    assert {"/api/quotes/", "/api/claims/{id}/verdict/", "/api/export/quotes", "/api/export/claims"} <= set(paths)
    docs = alice_client.get("/api/docs/").content.decode()
    assert "swagger-ui" in docs and "cdn" not in docs.lower() and "/static/drf_spectacular_sidecar/" in docs


def test_every_operation_has_a_summary_or_description_and_examples(alice_client):
    paths = alice_client.get("/api/schema/?format=json").json()["paths"]
    for path, operations in paths.items():
        for method, operation in operations.items():
            if not path.startswith(("/api/quotes", "/api/claims", "/api/export", "/api/articles", "/api/speakers")):
                continue
            assert operation.get("summary") or operation.get("description"), (method, path)
            assert "401" in operation["responses"], (method, path)
            contents = [c for r in operation["responses"].values() for c in r.get("content", {}).values()]
            contents += list(operation.get("requestBody", {}).get("content", {}).values())
            assert any("examples" in c for c in contents), (method, path)
