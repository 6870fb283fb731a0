"""claims.auth: the session and token user arrive with their role, read in the user's own query, and the
same users are refused as with Django's and DRF's own classes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework import exceptions
from rest_framework.authtoken.models import Token

from claims.auth import RoleBackend, RoleTokenAuthentication
from claims.roles import Role, role_of
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", [Role.REVIEWER, Role.EDITOR, Role.ADMIN, None])
def test_the_user_arrives_with_its_role_in_one_query(role):
    user = make_user("rita", role)
    if role is Role.EDITOR:
        user.groups.add(*make_user("x", "reviewer").groups.all())  # the strongest group wins
    key = Token.objects.create(user=user).key
    with CaptureQueriesContext(connection) as ctx:
        session_user = RoleBackend().get_user(user.pk)
        token_user, token = RoleTokenAuthentication().authenticate_credentials(key)
        roles = [role_of(session_user), role_of(token_user)]
    assert len(ctx) == 2 and roles == [role, role]
    assert session_user == token_user == user and token.key == key


def test_inactive_and_unknown_users_are_refused():
    user = make_user("gone", Role.REVIEWER, is_active=False)
    key = Token.objects.create(user=user).key
    assert RoleBackend().get_user(user.pk) is None and RoleBackend().get_user(999_999) is None
    with pytest.raises(exceptions.AuthenticationFailed, match="inactive"):
        RoleTokenAuthentication().authenticate_credentials(key)
    with pytest.raises(exceptions.AuthenticationFailed, match="Invalid token"):
        RoleTokenAuthentication().authenticate_credentials("0" * 40)


def test_a_session_login_reads_the_role_with_the_user(client):
    user = make_user("ed", Role.EDITOR)
    client.force_login(user)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/api/quotes/")
    assert response.status_code == 200
    assert not [q for q in ctx.captured_queries if q["sql"].startswith('SELECT "auth_group"')]  # no groups query
