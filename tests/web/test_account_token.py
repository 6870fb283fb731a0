"""claims.web.account: the token page only changes anything for an explicit create or revoke."""

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token


@pytest.mark.parametrize("action", [None, "", "delete", "Create", "revoke ", "rotate"])
def test_a_post_that_is_not_create_or_revoke_changes_nothing(alice_client, alice, action):
    token = Token.objects.create(user=alice)
    data = {} if action is None else {"action": action}
    response = alice_client.post(reverse("access:api_token"), data, follow=True)
    assert Token.objects.get(user=alice).key == token.key
    assert "nothing was changed" in response.content.decode()


def test_create_and_revoke(alice_client, alice):
    alice_client.post(reverse("access:api_token"), {"action": "create"})
    first = Token.objects.get(user=alice).key
    alice_client.post(reverse("access:api_token"), {"action": "create"})
    assert Token.objects.get(user=alice).key != first
    alice_client.post(reverse("access:api_token"), {"action": "revoke"})
    assert not Token.objects.filter(user=alice).exists()
