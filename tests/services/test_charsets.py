"""claims.services.charsets and the page download: each way a page says (or hides) its character set."""

import pytest

from claims.models import UrlFetch
from claims.services import charsets
from claims.services.articles import download, url_fetch_run
from tests.local_site import LocalSite

TEXT = "“Fares will rise by £22,” said Zoë Müller — a café owner."
HTML = f"<html><head>{{meta}}<title>Fares</title></head><body><p>{TEXT}</p></body></html>"


def page(meta: str = "") -> str:
    return HTML.replace("{meta}", meta)


@pytest.mark.parametrize(
    "content_type, body, source",
    [
        ("text/html; charset=utf-8", page().encode("utf-8"), "header"),
        ("text/html; charset=windows-1252", page().encode("cp1252"), "header"),
        ("text/html", page('<meta charset="utf-8">').encode("utf-8"), "declaration"),
        ("text/html", page('<meta charset="windows-1252">').encode("cp1252"), "declaration"),
        (
            "text/html",
            page('<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">').encode("cp1252"),
            "declaration",
        ),
        ("text/html", page().encode("utf-8"), "detected"),  # UTF-8 without any declaration: the "Â£22" case
        ("text/html", page().encode("cp1252"), "detected"),  # legacy bytes without any declaration
        ("text/html", b"\xef\xbb\xbf" + page().encode("utf-8"), "bom"),
    ],
)
def test_the_page_is_decoded_as_it_is_written(content_type, body, source):
    with LocalSite() as site:
        url = site.route("/p", body, headers={"Content-Type": content_type})
        fetched = download(url)
    assert TEXT in fetched.text and "Â" not in fetched.text and "â€" not in fetched.text
    assert fetched.encoding_source == source


def test_a_wrong_header_label_falls_back_to_the_document():
    body = page('<meta charset="utf-8">').encode("utf-8")
    assert charsets.detect_encoding(body, "no-such-charset") == ("utf-8", "declaration")


def test_xml_declaration_is_read():
    body = '<?xml version="1.0" encoding="iso-8859-1"?><rss><title>Caf\xe9</title></rss>'.encode("latin-1")
    codec, source = charsets.detect_encoding(body)
    assert (codec, source) == ("cp1252", "declaration") and "Café" in charsets.decode_page(body)


def test_undecodable_bytes_do_not_fail_the_fetch():
    assert charsets.decode_page(b"ok \xff\xfe\xfa", "utf-8").startswith("ok ")


@pytest.mark.django_db
def test_a_utf8_page_without_charset_becomes_a_clean_article():
    article_html = (
        "<html><head><title>Rail fares rise</title></head><body><article>"
        "<p>Rail fares will rise by £22 a year for most commuters, the Department for Transport said on Monday.</p>"
        "<p>“It is a disgrace,” said Zoë Müller, who chairs the passengers’ group, calling it the biggest rise in a decade.</p>"
        "</article></body></html>"
    ).encode()
    with LocalSite() as site:
        url = site.route("/fares", article_html, headers={"Content-Type": "text/html"})
        fetch = UrlFetch.objects.create(url=url)
        url_fetch_run(fetch_id=fetch.pk)
    fetch.refresh_from_db()
    assert fetch.status == "done", fetch.error
    body = fetch.article.body_text
    assert "£22" in body and "“It is a disgrace,” said Zoë Müller" in body and "Â" not in body
