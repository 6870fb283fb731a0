"""factcheck.env: settings read from the environment fail loudly on bad values instead of guessing."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from factcheck.env import env_bool, env_float, env_int, env_list, env_str

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(("raw", "value"), [("true", True), ("Yes", True), ("1", True), ("off", False), ("0", False)])
def test_booleans(monkeypatch, raw, value):
    monkeypatch.setenv("QC_FLAG", raw)
    assert env_bool("QC_FLAG", not value) is value


@pytest.mark.parametrize("raw", ["ture", "2", "enabled", "y"])
def test_a_misspelt_boolean_is_refused(monkeypatch, raw):
    monkeypatch.setenv("QC_FLAG", raw)
    with pytest.raises(ImproperlyConfigured, match="QC_FLAG"):
        env_bool("QC_FLAG", False)


def test_unset_or_blank_takes_the_default(monkeypatch):
    monkeypatch.delenv("QC_UNSET", raising=False)
    monkeypatch.setenv("QC_BLANK", "  ")
    assert env_bool("QC_UNSET", True) is True and env_int("QC_BLANK", 7) == 7 and env_str("QC_BLANK", "d") == "d"
    assert env_list("QC_UNSET", ["a"]) == ["a"]


def test_numbers(monkeypatch):
    monkeypatch.setenv("QC_N", "12")
    assert env_int("QC_N", 0) == 12 and env_float("QC_N", 0.0) == 12.0
    for bad in ("12.5", "²", "ten"):
        monkeypatch.setenv("QC_N", bad)
        with pytest.raises(ImproperlyConfigured, match="QC_N"):
            env_int("QC_N", 0)
    for bad in ("nan", "inf", "fast"):
        monkeypatch.setenv("QC_N", bad)
        with pytest.raises(ImproperlyConfigured, match="QC_N"):
            env_float("QC_N", 0.0)
    monkeypatch.setenv("QC_N", "0")
    with pytest.raises(ImproperlyConfigured, match="minimum"):
        env_int("QC_N", 5, minimum=1)


def test_lists(monkeypatch):
    monkeypatch.setenv("QC_HOSTS", " a.example , ,b.example")
    assert env_list("QC_HOSTS", []) == ["a.example", "b.example"]


def test_the_app_refuses_to_start_on_a_bad_setting():
    env = dict(
        os.environ,
        DJANGO_ENV="production",
        SECRET_KEY="k" * 60,
        SECURE_SSL_REDIRECT="ture",
        ALLOWED_HOSTS="quotecheck.example.org",
        DATABASE_URL="sqlite:///:memory:",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode != 0
    assert "SECURE_SSL_REDIRECT='ture' is not a boolean" in result.stderr
