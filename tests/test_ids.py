"""claims.ids: ids from user input are ASCII digits within a database integer; anything else is no id."""

import pytest

from claims.ids import MAX_ID, parse_id


@pytest.mark.parametrize(("raw", "expected"), [("7", 7), (" 42 ", 42), (3, 3), (str(MAX_ID), MAX_ID)])
def test_ids(raw, expected):
    assert parse_id(raw) == expected


@pytest.mark.parametrize("raw", ["", "0", "-3", "²", "٣", "1.0", "1e3", str(MAX_ID + 1), None, True, 2.5, "12a"])
def test_not_ids(raw):
    assert parse_id(raw) is None


def test_a_smaller_ceiling():
    assert parse_id("2147483647", maximum=2**31 - 1) == 2**31 - 1
    assert parse_id("2147483648", maximum=2**31 - 1) is None


def test_pages_and_filters_answer_4xx_not_500_for_odd_digits(alice_client, api_client):
    assert alice_client.get("/queue/?assigned=²").status_code == 200
    assert api_client.get("/api/quotes/?speaker=²").status_code == 200
    assert api_client.get("/api/claims/²/claimreview/").status_code == 404
