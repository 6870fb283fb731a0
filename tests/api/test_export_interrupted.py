"""A streamed export that loses the database midway ends so a client can tell, and is logged."""

import json

import pytest
from django.db import OperationalError

from claims.api.views import export_guarded
from tests.conftest import require, using_postgres


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


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_a_real_lost_connection_is_a_database_error(fmt):
    """PostgreSQL writes the rows (COPY, a server-side cursor); when the server ends the session midway,
    what reaches the view's guard is Django's DatabaseError, not a raw driver error that would cut the
    stream without its error line. The session is ended for real, by pg_terminate_backend."""
    require(using_postgres(), "PostgreSQL (DATABASE_URL=postgres://…) whose session can be ended")
    import psycopg
    from django.db import DatabaseError, connection

    from claims.selectors import export
    from tests.factories import ArticleFactory

    unit = "“Yes,” she said. "  # more rows than the socket buffers hold once the session is gone
    article = ArticleFactory(body_text=unit * 20_000)
    export.Quote.objects.bulk_create(
        [
            export.Quote(article=article, start=k + 1, end=k + 4, text="Yes", sentence=unit, status="verified")
            for k in range(0, len(unit) * 20_000, len(unit))
        ]
    )
    batches = export.encoded_batches(export.verified_quotes(), fmt, chunk_size=100)
    next(batches)
    settings = connection.settings_dict
    with psycopg.connect(
        host=settings["HOST"], port=settings["PORT"], user=settings["USER"], dbname="postgres"
    ) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", [connection.connection.info.backend_pid])
    try:
        with pytest.raises(DatabaseError):
            for _ in batches:
                pass
    finally:
        connection.close()  # the next use reconnects (the test database's teardown)
