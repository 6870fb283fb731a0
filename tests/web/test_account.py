"""Signing in, and claims.web.account: the user's own API token page (create, replace, revoke; the key works on the API)."""

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


def test_login_page_renders(client, db):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert b"Sign in" in response.content and b'name="password"' in response.content


def test_user_creates_uses_and_revokes_a_token(alice_client, alice, data):
    page = alice_client.get("/account/token/")
    assert page.status_code == 200 and b"no API token" in page.content
    alice_client.post("/account/token/", {"action": "create"})
    key = Token.objects.get(user=alice).key
    assert key in alice_client.get("/account/token/").content.decode()
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.get("/api/export/quotes?format=csv").status_code == 200
    alice_client.post("/account/token/", {"action": "create"})  # replace: the old key stops working
    assert api.get("/api/quotes/").status_code == 401
    alice_client.post("/account/token/", {"action": "revoke"})
    assert not Token.objects.filter(user=alice).exists()


def test_token_page_needs_login(client):
    assert client.get("/account/token/").status_code == 302
