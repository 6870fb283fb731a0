"""Browser tests: Debian's Chromium driven by Playwright's sync API against pytest-django's live server.

Locally the tests skip when /usr/bin/chromium is missing; in CI (CI=true) they fail instead.
Screenshots land in tests/artifacts/ (git-ignored) at desktop and phone sizes.
"""

import os
import re
from pathlib import Path

import pytest
from django.test import Client

from claims.roles import Role
from tests.conftest import ROOT, require
from tests.factories import ArticleFactory, ClaimFactory, OutletFactory, QuoteFactory, SpeakerFactory, UserFactory

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
ARTIFACTS = ROOT / "tests" / "artifacts"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
DEMO = ROOT / "claims" / "demo" / "01_harbour_budget.txt"


@pytest.fixture(scope="module")
def browser():
    """One Chromium per test module; closed (with its event loop) before other tests run."""
    require(Path(CHROMIUM).exists(), f"Chromium at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; Django's ORM must still be usable from the test.
    # Set only while the browser lives, so later tests' subprocesses (check --deploy) never see it.
    saved = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
            yield browser
            browser.close()
    finally:
        if saved is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = saved


@pytest.fixture
def new_page(browser, live_server):
    """new_page(user=None) -> a page in a fresh context, logged in as `user` through a session cookie."""
    contexts = []

    def make(user=None):
        context = browser.new_context(viewport=DESKTOP, base_url=live_server.url)
        context.set_default_timeout(5000)
        if user is not None:
            client = Client()
            client.force_login(user)
            context.add_cookies(
                [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
            )
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        return page

    errors: list[str] = []
    yield make
    for context in contexts:
        context.close()
    assert not errors, f"JavaScript errors: {errors}"


def screenshot(page, name: str) -> None:
    """Save the page at desktop and phone width; fail on horizontal overflow at either size."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    original = page.viewport_size
    for label, size in (("desktop", DESKTOP), ("mobile", PHONE)):
        page.set_viewport_size(size)
        page.evaluate("""() => { const el = document.activeElement;
            if (el && el !== document.body && !el.closest('.overlay')) el.scrollIntoView({block: 'center'}); }""")
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        page.screenshot(path=str(ARTIFACTS / f"wb-{name}-{label}.png"))
        assert overflow <= 0, f"{name} overflows horizontally by {overflow}px at {size['width']}px"
    page.set_viewport_size(original)


@pytest.fixture
def newsroom(transactional_db):
    """Users (alice, bob: reviewers; erin: editor) and the harbour demo article with quotes and claims."""
    roles = {"alice": Role.REVIEWER, "bob": Role.REVIEWER, "erin": Role.EDITOR}
    users = {name: UserFactory(username=name, role=role) for name, role in roles.items()}
    _, _, body = DEMO.read_text(encoding="utf-8").partition("\n\n")
    article = ArticleFactory(
        title="Port Ellery council doubles harbour repair budget",
        body_text=body,
        outlet=OutletFactory(name="Demo Gazette"),
    )
    okafor = SpeakerFactory(name="Daniel Okafor", description="chair, finance committee")
    raman = SpeakerFactory(name="Priya Raman", description="opposition leader")
    SpeakerFactory(name="Marta Kolb", description="harbour master")
    speakers = [okafor, okafor, okafor, None, raman]
    reasons = [
        "nearest PERSON subject of 'said' in the same sentence",
        "continues the previous quote's speaker",
        "pronoun 'he' resolved to the last named person",
        "no speaker found near the quote",
        "PERSON subject of 'said' after the quote",
    ]
    for i, match in enumerate(re.finditer(r"“([^”]+)”", body)):
        QuoteFactory(
            article=article,
            start=match.start(1),
            end=match.end(1),
            text=match.group(1),
            speaker=speakers[i % 5],
            speaker_mention="he" if i == 2 else "",
            confidence=[0.92, 0.81, 0.46, 0.2, 0.88, 0.7][i % 6],
            attribution_reason=reasons[i % 5],
            cue="said",
        )
    for sentence, worth in (
        ("raise the harbour repair budget from £4.2 million to £8.5 million", 0.86),
        ("Unemployment in Port Ellery stands at 7.9%, nearly twice the regional average", 0.91),
    ):
        ClaimFactory(article=article, text=sentence, checkworthiness=worth, signals=["number", "comparison"])
    return {"article": article, **users}
