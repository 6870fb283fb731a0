"""The reviewer workbench in a real browser: queue → reader, keyboard review, autocomplete, verdicts, bulk, conflicts."""

import re

import pytest

from claims.models import Claim, Evidence, Quote
from claims.services import review
from tests.browser.conftest import screenshot
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def expect_text(page, selector, text):
    page.wait_for_function(
        "([sel, text]) => { const el = document.querySelector(sel); return el && el.textContent.includes(text); }",
        arg=[selector, text],
    )


def test_reviewer_reviews_an_article_with_the_keyboard(new_page, newsroom, live_server):
    page = new_page()
    page.goto("/queue/")
    page.fill("#id_username", "alice")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/queue/$"))
    rows = page.locator("#queue-table tbody tr")
    assert rows.count() == 7
    # lowest attribution confidence first
    assert "20% conf." in rows.first.inner_text()
    screenshot(page, "queue")

    # open an article from the queue: the clicked item is selected in the inspector
    rows.first.locator(".item-link").click()
    page.wait_for_selector("#inspector[data-type=quote]")
    screenshot(page, "reader-quote")

    # j/k move through the items; v verifies the selected quote
    quotes = list(Quote.objects.order_by("start"))
    page.keyboard.press("Escape")
    page.goto(f"/articles/{newsroom['article'].pk}/")
    page.keyboard.press("j")
    page.wait_for_selector(f"#inspector[data-id='{quotes[0].pk}']")
    page.keyboard.press("j")
    page.wait_for_selector(f"#inspector[data-id='{quotes[1].pk}']")
    page.keyboard.press("k")
    page.wait_for_selector(f"#inspector[data-id='{quotes[0].pk}']")
    assert page.locator(f"#item-quote-{quotes[0].pk}").get_attribute("class").count("is-active") == 1
    page.keyboard.press("v")
    page.wait_for_selector(f"#inspector[data-id='{quotes[0].pk}'][data-status=verified]")
    expect_text(page, f"#item-quote-{quotes[0].pk} .badge", "Verified")
    assert page.locator(f"#quote-{quotes[0].pk}.st-verified").count() == 1
    quotes[0].refresh_from_db()
    assert quotes[0].status == "verified" and quotes[0].reviewer.username == "alice"

    # s edits the speaker of the unattributed quote through the autocomplete
    unattributed = Quote.objects.get(speaker=None)
    for _ in range(3):
        page.keyboard.press("j")
    page.wait_for_selector(f"#inspector[data-id='{unattributed.pk}']")
    page.keyboard.press("s")
    assert page.evaluate("document.activeElement.id") == "speaker-input"
    page.keyboard.type("kol")
    page.wait_for_selector("#speaker-options [role=option]:has-text('Marta Kolb')")
    screenshot(page, "reader-autocomplete")
    page.keyboard.press("Enter")  # pick the highlighted suggestion
    assert page.input_value("#speaker-input") == "Marta Kolb"
    page.keyboard.press("Enter")  # submit the form
    expect_text(page, f"#item-quote-{unattributed.pk} .speaker", "Marta Kolb")
    unattributed.refresh_from_db()
    assert unattributed.speaker.name == "Marta Kolb" and "speaker" in unattributed.human_fields
    expect_text(page, "#history", "Marta Kolb")

    # a claim: verdict with rationale, then evidence, and the history shows both
    claim = Claim.objects.order_by("start").first()
    page.locator(f"#item-claim-{claim.pk}").click()
    page.wait_for_selector(f"#inspector[data-type=claim][data-id='{claim.pk}']")
    page.keyboard.press("d")
    page.check("#verdict-form input[value=mostly_true]")
    page.fill("#rationale", "Budget papers show £8.4m, not £8.5m.")
    page.click("#verdict-form button[type=submit]")
    expect_text(page, "#history", "Mostly true".lower().replace(" ", "_"))
    page.keyboard.press("e")
    assert page.evaluate("document.activeElement.id") == "evidence-url"
    page.keyboard.type("https://example.org/budget-papers")
    page.fill("#evidence-title", "Council budget papers, Nov 2026")
    page.fill("#evidence-excerpt", "Harbour repairs: £8.4 million")
    page.click("#evidence-form button[type=submit]")
    expect_text(page, ".evidence-list", "Council budget papers, Nov 2026")
    expect_text(page, "#history", "added evidence")
    claim.refresh_from_db()
    assert claim.verdict == "mostly_true" and Evidence.objects.get().added_by.username == "alice"
    screenshot(page, "reader-claim")

    page.keyboard.press("?")
    page.wait_for_selector("#shortcuts:not([hidden])")
    screenshot(page, "shortcuts")
    page.keyboard.press("Escape")
    assert page.locator("#shortcuts").is_hidden()


def test_reviewer_adds_a_missed_claim_by_selecting_text(new_page, newsroom):
    article = newsroom["article"]
    page = new_page(newsroom["alice"])
    page.goto(f"/articles/{article.pk}/")
    sentence = "the harbour employs about 1,200 people directly"
    page.evaluate(
        """(sentence) => {
        const p = [...document.querySelectorAll('#reader-text p')].find(p => p.textContent.includes(sentence));
        const node = [...p.childNodes].find(n => n.nodeType === 3 && n.textContent.includes(sentence));
        const at = node.textContent.indexOf(sentence);
        const range = document.createRange();
        range.setStart(node, at); range.setEnd(node, at + sentence.length);
        getSelection().removeAllRanges(); getSelection().addRange(range);
    }""",
        sentence,
    )
    page.wait_for_selector("#add-toolbar:not([hidden])")
    page.keyboard.press("c")
    page.wait_for_url(re.compile(r"\?item=claim-\d+"))
    added = Claim.objects.get(text=sentence)
    assert article.body_text[added.start : added.end] == sentence
    page.wait_for_selector(f"#inspector[data-id='{added.pk}']")


def test_editor_assigns_items_in_bulk(new_page, newsroom):
    page = new_page(newsroom["erin"])
    page.goto("/queue/?kind=quote")
    page.check("#select-all")
    expect_text(page, "#selected-count", "5 selected")
    page.select_option("#bulk-action", "assign")
    page.select_option("#bulk-assignee", label="alice")
    page.click("#bulk-form button[type=submit]")
    page.wait_for_selector("h1:has-text('Assign 5 items to alice?')")
    screenshot(page, "bulk-confirm")
    page.click("button:has-text('Yes, assign 5 items')")
    page.wait_for_selector("text=Assigned 5 items to alice.")
    assert set(Quote.objects.values_list("assigned_to__username", flat=True)) == {"alice"}
    page.goto("/queue/?assigned=none")
    assert page.locator("#queue-table tbody tr").count() == 2  # only the claims are left unassigned


def test_stale_edit_shows_the_conflict_and_keeps_the_other_change(new_page, newsroom):
    quote = Quote.objects.order_by("start").first()
    page = new_page(newsroom["alice"])
    page.goto(f"/articles/{quote.article_id}/?item=quote-{quote.pk}")
    page.wait_for_selector(f"#inspector[data-id='{quote.pk}'][data-version='{quote.version}']")
    # bob rejects the quote while alice's page still shows the old version
    review.item_set_status(item=quote, user=newsroom["bob"], version=quote.version, status="rejected")
    page.keyboard.press("v")
    page.wait_for_selector("#conflict")
    conflict = page.inner_text("#conflict")
    assert "bob changed this quote" in conflict and "Rejected" in conflict and "verified" in conflict
    assert page.evaluate("document.activeElement.id") == "conflict"
    screenshot(page, "conflict")
    quote.refresh_from_db()
    assert quote.status == "rejected"


def test_reviewer_trying_an_editor_action_sees_403_with_the_reason(new_page, newsroom):
    quote = Quote.objects.order_by("start").first()
    quote = review.item_set_status(item=quote, user=newsroom["bob"], version=quote.version, status="verified")
    page = new_page(newsroom["alice"])
    page.goto(f"/articles/{quote.article_id}/?item=quote-{quote.pk}")
    assert "can be reopened by an editor" in page.inner_text("#inspector .status-actions")
    # no Reopen button for reviewers; forge the editor's form to check the server refuses it
    page.evaluate(
        """([url, version]) => {
        const form = document.createElement('form');
        form.method = 'post'; form.action = url;
        for (const [k, v] of [['csrfmiddlewaretoken', document.querySelector('[name=csrfmiddlewaretoken]').value],
                              ['status', 'pending'], ['version', version]]) {
            const input = document.createElement('input'); input.name = k; input.value = v; form.appendChild(input);
        }
        document.body.appendChild(form); form.submit();
    }""",
        [f"/articles/{quote.article_id}/quote/{quote.pk}/status/", str(quote.version)],
    )
    page.wait_for_selector("text=Only editors can reopen a verified or rejected item.")
    screenshot(page, "forbidden")
    quote.refresh_from_db()
    assert quote.status == "verified"
