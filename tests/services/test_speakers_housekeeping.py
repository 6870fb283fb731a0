"""claims.services.speakers: honorific-insensitive matching, and the editors' housekeeping — delete unused,
rename, discard junk, remove aliases, merge without keeping junk names — with history and versions."""

import pytest
from django.core.exceptions import PermissionDenied

from claims.models import Claim, Quote, ReviewEvent, Speaker, SpeakerAlias
from claims.nlp.spans import Extraction
from claims.selectors.speakers import name_key, speaker_lookup, speakers_with_counts
from claims.services import review, speakers
from claims.services.extraction import apply_extraction
from tests.review_helpers import newsroom_items, quote_span

pytestmark = pytest.mark.django_db


@pytest.fixture
def items(db):
    return newsroom_items()


def test_name_key_sets_honorifics_case_and_full_stops_aside():
    assert name_key("Sir Keir Starmer") == "keir starmer"
    assert name_key("Dr. Ana  Ruiz") == "ana ruiz"
    assert name_key("Mr Starmer") == "starmer"
    assert name_key("Lord") == "lord"  # nothing but an honorific keeps it


def test_speaker_match_ignores_honorifics_but_never_guesses_between_two_people(db):
    keir = Speaker.objects.create(name="Keir Starmer")
    assert speakers.speaker_match("Sir Keir Starmer") == keir
    assert speakers.speaker_match("keir starmer") == keir
    assert speakers.speaker_match("Starmer") is None  # a bare surname is nobody's name or alias yet…
    SpeakerAlias.objects.create(speaker=keir, alias="Mr Starmer")
    assert speakers.speaker_match("Starmer") == keir  # …but it is the alias "Mr Starmer" without its honorific
    assert speakers.speaker_match("Prof. Starmer") == keir
    Speaker.objects.create(name="Sir Keir Hardie")
    assert speakers.speaker_match("Keir Hardie").name == "Sir Keir Hardie"
    Speaker.objects.create(name="Dr Keir Starmer")  # a duplicate under another honorific: now ambiguous
    assert speakers.speaker_match("Sir Keir Starmer") is None


def test_search_finds_people_through_their_honorifics(db):
    keir = Speaker.objects.create(name="Keir Starmer")
    Speaker.objects.create(name="Keira Knightley")
    assert [s.name for s in speaker_lookup("Sir Keir")] == ["Keir Starmer", "Keira Knightley"]
    assert [s.name for s in speaker_lookup("Sir Keir Starmer")] == [keir.name]
    assert [s.name for s in speakers_with_counts("Mr Starmer")] == [keir.name]


def test_deleting_is_for_unused_speakers_and_editors(items, alice, erin):
    unused = Speaker.objects.create(name="Typo Persn")
    with pytest.raises(PermissionDenied):
        speakers.speaker_delete(user=alice, speaker=unused)
    with pytest.raises(review.ReviewError, match="is the speaker of quotes or claims"):
        speakers.speaker_delete(user=erin, speaker=items["lopez"])
    speakers.speaker_delete(user=erin, speaker=unused)
    assert not Speaker.objects.filter(name="Typo Persn").exists()
    assert list(speakers_with_counts(unused=True)) == []


def test_renaming_keeps_the_old_name_as_an_alias_only_when_asked(items, erin):
    lopez = items["lopez"]
    speakers.speaker_rename(user=erin, speaker=lopez, name="Maria  López", keep_alias=False)
    lopez.refresh_from_db()
    assert lopez.name == "Maria López" and not lopez.aliases.exists()
    speakers.speaker_rename(user=erin, speaker=lopez, name="María López", keep_alias=True)
    assert list(lopez.aliases.values_list("alias", flat=True)) == ["Maria López"]
    with pytest.raises(review.ReviewError, match="already exists; merge"):
        speakers.speaker_rename(user=erin, speaker=lopez, name="john smith")


def test_discarding_a_junk_speaker_unattributes_its_items_for_good(items, erin):
    article = items["article"]
    junk = Speaker.objects.create(name="Officials")
    SpeakerAlias.objects.create(speaker=junk, alias="officials")
    quote = items["budget"]
    Quote.objects.filter(pk=quote.pk).update(speaker=junk)
    Claim.objects.filter(pk=items["jobs"].pk).update(speaker=junk)
    assert speakers.speaker_discard(user=erin, speaker=junk) == 2
    assert not Speaker.objects.filter(name="Officials").exists() and not SpeakerAlias.objects.exists()
    quote.refresh_from_db()
    assert quote.speaker is None and "speaker" in quote.human_fields and quote.speaker_source == "human"
    assert quote.version == 2 and ReviewEvent.objects.filter(quote=quote, actor=erin, field="speaker").exists()
    # the extractor says "Officials" again: the editor's decision stands
    model = quote_span(quote.text, quote.start, speaker="Officials", speaker_mention="Officials")
    apply_extraction(article=article, extraction=Extraction(quotes=[model]), version="v2")
    quote.refresh_from_db()
    assert quote.speaker is None


def test_a_speaker_named_by_a_reviewed_item_is_not_discarded(items, alice, erin):
    review.item_set_status(item=items["wall"], user=alice, version=1, status="verified")
    with pytest.raises(review.ItemLocked, match="reopen them"):
        speakers.speaker_discard(user=erin, speaker=items["lopez"])
    assert Quote.objects.get(pk=items["wall"].pk).speaker == items["lopez"]


def test_merging_a_junk_name_without_keeping_it_and_recording_the_move(items, erin):
    junk = Speaker.objects.create(name="operator")
    quote = items["budget"]
    Quote.objects.filter(pk=quote.pk).update(speaker=junk)
    speakers.speakers_merge(user=erin, target=items["smith"], sources=[junk], keep_names=False)
    quote.refresh_from_db()
    assert quote.speaker == items["smith"] and quote.version == 2
    assert not items["smith"].aliases.filter(alias__iexact="operator").exists()
    event = ReviewEvent.objects.get(quote=quote, action="merge")
    assert event.actor == erin and event.old_value["name"] == "operator" and event.version == 2


def test_removing_a_wrong_alias(items, alice, erin):
    alias = SpeakerAlias.objects.create(speaker=items["lopez"], alias="Officials")
    with pytest.raises(PermissionDenied):
        speakers.alias_remove(user=alice, alias=alias)
    speakers.alias_remove(user=erin, alias=alias)
    assert speakers.speaker_match("Officials") is None
