"""claims.web.inspector: the selected item's panel and one POST endpoint per review action, answering fetch() with
JSON and a plain form with a redirect: roles, conflicts (409 with the current value), speaker corrections, verdicts
and evidence, added items, history, and a clear message for every kind of bad input."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from claims.models import Claim, Evidence, ReviewEvent, Speaker, SpeakerAlias
from tests.factories import ArticleFactory, SpeakerFactory, UserFactory

from .conftest import HOUSING, JSON, act

# --- access and roles -----------------------------------------------------------------------------


def test_workbench_pages_and_endpoints_require_login(client, quote):
    for url in (
        reverse("claims:queue"),
        reverse("claims:speaker_lookup") + "?q=a",
        reverse("claims:item_panel", args=[quote.article_id, "quote", quote.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    response = act(client, quote, "status", {"status": "verified", "version": quote.version})
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    quote.refresh_from_db()
    assert quote.status == "pending"


def test_reviewer_cannot_reopen_a_verified_item(alice_client, quote):
    act(alice_client, quote, "status", {"status": "verified", "version": quote.version})
    quote.refresh_from_db()
    response = act(alice_client, quote, "status", {"status": "pending", "version": quote.version})
    assert response.status_code == 403
    assert "Only editors can reopen a verified or rejected item." in response.content.decode()
    response = act(alice_client, quote, "status", {"status": "pending", "version": quote.version}, **JSON)
    assert response.status_code == 403 and "Only editors can reopen" in response.json()["error"]
    quote.refresh_from_db()
    assert quote.status == "verified"


def test_editor_can_reopen(erin_client, alice_client, quote):
    act(alice_client, quote, "status", {"status": "rejected", "version": quote.version})
    quote.refresh_from_db()
    response = act(erin_client, quote, "status", {"status": "pending", "version": quote.version})
    assert response.status_code == 302
    quote.refresh_from_db()
    assert quote.status == "pending"


def test_user_without_a_role_gets_403(client, quote):
    client.force_login(UserFactory(username="mallory"))
    response = act(client, quote, "status", {"status": "verified", "version": quote.version})
    assert response.status_code == 403 and "no role" in response.content.decode()


# --- review actions -------------------------------------------------------------------------------


def test_panel_fragment_and_redirect(alice_client, claim):
    url = reverse("claims:item_panel", args=[claim.article_id, "claim", claim.pk])
    response = alice_client.get(url, HTTP_X_FRAGMENT="panel")
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html and "Mostly false" in html
    response = alice_client.get(url)
    assert response["Location"].endswith(f"?item=claim-{claim.pk}#inspector")


def test_verify_with_plain_post_redirects_and_records_history(alice_client, alice, quote):
    response = act(alice_client, quote, "status", {"status": "verified", "version": quote.version})
    assert response.status_code == 302 and response["Location"].endswith(f"?item=quote-{quote.pk}#inspector")
    html = alice_client.get(response["Location"]).content.decode()
    assert "Quote marked verified." in html
    assert 'class="ev-who">alice</span>' in html and "<ins>verified</ins>" in html
    assert ReviewEvent.objects.filter(quote=quote, actor=alice, field="status").exists()


def test_verify_with_fetch_returns_json_and_fresh_panel(alice_client, quote):
    response = act(alice_client, quote, "status", {"status": "verified", "version": quote.version}, **JSON)
    data = response.json()
    assert response.status_code == 200 and data["ok"] and data["status"] == "verified"
    assert data["version"] == quote.version + 1 and f'data-version="{quote.version + 1}"' in data["panel"]
    assert data["label"] == "Ana Ruiz"


def test_stale_write_from_a_second_session_gets_409_with_current_value(alice_client, bob, quote):
    bob_client = Client()
    bob_client.force_login(bob)
    read_version = quote.version  # both opened the quote at this version
    assert act(bob_client, quote, "status", {"status": "rejected", "version": read_version}).status_code == 302

    response = act(alice_client, quote, "status", {"status": "verified", "version": read_version}, **JSON)
    data = response.json()
    assert response.status_code == 409 and data["conflict"]
    assert "changed by bob" in data["error"]
    assert "Not saved — bob changed this quote" in data["panel"] and "<td>Rejected</td>" in data["panel"]
    assert "<td>verified</td>" in data["panel"]  # what alice tried

    response = act(alice_client, quote, "status", {"status": "verified", "version": read_version})
    assert response.status_code == 409 and "Not saved — bob changed this quote" in response.content.decode()
    quote.refresh_from_db()
    assert quote.status == "rejected"  # no lost update


def test_speaker_correction_existing_new_and_alias(alice_client, quote, weak_quote, ana):
    response = act(alice_client, weak_quote, "speaker", {"speaker_id": ana.pk, "version": weak_quote.version}, **JSON)
    assert response.json()["label"] == "Ana Ruiz"
    weak_quote.refresh_from_db()
    assert weak_quote.speaker == ana and "speaker" in weak_quote.human_fields

    # a new name creates a speaker only once the reviewer confirmed it is new
    response = act(
        alice_client, quote, "speaker", {"speaker_name": "Marta Kolb", "kind": "person", "version": quote.version}
    )
    assert response.status_code == 400 and "Nobody called “Marta Kolb”" in response.content.decode()
    assert not Speaker.objects.filter(name="Marta Kolb").exists()
    response = act(
        alice_client,
        quote,
        "speaker",
        {"speaker_name": "Marta Kolb", "kind": "person", "create_speaker": "1", "version": quote.version},
    )
    assert response.status_code == 302
    quote.refresh_from_db()
    assert quote.speaker.name == "Marta Kolb"
    assert SpeakerAlias.objects.filter(speaker=quote.speaker, alias="Ana Ruiz").exists()

    # a typed name that matches an existing speaker links to it rather than creating a duplicate
    act(alice_client, quote, "speaker", {"speaker_name": "ana ruiz", "version": quote.version})
    quote.refresh_from_db()
    assert quote.speaker == ana and Speaker.objects.count() == 2


def test_speaker_lookup_matches_names_and_aliases(alice_client, ana):
    SpeakerFactory(name="<b>Bold</b> Ruizinho")
    data = alice_client.get(reverse("claims:speaker_lookup"), {"q": "ruiz"}).json()
    assert [r["name"] for r in data["results"]] == ["<b>Bold</b> Ruizinho", "Ana Ruiz"]
    assert data["results"][1]["description"] == "council leader"
    assert alice_client.get(reverse("claims:speaker_lookup"), {"q": ""}).json() == {"results": []}


def test_verdict_and_evidence_flow(alice_client, claim):
    response = act(
        alice_client,
        claim,
        "verdict",
        {"verdict": "mostly_true", "rationale": "Minutes say 12.", "version": claim.version},
        **JSON,
    )
    assert response.json()["ok"]
    response = act(
        alice_client,
        claim,
        "evidence",
        {"url": "https://example.org/minutes", "title": "<i>Minutes</i>", "excerpt": "twelve members"},
        **JSON,
    )
    panel = response.json()["panel"]
    assert "&lt;i&gt;Minutes&lt;/i&gt;" in panel and "<i>Minutes" not in panel
    assert 'href="https://example.org/minutes"' in panel and "Mostly true" in panel
    claim.refresh_from_db()
    assert claim.verdict == "mostly_true" and Evidence.objects.filter(claim=claim).count() == 1


def test_history_shows_model_and_human_provenance(alice_client, alice, quote, ana):
    ReviewEvent.objects.create(article=quote.article, quote=quote, action="extracted", new_value={"version": "t1"})
    act(alice_client, quote, "speaker", {"speaker_name": "Marta Kolb", "create_speaker": "1", "version": quote.version})
    html = alice_client.get(
        reverse("claims:article_detail", args=[quote.article_id]), {"item": f"quote-{quote.pk}"}
    ).content.decode()
    assert 'class="ev-who">Extractor</span>' in html and "extracted (t1)" in html
    assert "<del>Ana Ruiz</del> → <ins>Marta Kolb</ins>" in html
    assert '<th scope="row">Speaker</th><td>Marta Kolb</td><td><span class="src src-human">Human</span>' in html
    assert '<th scope="row">Kind</th><td>Direct</td><td><span class="src src-model">Model</span>' in html


def test_add_missed_item_by_offsets(alice_client, article):
    start = HOUSING.index("The council")
    end = HOUSING.index(", the mayor")
    url = reverse("claims:item_add", args=[article.pk])
    response = alice_client.post(url, {"kind": "claim", "start": start, "end": end})
    claim = Claim.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"?item=claim-{claim.pk}#inspector")
    assert claim.text == "The council has 12 members" and "start" in claim.human_fields
    for form, message in [
        ({"kind": "claim", "start": start, "end": end}, "already marked"),
        ({"kind": "quote", "start": 5, "end": 99999}, "fall outside the article"),
        ({"kind": "quote", "start": "", "end": ""}, "whole numbers"),
        ({"kind": "note", "start": 1, "end": 5}, "either a quote or a claim"),
    ]:
        response = alice_client.post(url, form, **JSON)
        assert response.status_code == 400 and message in response.json()["error"]
    response = alice_client.post(url, {"kind": "quote", "start": 5, "end": 99999})
    assert response.status_code == 400 and "fall outside the article" in response.content.decode()
    assert alice_client.post(reverse("claims:item_add", args=[999999]), {"kind": "quote"}).status_code == 404


# --- bad input ------------------------------------------------------------------------------------


BAD_INPUT = [
    ("status", {"status": "approved"}, 400, "Unknown status"),
    ("status", {"status": "verified", "version": ""}, 400, "which version"),
    ("notes", {"notes": "x" * 20_001}, 400, "Notes is longer than 20,000 characters"),
    ("speaker", {"speaker_name": ""}, 400, "Type the speaker"),
    ("speaker", {"speaker_name": "x" * 201}, 400, "Speaker name is longer than 200"),
    ("speaker", {"speaker_id": "999999"}, 400, "no longer exists"),
    ("speaker", {"speaker_id": "abc"}, 400, "no longer exists"),
    ("span", {"start": "-1", "end": "5"}, 400, "fall outside the article"),
    ("span", {"start": "0", "end": "99999"}, 400, "fall outside the article"),
    ("span", {"start": "a", "end": "b"}, 400, "whole numbers"),
    ("verdict", {"verdict": "true"}, 400, "Only claims take a verdict"),
    ("evidence", {"url": "https://example.org"}, 400, "Evidence belongs to claims"),
    ("explode", {}, 404, "Unknown action"),
]


@pytest.mark.parametrize("action,form,status,message", BAD_INPUT)
def test_quote_bad_input_gives_clear_message(alice_client, quote, action, form, status, message):
    form = {"version": quote.version, **form}
    response = act(alice_client, quote, action, form, **JSON)
    assert response.status_code == status and message in response.json()["error"]
    response = act(alice_client, quote, action, form)
    assert response.status_code == status and message in response.content.decode()


@pytest.mark.parametrize(
    "form,message",
    [
        ({"verdict": ""}, "Choose a verdict"),
        ({"verdict": "pants_on_fire"}, "Unknown verdict"),
        ({"verdict": "true", "rationale": "x" * 20_001}, "Rationale is longer"),
    ],
)
def test_verdict_bad_input(alice_client, claim, form, message):
    response = act(alice_client, claim, "verdict", {"version": claim.version, **form}, **JSON)
    assert response.status_code == 400 and message in response.json()["error"]


@pytest.mark.parametrize(
    "form,message",
    [
        ({"url": ""}, "valid http(s) URL"),
        ({"url": "javascript:alert(1)"}, "valid http(s) URL"),
        ({"url": "not a url"}, "valid http(s) URL"),
        ({"url": "https://example.org/" + "a" * 2001}, "2,000 characters"),
        ({"url": "https://example.org", "title": "t" * 301}, "Title is longer than 300"),
    ],
)
def test_evidence_bad_input(alice_client, claim, form, message):
    response = act(alice_client, claim, "evidence", form)
    assert response.status_code == 400 and message in response.content.decode()
    assert not Evidence.objects.exists()


def test_item_of_another_article_or_missing_is_404_with_message(alice_client, quote):
    other = ArticleFactory(body_text="A different story entirely.")
    url = reverse("claims:item_action", args=[other.pk, "quote", quote.pk, "status"])
    response = alice_client.post(url, {"status": "verified", "version": quote.version})
    assert response.status_code == 404 and "belongs to another article" in response.content.decode()
    url = reverse("claims:item_action", args=[quote.article_id, "quote", 999999, "status"])
    response = alice_client.post(url, {"status": "verified", "version": 1}, **JSON)
    assert response.status_code == 404 and "There is no quote #999999" in response.json()["error"]
    url = reverse("claims:item_panel", args=[quote.article_id, "speaker", quote.pk])
    assert alice_client.get(url).status_code == 404


def test_json_errors_never_500_on_garbage(alice_client, quote):
    url = reverse("claims:item_action", args=[quote.article_id, "quote", quote.pk, "status"])
    response = alice_client.post(url, data=json.dumps({"x": 1}), content_type="application/json", **JSON)
    assert response.status_code == 400
