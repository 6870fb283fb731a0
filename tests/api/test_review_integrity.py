"""The API side of issue 12: locked reviewed items, undo, conflicts that name the other person's change,
confirmed speaker creation, speaker provenance, published corrections (ClaimReview, webhook) and exports."""

import csv
import io
import json

import pytest

from claims.models import Claim, Quote, Speaker, SpeakerAlias, WebhookEndpoint
from claims.services import review

pytestmark = pytest.mark.django_db


def post(client, url, data):
    return client.post(url, data, format="json")


def body_of(response) -> str:
    return b"".join(response.streaming_content).decode("utf-8")


# --- 1. the lock ---------------------------------------------------------------------------------


def test_a_verified_claims_verdict_evidence_and_span_are_refused_with_the_reason(api_client, editor_client, data):
    claim = data["claims"]["crime"]  # verified and published
    for client, code, reason in (
        (api_client, 403, "only an editor can reopen"),
        (editor_client, 409, "reopen it first"),
    ):
        for url, payload in (
            (f"/api/claims/{claim.pk}/verdict/", {"version": claim.version, "verdict": "true"}),
            (f"/api/claims/{claim.pk}/evidence/", {"url": "https://example.org/x"}),
        ):
            response = post(client, url, payload)
            assert response.status_code == code, response.content
            assert reason in response.json()["detail"]
            if code == 409:
                assert response.json()["code"] == "locked"
    claim.refresh_from_db()
    assert claim.verdict == "mostly_false" and not claim.evidence.exists()


def test_a_verified_quotes_speaker_cannot_change_and_no_speaker_is_created(api_client, data):
    quote = data["quotes"]["wall"]  # verified
    before = Speaker.objects.count()
    response = post(
        api_client,
        f"/api/quotes/{quote.pk}/speaker/",
        {"version": quote.version, "name": "Someone Else", "create_speaker": True},
    )
    assert response.status_code == 403 and "its speaker is locked" in response.json()["detail"]
    assert Speaker.objects.count() == before


def test_an_editor_reopens_then_corrects_and_the_correction_is_published(editor_client, data, erin):
    claim = data["claims"]["crime"]
    reopened = post(editor_client, f"/api/claims/{claim.pk}/status/", {"version": claim.version, "status": "pending"})
    assert reopened.status_code == 200 and reopened.json()["reviewer"] is None
    assert editor_client.get(f"/api/claims/{claim.pk}/claimreview/").status_code == 404  # not public while open
    version = reopened.json()["version"]
    changed = post(
        editor_client,
        f"/api/claims/{claim.pk}/verdict/",
        {"version": version, "verdict": "half_true", "rationale": "ONS: 15%.", "correction_note": "ONS survey."},
    )
    assert changed.status_code == 200
    verified = post(
        editor_client, f"/api/claims/{claim.pk}/status/", {"version": changed.json()["version"], "status": "verified"}
    )
    assert verified.status_code == 200
    body = verified.json()
    assert body["published_at"] and body["modified_at"]
    assert [(c["old_verdict"], c["new_verdict"], c["note"], c["editor"]) for c in body["corrections"]] == [
        ("mostly_false", "half_true", "ONS survey.", "erin")
    ]
    markup = editor_client.get(f"/api/claims/{claim.pk}/claimreview/").json()
    assert markup["dateModified"] and markup["correction"][0]["@type"] == "CorrectionComment"
    assert "Mostly false to Half true" in markup["correction"][0]["text"]


def test_a_changed_published_rating_without_a_note_is_a_400_naming_both_ratings(editor_client, data):
    claim = data["claims"]["crime"]
    reopened = post(editor_client, f"/api/claims/{claim.pk}/status/", {"version": claim.version, "status": "pending"})
    version = reopened.json()["version"]
    version = post(editor_client, f"/api/claims/{claim.pk}/verdict/", {"version": version, "verdict": "true"}).json()[
        "version"
    ]
    response = post(editor_client, f"/api/claims/{claim.pk}/status/", {"version": version, "status": "verified"})
    assert response.status_code == 400
    assert "from Mostly false to True" in response.json()["detail"]


# --- 4. only verified claims are public ----------------------------------------------------------------


def test_a_claim_with_a_verdict_but_not_verified_is_not_published(api_client, editor_client, client, data):
    claim = data["claims"]["classes"]
    Claim.objects.filter(pk=claim.pk).update(verdict="false", status="needs_work")
    assert api_client.get(f"/api/claims/{claim.pk}/claimreview/").status_code == 404
    assert client.get(f"/fact-checks/{claim.pk}/").status_code == 404
    jsonld = json.loads(body_of(editor_client.get("/api/export/claims?format=jsonld&status=any")))
    assert [r["claimReviewed"] for r in jsonld] == [data["claims"]["crime"].text]


# --- 6. undo --------------------------------------------------------------------------------------------


def test_undo_on_the_api(api_client, bob_client, data):
    quote = data["quotes"]["taxes"]
    verified = post(api_client, f"/api/quotes/{quote.pk}/status/", {"version": quote.version, "status": "rejected"})
    version = verified.json()["version"]
    assert post(bob_client, f"/api/quotes/{quote.pk}/undo/", {"version": version}).status_code == 400
    undone = post(api_client, f"/api/quotes/{quote.pk}/undo/", {"version": version})
    assert undone.status_code == 200 and undone.json()["status"] == "pending"
    assert post(api_client, f"/api/quotes/{quote.pk}/undo/", {"version": undone.json()["version"]}).status_code == 400


# --- 9. conflicts -----------------------------------------------------------------------------------------


def test_a_409_says_which_field_the_other_person_changed_and_its_value(api_client, bob_client, data):
    claim = data["claims"]["classes"]
    post(bob_client, f"/api/claims/{claim.pk}/verdict/", {"version": claim.version, "verdict": "misleading"})
    response = post(api_client, f"/api/claims/{claim.pk}/notes/", {"version": claim.version, "notes": "mine"})
    assert response.status_code == 409
    body = response.json()
    assert body["changed_by"] == "bob"
    assert {c["field"]: (c["changed_by"], c["new"]) for c in body["changes"]} == {"verdict": ("bob", "misleading")}
    assert body["current"]["verdict"] == "misleading" and body["current"]["notes"] == ""


# --- 10. the speaker a person set -----------------------------------------------------------------------------


def test_after_a_person_sets_the_speaker_the_models_confidence_is_not_shown_as_current(api_client, data, alice):
    quote = data["quotes"]["taxes"]
    before = api_client.get(f"/api/quotes/{quote.pk}/").json()
    assert (before["speaker_source"], before["confidence"]) == ("model", 0.4)
    response = post(
        api_client,
        f"/api/quotes/{quote.pk}/speaker/",
        {"version": quote.version, "speaker": data["speakers"]["lopez"].pk},
    )
    body = response.json()
    assert body["speaker_source"] == "human" and body["speaker_set_by"] == "alice" and body["speaker_set_at"]
    assert body["confidence"] is None and body["attribution_reason"] is None
    review.item_set_status(item=Quote.objects.get(pk=quote.pk), user=alice, version=body["version"], status="verified")
    rows = {r["id"]: r for r in json.loads(body_of(api_client.get("/api/export/quotes?format=json")))}
    assert (rows[quote.pk]["speaker_source"], rows[quote.pk]["speaker_set_by"], rows[quote.pk]["confidence"]) == (
        "human", "alice", None,
    )  # fmt: skip
    other = data["quotes"]["wall"]
    assert (rows[other.pk]["speaker_source"], rows[other.pk]["confidence"]) == ("model", 0.9)
    table = list(csv.DictReader(io.StringIO(body_of(api_client.get("/api/export/quotes?format=csv")))))
    mine = next(r for r in table if r["id"] == str(quote.pk))
    assert mine["speaker_source"] == "human" and mine["confidence"] == ""


# --- 11. speakers -------------------------------------------------------------------------------------------


def test_a_name_nobody_has_is_a_400_with_suggestions_until_confirmed(api_client, data):
    quote = data["quotes"]["taxes"]
    Speaker.objects.create(name="Keir Starmer")
    response = post(api_client, f"/api/quotes/{quote.pk}/speaker/", {"version": quote.version, "name": "Keir Hardie"})
    assert response.status_code == 400 and response.json()["code"] == "speaker_unknown"
    assert [s["name"] for s in response.json()["suggestions"]] == ["Keir Starmer"]
    assert not Speaker.objects.filter(name="Keir Hardie").exists()


def test_an_honorific_does_not_make_a_new_speaker(api_client, data):
    quote = data["quotes"]["taxes"]
    keir = Speaker.objects.create(name="Keir Starmer")
    response = post(
        api_client, f"/api/quotes/{quote.pk}/speaker/", {"version": quote.version, "name": "Sir Keir Starmer"}
    )
    assert response.status_code == 200 and response.json()["speaker"]["id"] == keir.pk
    assert Speaker.objects.filter(name__icontains="Keir").count() == 1


def test_the_same_honorific_rule_in_the_reader_lookup_and_the_api(alice_client, api_client, data):
    keir = Speaker.objects.create(name="Keir Starmer")
    SpeakerAlias.objects.create(speaker=keir, alias="Starmer")
    for q in ("Sir Keir", "sir keir", "Mr Starmer", "Keir"):
        found = alice_client.get("/review/speakers.json", {"q": q}).json()["results"]
        assert [r["name"] for r in found][:1] == ["Keir Starmer"], q
    assert alice_client.get("/review/speakers.json", {"q": "Sir Keir Starmer"}).json()["results"][0]["same_name"]


# --- exports --------------------------------------------------------------------------------------------------


def test_claims_export_has_evidence_urls_and_who_reviewed_when(api_client, data, alice, erin):
    claim = data["claims"]["crime"]
    reopened = review.item_set_status(item=claim, user=erin, version=claim.version, status="pending")
    for url in ("https://ons.example/a", "https://police.example/b"):
        review.claim_add_evidence(claim=reopened, user=alice, url=url)
    rows = json.loads(body_of(api_client.get("/api/export/claims?format=json")))  # reviewed: a verdict, open
    row = next(r for r in rows if r["id"] == claim.pk)
    assert row["evidence_urls"] == ["https://ons.example/a", "https://police.example/b"]
    assert "reviewer" in row and "reviewed_at" in row
    table = list(csv.DictReader(io.StringIO(body_of(api_client.get("/api/export/claims?format=csv")))))
    assert next(r for r in table if r["id"] == str(claim.pk))["evidence_urls"] == (
        "https://ons.example/a https://police.example/b"
    )


def test_a_csv_export_for_excel_starts_with_a_bom(api_client, data):
    Quote.objects.filter(pk=data["quotes"]["wall"].pk).update(text="Café “quoted” £5")
    plain = body_of(api_client.get("/api/export/quotes?format=csv"))
    excel = api_client.get("/api/export/quotes?format=csv&bom=1")
    raw = b"".join(excel.streaming_content)
    assert not plain.startswith("\ufeff") and raw.startswith(b"\xef\xbb\xbf")
    assert "Café “quoted” £5" in raw.decode("utf-8-sig")
    assert raw.decode("utf-8-sig").splitlines()[0].startswith("id,text,")


# --- 2. the webhook ---------------------------------------------------------------------------------------------


def test_a_correction_sends_claim_corrected(data, erin, receiver, django_capture_on_commit_callbacks):
    WebhookEndpoint.objects.create(url=receiver.url, secret="s", events=["claim.corrected"])
    claim = data["claims"]["crime"]
    claim = review.item_set_status(item=claim, user=erin, version=claim.version, status="pending")
    claim = review.claim_set_verdict(
        claim=claim, user=erin, version=claim.version, verdict="half_true", correction_note="New ONS data."
    )
    with django_capture_on_commit_callbacks(execute=True):
        review.item_set_status(item=claim, user=erin, version=claim.version, status="verified")
    assert [r["headers"]["X-Quotecheck-Event"] for r in receiver.requests] == ["claim.corrected"]
    event = receiver.requests[0]["json"]
    assert event["data"]["id"] == claim.pk and event["data"]["verdict"] == "half_true"
    assert event["correction"]["old_verdict"] == "mostly_false" and event["correction"]["note"] == "New ONS data."
    assert event["correction"]["editor"] == "erin"
