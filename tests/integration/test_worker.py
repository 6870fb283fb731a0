"""End to end on real services: API → PostgreSQL → Redis → a real Celery worker process → API (and a webhook
receiver on 127.0.0.1).

Needs CELERY_BROKER_URL=redis://… and DATABASE_URL=postgres://… (as .ci/run sets them);
skips locally without them and fails in CI.
"""

import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from claims.models import Article, WebhookDelivery
from claims.roles import Role
from claims.services import review
from tests.conftest import DATA_BODY, redis_url, use_broker, wait_for
from tests.factories import QuoteFactory, UserFactory, WebhookEndpointFactory
from tests.samples import ARTICLE

pytestmark = pytest.mark.services

STORY = (
    "Demo: River authority raises flood warning\n\n"
    "The river rose 1.8 metres overnight, the highest level since 1998, officials said.\n\n"
    "“We are asking people in low-lying streets to move their cars now,” said Priya Natarajan, "
    "who chairs the river authority. “This is not a drill.”"
)


def article_status(api_client, article_id):
    body = api_client.get(f"/api/articles/{article_id}/").json()
    return body if body["status"] in ("extracted", "failed") else None


def test_article_is_extracted_by_a_real_worker(celery_worker, api_client):
    response = api_client.post("/api/articles/", json.dumps({"text": STORY}), content_type="application/json")
    assert response.status_code == 201
    article_id = response.json()["id"]

    done = wait_for(lambda: article_status(api_client, article_id), timeout=90)
    assert done["status"] == "extracted", done["error"]
    quotes = api_client.get(f"/api/quotes/?article={article_id}&status=any").json()["results"]
    assert [q["text"] for q in quotes] == [
        "We are asking people in low-lying streets to move their cars now,",
        "This is not a drill.",
    ]
    assert {q["speaker"]["name"] for q in quotes} == {"Priya Natarajan"}
    assert all(q["attribution_reason"] for q in quotes)


def test_broker_down_at_submit_loses_nothing(celery_worker, api_client, caplog):
    use_broker("redis://127.0.0.1:1/0")  # nothing listens on port 1
    started = timezone.now()
    response = api_client.post("/api/articles/", json.dumps({"text": ARTICLE}), content_type="application/json")
    assert response.status_code == 201, response.content
    assert (timezone.now() - started) < timedelta(seconds=15)
    assert "Could not enqueue claims.tasks.extract_article" in caplog.text  # the publish really failed
    article = Article.objects.get(pk=response.json()["id"])
    assert article.status == Article.Status.RECEIVED

    # The broker is back: the sweep re-sends the article and the worker extracts it.
    use_broker(redis_url(), prefix=celery_worker)
    Article.objects.filter(pk=article.pk).update(status_changed_at=timezone.now() - timedelta(hours=1))
    call_command("requeue_stuck")
    done = wait_for(lambda: article_status(api_client, article.pk), timeout=90)
    assert done["status"] == "extracted"
    assert api_client.get(f"/api/quotes/?article={article.pk}&status=any").json()["results"]


def test_real_worker_delivers_a_signed_event(celery_worker, receiver):
    """The worker process sends the webhook event to the receiver in this process, signed as the README says."""
    alice = UserFactory(username="alice-worker", role=Role.REVIEWER)
    quote = QuoteFactory(article__body_text=DATA_BODY, text="Taxes will rise")
    hook = WebhookEndpointFactory(url=receiver.url)
    review.item_set_status(item=quote, user=alice, version=quote.version, status="verified")
    wait_for(lambda: WebhookDelivery.objects.filter(endpoint=hook, status="delivered").exists(), timeout=30)
    receiver.assert_signed(receiver.requests[0], secret=hook.secret)
    assert json.loads(receiver.requests[0]["body"])["data"]["id"] == quote.pk
