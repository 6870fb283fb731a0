"""claims.services.speakers: one name-matching rule and one alias rule, whichever path attaches the speaker.

The extractor, the reader's speaker form and the API's speaker action all end in `speaker_for_name`
and `alias_add`; these tests drive each path with the same inputs and expect the same speaker rows.
"""

import json

import pytest
from django.core.exceptions import PermissionDenied
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from claims.models import Quote, Speaker, SpeakerAlias
from claims.nlp.spans import Extraction, QuoteSpan
from claims.services.extraction import apply_extraction
from claims.services.speakers import alias_for, speaker_for_name, speaker_match, speakers_merge
from tests.factories import ArticleFactory, ClaimFactory, QuoteFactory

BODY = "“We won,” said Ana Ruiz. “We will win again,” she added."


@pytest.fixture
def article(db):
    return ArticleFactory(body_text=BODY)


@pytest.fixture
def quote(article):
    return QuoteFactory(article=article, text="We won", speaker_mention="Ms Ruiz")


def test_a_name_matches_whatever_its_case_and_spacing(db):
    ruiz = Speaker.objects.create(name="Ana Ruiz")
    assert speaker_match("Ana Ruiz") == ruiz
    assert speaker_match("ana ruiz") == ruiz
    assert speaker_match("  Ana   Ruiz ") == ruiz
    assert speaker_for_name("ANA RUIZ") == ruiz
    assert Speaker.objects.count() == 1


def test_an_alias_matches_only_when_one_speaker_holds_it(db):
    keir = Speaker.objects.create(name="Keir Starmer")
    SpeakerAlias.objects.create(speaker=keir, alias="Sir Keir")
    assert speaker_match("sir keir") == keir
    other = Speaker.objects.create(name="Keir Hardie")
    SpeakerAlias.objects.create(speaker=other, alias="Sir Keir")
    assert speaker_match("Sir Keir") is None  # ambiguous: never silently merged
    assert speaker_for_name("Sir Keir").name == "Sir Keir"


def test_the_alias_rule(db):
    keir = Speaker(name="Keir Starmer")
    assert alias_for(keir, "Sir Keir") == "Sir Keir"
    assert alias_for(keir, "Mr  Starmer") == "Mr Starmer"
    for junk in ("", "  ", "keir starmer", "he", "She", "them", "the prime minister", "officials"):
        assert alias_for(keir, junk) is None, junk


def test_the_reader_and_the_api_attach_the_same_speaker(client, quote, alice):
    """The bug this rule fixed: the page linked "ana ruiz" to Ana Ruiz while the API created a second speaker."""
    ruiz = Speaker.objects.create(name="Ana Ruiz")
    client.force_login(alice)
    response = client.post(
        f"/articles/{quote.article_id}/quote/{quote.pk}/speaker/",
        {"version": quote.version, "speaker_name": "ana ruiz"},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 200, response.content
    quote.refresh_from_db()
    assert quote.speaker == ruiz

    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=alice).key}")
    response = api.post(
        f"/api/quotes/{quote.pk}/speaker/",
        json.dumps({"version": quote.version, "name": "ANA RUIZ"}),
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["speaker"]["id"] == ruiz.pk
    assert Speaker.objects.count() == 1


def test_the_extractor_uses_the_same_rules(article):
    ruiz = Speaker.objects.create(name="Ana Ruiz")
    start = BODY.index("We won")
    extraction = Extraction(
        quotes=[
            QuoteSpan(
                start=start,
                end=start + len("We won"),
                text="We won",
                kind="direct",
                speaker="ana ruiz",  # the rule matches ignoring case, as for a reviewer
                speaker_mention="the minister",  # a description: not an alias
                speaker_start=None,
                speaker_end=None,
                speaker_kind="person",
                speaker_role=None,
                cue="said",
                confidence=0.9,
                reason="test",
            )
        ]
    )
    apply_extraction(article=article, extraction=extraction, version="t")
    assert Quote.objects.get(article=article).speaker == ruiz
    assert not SpeakerAlias.objects.exists()


def test_a_correction_records_the_mention_by_the_alias_rule(client, quote, alice):
    client.force_login(alice)
    client.post(
        f"/articles/{quote.article_id}/quote/{quote.pk}/speaker/",
        {"version": quote.version, "speaker_name": "Ana Ruiz"},
        HTTP_ACCEPT="application/json",
    )
    ruiz = Speaker.objects.get(name="Ana Ruiz")
    assert list(ruiz.aliases.values_list("alias", flat=True)) == ["Ms Ruiz"]


def test_merging_keeps_names_as_aliases_by_the_same_rule(article, alice, erin):
    target = Speaker.objects.create(name="Keir Starmer")
    duplicate = Speaker.objects.create(name="Sir Keir")
    junk = Speaker.objects.create(name="officials")
    SpeakerAlias.objects.create(speaker=duplicate, alias="Mr Starmer")
    claim = ClaimFactory(article=article, text="We will win again", speaker=junk)
    with pytest.raises(PermissionDenied):  # reviewers may not merge
        speakers_merge(user=alice, target=target, sources=[duplicate])
    speakers_merge(user=erin, target=target, sources=[duplicate, junk, target])
    assert sorted(target.aliases.values_list("alias", flat=True)) == ["Mr Starmer", "Sir Keir"]
    assert Speaker.objects.filter(pk__in=[duplicate.pk, junk.pk]).count() == 0
    claim.refresh_from_db()
    assert claim.speaker == target
