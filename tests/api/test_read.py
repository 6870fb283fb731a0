"""Quote, claim, speaker and article reads: the verified default, filters, embedded context, cursors, query counts."""

import json

import pytest
from django.utils import timezone

from claims.models import Claim, Correction, Quote
from tests.conftest import DATA_BODY
from tests.factories import EvidenceFactory, QuoteFactory

pytestmark = pytest.mark.django_db


def ids(response):
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_quotes_default_to_verified(api_client, data):
    q = data["quotes"]
    assert ids(api_client.get("/api/quotes/")) == {q["wall"].pk, q["budget"].pk, q["schools"].pk}
    assert ids(api_client.get("/api/quotes/?status=pending")) == {q["taxes"].pk}
    assert ids(api_client.get("/api/quotes/?status=any")) == {x.pk for x in q.values()}


def test_claims_default_to_reviewed(api_client, data):
    c = data["claims"]
    assert ids(api_client.get("/api/claims/")) == {c["crime"].pk}  # has a verdict
    assert ids(api_client.get("/api/claims/?status=any")) == {c["crime"].pk, c["classes"].pk}


def test_quote_embeds_speaker_article_sentence_and_review(api_client, data, alice):
    row = api_client.get(f"/api/quotes/{data['quotes']['wall'].pk}/").json()
    assert row["speaker"] == {
        "id": data["speakers"]["lopez"].pk,
        "name": "Maria Lopez",
        "description": "mayor of Springfield",
        "kind": "person",
    }
    assert row["article"]["title"] == "Sea wall" and row["article"]["outlet"] == "Demo Gazette"
    assert row["article"]["url"] == "https://gazette.example/sea-wall"
    assert row["article"]["published_at"].startswith("2026-03-01")
    assert DATA_BODY[row["start"] : row["end"]] == row["text"]
    assert row["sentence"] == "“We will build the sea wall by 2027,” Maria Lopez said."
    assert row["reviewer"] == "alice" and row["reviewed_at"]


def test_detail_shows_any_status(api_client, data):
    assert api_client.get(f"/api/quotes/{data['quotes']['taxes'].pk}/").status_code == 200
    assert api_client.get("/api/quotes/999999/").status_code == 404
    assert api_client.get("/api/quotes/abc/").status_code == 404


@pytest.mark.parametrize(
    "query, expected",
    [
        ("speaker={lopez}", {"wall"}),
        ("speaker=john smith", {"budget"}),
        ("speaker=The Mayor", {"wall"}),  # an alias
        ("outlet=Demo Gazette", {"wall", "budget"}),
        ("outlet={outlet}", {"wall", "budget"}),
        ("article={a2}", {"schools"}),
        ("published_after=2026-04-01", {"schools"}),
        ("published_before=2026-03-31", {"wall", "budget"}),
        ("q=SEA WALL", {"wall"}),
        ("min_confidence=0.7", {"wall", "schools"}),
        ("status=any&min_confidence=0.3&published_before=2026-03-31", {"wall", "budget", "taxes"}),
    ],
)
def test_quote_filters(api_client, data, query, expected):
    values = {"lopez": data["speakers"]["lopez"].pk, "outlet": data["outlet"].pk, "a2": data["articles"][1].pk}
    response = api_client.get("/api/quotes/?" + query.format(**values))
    assert ids(response) == {data["quotes"][name].pk for name in expected}


def test_updated_since_for_incremental_sync(api_client, data):
    later = timezone.now() + timezone.timedelta(seconds=1)
    Quote.objects.filter(pk=data["quotes"]["wall"].pk).update(updated_at=later + timezone.timedelta(minutes=1))
    response = api_client.get("/api/quotes/", {"updated_since": later.isoformat()})
    assert ids(response) == {data["quotes"]["wall"].pk}


def test_claim_filters(api_client, data):
    assert ids(api_client.get("/api/claims/?verdict=mostly_false")) == {data["claims"]["crime"].pk}
    assert ids(api_client.get("/api/claims/?status=any&min_checkworthiness=0.8")) == {data["claims"]["crime"].pk}


@pytest.mark.parametrize(
    "query, field",
    [
        ("status=approved", "status"),
        ("published_after=yesterday", "published_after"),
        ("published_before=2026-13-45", "published_before"),
        ("updated_since=not-a-time", "updated_since"),
        ("min_confidence=2", "min_confidence"),
        ("min_confidence=nan", "min_confidence"),
        ("article=abc", "article"),
        ("article=99999999999999999999999", "article"),
        ("kind=shouted", "kind"),
        ("cursor=bm90LWEtY3Vyc29y", "cursor"),
        ("cursor=%%%", "cursor"),
        ("q=a%00b", "q"),
    ],
)
def test_bad_filters_are_400_naming_the_field(api_client, data, query, field):
    response = api_client.get("/api/quotes/?" + query)
    assert response.status_code == 400, response.content
    assert field in response.json()


def test_cursor_pages_stay_stable_under_inserts(api_client, data):
    article = data["articles"][0]
    first = api_client.get("/api/quotes/?status=any&page_size=2").json()
    assert len(first["results"]) == 2 and first["next"]
    # A new quote arrives between two page reads: the next page neither repeats nor skips a row.
    QuoteFactory(article=article, text="The council met on Monday")
    seen = [row["id"] for row in first["results"]]
    url = first["next"]
    while url:
        page = api_client.get(url).json()
        seen += [row["id"] for row in page["results"]]
        url = page["next"]
    assert seen == sorted(seen) and len(seen) == len(set(seen)) == Quote.objects.count()


def test_ordering(api_client, data):
    rows = api_client.get("/api/quotes/?ordering=-id").json()["results"]
    assert [r["id"] for r in rows] == sorted((r["id"] for r in rows), reverse=True)


def _many_quotes(article, n):
    Quote.objects.bulk_create(
        Quote(article=article, text=DATA_BODY[i : i + 3], start=i, end=i + 3, status="verified")
        for i in range(200, 200 + n)
    )


@pytest.mark.parametrize("size", [2, 40])
def test_quote_list_query_count_is_constant(api_client, data, django_assert_num_queries, size):
    _many_quotes(data["articles"][0], 40)
    # 1 the token with its user and role, 2 the page with speaker/article/outlet/reviewer joined
    # (the sentence around each quote is a stored column: no article texts are read)
    with django_assert_num_queries(2):
        response = api_client.get(f"/api/quotes/?page_size={size}")
    assert len(response.json()["results"]) == size


@pytest.mark.parametrize("size", [1, 30])
def test_claim_list_query_count_is_constant(api_client, data, django_assert_num_queries, size, alice):
    claims = Claim.objects.bulk_create(
        Claim(article=data["articles"][0], text=DATA_BODY[i : i + 3], start=i, end=i + 3, status="verified")
        for i in range(200, 230)
    )
    for claim in claims:
        EvidenceFactory(claim=claim, added_by=alice)
    # the token with its user and role, the page, its evidence (with who added it), its corrections (with the editor)
    with django_assert_num_queries(4):
        response = api_client.get(f"/api/claims/?page_size={size}")
    assert len(response.json()["results"]) == size


def test_speakers_and_articles_lists(api_client, data, django_assert_num_queries):
    with django_assert_num_queries(3):  # token with user and role, speakers, aliases
        speakers = api_client.get("/api/speakers/").json()["results"]
    assert {"Maria Lopez", "John Smith"} <= {s["name"] for s in speakers}
    lopez = next(s for s in speakers if s["name"] == "Maria Lopez")
    assert lopez["aliases"] == ["the mayor"]
    articles = api_client.get("/api/articles/").json()["results"]
    assert {a["title"] for a in articles} == {"Sea wall", "Schools"}


def test_list_rows_are_the_detail_serializer_output(api_client, data, alice):
    """The lists' values() rows (claims.api.rows) give exactly what the serializer gives for each item: a
    person-set speaker nulls confidence and reason, a claim's evidence and corrections come in their order,
    a quote without speaker nor outlet has nulls there."""
    wall, crime = data["quotes"]["wall"], data["claims"]["crime"]
    Quote.objects.filter(pk=wall.pk).update(speaker_source="human", speaker_set_by=alice, speaker_set_at=timezone.now())
    Quote.objects.filter(pk=data["quotes"]["schools"].pk).update(speaker=None)
    EvidenceFactory(claim=crime, added_by=alice, url="https://stats.example/1")
    EvidenceFactory(claim=crime, added_by=None, url="https://stats.example/2")
    Correction.objects.create(claim=crime, old_verdict="false", new_verdict="mostly_false", note="n1", editor=alice)
    Correction.objects.create(claim=crime, old_verdict="true", new_verdict="false", note="n2", editor=None)
    for kind in ("quotes", "claims"):
        for ordering in ("id", "-updated_at"):
            listed = api_client.get(f"/api/{kind}/?status=any&ordering={ordering}").json()["results"]
            assert len(listed) >= 2
            for row in listed:
                detail = api_client.get(f"/api/{kind}/{row['id']}/")
                assert json.dumps(row) == json.dumps(detail.json())  # same keys, order and values
    listed = {row["id"]: row for row in api_client.get("/api/quotes/?status=any").json()["results"]}
    assert listed[wall.pk]["confidence"] is None and listed[wall.pk]["speaker_set_by"] == "alice"
    assert listed[data["quotes"]["schools"].pk]["speaker"] is None
    assert listed[data["quotes"]["schools"].pk]["article"]["outlet"] is None
    claim = next(r for r in api_client.get("/api/claims/").json()["results"] if r["id"] == crime.pk)
    assert [e["url"] for e in claim["evidence"]] == ["https://stats.example/1", "https://stats.example/2"]
    assert [c["note"] for c in claim["corrections"]] == ["n2", "n1"]  # newest first
    assert claim["sentence"] and claim["sentence"] in DATA_BODY


@pytest.mark.parametrize("kind", ["quotes", "claims"])
def test_detail_query_count(api_client, data, django_assert_num_queries, kind):
    item = data[kind]["wall" if kind == "quotes" else "crime"]
    EvidenceFactory(claim=data["claims"]["crime"])
    # the token with its user and role, the item with its joins (+ evidence and corrections for a claim)
    with django_assert_num_queries(2 if kind == "quotes" else 4):
        assert api_client.get(f"/api/{kind}/{item.pk}/").status_code == 200


@pytest.mark.parametrize("size", [1, 60])
def test_article_detail_and_list_query_counts_do_not_grow(api_client, data, django_assert_num_queries, size):
    """Counts are subqueries: an article's detail costs the same whatever its quotes and claims."""
    article = data["articles"][0]
    _many_quotes(article, size)
    Claim.objects.bulk_create(
        Claim(article=article, text=DATA_BODY[i : i + 3], start=i, end=i + 3) for i in range(200, 200 + size)
    )
    with django_assert_num_queries(2):  # token with user and role, the article with its two counts
        body = api_client.get(f"/api/articles/{article.pk}/").json()
    assert body["quote_count"] == Quote.objects.filter(article=article).count()
    assert body["claim_count"] == Claim.objects.filter(article=article).count()
    with django_assert_num_queries(2):  # token with user and role, the page of articles with their counts
        assert api_client.get("/api/articles/").status_code == 200


@pytest.mark.parametrize("kind", ["quotes", "claims"])
def test_a_page_naming_no_filter_is_the_filtersets_answer(api_client, data, kind):
    """claims.api.filtering: a request without filter parameters skips building the FilterSet; its page is
    byte for byte the one the FilterSet gives (here reached with an empty filter, which every filter skips)."""
    plain = api_client.get(f"/api/{kind}/?ordering=-id")
    assert plain.status_code == 200 and plain.json()["results"]
    assert plain.content == api_client.get(f"/api/{kind}/?ordering=-id&q=").content
    assert plain.content == api_client.get(f"/api/{kind}/?ordering=-id&status=").content
