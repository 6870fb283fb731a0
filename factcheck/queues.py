"""The Celery queues and which task goes where: one queue per kind of work.

A poison article that keeps the extractor busy for its whole time limit must not delay a URL fetch, a
feed poll, a webhook or the sweep that rescues lost articles, so each kind has its own queue and the
deployment runs separate workers for them (docker-compose.yml: `worker-extract` for `extract`,
`worker-io` for the rest).
"""

EXTRACT, FETCH, FEEDS, WEBHOOKS, SWEEP = "extract", "fetch", "feeds", "webhooks", "sweep"
QUEUES = (EXTRACT, FETCH, FEEDS, WEBHOOKS, SWEEP)

ROUTES = {
    "claims.tasks.extract_article": EXTRACT,
    "claims.tasks.fetch_url": FETCH,
    "claims.tasks.fetch_feed_item": FETCH,
    "claims.tasks.poll_feed": FEEDS,
    "claims.tasks.poll_due_feeds": FEEDS,
    "claims.tasks.deliver_webhook": WEBHOOKS,
    "claims.tasks.requeue_stuck_articles": SWEEP,
}


def task_routes(prefix: str = "") -> dict[str, dict[str, str]]:
    """CELERY_TASK_ROUTES with every queue name prefixed (several installations or test runs on one Redis)."""
    return {task: {"queue": prefix + queue} for task, queue in ROUTES.items()}
