"""claims/web/errors.py: the app's own 404/403/500 pages — with DEBUG on too —, /api/docs/ for people, and
the browsable API's names."""

import pytest
from django.test import override_settings
from django.urls import reverse

from tests.review_helpers import newsroom_items

pytestmark = pytest.mark.django_db
TECHNICAL = "You’re seeing this error because you have"


@pytest.mark.parametrize("debug", [True, False])
def test_a_missing_article_is_the_apps_404_page(alice_client, debug):
    with override_settings(DEBUG=debug):
        response = alice_client.get("/articles/999999/")
    html = response.content.decode()
    assert response.status_code == 404 and TECHNICAL not in html
    assert '<p class="error-code">Error 404</p>' in html and "Back to the queue" in html
    assert "matches the given query" not in html


@pytest.mark.parametrize("debug", [True, False])
def test_an_unknown_address_is_the_apps_404_page_and_slashes_are_still_added(client, debug):
    with override_settings(DEBUG=debug):
        missing = client.get("/no/such/page/")
        slashless = client.get("/queue")
    assert missing.status_code == 404 and TECHNICAL not in missing.content.decode()
    assert "Error 404" in missing.content.decode() and "Log in" in missing.content.decode()
    assert slashless.status_code == 301 and slashless["Location"] == "/queue/"


def test_the_api_keeps_its_json_404(api_client):
    with override_settings(DEBUG=True):
        response = api_client.get("/api/nothing-here/")
    assert response.status_code == 404 and response.json()["code"] == "not_found"


def test_403_and_csrf_failures_use_the_apps_page(client, alice):
    from django.test import Client

    client.force_login(alice)
    item = newsroom_items()["wall"]
    with override_settings(DEBUG=True):
        response = client.post(reverse("claims:queue_bulk"), {"action": "assign", "items": [f"quote:{item.pk}:1"]})
    assert response.status_code == 403 and "Only editors can assign work." in response.content.decode()
    assert "Error 403" in response.content.decode()
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(alice)
    response = strict.post(reverse("access:preferences"), {"advance_after_decision": "0"})
    assert response.status_code == 403 and "nothing was saved" in response.content.decode()


def test_a_500_is_the_apps_page(client, monkeypatch):
    from claims.web import errors

    response = errors.server_error(client.get("/accounts/login/").wsgi_request)
    assert response.status_code == 500 and "Something went wrong" in response.content.decode()


def test_api_docs_send_people_to_log_in_and_keep_the_schema_for_tokens(client, api_client):
    response = client.get("/api/docs/")
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert client.get("/api/redoc/").status_code == 302
    assert api_client.get("/api/docs/").status_code == 302  # a token is no browser session
    assert client.get("/api/schema/").status_code in (401, 403)


def test_the_browsable_api_names_its_pages(alice_client):
    item = newsroom_items()["wall"]
    html = alice_client.get(f"/api/quotes/{item.pk}/", HTTP_ACCEPT="text/html").content.decode()
    crumbs = html[html.index('class="breadcrumb"') : html.index("</ul>", html.index('class="breadcrumb"'))]
    assert "Not Found" not in crumbs and "Quote Instance" not in crumbs
    assert ">Quotecheck API<" in crumbs and ">Quotes<" in crumbs
    assert f"<title>Quote {item.pk} – Django REST framework</title>" in html
