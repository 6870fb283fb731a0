"""claims.services.articles: what a submission keeps, what cleaning removed, outlets, metadata and links."""

import json

import pytest
from django.core.management import call_command

from claims.models import Article, Outlet, Quote, ReviewEvent
from claims.services import articles
from claims.services.articles import IngestError, article_create, article_restore_removed
from tests.conftest import make_user

PASTE = (
    "Harbour row deepens\n\n"
    "Your support helps us to tell the story. Please consider supporting our journalism.\n\n"
    "The council voted 7-2 on Tuesday.“We will build it,” said Maria Lopez.\n\n"
    "Maria Lopez on the harbour front (Jane Doe/PA) More"
)

PAGE = """<!doctype html><html><head><title>Sea wall approved | Demo Gazette</title>
<meta property="og:site_name" content="Demo Gazette">
<meta name="author" content="Jane Reporter">
<meta property="article:published_time" content="2026-03-01T08:00:00Z">
</head><body><article><h1>Sea wall approved</h1>
<p>The council voted 7-2 on Tuesday to spend £4.2m on a new sea wall along the eastern harbour front.</p>
<p>“It’s the biggest investment in the harbour for 40 years,” said council leader Maria Lopez, adding that
the works would start in the spring and take two years to complete.</p>
</article></body></html>"""


@pytest.mark.django_db
def test_the_paste_is_kept_and_what_was_removed_is_recorded():
    article = article_create(text=PASTE).article
    assert article.raw_text == PASTE
    assert "Your support" not in article.body_text and "(Jane Doe/PA)" not in article.body_text
    assert "Tuesday.\n\n“We will build it,” said Maria Lopez." in article.body_text
    assert [piece["reason"] for piece in article.removed] == [
        "donation or subscription appeal",
        "photo caption with credit",
    ]
    for piece in article.removed:
        assert set(piece) == {"text", "reason", "at", "inline", "order"}


@pytest.mark.django_db
def test_putting_a_piece_back_moves_every_span_after_it(alice):
    article = article_create(text=PASTE).article
    body = article.body_text
    start = body.index("We will build it")
    quote = Quote.objects.create(
        article=article, text="We will build it", start=start, end=start + 16, status="verified"
    )
    appeal = article.removed[0]["text"]
    restored = article_restore_removed(article=article, index=0, user=alice)
    quote.refresh_from_db()
    assert restored.body_text[quote.start : quote.end] == "We will build it"  # the reviewed quote moved with the text
    assert quote.start == start + len(appeal) + 2 and quote.status == "verified" and quote.version == 2
    assert appeal in restored.body_text and len(restored.removed) == 1
    assert restored.status == Article.Status.RECEIVED  # extraction queued again (eager in tests: done by now or failed)
    assert ReviewEvent.objects.filter(article=article, action="restored", actor=alice).exists()
    # the caption (at the end) goes back at the end, after the shift of the first piece
    restored = article_restore_removed(article=restored, index=0, user=alice)
    assert restored.body_text.endswith("Maria Lopez on the harbour front (Jane Doe/PA) More") and restored.removed == []


@pytest.mark.django_db
def test_restore_needs_a_reviewer_and_an_existing_piece(alice):
    article = article_create(text=PASTE).article
    with pytest.raises(Exception, match="reviewer role"):
        article_restore_removed(article=article, index=0, user=make_user("nobody"))
    with pytest.raises(IngestError) as err:
        article_restore_removed(article=article, index=9, user=alice)
    assert err.value.status == 409


@pytest.mark.django_db
def test_html_metadata_title_byline_date_and_outlet_by_site():
    article = article_create(html=PAGE, url="https://www.gazette.example/sea-wall").article
    assert article.title.startswith("Sea wall approved")
    assert article.byline == "Jane Reporter"
    assert article.published_at.isoformat().startswith("2026-03-01")
    assert article.outlet.name == "Demo Gazette" and article.outlet.domain == "gazette.example"


@pytest.mark.django_db
def test_a_fetch_names_a_known_outlet_by_its_domain():
    known = Outlet.objects.create(name="The Gazette", domain="gazette.example")
    page = PAGE.replace('<meta property="og:site_name" content="Demo Gazette">', "")
    article = article_create(html=page, url="https://news.gazette.example/sea-wall").article
    assert article.outlet == known


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["demo  gazette", "The Demo Gazette", "DEMO GAZETTE"])
def test_outlet_names_match_whatever_the_case_and_spacing(typed):
    known = Outlet.objects.create(name="Demo Gazette")
    assert article_create(text="A story about the harbour.", outlet=typed).article.outlet == known
    assert Outlet.objects.count() == 1


@pytest.mark.django_db
def test_a_typo_of_a_known_outlet_is_refused_not_created():
    Outlet.objects.create(name="The Guardian")
    with pytest.raises(IngestError) as err:
        article_create(text="A story about the harbour.", outlet="The Gaurdian")
    assert "Did you mean “The Guardian”" in err.value.message and err.value.status == 400
    assert Outlet.objects.count() == 1 and Article.objects.count() == 0
    assert article_create(text="A story about rail.", outlet="Rail Weekly").article.outlet.name == "Rail Weekly"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["javascript:alert(document.cookie)", "JavaScript:alert(1)", "data:text/html,<script>x</script>",
            "ftp://example.org/a", " javascript:alert(1)", "java\tscript:alert(1)", "//evil.example/x"],
)  # fmt: skip
def test_only_http_urls_are_stored(url):
    with pytest.raises(IngestError) as err:
        article_create(text="A story about the harbour.", url=url)
    assert err.value.code == "bad_url"
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_ingest_command_refuses_a_javascript_url(tmp_path, capsys):
    path = tmp_path / "a.jsonl"
    path.write_text(
        json.dumps({"text": "Story one about rail fares.", "url": "javascript:alert(1)"})
        + "\n"
        + json.dumps({"text": "Story two about buses.", "url": "https://example.org/buses"})
        + "\n"
    )
    call_command("ingest", str(path), "--no-progress")
    out = capsys.readouterr().out
    assert "created 1, duplicates 0, rejected 1" in out and "http:// and https://" in out
    assert list(Article.objects.values_list("url", flat=True)) == ["https://example.org/buses"]


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["text", "title", "byline"])
def test_nul_and_lone_surrogates_are_refused_naming_the_field(field):
    for bad in ("a\x00b", "a\ud800b"):
        values = {"text": "A story about the harbour.", field: bad}
        with pytest.raises(IngestError) as err:
            article_create(**values)
        assert f"'{field}'" in err.value.message and err.value.status == 400


@pytest.mark.django_db
def test_published_date_from_a_form_is_a_day_in_utc():
    import datetime as dt

    article = article_create(text="A story about the harbour.", published_at=dt.date(2026, 5, 4)).article
    assert article.published_at == dt.datetime(2026, 5, 4, tzinfo=dt.UTC)
    with pytest.raises(IngestError):
        articles.article_create(text="Another story.", published_at="2026-01-01T00:00:00+25:00")


@pytest.mark.django_db
def test_a_published_time_is_stored_in_utc_whatever_its_offset():
    import datetime as dt

    # -18:43 is a valid offset in Python, out of range for PostgreSQL: it is converted, never sent as is
    article = article_create(text="A story about the harbour.", published_at="2026-01-01T01:55:07-18:43").article
    article.refresh_from_db()
    assert article.published_at == dt.datetime(2026, 1, 1, 20, 38, 7, tzinfo=dt.UTC)
