"""Issue 12 in a real browser: locked reviewed items, submit-and-next with undo, adding a missed quote with the
mouse, acting on every matching queue item, and conflicts that show the other person's change."""

import re

import pytest

from claims.models import Article, Claim, Quote, Speaker
from claims.services import review
from tests.browser.conftest import screenshot
from tests.review_helpers import make_quote

pytestmark = pytest.mark.browser


def expect_text(page, selector, text):
    page.wait_for_function(
        "([sel, text]) => { const el = document.querySelector(sel); return el && el.textContent.includes(text); }",
        arg=[selector, text],
    )


def toast(page, text):
    expect_text(page, ".toast:not([hidden])", text)


def reader(page, item):
    page.goto(f"/articles/{item.article_id}/?item={item.type}-{item.pk}")
    page.wait_for_selector(f"#inspector[data-id='{item.pk}'][data-version='{item.version}']")


# --- 1 -------------------------------------------------------------------------------------------------


def test_a_verified_claim_and_quote_cannot_be_changed_until_an_editor_reopens(new_page, newsroom):
    alice, erin = newsroom["alice"], newsroom["erin"]
    claim = Claim.objects.order_by("start").first()
    claim = review.claim_set_verdict(claim=claim, user=alice, version=claim.version, verdict="mostly_false",
                                     rationale="The papers say £8.4m.")  # fmt: skip
    claim = review.item_set_status(item=claim, user=alice, version=claim.version, status="verified")
    quote = Quote.objects.exclude(speaker=None).order_by("start").first()
    quote = review.item_set_status(item=quote, user=alice, version=quote.version, status="verified")

    page = new_page(alice)
    reader(page, claim)
    assert page.locator("#verdict-form").count() == 0 and page.locator("#inspector .lock-tag").is_visible()
    page.keyboard.press("d")
    toast(page, "locked; an editor reopens it")
    page.keyboard.press("e")
    toast(page, "locked")
    screenshot(page, "locked-claim")
    page.locator(f"#item-quote-{quote.pk}").click()
    page.wait_for_selector(f"#inspector[data-id='{quote.pk}']")
    page.keyboard.press("s")
    toast(page, "locked")
    assert page.locator("#speaker-input").count() == 0
    claim.refresh_from_db()
    quote.refresh_from_db()
    assert (claim.verdict, claim.version, quote.speaker.name) == ("mostly_false", claim.version, "Daniel Okafor")

    # the editor reopens; the claim is editable again (and not public meanwhile)
    editor = new_page(erin)
    reader(editor, claim)
    editor.click("button:has-text('Reopen to change it')")
    editor.wait_for_selector("#verdict-form")
    assert editor.locator("#correction-note").is_visible()  # it was published: a rating change needs a note
    claim.refresh_from_db()
    assert claim.status == "pending"
    assert editor.goto(f"/fact-checks/{claim.pk}/").status == 404


# --- 6 -------------------------------------------------------------------------------------------------


def test_submit_and_next_then_undo_from_the_toast_and_with_u(new_page, newsroom):
    quotes = list(Quote.objects.order_by("start"))
    page = new_page(newsroom["alice"])
    page.goto(f"/articles/{newsroom['article'].pk}/")
    page.keyboard.press("j")
    page.wait_for_selector(f"#inspector[data-id='{quotes[0].pk}']")
    page.keyboard.press("r")  # a slip
    page.wait_for_selector(f"#inspector[data-id='{quotes[1].pk}']")  # moved on to the next pending item
    toast(page, "Quote marked rejected.")
    screenshot(page, "undo-toast")
    page.click(".toast .toast-action:has-text('Undo')")
    page.wait_for_selector(f"#inspector[data-id='{quotes[0].pk}'][data-status=pending]")
    expect_text(page, f"#item-quote-{quotes[0].pk} .badge", "Pending")
    assert Quote.objects.get(pk=quotes[0].pk).status == "pending"

    page.keyboard.press("n")
    page.wait_for_selector(f"#inspector[data-id='{quotes[1].pk}']")
    page.keyboard.press("u")  # u takes back the last decision, wherever the reader is now
    page.wait_for_selector(f"#inspector[data-id='{quotes[0].pk}'][data-status=pending]")
    toast(page, "Undone")

    # the per-user setting: stay on the item after a decision
    page.click("#advance-toggle")
    expect_text(page, "#advance-toggle", "off")
    page.keyboard.press("v")
    page.wait_for_selector(f"#inspector[data-id='{quotes[0].pk}'][data-status=verified]")
    assert page.locator("#undo-form").is_visible()
    page.reload()
    expect_text(page, "#advance-toggle", "off")  # saved for this user
    page.wait_for_selector(f"#inspector[data-id='{quotes[0].pk}']")
    page.keyboard.press("u")  # a decision made before the reload is undone from the panel's Undo
    page.wait_for_selector(f"#inspector[data-id='{quotes[0].pk}'][data-status=pending]")


def test_a_decision_another_person_built_on_cannot_be_undone(new_page, newsroom):
    quote = Quote.objects.order_by("start").first()
    page = new_page(newsroom["alice"])
    page.goto(f"/articles/{quote.article_id}/?item=quote-{quote.pk}")
    page.click("#advance-toggle")
    expect_text(page, "#advance-toggle", "off")
    page.keyboard.press("v")
    page.wait_for_selector("#undo-form")
    fresh = Quote.objects.get(pk=quote.pk)
    review.item_set_notes(item=fresh, user=newsroom["bob"], version=fresh.version, notes="bob checked the audio")
    page.keyboard.press("u")
    toast(page, "changed")
    assert Quote.objects.get(pk=quote.pk).status == "verified"


# --- 7 -------------------------------------------------------------------------------------------------


def drag_select(page, text):
    """Select `text` in the article with the mouse (press at its first character, release after its last)."""
    box = page.evaluate(
        """(text) => {
        const walker = document.createTreeWalker(document.getElementById('reader-text'), NodeFilter.SHOW_TEXT);
        let node;
        while ((node = walker.nextNode())) {
            const at = node.textContent.indexOf(text);
            if (at < 0) continue;
            const first = document.createRange(); first.setStart(node, at); first.setEnd(node, at + 1);
            const last = document.createRange(); last.setStart(node, at + text.length - 1); last.setEnd(node, at + text.length);
            first.startContainer.parentElement.scrollIntoView({block: 'center'});
            const a = first.getBoundingClientRect(), b = last.getBoundingClientRect();
            return {x1: a.left + 1, y1: a.top + a.height / 2, x2: b.right - 1, y2: b.top + b.height / 2};
        }
        return null;
    }""",
        text,
    )
    assert box, f"{text!r} is not in the article"
    page.mouse.move(box["x1"], box["y1"])
    page.mouse.down()
    page.mouse.move((box["x1"] + box["x2"]) / 2, (box["y1"] + box["y2"]) / 2, steps=4)
    page.mouse.move(box["x2"], box["y2"], steps=4)
    page.mouse.up()
    return box


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_a_missed_quote_is_added_with_the_mouse_from_a_toolbar_beside_the_selection(new_page, newsroom, size):
    missed = "Nobody likes paying more, but the alternative is losing the harbour,"
    Quote.objects.filter(text__startswith="Nobody likes").delete()
    page = new_page(newsroom["alice"])
    if size == "phone":
        page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/articles/{newsroom['article'].pk}/")
    box = drag_select(page, f"“{missed}”")  # the selection includes both quote marks
    page.wait_for_selector("#add-toolbar:not([hidden])")
    bar = page.locator("#add-toolbar").bounding_box()
    view = page.viewport_size
    assert bar["x"] >= 0 and bar["x"] + bar["width"] <= view["width"] and bar["y"] >= 0
    assert bar["y"] + bar["height"] <= view["height"], "the toolbar is out of view"
    near = min(abs(bar["y"] - box["y2"]), abs(bar["y"] + bar["height"] - box["y1"]))
    assert near < 80, f"the toolbar is {near:.0f}px away from the selection"
    assert "““" not in page.inner_text("#add-preview") and "””" not in page.inner_text("#add-preview")
    screenshot(page, f"add-toolbar-{size}")
    page.click("#add-toolbar button:has-text('Add as quote')")
    page.wait_for_url(re.compile(r"\?item=quote-\d+"))
    added = Quote.objects.get(text__startswith="Nobody likes")
    assert added.text == missed.rstrip(",")  # no quote marks (and not the comma before the closing one)
    page.wait_for_selector(f"#inspector[data-id='{added.pk}']")
    assert "““" not in page.inner_text("#inspector .insp-text") and "””" not in page.inner_text("#inspector .insp-text")
    assert page.locator("#inspector dt:has-text('Confidence')").count() == 0  # a person's quote: no model score


# --- 8 -------------------------------------------------------------------------------------------------


def test_bulk_action_on_every_matching_item_across_pages_and_my_queue(new_page, newsroom):
    body = " ".join(f"“Pier {i:03d} needs new planks,” the engineer said." for i in range(60))
    other = Article.objects.create(title="Piers", body_text=body, content_hash="piers", status="extracted")
    for i in range(60):
        make_quote(other, f"Pier {i:03d} needs new planks", confidence=0.3)
    mine = list(Quote.objects.filter(article=newsroom["article"]).order_by("start")[:2])
    review.items_assign(items=mine, user=newsroom["erin"], assignee=newsroom["alice"])

    page = new_page(newsroom["alice"])
    page.goto("/queue/")
    expect_text(page, "#nav-my-queue", "My queue (2)")
    page.goto(f"/queue/?article={other.pk}")
    page.check("#select-all")
    page.wait_for_selector("#select-all-banner:not([hidden])")
    expect_text(page, "#select-all-banner", "All 50 items on this page are selected.")
    page.click("#select-all-matching")
    expect_text(page, "#selected-count", "60 selected")
    expect_text(page, "#bulk-apply", "Apply to all 60 matching")
    screenshot(page, "queue-select-all")
    page.select_option("#bulk-action", "needs_work")
    page.click("#bulk-apply")
    page.wait_for_selector("h1:has-text('Send back for work all 60 items?')")
    expect_text(page, "#confirm-count", "60")
    page.click("button:has-text('Yes, send back for work 60 items')")
    page.wait_for_selector("text=Marked as needing work 60 items.")
    assert Quote.objects.filter(article=other, status="needs_work").count() == 60
    assert not Quote.objects.filter(article=newsroom["article"], status="needs_work").exists()

    page.click("#nav-my-queue")
    page.wait_for_url(re.compile(r"assigned=me"))
    assert page.locator("#queue-table tbody tr").count() == 2


# --- 9 -------------------------------------------------------------------------------------------------


def test_a_conflict_shows_what_the_other_person_changed_and_updates_the_chip(new_page, newsroom):
    quote = Quote.objects.filter(speaker__name="Daniel Okafor").order_by("start").first()
    page = new_page(newsroom["alice"])
    reader(page, quote)
    page.click("#advance-toggle")
    expect_text(page, "#advance-toggle", "off")
    # meanwhile bob attributes the quote to somebody else
    raman = Speaker.objects.get(name="Priya Raman")
    review.quote_correct_speaker(quote=quote, user=newsroom["bob"], version=quote.version, speaker=raman)
    page.keyboard.press("v")
    page.wait_for_selector("#conflict")
    conflict = page.inner_text("#conflict")
    assert "bob changed this quote" in conflict and "speaker (bob)" in conflict and raman.name in conflict
    assert "Daniel Okafor" not in conflict
    expect_text(page, f"#item-quote-{quote.pk} .speaker", raman.name)  # the list…
    label = page.evaluate(
        """(id) => { const spans = document.querySelectorAll(`.hl[data-type=quote][data-id="${id}"]`);
                     return spans[spans.length - 1].nextElementSibling.textContent; }""",
        quote.pk,
    )
    assert label == raman.name  # …and the chip in the text
    screenshot(page, "conflict-speaker")
    assert Quote.objects.get(pk=quote.pk).status == "pending"
