"""Verified quotes and reviewed claims leaving the building: rows and streaming CSV/JSONL/JSON (ClaimReview
markup is `claims.selectors.claimreview`).

Exports iterate `values_list(...).iterator(chunk_size=…)` and never build a model instance or hold more
than one chunk of rows, so memory stays flat whatever the size; the sentence around each item is the
stored column (written with the span, claims.sentences). The API's streaming views and `manage.py export`
both use these.
"""

import csv
import json
from collections.abc import Iterable, Iterator
from itertools import islice
from json.encoder import c_make_encoder, encode_basestring  # type: ignore[attr-defined]  # CPython's C encoder

from django.contrib.postgres.expressions import ArraySubquery
from django.db import connection
from django.db.models import Case, CharField, F, FloatField, Func, OuterRef, Q, QuerySet, Value, When

from claims.models import Evidence, Quote, ReviewStatus, Source

CHUNK_SIZE = 2000
FORMATS = ("json", "jsonl", "csv")

# (output column, values_list path); None means computed per batch (a claim's evidence URLs); a path in
# EXPRESSIONS is an annotation.
_SPEAKER = [("speaker_id", "speaker_id"), ("speaker", "speaker__name"), ("speaker_role", "speaker__description")]
_CONTEXT = [
    ("article_id", "article_id"),
    ("article_title", "article__title"),
    ("article_url", "article__url"),
    ("outlet", "article__outlet__name"),
    ("published_at", "article__published_at"),
    ("start", "start"),
    ("end", "end"),
    ("sentence", "sentence"),
]
_REVIEW = [("reviewer", "reviewer__username"), ("reviewed_at", "reviewed_at"), ("updated_at", "updated_at"),
           ("version", "version")]  # fmt: skip
# The model's confidence describes the model's speaker only: empty once a person set the speaker.
EXPRESSIONS = {
    "model_confidence": Case(
        When(speaker_source=Source.HUMAN, then=Value(None)), default=F("confidence"), output_field=FloatField()
    )
}
QUOTE_COLUMNS: list[tuple[str, str | None]] = [
    ("id", "id"), ("text", "text"), ("kind", "kind"), ("status", "status"),
    *_SPEAKER, ("speaker_source", "speaker_source"), ("speaker_set_by", "speaker_set_by__username"),
    ("speaker_mention", "speaker_mention"), ("cue", "cue"), ("confidence", "model_confidence"),
    *_CONTEXT, *_REVIEW,
]  # fmt: skip
CLAIM_COLUMNS: list[tuple[str, str | None]] = [
    ("id", "id"), ("text", "text"), ("status", "status"), ("verdict", "verdict"), ("rationale", "rationale"),
    ("evidence_urls", None), ("checkworthiness", "checkworthiness"), ("quote_id", "quote_id"),
    *_SPEAKER, *_CONTEXT, *_REVIEW,
]  # fmt: skip
COMPUTED = ("evidence_urls",)


# --- querysets -----------------------------------------------------------------------------------


def verified_quotes() -> QuerySet:
    return Quote.objects.filter(status=ReviewStatus.VERIFIED)


def reviewed_claims_q() -> Q:
    """A claim is published once it is verified, or has a verdict and was not rejected."""
    return Q(status=ReviewStatus.VERIFIED) | (~Q(verdict="") & ~Q(status=ReviewStatus.REJECTED))


# --- rows ----------------------------------------------------------------------------------------


_DATES = {"published_at", "reviewed_at", "updated_at", "article__published_at"}


class IsoDateTime(Func):
    """A timestamp as an ISO 8601 UTC string made by the database: cheaper than parsing it into a datetime
    in Python and formatting it again, which is most of an export's per-row cost."""

    output_field = CharField()

    def as_postgresql(self, compiler, conn, **extra):
        return self.as_sql(
            compiler,
            conn,
            **extra,
            template="""to_char(%(expressions)s AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')""",
        )

    def as_sqlite(self, compiler, conn, **extra):  # type: ignore[override]
        # The format goes in as a parameter: a literal % in the SQL would break DEBUG query logging.
        strftime = Func(
            Value("%Y-%m-%dT%H:%M:%fZ"), *self.get_source_expressions(), function="strftime", output_field=CharField()
        )
        return strftime.as_sql(compiler, conn, **extra)


def _select(queryset: QuerySet, paths: list[str]) -> QuerySet:
    """values_list over `paths`, with dates already strings where the database can format them."""
    queryset = queryset.annotate(**{path: EXPRESSIONS[path] for path in paths if path in EXPRESSIONS})
    if connection.vendor not in ("postgresql", "sqlite"):
        return queryset.values_list(*paths)
    names = {path: f"iso_{path}" if path in _DATES else path for path in paths}
    dates = {names[path]: IsoDateTime(path) for path in paths if path in _DATES}
    return queryset.annotate(**dates).values_list(*[names[path] for path in paths])


def evidence_urls(claim_ids: Iterable[int]) -> dict[int, list[str]]:
    """Each claim's evidence URLs, oldest first (one query per batch of claims)."""
    urls: dict[int, list[str]] = {}
    for claim_id, url in (
        Evidence.objects.filter(claim_id__in=set(claim_ids)).order_by("id").values_list("claim_id", "url")
    ):
        urls.setdefault(claim_id, []).append(url)
    return urls


def row_batches(queryset: QuerySet, columns=None, *, chunk_size: int = CHUNK_SIZE) -> Iterator[list[tuple]]:
    """Lists of up to `chunk_size` rows in `columns` order (dates as ISO 8601 strings), ordered by id, read
    from the database one chunk at a time; a computed column (evidence URLs) costs one query per batch."""
    columns = columns or _columns(queryset.model)
    paths = [path for _, path in columns if path]
    computed = [(i, name) for i, (name, path) in enumerate(columns) if path is None]
    pk = paths.index("id")
    dates = [i for i, path in enumerate(paths) if path in _DATES]
    source = _select(queryset.order_by("id"), paths).iterator(chunk_size=chunk_size)
    while batch := list(islice(source, chunk_size)):
        if batch and any(not isinstance(batch[0][i], str) and batch[0][i] is not None for i in dates):
            batch = [_iso_dates(row, dates) for row in batch]  # a database that cannot format them
        for k, name in computed:  # in column order, so each insertion lands at its final index
            if name != "evidence_urls":
                raise ValueError(f"Unknown computed column {name!r}.")
            urls = evidence_urls(row[pk] for row in batch)
            batch = [row[:k] + (urls.get(row[pk], []),) + row[k:] for row in batch]
            pk = pk + 1 if pk >= k else pk
        yield batch


def _iso_dates(row: tuple, dates: list[int]) -> tuple:
    values = list(row)
    for i in dates:
        if values[i] is not None and not isinstance(values[i], str):
            values[i] = values[i].isoformat()
    return tuple(values)


def rows(queryset: QuerySet, columns=None, *, chunk_size: int = CHUNK_SIZE) -> Iterator[tuple]:
    """The rows of `row_batches` one by one."""
    for batch in row_batches(queryset, columns, chunk_size=chunk_size):
        yield from batch


def columns_for(model) -> list[str]:
    return [name for name, _ in _columns(model)]


def _columns(model) -> list[tuple[str, str | None]]:
    return QUOTE_COLUMNS if model is Quote else CLAIM_COLUMNS


# --- encoded rows: each row as its CSV line or JSON object ---------------------------------------


def encoded_batches(queryset: QuerySet, fmt: str, *, chunk_size: int = CHUNK_SIZE) -> Iterator[list[str]]:
    """Lists of up to `chunk_size` rows ordered by id, each row already text in `fmt`: a CSV line with its
    newline, or one JSON object. On PostgreSQL the database writes them (COPY … CSV, row_to_json) beside
    the data it already reads: turning two dozen values per row into text is most of an export's cost in
    Python. Elsewhere Python's C writers make the same bytes from `row_batches`."""
    if fmt not in FORMATS:
        raise ValueError(f"Unknown export format {fmt!r}; use one of {', '.join(FORMATS)}.")
    columns = _columns(queryset.model)
    if connection.vendor == "postgresql":
        return (_csv_by_postgresql if fmt == "csv" else _json_by_postgresql)(queryset, columns, chunk_size)
    return (_csv_in_python if fmt == "csv" else _json_in_python)(queryset, columns, chunk_size)


def _csv_in_python(queryset: QuerySet, columns, chunk_size: int) -> Iterator[list[str]]:
    lines: list[str] = []
    writer = csv.writer(_Sink(lines.append), lineterminator="\n")  # the writer writes each row once
    lists = [i for i, (_, path) in enumerate(columns) if path is None]  # evidence URLs: one cell
    for rows_read in row_batches(queryset, columns, chunk_size=chunk_size):
        batch = [_join_lists(row, lists) for row in rows_read] if lists else rows_read
        writer.writerows(batch)
        done = lines.copy()
        lines.clear()
        if any("\r" in line for line in done):
            done = [_csv_line(row) if "\r" in line else line for row, line in zip(batch, done, strict=True)]
        yield done


def _csv_line(row: tuple) -> str:
    """One CSV line quoting every cell that holds a delimiter, a quote or either line break: Python 3.11's
    writer leaves a lone carriage return bare (its reader then fails on the line); PostgreSQL quotes it."""
    cells = ("" if value is None else str(value) for value in row)
    return ",".join(_quoted(cell) if any(c in cell for c in ',"\r\n') else cell for cell in cells) + "\n"


def _quoted(cell: str) -> str:
    return '"' + cell.replace('"', '""') + '"'


def _json_in_python(queryset: QuerySet, columns, chunk_size: int) -> Iterator[list[str]]:
    names, encode, join = [name for name, _ in columns], _row_encoder(), "".join
    for batch in row_batches(queryset, columns, chunk_size=chunk_size):
        yield [join(encode(dict(zip(names, row, strict=True)), 0)) for row in batch]


class _Sink:
    """A file-like `write` that appends to a list: cheaper than a StringIO for the csv writer."""

    def __init__(self, write):
        self.write = write


def _join_lists(row: tuple, indices: list[int]) -> tuple:
    values = list(row)
    for i in indices:
        values[i] = " ".join(values[i])
    return tuple(values)


def _row_encoder():
    """The chunks of json.dumps(obj, ensure_ascii=False, separators=(",", ":")) as `encode(obj, 0)`: the
    compact form PostgreSQL's row_to_json writes, so an export is the same bytes on every database;
    CPython's C encoder built once rather than per row, called without a Python wrapper frame per row."""
    if c_make_encoder is None:  # pragma: no cover (CPython always has it)
        dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
        return lambda obj, _level: (dumps(obj),)
    return c_make_encoder(None, None, encode_basestring, None, ":", ",", False, False, True)


def _postgresql_select(queryset: QuerySet, columns) -> tuple[str, tuple, str]:
    """The ORM's own SELECT of the export columns as (sql, params, "t(<output names>)"): Django 5.2 selects
    them in values_list order, so the alias list renames each to its output name. A computed column is a
    subquery here (evidence URLs as an array, oldest first)."""
    evidence = Evidence.objects.filter(claim=OuterRef("pk")).order_by("id").values("url")
    computed = {"evidence_urls": ArraySubquery(evidence)}
    unknown = [name for name, path in columns if path is None and name not in computed]
    if unknown:
        raise ValueError(f"Unknown computed column {unknown[0]!r}.")
    queryset = queryset.order_by().annotate(**{name: computed[name] for name, path in columns if path is None})
    sql, params = _select(queryset, [path or name for name, path in columns]).query.sql_with_params()
    return sql, params, f"t({', '.join(connection.ops.quote_name(name) for name, _ in columns)})"


def _json_by_postgresql(queryset: QuerySet, columns, chunk_size: int) -> Iterator[list[str]]:
    sql, params, alias = _postgresql_select(queryset, columns)
    with connection.chunked_cursor() as cursor:  # a server-side cursor: one chunk in memory at a time
        # Built from the ORM's own SQL and quoted column names; every value stays a bound parameter.
        cursor.execute(f'SELECT row_to_json(t)::text FROM ({sql}) AS {alias} ORDER BY t."id"', params)  # noqa: S608
        while chunk := cursor.fetchmany(chunk_size):
            yield [row[0] for row in chunk]


def _csv_by_postgresql(queryset: QuerySet, columns, chunk_size: int) -> Iterator[list[str]]:
    """COPY … TO STDOUT streams one line per row. Every cell is made text and never null, so that with a
    null marker that never occurs an empty value is written bare, as Python's csv writer writes it."""
    sql, params, alias = _postgresql_select(queryset, columns)
    quote = connection.ops.quote_name
    cells = ", ".join(
        f"array_to_string(t.{quote(name)}, ' ')" if path is None else f"COALESCE(t.{quote(name)}::text, '')"
        for name, path in columns
    )
    statement = f"""COPY (SELECT {cells} FROM ({sql}) AS {alias} ORDER BY t."id") TO STDOUT (FORMAT csv, NULL '\\N')"""  # noqa: S608 (as above)
    # The raw psycopg cursor's errors raised as Django's (DatabaseError), as the ORM's are: the export
    # view ends a stream that lost its database in a way a client can detect.
    with connection.wrap_database_errors, connection.cursor() as cursor, cursor.cursor.copy(statement, params) as copy:
        lines: list[str] = []
        for line in copy:  # one row per message; the connection's encoding is UTF-8 (Django sets it)
            lines.append(str(line, "utf-8"))
            if len(lines) == chunk_size:
                yield lines
                lines = []
        if lines:
            yield lines


# --- serialisers ---------------------------------------------------------------------------------


BOM = "\ufeff"  # lets Excel read a CSV as UTF-8 (“curly quotes”, £, é) instead of the system code page


def stream_csv(names: list[str], batches: Iterable[list[str]], *, bom: bool = False) -> Iterator[str]:
    """CSV with a header row from batches of CSV lines; `bom` for Excel."""
    yield (BOM if bom else "") + ",".join(names) + "\n"  # the names are plain identifiers
    for batch in batches:
        yield "".join(batch)


def stream_jsonl(batches: Iterable[list[str]]) -> Iterator[str]:
    """JSON Lines from batches of JSON objects: one object per line."""
    for batch in batches:
        if batch:
            yield "\n".join(batch) + "\n"


def stream_json(batches: Iterable[list[str]]) -> Iterator[str]:
    """A JSON array from batches of JSON objects, one object per line."""
    first = True
    yield "["
    for batch in batches:
        if batch:
            yield ("\n" if first else ",\n") + ",\n".join(batch)
            first = False
    yield "\n]\n"


def stream_json_objects(objects: Iterable[dict]) -> Iterator[str]:
    """A JSON array of already-built objects (ClaimReview markup), streamed."""
    yield "["
    for i, obj in enumerate(objects):
        yield ("" if i == 0 else ",\n") + json.dumps(obj, ensure_ascii=False)
    yield "]\n"


def export_stream(*, queryset: QuerySet, fmt: str, chunk_size: int = CHUNK_SIZE, bom: bool = False) -> Iterator[str]:
    """The whole export of `queryset` (quotes or claims) as text pieces in `fmt` (`bom`: CSV for Excel)."""
    return stream(queryset.model, fmt, encoded_batches(queryset, fmt, chunk_size=chunk_size), bom=bom)


def stream(model, fmt: str, batches: Iterable[list[str]], *, bom: bool = False) -> Iterator[str]:
    """The text of an export in `fmt` from its `encoded_batches` (which a caller may wrap, e.g. to count)."""
    if fmt == "csv":
        return stream_csv(columns_for(model), batches, bom=bom)
    return (stream_jsonl if fmt == "jsonl" else stream_json)(batches)
