"""Writing one quote or claim: the lock order, the optimistic version check, its history, deadlock retries.

One lock order wherever items are written (review actions, extraction, speaker merges): first the article
row `FOR NO KEY UPDATE`, then the item rows. A review that arrives while the extractor stores its output for
the same article therefore waits for it instead of deadlocking with it. (`NO KEY`: the article's key never
changes, so inserting history rows, which reference the article, is not blocked by the lock.)

Should PostgreSQL still report a deadlock or a serialization failure, the write — one short transaction —
is retried; when the retries run out, or the write runs inside a caller's transaction and cannot be
retried alone, `Busy` (HTTP 503 with Retry-After) tells the client to send it again.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, ParamSpec, TypeVar

from django.db import DatabaseError, connection, transaction
from django.db.models import Model

from claims.models import Article, ReviewedSpan, ReviewEvent
from claims.roles import User, acting
from claims.selectors.history import Change, changes_since, last_changed_by

Item = TypeVar("Item", bound=ReviewedSpan)  # a Quote or a Claim
P = ParamSpec("P")
R = TypeVar("R")

# Fields whose human value re-extraction must keep (status/verdict are guarded by the reviewed status).
HUMAN_TRACKED = {"speaker", "text", "start", "end", "kind", "cue", "checkworthiness", "quote"}
SPAN_FIELDS = {"start", "end", "text"}
RETRIES = 2  # attempts after the first, for a deadlock or serialization failure
RETRY_PAUSE = 0.05  # seconds, doubled per attempt
RETRY_AFTER = 2  # seconds a client is told to wait when the retries ran out
RETRYABLE_SQLSTATES = {"40P01", "40001"}  # deadlock_detected, serialization_failure


class ReviewError(ValueError):
    """Bad input for a review action (HTTP 400) with a message for the reviewer."""

    status = 400
    code = "invalid"

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class ItemLocked(ReviewError):  # noqa: N818  # a state of the item, named for it
    """The item is verified or rejected: an editor reopens it before anything published can change (HTTP 409)."""

    status = 409
    code = "locked"


class StaleVersion(Exception):  # noqa: N818  # the name says what happened; it is not an "error" of the caller's
    """Someone else changed the item since the caller read it (HTTP 409): the current row and what changed."""

    status = 409

    def __init__(self, current: ReviewedSpan, changes: list[Change], changed_by: str | None):
        self.current, self.changes, self.changed_by = current, changes, changed_by
        who = changed_by or "the extractor"
        fields = ", ".join(c.field.replace("_", " ") for c in changes)
        what = f": {fields}" if fields else ""
        super().__init__(
            f"This {current.type} was changed by {who} since you opened it{what} (now version {current.version})."
        )
        self.message = str(self)


def stale(row: ReviewedSpan, version: int | None) -> StaleVersion:
    """The conflict for a writer who read `version` of `row`."""
    changes = changes_since(row, version) if version is not None else []
    return StaleVersion(row, changes, changes[0].by if changes else last_changed_by(row))


class Busy(Exception):  # noqa: N818  # a state of the database, not the caller's error
    """The database could not take the write now (a deadlock or serialization failure): retry (HTTP 503)."""

    status = 503
    retry_after = RETRY_AFTER
    message = "The article is being updated by someone else right now; nothing was saved. Try again in a moment."


def retryable(exc: BaseException) -> bool:
    """A failure that a fresh attempt of the same transaction can get past."""
    cause = exc.__cause__
    code = getattr(cause, "sqlstate", None) or getattr(cause, "pgcode", None)
    return code in RETRYABLE_SQLSTATES or "database is locked" in str(exc)


def retrying(func: Callable[P, R]) -> Callable[P, R]:
    """Run `func` (which opens its own transaction) again after a deadlock; `Busy` once that fails too."""

    @functools.wraps(func)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        attempts = 1 if connection.in_atomic_block else 1 + RETRIES  # inside a caller's transaction: no retry
        for attempt in range(attempts):
            try:
                return func(*args, **kwargs)
            except DatabaseError as exc:
                if not retryable(exc):
                    raise
                if attempt + 1 == attempts:
                    raise Busy() from exc
                time.sleep(RETRY_PAUSE * 2**attempt)
        raise AssertionError("unreachable")  # pragma: no cover

    return run


def lock_article(article_id: int) -> None:
    """Take the article's row lock (first in the lock order); inside a transaction."""
    list(Article.objects.select_for_update(no_key=True).filter(pk=article_id).values_list("pk", flat=True))


def lock_articles(article_ids: Iterable[int]) -> None:
    """Lock several articles, always in id order (so two such writers cannot deadlock)."""
    ids = sorted(set(article_ids))
    if ids:
        list(Article.objects.select_for_update(no_key=True).filter(pk__in=ids).order_by("pk").values_list("pk"))


@dataclass
class _Change:
    field: str
    old: object
    new: object


def display(value: object) -> object:
    """A value as the history stores it (JSON): rows as {id, name}, dates as ISO strings."""
    if isinstance(value, Model):
        return {"id": value.pk, "name": str(value)}
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


@retrying
def write(
    item: Item,
    *,
    user: User | None,
    version: int | None,
    changes: dict[str, Any] | Callable[[Item], dict[str, Any]],
    action: str,
    human: bool = True,
    quiet: Collection[str] = (),
    guard: Callable[[Item], None] | None = None,
    after: Callable[[Item], None] | None = None,
) -> Item:
    """Lock the article then `item`, check `version`, run `guard` on the locked row, set `changes` (or what
    `changes(row)` returns, for changes that depend on the locked row), log one event per changed field (not
    for `quiet` ones), bump the version, then run `after` in the same transaction. Returns the fresh row."""
    model = type(item)
    with transaction.atomic():
        lock_article(item.article_id)
        row = model._default_manager.select_for_update().get(pk=item.pk)
        if version is None or int(version) != row.version:
            raise stale(row, version)
        if guard is not None:
            guard(row)
        wanted = changes(row) if callable(changes) else changes
        applied = [_Change(name, getattr(row, name), new) for name, new in wanted.items() if getattr(row, name) != new]
        if not any(c.field not in quiet for c in applied):
            return row  # nothing a person would call a change (e.g. the same speaker picked again)
        for change in applied:
            setattr(row, change.field, change.new)
        if human:
            marked = {c.field for c in applied if c.field in HUMAN_TRACKED}
            if marked & SPAN_FIELDS:
                marked |= SPAN_FIELDS  # a moved span is the reviewer's as a whole
            row.human_fields = sorted(set(row.human_fields) | marked)
        row.version += 1
        row.save()
        log(row, user=user, action=action, changes=[(c.field, c.old, c.new) for c in applied if c.field not in quiet])
        if after is not None:
            after(row)
    return row


def log(row: ReviewedSpan, *, user: User | None, action: str, changes: list[tuple[str, object, object]]) -> None:
    """One history event per (field, old, new), stamped with the row's (new) version."""
    target = {row.type: row}
    ReviewEvent.objects.bulk_create(
        [
            ReviewEvent(
                article_id=row.article_id,
                actor=acting(user),
                action=action,
                field=name,
                old_value=display(old),
                new_value=display(new),
                version=row.version,
                **target,
            )
            for name, old, new in changes
        ]
    )
