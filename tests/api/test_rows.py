"""claims.api.rows gives what DRF gives: its fast datetime form is DRF's DateTimeField output, byte for byte."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from rest_framework import serializers

from claims.api.rows import _datetime_converter

VALUES = [
    dt.datetime(2026, 3, 2, 10, 15, tzinfo=dt.UTC),
    dt.datetime(2026, 3, 2, 10, 15, 0, 123456, tzinfo=dt.UTC),
    dt.datetime(2026, 7, 1, 23, 59, 59, 1, tzinfo=ZoneInfo("America/New_York")),
    dt.datetime(2026, 3, 2, 10, 15),  # naive: DRF's own handling
]


@pytest.mark.parametrize("zone", ["UTC", "Europe/Paris"])
@pytest.mark.parametrize("value", VALUES)
def test_datetimes_match_drf(value, zone):
    field = serializers.DateTimeField()
    with timezone.override(zone):
        assert _datetime_converter(field)(value, timezone.get_current_timezone()) == field.to_representation(value)


def test_a_field_with_its_own_format_goes_through_drf():
    field = serializers.DateTimeField(format="%Y")
    assert _datetime_converter(field)(VALUES[0], dt.UTC) == "2026"
