"""Review actions over the API go through claims.review: versions, 409 with the current item, 400s and 403s."""

import pytest

from claims.models import Evidence, Quote, ReviewEvent, Speaker
from tests.conftest import client_for
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def post(client, url, body):
    return client.post(url, body, format="json")


def test_verify_a_quote(api_client, data, alice):
    quote = data["quotes"]["taxes"]
    response = post(
        api_client,
        f"/api/quotes/{quote.pk}/status/",
        {"version": quote.version, "status": "verified", "notes": "Checked the video."},
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "verified" and body["version"] == quote.version + 1
    assert body["reviewer"] == "alice" and body["notes"] == "Checked the video."
    assert ReviewEvent.objects.filter(quote=quote, actor=alice, field="status").exists()


def test_stale_version_is_409_with_the_current_item_and_who(api_client, bob_client, data):
    quote = data["quotes"]["taxes"]
    assert (
        post(
            bob_client, f"/api/quotes/{quote.pk}/status/", {"version": quote.version, "status": "needs_work"}
        ).status_code
        == 200
    )
    response = post(api_client, f"/api/quotes/{quote.pk}/status/", {"version": quote.version, "status": "verified"})
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "stale_version" and body["changed_by"] == "bob" and "changed by bob" in body["detail"]
    assert body["current"]["status"] == "needs_work" and body["current"]["version"] == quote.version + 1
    assert body["current"]["speaker"]["name"] == "John Smith"  # the full detail shape
    assert Quote.objects.get(pk=quote.pk).status == "needs_work"


@pytest.mark.parametrize(
    "body",
    [
        {"status": "verified"},  # no version
        {"version": 1, "status": "approved"},  # unknown status
        {"version": "x", "status": "verified"},
        {"version": 1, "status": "verified", "notes": "x" * 20_001},
    ],
)
def test_bad_review_input_is_400(api_client, data, body):
    response = post(api_client, f"/api/quotes/{data['quotes']['taxes'].pk}/status/", body)
    assert response.status_code == 400, response.content


def test_reviewer_cannot_reopen_but_editor_can(api_client, editor_client, data):
    quote = data["quotes"]["wall"]
    response = post(api_client, f"/api/quotes/{quote.pk}/status/", {"version": quote.version, "status": "pending"})
    assert response.status_code == 403 and "Only editors" in response.json()["detail"]
    response = post(editor_client, f"/api/quotes/{quote.pk}/status/", {"version": quote.version, "status": "pending"})
    assert response.status_code == 200 and response.json()["status"] == "pending"


def test_user_without_a_role_gets_403(data):
    client = client_for(UserFactory(username="mallory"))
    assert client.get("/api/quotes/").status_code == 403
    quote = data["quotes"]["taxes"]
    assert post(client, f"/api/quotes/{quote.pk}/status/", {"version": 1, "status": "verified"}).status_code == 403


def test_correct_speaker_to_existing_and_new(api_client, data):
    quote = data["quotes"]["taxes"]
    lopez = data["speakers"]["lopez"]
    response = post(api_client, f"/api/quotes/{quote.pk}/speaker/", {"version": quote.version, "speaker": lopez.pk})
    assert response.status_code == 200 and response.json()["speaker"]["name"] == "Maria Lopez"
    version = response.json()["version"]
    response = post(
        api_client, f"/api/quotes/{quote.pk}/speaker/", {"version": version, "name": "Jane Doe", "kind": "person"}
    )
    assert response.status_code == 200 and response.json()["speaker"]["name"] == "Jane Doe"
    assert Speaker.objects.filter(name="Jane Doe").exists()
    assert post(api_client, f"/api/quotes/{quote.pk}/speaker/", {"version": version}).status_code == 400
    assert (
        post(api_client, f"/api/quotes/{quote.pk}/speaker/", {"version": version + 1, "speaker": 999999}).status_code
        == 400
    )


def test_claim_verdict_evidence_and_notes(api_client, data):
    claim = data["claims"]["classes"]
    response = post(
        api_client,
        f"/api/claims/{claim.pk}/verdict/",
        {"version": claim.version, "verdict": "false", "rationale": "Records show 5% growth."},
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["verdict"] == "false" and body["rationale"] == "Records show 5% growth."
    response = post(
        api_client,
        f"/api/claims/{claim.pk}/evidence/",
        {"url": "https://stats.example.org/schools", "title": "School census"},
    )
    assert response.status_code == 201 and response.json()["evidence"][0]["title"] == "School census"
    assert Evidence.objects.filter(claim=claim).count() == 1
    assert post(api_client, f"/api/claims/{claim.pk}/evidence/", {"url": "javascript:alert(1)"}).status_code == 400
    response = post(api_client, f"/api/claims/{claim.pk}/notes/", {"version": body["version"], "notes": "Done."})
    assert response.status_code == 200 and response.json()["notes"] == "Done."
    stale = post(api_client, f"/api/claims/{claim.pk}/verdict/", {"version": claim.version, "verdict": "true"})
    assert stale.status_code == 409 and stale.json()["current"]["verdict"] == "false"
    # Now it has a verdict, the claim shows on the default (reviewed) list.
    assert claim.pk in {c["id"] for c in api_client.get("/api/claims/").json()["results"]}


def test_unknown_verdict_is_400(api_client, data):
    claim = data["claims"]["classes"]
    response = post(api_client, f"/api/claims/{claim.pk}/verdict/", {"version": claim.version, "verdict": "meh"})
    assert response.status_code == 400 and "verdict" in response.json()
