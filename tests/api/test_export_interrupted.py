"""A streamed export that loses the database midway ends so a client can tell, and is logged."""

import json

import pytest
from django.db import OperationalError

from claims.api.views import export_guarded


def failing_after(pieces):
    yield from pieces
    raise OperationalError("server closed the connection unexpectedly")


@pytest.mark.parametrize(
    "fmt, check",
    [
        ("jsonl", lambda text: json.loads(text.strip().splitlines()[-1])["code"] == "export_interrupted"),
        ("csv", lambda text: text.strip().splitlines()[-1].startswith("#error,")),
        ("json", lambda text: not text.rstrip().endswith("]")),
    ],
)
def test_each_format_ends_detectably(fmt, check, caplog):
    first = {"jsonl": ['{"id": 1}\n'], "csv": ["id\n1\n"], "json": ["[", '\n{"id": 1}']}[fmt]
    text = "".join(export_guarded(failing_after(first), fmt=fmt, kind="quotes"))
    assert check(text)
    assert "lost the database midway" in caplog.text


def test_a_complete_export_is_untouched():
    pieces = ["[", '\n{"id": 1}', "\n]\n"]
    assert "".join(export_guarded(iter(pieces), fmt="json", kind="quotes")) == "".join(pieces)
    json.loads("".join(pieces))


def test_the_export_endpoint_streams_through_the_guard(api_client, data, monkeypatch):
    from claims.selectors import export

    real = export.export_stream

    def breaking(*, queryset, fmt, chunk_size=1000, **options):
        yield from real(queryset=queryset, fmt=fmt, chunk_size=1, **options)
        raise OperationalError("the database went away")

    monkeypatch.setattr(export, "export_stream", breaking)
    response = api_client.get("/api/export/quotes?format=jsonl")
    lines = b"".join(response.streaming_content).decode().strip().splitlines()
    assert response.status_code == 200 and json.loads(lines[-1])["code"] == "export_interrupted"
    assert all("id" in json.loads(line) for line in lines[:-1])
