"""claims.web.speakers: the speaker list with search by name or alias, one speaker's page, and editors merging
duplicates."""

import pytest

from claims.models import Quote, Speaker, SpeakerAlias
from tests.factories import SpeakerFactory

pytestmark = pytest.mark.django_db


def test_speaker_pages_need_login(client):
    assert client.get("/speakers/").status_code == 302


def test_speaker_list_and_search(alice_client, lopez_quote):
    page = alice_client.get("/speakers/")
    assert page.status_code == 200 and "Maria Lopez" in page.content.decode()
    assert "Maria Lopez" in alice_client.get("/speakers/?q=Ms+Lopez").content.decode()  # alias search
    assert "Maria Lopez" not in alice_client.get("/speakers/?q=Okafor").content.decode()
    assert "Merge speakers" not in page.content.decode()  # reviewers cannot merge


def test_speaker_detail_lists_quotes_and_aliases(alice_client, lopez_quote):
    html = alice_client.get(lopez_quote.speaker.get_absolute_url()).content.decode()
    assert "The wall will protect 3,000 homes," in html and "Ms Lopez" in html
    assert alice_client.get("/speakers/999999/").status_code == 404


def test_reviewer_cannot_merge_speakers(alice_client, lopez_quote):
    other = SpeakerFactory(name="M. Lopez")
    response = alice_client.post("/speakers/merge/", {"target": lopez_quote.speaker_id, "merge": [other.pk]})
    assert response.status_code == 403
    assert Speaker.objects.filter(pk=other.pk).exists()


def test_editor_merges_speakers(client, erin, lopez_quote):
    quote = lopez_quote
    client.force_login(erin)
    duplicate = SpeakerFactory(name="Maria E. Lopez")
    Quote.objects.filter(pk=quote.pk).update(speaker=duplicate)
    response = client.post("/speakers/merge/", {"target": quote.speaker_id, "merge": [duplicate.pk]}, follow=True)
    assert response.status_code == 200 and "Merged Maria E. Lopez into Maria Lopez" in response.content.decode()
    assert SpeakerAlias.objects.filter(alias="Maria E. Lopez").exists()
    bad = client.post("/speakers/merge/", {"target": "x", "merge": ["y"]}, follow=True)
    assert bad.status_code == 200 and "Choose the speaker to keep" in bad.content.decode()
    same = client.post("/speakers/merge/", {"target": quote.speaker_id, "merge": [quote.speaker_id]}, follow=True)
    assert "at least one other speaker" in same.content.decode()


def test_speaker_list_query_count_is_constant(alice_client, django_assert_max_num_queries):
    SpeakerFactory.create_batch(30)
    # session, user with its role, nav permissions (user + group perms), "My queue (n)", the Unused tab's count,
    # count, page
    with django_assert_max_num_queries(8):
        assert alice_client.get("/speakers/").status_code == 200
