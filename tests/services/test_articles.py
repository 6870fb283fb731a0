"""claims.ingest and claims.cleaning: text, HTML with boilerplate, files, de-duplication and size limits."""

import pytest

from claims.models import Article
from claims.services import cleaning
from claims.services.articles import IngestError, article_create, article_create_from_file, article_create_from_record

ARTICLE = (
    "Harbour council approves new sea wall\n\n"
    "The council voted 7-2 on Tuesday to spend £4.2m on a new sea wall.\n\n"
    "“It’s the biggest investment in the harbour for 40 years,” said council leader Maria Lopez."
)

PAGE = """<!doctype html><html><head><title>Harbour council approves new sea wall | Demo Gazette</title></head>
<body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/signup">Sign up</a></nav>
<article>
<h1>Harbour council approves new sea wall</h1>
<p>The council voted 7-2 on Tuesday to spend £4.2m on a new sea wall along the eastern harbour front.</p>
<figure><img src="wall.jpg"><figcaption>Photo: Getty Images</figcaption></figure>
<p>“It’s the biggest investment in the harbour for 40 years,” said council leader Maria Lopez, adding that
the works would start in the spring and take two years to complete.</p>
<p>Read more: Harbour traders fear summer closures</p>
<p>Opposition councillor Tom Reed said the cost had doubled since the plan was first proposed in 2019.</p>
<p>Your support helps us to tell the story. Please consider supporting our journalism today.</p>
<p>Sign up to our free morning newsletter</p>
</article>
<footer>© 2026 Demo Gazette. All rights reserved.</footer>
</body></html>"""


def test_normalise_whitespace_keeps_characters_and_paragraphs():
    raw = "  First\u00a0 line \t here\r\n\r\n\r\n\r\n“Quoted,”\x07 she said.  \n"
    assert cleaning.normalise_whitespace(raw) == "First line here\n\n“Quoted,” she said."


@pytest.mark.parametrize(
    "line",
    [
        "Your support helps us to tell the story.",
        "Sign up to our newsletter",
        "Read more: Harbour traders fear summer closures",
        "Photo: Getty Images",
        "Photograph: Jane Doe/Reuters",
        "© 2026 Demo Gazette. All rights reserved.",
        "Advertisement",
    ],
)
def test_boilerplate_lines_are_recognised(line):
    assert cleaning.is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "“Sign up for the army? Never,” he said.",
        "Read the statement below, the minister told reporters, before leaving the room in a hurry.",
        "The council voted 7-2 on Tuesday.",
    ],
)
def test_article_sentences_are_not_boilerplate(line):
    assert not cleaning.is_boilerplate(line)


@pytest.mark.django_db
def test_article_from_text_is_cleaned_and_hashed():
    result = article_create(text="  " + ARTICLE.replace("\n\n", "\r\n\r\n\r\n") + "  ", title="Sea wall")
    article = result.article
    assert result.created
    assert article.body_text == ARTICLE
    assert article.status == Article.Status.RECEIVED
    assert len(article.content_hash) == 64
    assert article.title == "Sea wall"


@pytest.mark.django_db
def test_html_main_text_without_boilerplate():
    article = article_create(html=PAGE).article
    body = article.body_text
    assert "£4.2m on a new sea wall" in body
    assert "“It’s the biggest investment in the harbour for 40 years,” said council leader Maria Lopez" in body
    assert "Tom Reed said the cost had doubled" in body
    for junk in ("Your support helps us", "Sign up", "Read more", "Getty Images", "All rights reserved", "Home"):
        assert junk not in body, junk
    assert "\n\n" in body  # paragraphs kept
    assert article.title.startswith("Harbour council approves new sea wall")
    assert article.raw_html == PAGE


@pytest.mark.django_db
def test_same_content_returns_existing_article():
    first = article_create(text=ARTICLE)
    again = article_create(text="\n" + ARTICLE.replace(" on a ", "  on   a ") + "\n\n")
    assert first.created and not again.created
    assert again.article.pk == first.article.pk
    assert Article.objects.count() == 1


@pytest.mark.django_db
def test_same_url_returns_existing_article():
    first = article_create(text=ARTICLE, url="https://example.org/a")
    again = article_create(text=ARTICLE + "\n\nUpdated paragraph.", url="https://example.org/a")
    assert again.article.pk == first.article.pk and not again.created


@pytest.mark.django_db
@pytest.mark.parametrize("text", ["", "   \n\t  ", "Sign up to our newsletter\n\nAdvertisement"])
def test_empty_text_is_rejected(text):
    with pytest.raises(IngestError) as err:
        article_create(text=text)
    assert err.value.status == 400
    assert Article.objects.count() == 0


@pytest.mark.django_db
def test_oversized_text_is_rejected_with_413(settings):
    settings.ARTICLE_MAX_BYTES = 1000
    with pytest.raises(IngestError) as err:
        article_create(text="word " * 300)
    assert err.value.status == 413 and "1,000 bytes" in err.value.message
    assert Article.objects.count() == 0


@pytest.mark.django_db
def test_text_files_and_html_files():
    txt = article_create_from_file(name="sea_wall.txt", data=ARTICLE.encode()).article
    assert txt.title == "sea wall" and txt.body_text == ARTICLE
    html = article_create_from_file(name="page.html", data=PAGE.encode()).article
    assert "Tom Reed" in html.body_text


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data, code",
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
        ("Café".encode("latin-1") * 5, "not_utf8"),
    ],
)
def test_bad_uploads_are_rejected(data, code):
    with pytest.raises(IngestError) as err:
        article_create_from_file(name="upload.txt", data=data)
    assert err.value.code == code and err.value.status == 415
    assert Article.objects.count() == 0


@pytest.mark.django_db
def test_records_validate_field_types_and_dates():
    with pytest.raises(IngestError, match="must be a string"):
        article_create_from_record({"text": ["not", "a", "string"]})
    with pytest.raises(IngestError, match="not an ISO date"):
        article_create_from_record({"text": ARTICLE, "published_at": "yesterday"})
    article = article_create_from_record(
        {"text": ARTICLE, "published_at": "2026-03-01", "outlet": "Demo Gazette"}
    ).article
    assert article.published_at.year == 2026 and article.outlet.name == "Demo Gazette"
    assert Article.objects.count() == 1


@pytest.mark.django_db
def test_outlet_from_url_domain():
    article = article_create(text=ARTICLE, url="https://www.example.org/news/1").article
    assert article.outlet.name == "example.org"
