"""Every API list and detail costs a fixed number of queries, whatever the number of rows: the endpoints the
other API tests do not pin already (quotes, claims, articles and the speakers list are pinned in test_read)."""

import pytest

from claims.models import Feed, UrlFetch
from tests.factories import OutletFactory, SpeakerFactory

pytestmark = pytest.mark.django_db

# the token with its user and the user's role (claims.auth): one query
AUTH = 1


def _speakers(n):
    return [SpeakerFactory(name=f"Speaker {i}", aliases=[f"alias {i}", f"other {i}"]) for i in range(n)]


@pytest.mark.parametrize("size", [1, 12])
def test_speaker_detail(api_client, django_assert_num_queries, size):
    speaker = _speakers(size)[-1]
    with django_assert_num_queries(AUTH + 2):  # the speaker, its aliases
        assert api_client.get(f"/api/speakers/{speaker.pk}/").json()["aliases"] == [
            f"alias {size - 1}",
            f"other {size - 1}",
        ]


@pytest.mark.parametrize("size", [1, 12])
def test_fetches_list_and_detail(editor_client, erin, django_assert_num_queries, size):
    fetches = [UrlFetch.objects.create(url=f"https://news.example/{i}", requested_by=erin) for i in range(size)]
    with django_assert_num_queries(AUTH + 1):  # the page (cursor pagination: no count)
        assert len(editor_client.get("/api/fetches/").json()["results"]) == size
    with django_assert_num_queries(AUTH + 1):  # the fetch
        assert editor_client.get(f"/api/fetches/{fetches[-1].pk}/").status_code == 200


@pytest.mark.parametrize("size", [1, 12])
def test_feeds_list_and_detail(editor_client, django_assert_num_queries, size):
    outlet = OutletFactory(name="Gazette")
    feeds = [Feed.objects.create(url=f"https://feeds.example/{i}.xml", outlet=outlet) for i in range(size)]
    with django_assert_num_queries(AUTH + 1):  # the page with its outlets (cursor pagination: no count)
        assert len(editor_client.get("/api/feeds/").json()["results"]) == size
    with django_assert_num_queries(AUTH + 1):  # the feed with its outlet
        assert editor_client.get(f"/api/feeds/{feeds[-1].pk}/").json()["outlet"] == "Gazette"
