"""manage.py ingest: files, directories and JSONL batches; duplicates and rejects reported per line."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from claims.models import Article
from tests.samples import ARTICLE, PAGE

pytestmark = pytest.mark.django_db


def run(*args):
    out = StringIO()
    call_command(*args, "--no-progress", stdout=out, stderr=StringIO())
    return out.getvalue()


def test_ingest_files_and_directories(tmp_path):
    (tmp_path / "one.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "ignored.pdf").write_bytes(b"%PDF")
    lines = [
        json.dumps({"id": "a", "title": "Flood", "text": "The river rose 2 metres, officials said."}),
        json.dumps({"id": "b", "text": ARTICLE}),  # duplicate of one.txt
        json.dumps({"id": "c", "text": "   "}),
        "{not json",
        "",
    ]
    (tmp_path / "batch.jsonl").write_text("\n".join(lines), encoding="utf-8")
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 owners said prices rose 10%.".encode("latin-1"))

    output = run("ingest", str(tmp_path))
    assert "created 3, duplicates 1, rejected 3" in output
    assert "batch.jsonl:3: The article has no text" in output
    assert "batch.jsonl:4: line 4: not valid JSON" in output
    assert "latin1.txt: latin1.txt is not valid UTF-8" in output
    assert Article.objects.count() == 3

    assert "created 0, duplicates 4, rejected 3" in run("ingest", str(tmp_path))


def test_ingest_missing_path(tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        run("ingest", str(tmp_path / "nope.txt"))
