"""claims.web.reader: an article with its quotes and claims highlighted, the selected item's inspector, refresh
while extracting, retry when failed or stuck, escaping of everything users and the extractor wrote, query counts."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from claims.models import Article, Quote
from claims.roles import Role
from claims.services import review
from tests.factories import ArticleFactory, ClaimFactory, QuoteFactory, SpeakerFactory, UserFactory

from .conftest import STORY, act


@pytest.fixture
def staff_client(client, db):
    client.force_login(UserFactory(username="stella", is_staff=True, is_superuser=True))
    return client


def test_detail_highlights_quotes_with_speaker_and_claims(alice_client):
    article = ArticleFactory(body_text=STORY, title="Housing row")
    speaker = SpeakerFactory(name="Ana Ruiz")
    quote = QuoteFactory(
        article=article,
        start=1,
        end=30,
        kind=Quote.Kind.DIRECT,
        speaker=speaker,
        speaker_mention="Ana Ruiz",
        cue="said",
        confidence=0.9,
        attribution_reason="nearest PERSON subject of 'said'",
    )
    claim = ClaimFactory(article=article, start=1, end=29, checkworthiness=0.8, signals=["number"])
    partial = QuoteFactory(article=article, text="12 members", kind=Quote.Kind.PARTIAL, status="verified")

    response = alice_client.get(reverse("claims:article_detail", args=[article.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert f'id="quote-{quote.pk}"' in html and f'id="claim-{claim.pk}"' in html
    assert 'data-kind="direct"' in html and 'data-kind="partial"' in html and 'data-status="verified"' in html
    assert f'data-id="{partial.pk}"' in html
    assert 'class="hl-label" aria-hidden="true">Ana Ruiz</span>' in html
    reason = "Nearest person subject of &#x27;said&#x27;"  # the tagger's label in words
    assert reason not in html  # the reason is in the inspector of the selected quote
    selected = alice_client.get(reverse("claims:article_detail", args=[article.pk]), {"item": f"quote-{quote.pk}"})
    assert reason in selected.content.decode()
    assert "90%" in html and "80% check-worthy" in html
    assert html.count("<p data-start") == 2
    # the claim is inside the quote: the quote element opens first
    assert html.index(f'id="quote-{quote.pk}"') < html.index(f'id="claim-{claim.pk}"')
    assert reverse("admin:claims_quote_change", args=[quote.pk]) not in html  # not staff


def test_detail_links_to_admin_for_staff(staff_client):
    article = ArticleFactory(body_text=STORY)
    quote = QuoteFactory(article=article, start=1, end=30)
    html = staff_client.get(
        reverse("claims:article_detail", args=[article.pk]), {"item": f"quote-{quote.pk}"}
    ).content.decode()
    assert reverse("admin:claims_quote_change", args=[quote.pk]) in html
    assert reverse("admin:claims_article_change", args=[article.pk]) in html


def test_detail_escapes_markup_in_article(alice_client):
    body = "Intro <script>alert('x')</script> and “<b>bold</b> words,” she said."
    article = ArticleFactory(body_text=body, title="<script>alert(1)</script>")
    QuoteFactory(article=article, start=body.index("<b>"), end=body.index(",”") + 1, speaker_mention="<i>she</i>")
    html = alice_client.get(reverse("claims:article_detail", args=[article.pk])).content.decode()
    assert "<script>alert" not in html and "<b>bold" not in html and "<i>she" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_detail_in_progress_refreshes_and_failed_offers_retry(alice_client):
    processing = ArticleFactory(status=Article.Status.PROCESSING)
    html = alice_client.get(reverse("claims:article_detail", args=[processing.pk])).content.decode()
    assert 'http-equiv="refresh"' in html and "Extracting quotes and claims" in html

    failed = ArticleFactory(status=Article.Status.FAILED, error="ValueError: boom")
    html = alice_client.get(reverse("claims:article_detail", args=[failed.pk])).content.decode()
    assert 'http-equiv="refresh"' not in html
    assert "ValueError: boom" in html and reverse("claims:article_retry", args=[failed.pk]) in html


def test_detail_of_stuck_article_stops_refreshing_and_offers_retry(alice_client, settings):
    settings.STUCK_ARTICLE_MINUTES = 15
    article = ArticleFactory(status=Article.Status.RECEIVED)
    Article.objects.filter(pk=article.pk).update(status_changed_at=timezone.now() - timedelta(hours=1))
    html = alice_client.get(reverse("claims:article_detail", args=[article.pk])).content.decode()
    assert 'http-equiv="refresh"' not in html
    assert "longer than expected" in html and reverse("claims:article_retry", args=[article.pk]) in html


def test_detail_query_count_is_constant_in_number_of_quotes(alice_client):
    def queries_for(n):
        body = " ".join(f"“Q{i:03d},” said Speaker{i % 3}." for i in range(n))
        article = ArticleFactory(body_text=body)
        speakers = [SpeakerFactory(name=f"Speaker {i}") for i in range(3)]
        pos = 0
        for i in range(n):
            start = body.index(f"Q{i:03d}", pos)
            quote = QuoteFactory(article=article, start=start, end=start + 5, speaker=speakers[i % 3])
            ClaimFactory(article=article, start=start, end=start + 4, speaker=speakers[i % 3], quote=quote)
            pos = start
        with CaptureQueriesContext(connection) as ctx:
            response = alice_client.get(reverse("claims:article_detail", args=[article.pk]))
        assert response.status_code == 200 and response.content.count(b'data-type="quote"') >= n
        return len(ctx)

    # session, user with its role (claims.auth), article, quotes, claims, preferences, the nav's "My queue (n)"
    assert queries_for(5) == queries_for(50) == 7


def test_detail_404_for_unknown_article(alice_client):
    assert alice_client.get(reverse("claims:article_detail", args=[999])).status_code == 404


def test_reader_shows_inspector_for_selected_item(alice_client, quote):
    url = reverse("claims:article_detail", args=[quote.article_id])
    html = alice_client.get(url, {"item": f"quote-{quote.pk}"}).content.decode()
    assert 'id="inspector"' in html and f'data-id="{quote.pk}"' in html
    assert "Nearest person subject of &#x27;said&#x27;" in html and "Verify <kbd>v</kbd>" in html
    assert reverse("claims:item_action", args=[quote.article_id, "quote", quote.pk, "speaker"]) in html
    assert 'id="shortcuts"' in html
    html = alice_client.get(url, {"item": "quote-999999"}).content.decode()
    assert "Select a quote or claim" in html


def test_reader_query_count_is_constant_with_selected_item(alice_client):
    def queries(n):
        body = " ".join(f"“Q{i:03d},” said Speaker{i % 3}." for i in range(n))
        article = ArticleFactory(body_text=body)
        speakers = [SpeakerFactory(name=f"Speaker {i}") for i in range(3)]
        quotes = []
        for i in range(n):
            start = body.index(f"Q{i:03d}")
            quotes.append(QuoteFactory(article=article, start=start, end=start + 4, speaker=speakers[i % 3]))
            ClaimFactory(article=article, start=start, end=start + 4)
        first = quotes[0]
        for i in range(3):  # three reviewers' events in the inspector's history
            reviewer = UserFactory(role=Role.REVIEWER)
            first = review.item_set_notes(item=first, user=reviewer, version=first.version, notes=f"note {i}")
        with CaptureQueriesContext(connection) as ctx:
            response = alice_client.get(
                reverse("claims:article_detail", args=[article.pk]), {"item": f"quote-{first.pk}"}
            )
        assert response.status_code == 200 and "inspector" in response.context
        return len(ctx)

    # the reader's 7 (see above), then the inspector's item, its history and the undo check
    assert queries(5) == queries(50) == 10


def test_user_text_is_escaped_everywhere(alice_client, alice):
    body = "Intro <script>alert('x')</script> and “<b>bold</b> words,” said <i>Eve</i>."
    article = ArticleFactory(body_text=body, title="<script>alert(1)</script>")
    quote = QuoteFactory(
        article=article,
        text="<b>bold</b> words",
        speaker_mention="<i>Eve</i>",
        attribution_reason="<img src=x onerror=alert(1)>",
        speaker=SpeakerFactory(name="<svg onload=alert(1)>"),
    )
    act(alice_client, quote, "notes", {"notes": "<script>bad()</script>", "version": quote.version})
    for url in (
        reverse("claims:queue"),
        reverse("claims:article_detail", args=[article.pk]) + f"?item=quote-{quote.pk}",
    ):
        html = alice_client.get(url).content.decode()
        for raw in ("<script>alert", "<b>bold", "<i>Eve", "<img src=x", "<svg onload", "<script>bad"):
            assert raw not in html, (url, raw)
    assert "&lt;script&gt;bad()&lt;/script&gt;" in html
