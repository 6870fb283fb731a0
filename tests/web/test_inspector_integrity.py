"""The reader's inspector (claims/web/inspector.py, reader.py): locked items, conflicts that show the other
person's change, confirming a new speaker, undo, who set the speaker, plain-word signals, the setting."""

import pytest
from django.urls import reverse

from claims.models import Quote, ReviewerPreferences, Speaker
from claims.services import review
from tests.review_helpers import newsroom_items

pytestmark = pytest.mark.django_db
JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def items(db):
    return newsroom_items()


def act(client, item, action, data, **extra):
    url = reverse("claims:item_action", args=[item.article_id, item.type, item.pk, action])
    return client.post(url, data, **extra)


def reader(client, item):
    url = reverse("claims:article_detail", args=[item.article_id])
    return client.get(url, {"item": f"{item.type}-{item.pk}"}).content.decode()


def logged_in(client, user):
    client.force_login(user)
    return client


# --- 1. locked ----------------------------------------------------------------------------------------


def test_a_reviewer_pressing_d_on_a_verified_claim_is_refused_with_the_reason(client, items, alice):
    claim = review.claim_set_verdict(claim=items["crime"], user=alice, version=1, verdict="mostly_false")
    claim = review.item_set_status(item=claim, user=alice, version=claim.version, status="verified")
    logged_in(client, alice)
    response = act(client, claim, "verdict", {"version": claim.version, "verdict": "true"}, **JSON)
    assert response.status_code == 403 and "only an editor can reopen" in response.json()["error"]
    page = act(client, claim, "verdict", {"version": claim.version, "verdict": "true"})
    assert page.status_code == 403 and "its verdict is locked" in page.content.decode()  # the app's 403 page
    claim.refresh_from_db()
    assert claim.verdict == "mostly_false"


def test_an_editor_is_told_to_reopen_first(client, items, alice, erin):
    quote = review.item_set_status(item=items["wall"], user=alice, version=1, status="verified")
    response = act(logged_in(client, erin), quote, "speaker", {"version": quote.version, "speaker_id": items["smith"].pk},
                   **JSON)  # fmt: skip
    assert response.status_code == 409 and "reopen it first" in response.json()["error"]
    assert response.json()["item"]["status"] == "verified"


def test_a_locked_item_shows_no_editing_forms_and_an_editor_sees_reopen(client, items, alice, erin):
    claim = review.claim_set_verdict(claim=items["crime"], user=alice, version=1, verdict="false", rationale="No.")
    claim = review.item_set_status(item=claim, user=alice, version=claim.version, status="verified")
    html = reader(logged_in(client, alice), claim)
    assert 'data-locked="1"' in html and "Locked" in html
    assert 'id="verdict-form"' not in html and 'id="evidence-form"' not in html and 'data-action="span"' not in html
    assert "an editor can reopen this one" in html and 'id="notes"' in html
    html = reader(logged_in(client, erin), claim)
    assert "Reopen to change it" in html


def test_a_reopened_item_no_longer_shows_the_old_reviewed_line(client, items, alice, erin):
    quote = review.item_set_status(item=items["wall"], user=alice, version=1, status="verified")
    assert "by alice" in reader(logged_in(client, alice), quote)
    review.item_set_status(item=quote, user=erin, version=quote.version, status="pending")
    html = reader(client, quote)
    assert "by alice" not in html and "<dt>Verified</dt>" not in html


# --- 9. conflicts ---------------------------------------------------------------------------------------


def test_a_conflict_shows_the_field_the_other_person_changed_and_its_value(client, items, alice, bob):
    claim = items["crime"]
    review.claim_set_verdict(claim=claim, user=bob, version=1, verdict="misleading", rationale="")
    response = act(logged_in(client, alice), claim, "notes", {"version": 1, "notes": "mine"}, **JSON)
    assert response.status_code == 409
    body = response.json()
    panel = body["panel"]
    assert "They changed" in panel and 'verdict <span class="muted">(bob)</span>' in panel
    assert '<td class="conflict-now">Misleading</td>' in panel
    assert "notes <span" not in panel  # alice's own field is not what bob changed
    assert body["item"]["version"] == 2 and body["item"]["status"] == "pending"


def test_a_conflict_on_the_speaker_updates_the_label_shown_in_the_text(client, items, alice, bob):
    quote = items["budget"]
    review.quote_correct_speaker(quote=quote, user=bob, version=1, speaker=items["lopez"])
    response = act(logged_in(client, alice), quote, "status", {"version": 1, "status": "verified"}, **JSON)
    assert response.status_code == 409
    assert response.json()["item"]["label"] == "Maria Lopez"  # the reader's JS puts it on the chip
    assert 'speaker <span class="muted">(bob)</span>' in response.json()["panel"]


# --- 11. a new speaker only when confirmed -----------------------------------------------------------------


def test_typing_a_new_name_asks_before_creating_a_speaker(client, items, alice):
    quote = items["budget"]
    logged_in(client, alice)
    response = act(client, quote, "speaker", {"version": 1, "speaker_name": "Maria Lopes"}, **JSON)
    assert response.status_code == 400
    panel = response.json()["panel"]
    assert 'id="confirm-new-speaker"' in panel and 'name="create_speaker" value="1"' in panel
    assert "Maria Lopez" in panel  # the suggestion
    assert not Speaker.objects.filter(name="Maria Lopes").exists()
    response = act(
        client, quote, "speaker", {"version": 1, "speaker_name": "Maria Lopes", "create_speaker": "1"}, **JSON
    )
    assert response.status_code == 200 and response.json()["label"] == "Maria Lopes"


def test_a_name_with_an_honorific_links_to_the_known_speaker(client, items, alice):
    quote = items["budget"]
    response = act(logged_in(client, alice), quote, "speaker", {"version": 1, "speaker_name": "Dr Maria Lopez"}, **JSON)
    assert response.status_code == 200 and response.json()["label"] == "Maria Lopez"


# --- 6. undo -----------------------------------------------------------------------------------------------


def test_a_decision_offers_undo_and_undo_restores_it(client, items, alice):
    quote = items["wall"]
    logged_in(client, alice)
    response = act(client, quote, "status", {"version": 1, "status": "rejected"}, **JSON)
    body = response.json()
    assert body["decision"] is True and body["undo_until"]
    assert 'id="undo-form"' in body["panel"] and "Undo <kbd>u</kbd>" in body["panel"]
    response = act(client, quote, "undo", {"version": body["version"]}, **JSON)
    assert response.status_code == 200 and response.json()["status"] == "pending"
    assert 'id="undo-form"' not in response.json()["panel"]
    assert "Verify <kbd>v</kbd>" in response.json()["panel"]


def test_undo_after_someone_else_changed_it_is_refused(client, items, alice, bob):
    quote = review.item_set_status(item=items["wall"], user=alice, version=1, status="rejected")
    quote = review.item_set_notes(item=quote, user=bob, version=quote.version, notes="seen")
    response = act(logged_in(client, alice), quote, "undo", {"version": quote.version}, **JSON)
    assert response.status_code == 403 and "bob changed this quote" in response.json()["error"]


# --- 10. who set the speaker ---------------------------------------------------------------------------------


def test_after_a_correction_the_inspector_says_who_set_the_speaker_not_the_models_confidence(client, items, alice):
    quote = items["wall"]
    logged_in(client, alice)
    html = reader(client, quote)
    assert "<dt>Confidence</dt>" in html and "The person &#x27;Maria Lopez&#x27; is the subject" in html
    review.quote_correct_speaker(quote=quote, user=alice, version=1, speaker=items["smith"])
    html = reader(client, quote)
    assert "<dt>Confidence</dt>" not in html and "subject of the reporting verb" not in html
    assert "Set by a person</span> alice" in html
    assert "Speaker set by a person" in html  # the side panel's row, instead of the confidence bar


def test_a_human_added_unattributed_quote_shows_no_confidence(client, items, alice):
    article = items["article"]
    Quote.objects.all().delete()
    body = article.body_text
    added = review.item_add(article=article, user=alice, kind="quote", start=body.index("Taxes"),
                            end=body.index("Taxes") + 15)  # fmt: skip
    html = reader(logged_in(client, alice), added)
    assert "<dt>Confidence</dt>" not in html and "no speaker yet" in html
    assert 'class="pct">0%' not in html


# --- signals in words ---------------------------------------------------------------------------------------


def test_signals_are_plain_phrases_never_codes(client, items, alice):
    html = reader(logged_in(client, alice), items["crime"])
    assert '<span class="chip">states a number</span>' in html
    assert '<span class="chip">compares two things</span>' in html
    assert '<span class="chip">number</span>' not in html and "(number, comparison)" not in html


# --- 6. the per-user setting ---------------------------------------------------------------------------------


def test_submit_and_next_is_on_by_default_and_can_be_turned_off(client, items, alice):
    logged_in(client, alice)
    assert 'data-advance="1"' in reader(client, items["wall"])
    response = client.post(reverse("access:preferences"), {"advance_after_decision": "0"}, **JSON)
    assert response.json() == {
        "ok": True,
        "advance_after_decision": False,
        "message": "Moving to the next pending item after a decision is off.",
    }
    assert not ReviewerPreferences.objects.get(user=alice).advance_after_decision
    assert 'data-advance=""' in reader(client, items["wall"])
    assert client.post(reverse("access:preferences"), {"advance_after_decision": "maybe"}, **JSON).status_code == 400
    page = client.post(reverse("access:preferences"), {"advance_after_decision": "1", "next": "https://evil.example/"})
    assert page.status_code == 302 and page["Location"] == reverse("access:api_token")
    assert "moves to the next pending item" in client.get(reverse("access:api_token")).content.decode()
