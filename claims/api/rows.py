"""Serializer-shaped rows for the list endpoints, read with `values()`: the JSON a serializer gives, key
for key and byte for byte, without a model instance or a DRF field walk per row and cell.

A page of 50 quotes through QuoteSerializer spent nearly all its time in per-row Python: three model
instances per row, nested serializers, and (before it was stored) the sentence regex run over the whole
article body once per row. `RowPlan` reads a serializer's declared fields once (at import) and compiles
them to `values()` paths, plus a converter only for the types whose JSON form differs from the database
value (datetimes, floats): nested single objects (speaker, article) become prefixed columns and nested
lists (evidence, corrections) one query per page. A field it cannot compile raises at import, so a field
added to a serializer cannot silently go missing from the lists.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from functools import cached_property
from operator import itemgetter
from typing import Any

from django.conf import settings
from django.db.models import Model, QuerySet
from django.utils import timezone
from rest_framework import ISO_8601
from rest_framework import serializers as drf
from rest_framework.settings import api_settings

# A cell's JSON value from its database value and the page's current time zone (read once per page: Django's
# get_current_timezone() goes through a thread-local and cost more than the conversion itself).
Converter = Callable[[Any, tzinfo], Any] | None
# JSON-ready as the database returns them (DRF's to_representation is the identity for these values).
_AS_IS = (drf.CharField, drf.IntegerField, drf.ChoiceField, drf.JSONField, drf.BooleanField)


def _plain(to_representation: Callable[[Any], Any]) -> Callable[[Any, tzinfo], Any]:
    """A DRF field's own to_representation as a converter (it needs no time zone)."""
    return lambda value, zone: to_representation(value)


def _datetime_converter(declared: drf.DateTimeField) -> Callable[[Any, tzinfo], Any]:
    """DRF's DateTimeField.to_representation for a datetime from the database, without its per-value
    settings lookups when the field uses the defaults (ISO 8601 in the current time zone): the same string,
    "Z" for UTC. Any other field, or a naive value, goes through DRF itself."""
    general = declared.to_representation
    custom = hasattr(declared, "format") or hasattr(declared, "timezone")
    if custom or not settings.USE_TZ or str(api_settings.DATETIME_FORMAT).lower() != ISO_8601:
        return _plain(general)

    def iso(value: Any, zone: tzinfo) -> Any:
        if not isinstance(value, datetime) or value.utcoffset() is None:
            return general(value)
        text = value.astimezone(zone).isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text

    return iso


def _path(source: str) -> str:
    """A DRF dotted source as a values() path: "reviewer.get_username" → "reviewer__username"."""
    parts = ["username" if part == "get_username" else part for part in source.split(".")]
    return "__".join(parts)


@dataclass
class _Column:
    key: str
    path: str = ""  # the values() key; "" for nested lists
    convert: Converter = None
    nested: "RowPlan | None" = None  # a nested single object (None when its `<path>_id` is null)
    many: "_ManyPlan | None" = None  # a nested list, read with one query per page


@dataclass
class _ManyPlan:
    model: type[Model]
    parent_fk: str  # the child's foreign key to the parent ("claim")
    plan: "RowPlan"

    @cached_property
    def children(self) -> QuerySet:
        """The children's values() query, built once: composing it cost more than running it per page."""
        return self.model._default_manager.values(self.parent_fk + "_id", *self.plan.paths)


@dataclass
class RowPlan:
    """A serializer compiled to the values() paths it reads and the way each becomes its JSON value.

    A row is built in three C-level steps and a short loop: `itemgetter` takes every column's value in
    serializer order, `dict(zip(...))` makes the object (so keys keep the serializer's order, which the
    JSON bytes depend on), then only the columns that need work are replaced in place: converted values
    (datetimes, floats), nested objects and nested lists.
    """

    columns: list[_Column]
    paths: list[str] = field(default_factory=list)
    finish: Callable[[dict, dict], None] | None = None  # the serializer's own rule on the finished dict

    def __post_init__(self) -> None:
        placeholder = "id" if "id" in self.paths else (self.paths[0] if self.paths else "")
        self._keys = tuple(column.key for column in self.columns)
        take = itemgetter(*[column.path or placeholder for column in self.columns])
        # itemgetter of one path returns the value, not a 1-tuple
        self._take: Callable[[dict], tuple] = take if len(self.columns) > 1 else lambda row: (take(row),)
        self._converted = [(c.key, c.path, c.convert) for c in self.columns if c.convert is not None]
        self._nested = [(c.key, c.nested) for c in self.columns if c.nested is not None]
        self._many = [c.key for c in self.columns if c.many is not None]

    @classmethod
    def compile(cls, serializer_class: type[drf.Serializer], prefix: str = "") -> "RowPlan":
        columns: list[_Column] = []
        paths: list[str] = []
        for key, declared in serializer_class().fields.items():
            source = prefix + _path(declared.source or key)
            if isinstance(declared, drf.ListSerializer) and not prefix:
                child: Any = declared.child
                model = serializer_class.Meta.model  # type: ignore[attr-defined]  # a ModelSerializer
                relation = getattr(model, declared.source or key).rel
                plan = RowPlan.compile(type(child))
                columns.append(_Column(key, many=_ManyPlan(relation.related_model, relation.field.name, plan)))
                continue
            if isinstance(declared, drf.Serializer):
                nested = RowPlan.compile(type(declared), prefix=source + "__")
                columns.append(_Column(key, path=source + "_id", nested=nested))
                paths.append(source + "_id")
                paths.extend(nested.paths)
                continue
            if isinstance(declared, drf.PrimaryKeyRelatedField):
                column = _Column(key, path=source + "_id")
            elif isinstance(declared, drf.StringRelatedField):
                column = _Column(key, path=source + "__username")  # str(user) is its username
            elif isinstance(declared, drf.DateTimeField):
                column = _Column(key, path=source, convert=_datetime_converter(declared))
            elif isinstance(declared, drf.FloatField | drf.DecimalField | drf.BigIntegerField):
                column = _Column(key, path=source, convert=_plain(declared.to_representation))
            elif isinstance(declared, _AS_IS):
                column = _Column(key, path=source)
            else:
                raise TypeError(f"{serializer_class.__name__}.{key}: no values() form for {type(declared).__name__}")
            columns.append(column)
            paths.append(column.path)
        finish = getattr(serializer_class, "finish_row", None)
        if any(c.many is not None for c in columns) and "id" not in paths:
            raise TypeError(f"{serializer_class.__name__}: a nested list needs the parent's id among the fields")
        return cls(columns, list(dict.fromkeys(paths)), finish)

    def one(self, row: dict, extra: dict[str, dict[int, list]], zone: tzinfo) -> dict:
        out = dict(zip(self._keys, self._take(row), strict=True))
        for key, path, convert in self._converted:
            value = row[path]
            if value is not None:
                out[key] = convert(value, zone)
        for key, nested in self._nested:
            if out[key] is not None:
                out[key] = nested.one(row, extra, zone)
        for key in self._many:
            out[key] = extra[key].get(row["id"], [])
        if self.finish is not None:
            self.finish(out, row)
        return out

    def values(self, queryset: QuerySet) -> QuerySet:
        """The queryset's rows as the dicts this plan reads (filters and ordering kept)."""
        return queryset.prefetch_related(None).values(*self.paths)

    def render(self, rows: Iterable[dict]) -> list[dict]:
        """The page's rows as the serializer would give them, with one query per nested list."""
        rows = list(rows)
        ids = [row["id"] for row in rows]
        zone = timezone.get_current_timezone()
        extra: dict[str, dict[int, list]] = {}
        for column in self.columns:
            if column.many is not None:
                many = column.many
                grouped: dict[int, list] = defaultdict(list)
                fk = many.parent_fk + "_id"
                for child in many.children.filter(**{fk + "__in": ids}):
                    grouped[child[fk]].append(many.plan.one(child, {}, zone))
                extra[column.key] = grouped
        return [self.one(row, extra, zone) for row in rows]
