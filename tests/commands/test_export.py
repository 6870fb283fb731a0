"""manage.py export: the API's exports written to a file, with the same filters (and their errors)."""

import csv

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def test_manage_py_export_writes_the_file(data, tmp_path):
    out = tmp_path / "quotes.csv"
    call_command("export", "--kind", "quotes", "--format", "csv", "--out", str(out), "--no-progress")
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(rows) == 3 and rows[0]["speaker"]
    out = tmp_path / "claims.jsonl"
    call_command(
        "export", "--kind", "claims", "--format", "jsonl", "--out", str(out), "--status", "any", "--no-progress"
    )
    assert len(out.read_text().splitlines()) == 2
    with pytest.raises(CommandError, match="published_after"):
        call_command("export", "--out", str(out), "--published-after", "soon", "--no-progress")
