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

from django.db import connection
from django.db.models import Case, CharField, F, FloatField, Func, Q, QuerySet, Value, When

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
QUOTE_COLUMNS = [
    ("id", "id"), ("text", "text"), ("kind", "kind"), ("status", "status"),
    *_SPEAKER, ("speaker_source", "speaker_source"), ("speaker_set_by", "speaker_set_by__username"),
    ("speaker_mention", "speaker_mention"), ("cue", "cue"), ("confidence", "model_confidence"),
    *_CONTEXT, *_REVIEW,
]  # fmt: skip
CLAIM_COLUMNS = [
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
    columns = columns or (QUOTE_COLUMNS if queryset.model is Quote else CLAIM_COLUMNS)
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
    return [name for name, _ in (QUOTE_COLUMNS if model is Quote else CLAIM_COLUMNS)]


# --- serialisers ---------------------------------------------------------------------------------


BOM = "\ufeff"  # lets Excel read a CSV as UTF-8 (“curly quotes”, £, é) instead of the system code page


def stream_csv(names: list[str], batches: Iterable[list], *, bom: bool = False) -> Iterator[str]:
    """CSV with a header row; list values (evidence URLs) as one cell, space-separated; `bom` for Excel."""
    parts: list[str] = [BOM] if bom else []
    sink = type("Sink", (), {"write": staticmethod(parts.append)})()  # cheaper than a StringIO
    writer = csv.writer(sink, lineterminator="\n")
    writer.writerow(names)
    lists = [i for i, name in enumerate(names) if name == "evidence_urls"]
    for batch in batches:
        writer.writerows([_join_lists(row, lists) for row in batch] if lists else batch)
        yield "".join(parts)
        parts.clear()
    if parts:
        yield "".join(parts)


def _join_lists(row: tuple, indices: list[int]) -> tuple:
    values = list(row)
    for i in indices:
        values[i] = " ".join(values[i])
    return tuple(values)


def _row_encoder():
    """The chunks of json.dumps(obj, ensure_ascii=False), as `encode(obj, 0)`: CPython's C encoder built
    once rather than per row, called without a Python wrapper frame per row (the rows' main cost)."""
    if c_make_encoder is None:  # pragma: no cover (CPython always has it)
        dumps = json.JSONEncoder(ensure_ascii=False).encode
        return lambda obj, _level: (dumps(obj),)
    return c_make_encoder(None, None, encode_basestring, None, ": ", ", ", False, False, True)


def stream_jsonl(names: list[str], batches: Iterable[list]) -> Iterator[str]:
    encode, join = _row_encoder(), "".join
    for batch in batches:
        yield join([join(encode(dict(zip(names, row, strict=True)), 0)) + "\n" for row in batch])


def stream_json(names: list[str], batches: Iterable[list]) -> Iterator[str]:
    encode, join = _row_encoder(), "".join
    first = True
    yield "["
    for batch in batches:
        if batch:
            yield ("\n" if first else ",\n") + ",\n".join(
                [join(encode(dict(zip(names, row, strict=True)), 0)) for row in batch]
            )
            first = False
    yield "\n]\n"


def stream_json_objects(objects: Iterable[dict]) -> Iterator[str]:
    """A JSON array of already-built objects (ClaimReview markup), streamed."""
    yield "["
    for i, obj in enumerate(objects):
        yield ("" if i == 0 else ",\n") + json.dumps(obj, ensure_ascii=False)
    yield "]\n"


STREAMERS = {"csv": stream_csv, "jsonl": stream_jsonl, "json": stream_json}


def export_stream(*, queryset: QuerySet, fmt: str, chunk_size: int = CHUNK_SIZE, bom: bool = False) -> Iterator[str]:
    """The whole export of `queryset` (quotes or claims) as text pieces in `fmt` (`bom`: CSV for Excel)."""
    if fmt not in STREAMERS:
        raise ValueError(f"Unknown export format {fmt!r}; use one of {', '.join(FORMATS)}.")
    batches = row_batches(queryset, chunk_size=chunk_size)
    if fmt == "csv":
        return stream_csv(columns_for(queryset.model), batches, bom=bom)
    return STREAMERS[fmt](columns_for(queryset.model), batches)
