"""Queues: each kind of work has its own, every task is routed, and docker-compose.yml runs a consumer for
every queue — read from the files, since no Docker engine runs here; the settings are checked where they
arrive (the Celery app's configuration and the tasks themselves)."""

from pathlib import Path

import pytest
import yaml
from django.conf import settings

from factcheck.celery import app as celery_app
from factcheck.queues import EXTRACT, QUEUES, ROUTES, task_routes

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def queues_of(command: list[str]) -> set[str]:
    return set(command[command.index("-Q") + 1].split(",")) if "-Q" in command else set()


def test_every_task_is_routed_to_a_known_queue():
    celery_app.loader.import_default_modules()
    ours = {name for name in celery_app.tasks if name.startswith("claims.")}
    assert ours == set(ROUTES), "a task without a queue, or a route without a task"
    assert set(ROUTES.values()) == set(QUEUES)


def test_the_routes_and_queues_reach_the_celery_app():
    conf = celery_app.conf
    assert conf.task_routes == task_routes(settings.CELERY_QUEUE_PREFIX)
    assert {q.name for q in conf.task_queues} >= {settings.CELERY_QUEUE_PREFIX + q for q in QUEUES}
    router = celery_app.amqp.router
    assert router.route({}, "claims.tasks.extract_article")["queue"].name == settings.CELERY_QUEUE_PREFIX + EXTRACT
    assert router.route({}, "claims.tasks.fetch_url")["queue"].name == settings.CELERY_QUEUE_PREFIX + "fetch"


def test_compose_runs_a_worker_for_every_queue_and_extraction_alone(compose):
    services = compose["services"]
    consumed = {name: queues_of(service["command"]) for name, service in services.items()
                if isinstance(service.get("command"), list) and "worker" in service["command"]}  # fmt: skip
    assert set().union(*consumed.values()) == set(QUEUES)
    assert consumed["worker-extract"] == {EXTRACT}
    assert EXTRACT not in consumed["worker-io"]
    extract = services["worker-extract"]
    assert "prefork" in extract["command"]  # time limits need a process pool
    assert extract["environment"]["EXTRACTION_PRELOAD_MODEL"] == "true"


def test_the_extraction_limits_reach_the_task():
    task = celery_app.tasks["claims.tasks.extract_article"]
    assert task.soft_time_limit == settings.EXTRACTION_SOFT_TIME_LIMIT
    assert task.time_limit == settings.EXTRACTION_TIME_LIMIT > task.soft_time_limit


def test_the_worker_memory_bound_reaches_the_celery_app():
    assert celery_app.conf.worker_max_memory_per_child == settings.CELERY_WORKER_MAX_MEMORY_PER_CHILD == 700 * 1024


def test_the_readme_documents_the_queues_and_workers():
    readme = (ROOT / "README.md").read_text()
    for name in (*QUEUES, "worker-extract", "worker-io", "EXTRACTION_SOFT_TIME_LIMIT", "NETWORK_ALLOW_LOOPBACK"):
        assert name in readme, name
