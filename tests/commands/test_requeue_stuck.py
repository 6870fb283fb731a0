"""manage.py requeue_stuck: articles left received (the broker was down) or failed are sent to extraction again."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from claims.models import Article
from claims.services.articles import article_create
from tests.samples import ARTICLE

pytestmark = pytest.mark.django_db


def test_requeue_stuck_processes_old_articles():
    article = article_create(text=ARTICLE).article  # on_commit never ran: as if the broker was down
    assert article.status == Article.Status.RECEIVED
    out = StringIO()
    call_command("requeue_stuck", stdout=out)
    assert "requeued 0 article(s)" in out.getvalue()  # not old enough yet

    Article.objects.filter(pk=article.pk).update(status_changed_at=timezone.now() - timedelta(hours=1))
    out = StringIO()
    call_command("requeue_stuck", stdout=out)
    assert f"requeued 1 article(s): {article.pk}" in out.getvalue()
    article.refresh_from_db()
    assert article.status == Article.Status.EXTRACTED and article.quotes.exists()


def test_requeue_failed_on_request():
    article = article_create(text=ARTICLE).article
    Article.objects.filter(pk=article.pk).update(status=Article.Status.FAILED, error="boom")
    out = StringIO()
    call_command("requeue_stuck", "--failed", stdout=out)
    article.refresh_from_db()
    assert article.status == Article.Status.EXTRACTED and article.error == ""
