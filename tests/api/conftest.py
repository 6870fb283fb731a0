"""API tests: token clients for the editor and the second reviewer (`api_client`, alice's, is in tests/conftest.py,
beside the newsroom `data` these tests read and review)."""

import pytest

from tests.conftest import client_for


@pytest.fixture
def editor_client(erin):
    return client_for(erin)


@pytest.fixture
def bob_client(bob):
    return client_for(bob)
