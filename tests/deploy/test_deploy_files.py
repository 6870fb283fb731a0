"""docker-compose.yml, Dockerfile and Celery settings: read and checked, since no Docker engine runs here."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from factcheck.celery import app as celery_app

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = (ROOT / "factcheck" / "settings.py").read_text()


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_has_the_services_with_healthchecks(compose):
    services = compose["services"]
    assert set(services) == {"postgres", "redis", "web", "worker-extract", "worker-io", "beat"}
    for name in ("postgres", "redis", "web", "worker-extract", "worker-io"):
        assert services[name]["healthcheck"]["test"], name
    for name in ("web", "worker-extract", "worker-io", "beat"):
        assert services[name]["depends_on"]["postgres"]["condition"] == "service_healthy"
        assert services[name]["build"] == "."


def test_compose_commands_name_real_modules(compose):
    services = compose["services"]
    web = services["web"]["command"]
    assert "gunicorn -c gunicorn.conf.py factcheck.wsgi:application" in web and "manage.py migrate" in web
    assert (ROOT / "gunicorn.conf.py").exists()
    assert (ROOT / "factcheck" / "wsgi.py").exists() and (ROOT / "manage.py").exists()
    for worker in ("worker-extract", "worker-io"):
        assert services[worker]["command"][:4] == ["celery", "-A", "factcheck", "worker"]
    assert services["beat"]["command"][:4] == ["celery", "-A", "factcheck", "beat"]
    assert (ROOT / "factcheck" / "celery.py").exists()
    assert "/healthz" in str(services["web"]["healthcheck"]["test"])


def test_compose_environment_is_read_by_settings(compose):
    env = compose["services"]["web"]["environment"]
    for key in env:
        assert re.search(rf'env\.\w+\("{key}"', SETTINGS) or f'"{key}"' in SETTINGS, f"settings.py never reads {key}"
    assert env["DATABASE_URL"].startswith("postgres://") and "@postgres:5432/" in env["DATABASE_URL"]
    assert env["CELERY_BROKER_URL"] == "redis://redis:6379/0"


def test_dockerfile_installs_pinned_requirements():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "pip install -r requirements.txt" in dockerfile and "collectstatic" in dockerfile
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            assert "==" in line, f"unpinned requirement: {line}"


def test_celery_settings_reach_the_app():
    conf = celery_app.conf
    assert conf.task_acks_late is True
    assert conf.worker_prefetch_multiplier == 1
    assert conf.task_serializer == "json"
    assert conf.beat_schedule["requeue-stuck-articles"]["task"] == "claims.tasks.requeue_stuck_articles"
    assert conf.beat_schedule["poll-due-feeds"]["task"] == "claims.tasks.poll_due_feeds"
    celery_app.loader.import_default_modules()
    assert {
        "claims.tasks.extract_article",
        "claims.tasks.fetch_url",
        "claims.tasks.requeue_stuck_articles",
        "claims.tasks.poll_feed",
        "claims.tasks.poll_due_feeds",
        "claims.tasks.fetch_feed_item",
        "claims.tasks.deliver_webhook",
    } <= set(celery_app.tasks)
    assert celery_app.tasks["claims.tasks.extract_article"].acks_late is True


def test_healthz(client, db):
    assert client.get("/healthz").json() == {"status": "ok"}


def test_production_settings_pass_check_deploy():
    env = dict(
        os.environ,
        DJANGO_ENV="production",
        SECRET_KEY="x" * 60 + "-production-test-key-0123456789",
        ALLOWED_HOSTS="quotecheck.example.org",
        DATABASE_URL="sqlite:///:memory:",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_the_dev_secret_key():
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    env.update(DJANGO_ENV="production", ALLOWED_HOSTS="quotecheck.example.org")
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode != 0 and "SECRET_KEY must be set" in result.stderr
