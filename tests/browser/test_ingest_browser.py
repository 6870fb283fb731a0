"""Ingest in the browser: the seed paste in the reader before and after cleaning, the "removed from the paste"
section and Put back, the submit form, the feeds pages — and no Content-Security-Policy violation anywhere.

The seed article is read from ../shared at test time. Screenshots: tests/artifacts/wb-ingest-*.png.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from claims.models import Article, Feed, FeedItem
from claims.roles import Role
from claims.services import cleaning, extraction
from claims.services.articles import article_create, content_hash
from tests.browser.conftest import screenshot
from tests.conftest import ROOT
from tests.factories import OutletFactory, UserFactory

pytestmark = pytest.mark.browser

SEED = ROOT.parent / "shared" / "seeds" / "000_9bdd9decad1322d1.txt"


@pytest.fixture
def csp_violations(new_page):
    """Pages that record every CSP violation the browser reports."""
    seen: list[str] = []

    def make(user=None):
        page = new_page(user)
        page.on("console", lambda msg: "Content Security Policy" in msg.text and seen.append(msg.text))
        page.add_init_script(
            "document.addEventListener('securitypolicyviolation', e => console.error("
            "'Content Security Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI));"
        )
        return page

    make.seen = seen
    yield make
    assert not seen, seen


@pytest.fixture
def seed(transactional_db):
    if not SEED.exists():
        pytest.skip(f"{SEED} is not here (../shared)")
    return SEED.read_text(encoding="utf-8")


def test_the_seed_paste_before_and_after_cleaning(csp_violations, seed):
    reviewer = UserFactory(username="rita", role=Role.REVIEWER)
    # Before: the paste as it reached the reader until now — whitespace tidied, nothing else.
    raw = cleaning.normalise_whitespace(seed)
    before = Article.objects.create(
        title="Before cleaning: Europe split over Starmer pledge", body_text=raw, content_hash=content_hash(raw)
    )
    extraction.article_extract(article_id=before.pk)
    # After: the same paste submitted now (extraction runs inline, as under `make run`).
    after = article_create(text=seed, title="Europe split over Starmer pledge to send troops to Ukraine").article
    after.refresh_from_db()
    assert after.status == "extracted"

    page = csp_violations(reviewer)
    page.goto(f"/articles/{before.pk}/")
    text = page.locator("#reader-text").inner_text()
    assert "Your support helps us" in text and "(Carl Court/PA) More" in text
    screenshot(page, "ingest-seed-before")

    page.goto(f"/articles/{after.pk}/")
    text = page.locator("#reader-text").inner_text()
    assert "Your support helps us" not in text and "Read more" not in text and "Carl Court/PA" not in text
    assert "with Mr Putin.\n\nSir Keir said" in text.replace("\n\n\n", "\n\n") or "Mr Putin." in text
    removed = page.locator("#removed")
    assert removed.is_visible() and not removed.evaluate("el => el.open")  # collapsed
    screenshot(page, "ingest-seed-after")
    removed.locator("summary").click()
    assert removed.locator(".removed-piece").count() == len(after.removed) == 6
    removed.scroll_into_view_if_needed()
    screenshot(page, "ingest-seed-removed-open")

    # Put the caption back: it returns at the end of the text, and the list is one shorter.
    caption = next(i for i, p in enumerate(after.removed) if p["reason"] == "photo caption with credit")
    removed.locator(".removed-piece").nth(caption).get_by_role("button", name="Put back").click()
    page.wait_for_url(f"**/articles/{after.pk}/#removed")
    assert page.locator("#reader-text").inner_text().rstrip().endswith("(Carl Court/PA) More")
    assert page.locator("#removed .removed-piece").count() == 5


def test_submit_form_and_feeds_pages(csp_violations, transactional_db):
    editor = UserFactory(username="eddie", role=Role.EDITOR)
    OutletFactory(name="Harbour Gazette")
    page = csp_violations(editor)
    page.goto("/articles/new/")
    assert page.locator("input[type=date][name=published_at]").is_visible()
    assert page.locator("select[name=outlet] option", has_text="Harbour Gazette").count() == 1
    screenshot(page, "ingest-submit")

    now = timezone.now()
    good = Feed.objects.create(
        url="https://harbour-gazette.example/rss", title="Harbour Gazette – news", interval_minutes=15,
        last_polled_at=now, last_success_at=now, next_poll_at=now + timedelta(minutes=15), items_seen=12,
        items_ingested=11,
    )  # fmt: skip
    Feed.objects.create(
        url="https://broken.example/feed.xml", title="Broken Weekly", status="failing", failures=3,
        last_error="The answer is not an RSS or Atom feed (SAXParseException: syntax error).", last_polled_at=now,
        next_poll_at=now + timedelta(hours=4),
    )  # fmt: skip
    Feed.objects.create(url="https://quiet.example/atom", title="Quiet Times", status="paused")
    article = article_create(text="“We will reopen the pier in May,” said harbour master Marta Kolb.").article
    FeedItem.objects.create(feed=good, guid="1", url="https://harbour-gazette.example/pier", title="Pier to reopen",
                            summary="The pier reopens in May.", status="ingested", article=article)  # fmt: skip
    FeedItem.objects.create(
        feed=good, guid="2", url="https://harbour-gazette.example/withdrawn", title="Withdrawn story",
        summary="The council withdrew the plan on Friday.", status="failed",
        error="The page could not be fetched or read: The server answered HTTP 404.",
    )  # fmt: skip
    page.goto("/feeds/")
    assert page.get_by_text("Failing").first.is_visible() and page.get_by_text("Paused").first.is_visible()
    screenshot(page, "ingest-feeds")
    page.goto(f"/feeds/{good.pk}/")
    assert page.get_by_text("HTTP 404").is_visible() and page.get_by_text("The council withdrew").is_visible()
    screenshot(page, "ingest-feed-detail")
    page.get_by_role("button", name="Pause").click()
    assert page.get_by_role("button", name="Resume").is_visible()
    good.refresh_from_db()
    assert good.status == "paused"


def test_the_api_docs_run_under_the_policy(csp_violations, transactional_db):
    page = csp_violations(UserFactory(username="dora", role=Role.REVIEWER))
    page.goto("/api/docs/")
    page.wait_for_selector(".swagger-ui .opblock", timeout=15000)
    page.goto("/api/redoc/")
    page.wait_for_selector("[role=search], .api-content, h1", timeout=15000)
    # Redoc's bundle shows its maker's logo from their CDN: the policy blocks it, so nothing leaves this machine.
    csp_violations.seen[:] = [v for v in csp_violations.seen if "cdn.redoc.ly" not in v]
