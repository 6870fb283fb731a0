"""Reviewer workbench: the queue with bulk actions, the inspector's review actions, conflicts, roles and bad input."""

import json

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims.models import Claim, Evidence, Outlet, Quote, ReviewEvent, Speaker, SpeakerAlias
from tests.conftest import make_user
from tests.test_pages import add_claim, add_quote, make_article

BODY = (
    "“We built 300 homes last year,” said Ana Ruiz.\n\n"
    "The council has 12 members, the mayor said. “Nobody will lose a bus route,” Ruiz added."
)
JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def article(db):
    outlet = Outlet.objects.create(name="Demo Gazette")
    return make_article(BODY, title="Housing row", outlet=outlet)


@pytest.fixture
def ana(db):
    speaker = Speaker.objects.create(name="Ana Ruiz", description="council leader")
    SpeakerAlias.objects.create(speaker=speaker, alias="Ruiz")
    return speaker


@pytest.fixture
def quote(article, ana):
    start = BODY.index("We built")
    return add_quote(
        article,
        start,
        BODY.index(",”"),
        speaker_mention="Ana Ruiz",
        confidence=0.9,
        attribution_reason="nearest PERSON subject of 'said'",
        speaker=ana,
    )


@pytest.fixture
def weak_quote(article):
    start = BODY.index("Nobody")
    return add_quote(
        article,
        start,
        BODY.index(",” Ruiz"),
        speaker_mention="Ruiz",
        confidence=0.3,
        attribution_reason="name after the quote",
    )


@pytest.fixture
def claim(article):
    start = BODY.index("The council")
    return add_claim(article, start, BODY.index(", the mayor"), checkworthiness=0.8, signals=["number"])


def act(client, item, action, data=None, **extra):
    kind = item._meta.model_name
    url = reverse("claims:item_action", args=[item.article_id, kind, item.pk, action])
    return client.post(url, data or {}, **extra)


def erin_client(erin):
    client = Client()
    client.force_login(erin)
    return client


# --- access ---------------------------------------------------------------------------------------


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


def test_editor_can_reopen(erin, alice_client, quote):
    act(alice_client, quote, "status", {"status": "rejected", "version": quote.version})
    quote.refresh_from_db()
    response = act(erin_client(erin), quote, "status", {"status": "pending", "version": quote.version})
    assert response.status_code == 302
    quote.refresh_from_db()
    assert quote.status == "pending"


def test_user_without_a_role_gets_403(client, quote):
    client.force_login(make_user("mallory"))
    response = act(client, quote, "status", {"status": "verified", "version": quote.version})
    assert response.status_code == 403 and "no role" in response.content.decode()


def test_reviewer_bulk_assign_is_refused_with_message(alice_client, alice, quote, claim):
    response = alice_client.post(
        reverse("claims:queue_bulk"),
        {"action": "assign", "assignee": alice.pk, "items": [f"quote:{quote.pk}:{quote.version}"], "confirmed": "1"},
    )
    assert response.status_code == 403 and "Only editors can assign work." in response.content.decode()
    quote.refresh_from_db()
    assert quote.assigned_to is None


# --- queue ----------------------------------------------------------------------------------------


def test_queue_lists_open_items_low_confidence_first_with_counts(alice_client, quote, weak_quote, claim):
    Quote.objects.filter(pk=quote.pk).update(status="verified")
    response = alice_client.get(reverse("claims:queue"))
    assert response.status_code == 200
    keys = [(i.type, i.pk) for i in response.context["items"]]
    assert keys == [("quote", weak_quote.pk), ("claim", claim.pk)]  # verified quote is not awaiting review
    counts = response.context["counts"]
    assert (counts["open"], counts["verified"], counts["all"]) == (2, 1, 3)
    html = response.content.decode()
    assert "30% conf." in html and "80% worthy" in html and "Housing row" in html


@pytest.mark.parametrize(
    "params,expected",
    [
        ({"kind": "claim"}, ["claim"]),
        ({"kind": "quote"}, ["weak", "quote"]),
        ({"max_confidence": "0.5"}, ["weak"]),
        ({"min_worth": "0.7"}, ["claim"]),
        ({"q": "bus route"}, ["weak"]),
        ({"status": "all", "sort": "article"}, ["quote", "claim", "weak"]),
        ({"assigned": "me"}, ["claim"]),
        ({"assigned": "none"}, ["weak", "quote"]),
        ({"date_from": "2000-01-01", "date_to": "2100-01-01"}, ["weak", "quote", "claim"]),
        ({"date_from": "2100-01-01"}, []),
        ({"date_from": "not a date"}, ["weak", "quote", "claim"]),  # a bad value is ignored, not a 500
        ({"sort": "bogus", "status": "nonsense"}, ["weak", "quote", "claim"]),
    ],
)
def test_queue_filters(alice_client, alice, quote, weak_quote, claim, params, expected):
    Claim.objects.filter(pk=claim.pk).update(assigned_to=alice)
    names = {("quote", quote.pk): "quote", ("quote", weak_quote.pk): "weak", ("claim", claim.pk): "claim"}
    response = alice_client.get(reverse("claims:queue"), params)
    assert response.status_code == 200
    assert [names[(i.type, i.pk)] for i in response.context["items"]] == expected


def test_queue_filters_by_article_outlet_and_speaker(alice_client, article, quote, weak_quote, claim, ana):
    other = make_article("“Elsewhere,” said Bo.", title="Other")
    add_quote(other, 1, 10)
    url = reverse("claims:queue")
    assert len(alice_client.get(url, {"article": article.pk}).context["items"]) == 3
    assert len(alice_client.get(url, {"outlet": article.outlet_id}).context["items"]) == 3
    assert [i.pk for i in alice_client.get(url, {"speaker": ana.pk}).context["items"]] == [quote.pk]
    assert len(alice_client.get(url, {"article": "abc"}).context["items"]) == 4  # ignored, not a 500


def test_queue_query_count_is_constant_in_page_size(alice_client, erin):
    def queries(n):
        body = " ".join(f"“Q{i:03d},” said Ana." for i in range(n))
        article = make_article(body, outlet=Outlet.objects.get_or_create(name="Gazette")[0])
        speaker = Speaker.objects.get_or_create(name="Ana")[0]
        for i in range(n):
            start = body.index(f"Q{i:03d}")
            add_quote(article, start, start + 4, speaker=speaker, assigned_to=erin, confidence=i / (n + 1))
            add_claim(article, start, start + 4, checkworthiness=0.5)
        with CaptureQueriesContext(connection) as ctx:
            response = alice_client.get(reverse("claims:queue"), {"article": article.pk})
        assert response.status_code == 200 and len(response.context["items"]) == min(2 * n, 50)
        return len(ctx)

    # session, user, groups (role), count, page rows, quotes, claims, status counts ×2, outlets, article scope
    assert queries(3) == queries(40)


def test_bulk_verify_asks_for_confirmation_then_applies(alice_client, quote, weak_quote):
    data = {
        "action": "verify",
        "items": [f"quote:{q.pk}:{q.version}" for q in (quote, weak_quote)],
        "next": reverse("claims:queue") + "?kind=quote",
    }
    response = alice_client.post(reverse("claims:queue_bulk"), data)
    assert response.status_code == 200 and "Verify 2 items?" in response.content.decode()
    assert not Quote.objects.filter(status="verified").exists()
    response = alice_client.post(reverse("claims:queue_bulk"), {**data, "confirmed": "1"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("claims:queue") + "?kind=quote"
    assert "Verified 2 items." in response.content.decode()
    assert Quote.objects.filter(status="verified").count() == 2


def test_bulk_skips_items_changed_since_the_page_was_read(alice_client, bob, quote, weak_quote):
    from claims.services import review

    review.item_set_status(item=weak_quote, user=bob, version=weak_quote.version, status="needs_work")
    data = {"action": "reject", "confirmed": "1", "items": [f"quote:{q.pk}:{q.version}" for q in (quote, weak_quote)]}
    html = alice_client.post(reverse("claims:queue_bulk"), data, follow=True).content.decode()
    assert "Rejected 1 item." in html and f"quote #{weak_quote.pk} (changed by bob)" in html
    weak_quote.refresh_from_db()
    assert weak_quote.status == "needs_work"


def test_editor_bulk_assigns(erin, alice, quote, claim):
    client = erin_client(erin)
    data = {
        "action": "assign",
        "assignee": str(alice.pk),
        "items": [f"quote:{quote.pk}:{quote.version}", f"claim:{claim.pk}:{claim.version}"],
    }
    assert "to alice" in client.post(reverse("claims:queue_bulk"), data).content.decode()
    html = client.post(reverse("claims:queue_bulk"), {**data, "confirmed": "1"}, follow=True).content.decode()
    assert "Assigned 2 items to alice." in html
    assert {quote.__class__.objects.get().assigned_to, Claim.objects.get().assigned_to} == {alice}


@pytest.mark.parametrize(
    "data,message",
    [
        ({"action": "verify"}, "Select at least one item."),
        ({"action": "explode", "items": ["quote:1:1"]}, "Select a valid choice"),
        ({"action": "verify", "items": ["quote:1"]}, "is not a queue item"),
        ({"action": "verify", "items": ["<script>:1:1"]}, "&lt;script&gt;:1:1"),
        ({"action": "assign", "items": ["quote:1:1"], "assignee": "99999"}, "Choose a reviewer"),
    ],
)
def test_bulk_bad_input_gives_a_message(erin, quote, data, message):
    response = erin_client(erin).post(reverse("claims:queue_bulk"), data, follow=True)
    assert response.status_code == 200 and message in response.content.decode()


def test_bulk_on_deleted_items_reports_them(alice_client, quote):
    data = {"action": "verify", "confirmed": "1", "items": [f"quote:{quote.pk}:1", "claim:999999:1"]}
    html = alice_client.post(reverse("claims:queue_bulk"), data, follow=True).content.decode()
    assert "Verified 1 item." in html and "no longer exist" in html


# --- reader and inspector -------------------------------------------------------------------------


def test_reader_shows_inspector_for_selected_item(alice_client, quote):
    url = reverse("claims:article_detail", args=[quote.article_id])
    html = alice_client.get(url, {"item": f"quote-{quote.pk}"}).content.decode()
    assert 'id="inspector"' in html and f'data-id="{quote.pk}"' in html
    assert "nearest PERSON subject of &#x27;said&#x27;" in html and "Verify <kbd>v</kbd>" in html
    assert reverse("claims:item_action", args=[quote.article_id, "quote", quote.pk, "speaker"]) in html
    assert 'id="shortcuts"' in html
    html = alice_client.get(url, {"item": "quote-999999"}).content.decode()
    assert "Select a quote or claim" in html


def test_panel_fragment_and_redirect(alice_client, claim):
    url = reverse("claims:item_panel", args=[claim.article_id, "claim", claim.pk])
    response = alice_client.get(url, HTTP_X_FRAGMENT="panel")
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html and "Mostly false" in html
    response = alice_client.get(url)
    assert response["Location"].endswith(f"?item=claim-{claim.pk}#inspector")


def test_reader_query_count_is_constant_with_selected_item(alice_client):
    def queries(n):
        body = " ".join(f"“Q{i:03d},” said Speaker{i % 3}." for i in range(n))
        article = make_article(body)
        speakers = [Speaker.objects.get_or_create(name=f"Speaker {i}")[0] for i in range(3)]
        quotes = []
        for i in range(n):
            start = body.index(f"Q{i:03d}")
            quotes.append(add_quote(article, start, start + 4, speaker=speakers[i % 3]))
            add_claim(article, start, start + 4)
        from claims.services import review

        first = quotes[0]
        for _ in range(3):
            first = review.item_set_notes(
                item=first, user=make_user(f"u{n}{_}", "reviewer"), version=first.version, notes=f"note {_}"
            )
        with CaptureQueriesContext(connection) as ctx:
            response = alice_client.get(
                reverse("claims:article_detail", args=[article.pk]), {"item": f"quote-{first.pk}"}
            )
        assert response.status_code == 200 and "inspector" in response.context
        return len(ctx)

    # session, user, article, quotes, claims, inspector: item, events, groups (editor?)
    assert queries(5) == queries(50)


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

    response = act(
        alice_client, quote, "speaker", {"speaker_name": "Marta Kolb", "kind": "person", "version": quote.version}
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
    Speaker.objects.create(name="<b>Bold</b> Ruizinho")
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


@pytest.mark.parametrize("action,data,status,message", BAD_INPUT)
def test_quote_bad_input_gives_clear_message(alice_client, quote, action, data, status, message):
    data = {"version": quote.version, **data}
    response = act(alice_client, quote, action, data, **JSON)
    assert response.status_code == status and message in response.json()["error"]
    response = act(alice_client, quote, action, data)
    assert response.status_code == status and message in response.content.decode()


@pytest.mark.parametrize(
    "data,message",
    [
        ({"verdict": ""}, "Choose a verdict"),
        ({"verdict": "pants_on_fire"}, "Unknown verdict"),
        ({"verdict": "true", "rationale": "x" * 20_001}, "Rationale is longer"),
    ],
)
def test_verdict_bad_input(alice_client, claim, data, message):
    response = act(alice_client, claim, "verdict", {"version": claim.version, **data}, **JSON)
    assert response.status_code == 400 and message in response.json()["error"]


@pytest.mark.parametrize(
    "data,message",
    [
        ({"url": ""}, "valid http(s) URL"),
        ({"url": "javascript:alert(1)"}, "valid http(s) URL"),
        ({"url": "not a url"}, "valid http(s) URL"),
        ({"url": "https://example.org/" + "a" * 2001}, "2,000 characters"),
        ({"url": "https://example.org", "title": "t" * 301}, "Title is longer than 300"),
    ],
)
def test_evidence_bad_input(alice_client, claim, data, message):
    response = act(alice_client, claim, "evidence", data)
    assert response.status_code == 400 and message in response.content.decode()
    assert not Evidence.objects.exists()


def test_item_of_another_article_or_missing_is_404_with_message(alice_client, quote):
    other = make_article("A different story entirely.")
    url = reverse("claims:item_action", args=[other.pk, "quote", quote.pk, "status"])
    response = alice_client.post(url, {"status": "verified", "version": quote.version})
    assert response.status_code == 404 and "belongs to another article" in response.content.decode()
    url = reverse("claims:item_action", args=[quote.article_id, "quote", 999999, "status"])
    response = alice_client.post(url, {"status": "verified", "version": 1}, **JSON)
    assert response.status_code == 404 and "There is no quote #999999" in response.json()["error"]
    url = reverse("claims:item_panel", args=[quote.article_id, "speaker", quote.pk])
    assert alice_client.get(url).status_code == 404


def test_add_missed_item_by_offsets(alice_client, article):
    start = BODY.index("The council")
    end = BODY.index(", the mayor")
    url = reverse("claims:item_add", args=[article.pk])
    response = alice_client.post(url, {"kind": "claim", "start": start, "end": end})
    claim = Claim.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"?item=claim-{claim.pk}#inspector")
    assert claim.text == "The council has 12 members" and "start" in claim.human_fields
    for data, message in [
        ({"kind": "claim", "start": start, "end": end}, "already marked"),
        ({"kind": "quote", "start": 5, "end": 99999}, "fall outside the article"),
        ({"kind": "quote", "start": "", "end": ""}, "whole numbers"),
        ({"kind": "note", "start": 1, "end": 5}, "either a quote or a claim"),
    ]:
        response = alice_client.post(url, data, **JSON)
        assert response.status_code == 400 and message in response.json()["error"]
    response = alice_client.post(url, {"kind": "quote", "start": 5, "end": 99999})
    assert response.status_code == 400 and "fall outside the article" in response.content.decode()
    assert alice_client.post(reverse("claims:item_add", args=[999999]), {"kind": "quote"}).status_code == 404


def test_history_shows_model_and_human_provenance(alice_client, alice, quote, ana):
    ReviewEvent.objects.create(article=quote.article, quote=quote, action="extracted", new_value={"version": "t1"})
    act(alice_client, quote, "speaker", {"speaker_name": "Marta Kolb", "version": quote.version})
    html = alice_client.get(
        reverse("claims:article_detail", args=[quote.article_id]), {"item": f"quote-{quote.pk}"}
    ).content.decode()
    assert 'class="ev-who">Extractor</span>' in html and "extracted (t1)" in html
    assert "<del>Ana Ruiz</del> → <ins>Marta Kolb</ins>" in html
    assert '<th scope="row">Speaker</th><td>Marta Kolb</td><td><span class="src src-human">Human</span>' in html
    assert '<th scope="row">Kind</th><td>Direct</td><td><span class="src src-model">Model</span>' in html


def test_user_text_is_escaped_everywhere(alice_client, alice):
    body = "Intro <script>alert('x')</script> and “<b>bold</b> words,” said <i>Eve</i>."
    article = make_article(body, title="<script>alert(1)</script>")
    start = body.index("<b>")
    quote = add_quote(
        article,
        start,
        body.index(",”"),
        speaker_mention="<i>Eve</i>",
        attribution_reason="<img src=x onerror=alert(1)>",
        speaker=Speaker.objects.create(name="<svg onload=alert(1)>"),
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


def test_nav_shows_queue_and_only_existing_pages(alice_client):
    from django.urls import NoReverseMatch

    html = alice_client.get(reverse("claims:queue")).content.decode()
    assert f'href="{reverse("claims:queue")}"' in html
    for name, label in (("claims:speaker_list", ">Speakers<"), ("claims:dashboard", ">Dashboard<")):
        try:
            assert reverse(name) in html
        except NoReverseMatch:
            assert label not in html


def test_json_errors_never_500_on_garbage(alice_client, quote):
    url = reverse("claims:item_action", args=[quote.article_id, "quote", quote.pk, "status"])
    response = alice_client.post(url, data=json.dumps({"x": 1}), content_type="application/json", **JSON)
    assert response.status_code == 400
