"""Queue background work: the one way services hand a task to Celery.

`enqueue` sends the task only after the surrounding transaction commits (a worker never sees a row
that is not there yet, and a rolled-back request queues nothing), and a broker that is down loses
nothing: the failure is logged and the row stays in a state the periodic sweep picks up again
(an article stays `received`, a webhook delivery `pending`). Services import tasks only here.
"""

from __future__ import annotations

import logging
from typing import Any

from celery import Task
from django.db import transaction

from claims import tasks

log = logging.getLogger(__name__)


def send_now(task: Task[Any, Any], *args: object, countdown: float | None = None) -> bool:
    """Publish `task(*args)` at once (to run after `countdown` seconds); False (logged) if the broker is down.

    The message carries no time limits: the worker that runs the task applies its own (its settings), so a
    web process configured differently can never loosen or tighten them.
    """
    try:
        options: dict[str, Any] = {"time_limit": None, "soft_time_limit": None}  # explicit None: no limits sent
        if countdown:
            options["countdown"] = countdown
        task.apply_async(args, **options)
    except Exception as exc:  # any broker error: the row stays put and the sweep re-sends it
        log.warning("Could not enqueue %s%r: %s", task.name, args, exc)
        return False
    return True


def enqueue(task: Task[Any, Any], *args: object, countdown: float | None = None) -> None:
    """Publish `task(*args)` once the current transaction commits (at once outside a transaction)."""
    if countdown:
        transaction.on_commit(lambda: send_now(task, *args, countdown=countdown))
    else:
        transaction.on_commit(lambda: send_now(task, *args))


def enqueue_extraction(article_id: int) -> None:
    enqueue(tasks.extract_article, article_id)


def enqueue_fetch(fetch_id: int) -> None:
    enqueue(tasks.fetch_url, fetch_id)


def enqueue_delivery(delivery_id: int) -> None:
    enqueue(tasks.deliver_webhook, delivery_id)


def send_extraction(article_id: int) -> bool:
    """Publish an extraction right now (the sweep, which holds no transaction)."""
    return send_now(tasks.extract_article, article_id)


def enqueue_feed_poll(feed_id: int, *, countdown: float | None = None) -> None:
    enqueue(tasks.poll_feed, feed_id, countdown=countdown)


def enqueue_feed_item(item_id: int, *, countdown: float | None = None) -> None:
    enqueue(tasks.fetch_feed_item, item_id, countdown=countdown)


def send_feed_poll(feed_id: int, *, countdown: float | None = None) -> bool:
    """Publish a feed poll right now (the beat's schedule check, which holds no transaction)."""
    return send_now(tasks.poll_feed, feed_id, countdown=countdown)
