"""claims.web.articles: the submit form (published date, outlet picker, fetch failures back to the form) and
the reader's "removed from the paste" section with Put back."""

import datetime as dt

import pytest
from django.urls import reverse

from claims.models import Article, Outlet
from claims.services.articles import article_create
from tests.local_site import LocalSite

PASTE = (
    "Rail fares to rise\n\nYour support helps us to tell the story. Please consider supporting our journalism.\n\n"
    "Fares will rise by 5% in March.“It is a disgrace,” said Zoë Müller of the passengers’ group.\n\n"
    "Commuters at Waterloo station (Jane Doe/PA) More"
)


def submit(client, **fields):
    return client.post(reverse("claims:article_submit"), fields)


def test_submit_with_a_published_date_and_an_outlet_from_the_list(alice_client):
    outlet = Outlet.objects.create(name="Rail Weekly")
    response = submit(alice_client, text=PASTE, outlet=outlet.pk, published_at="2026-03-02")
    article = Article.objects.get()
    assert response.status_code == 302
    assert article.outlet == outlet and article.published_at == dt.datetime(2026, 3, 2, tzinfo=dt.UTC)


def test_a_typo_in_a_new_outlet_is_refused_with_the_suggestion(alice_client):
    Outlet.objects.create(name="Rail Weekly")
    response = submit(alice_client, text=PASTE, new_outlet="Rail Weeky")
    assert response.status_code == 400 and "Did you mean “Rail Weekly”" in response.content.decode()
    assert not Article.objects.exists() and Outlet.objects.count() == 1


def test_picking_and_naming_an_outlet_at_once_is_refused(alice_client):
    outlet = Outlet.objects.create(name="Rail Weekly")
    response = submit(alice_client, text=PASTE, outlet=outlet.pk, new_outlet="Bus Weekly")
    assert response.status_code == 400 and "not both" in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_failed_fetch_returns_to_the_form_with_the_url_and_the_reason(alice_client):
    """Without a broker the fetch runs as soon as the request commits (as under `make run`)."""
    with LocalSite() as site:
        url = site.route("/gone", "no such story", status=404)
        response = submit(alice_client, fetch_url=url)
    body = response.content.decode()
    assert response.status_code == 502
    assert f'value="{url}"' in body and "Could not fetch this page: The server answered HTTP 404." in body


def test_a_private_address_is_refused_on_the_form(alice_client, settings):
    settings.NETWORK_ALLOW_LOOPBACK = False
    response = submit(alice_client, fetch_url="http://127.0.0.1:8150/admin")
    assert response.status_code == 400 and "loopback address" in response.content.decode()


def test_a_failed_fetch_in_the_list_links_back_to_the_form(alice_client, alice):
    from claims.models import UrlFetch

    UrlFetch.objects.create(url="https://example.org/x", status="failed", error="HTTP 500", requested_by=alice)
    body = alice_client.get(reverse("claims:article_list")).content.decode()
    assert "?fetch_url=https%3A%2F%2Fexample.org%2Fx" in body
    form = alice_client.get(reverse("claims:article_submit") + "?fetch_url=https%3A%2F%2Fexample.org%2Fx")
    assert 'value="https://example.org/x"' in form.content.decode()


def test_the_reader_shows_what_was_removed_and_puts_it_back(alice_client, alice):
    article = article_create(text=PASTE, submitted_by=alice).article
    page = alice_client.get(reverse("claims:article_detail", args=[article.pk])).content.decode()
    assert 'id="removed"' in page and "Removed from the paste" in page
    assert "donation or subscription appeal" in page and "(Jane Doe/PA) More" in page
    assert "Your support helps us" not in page.split('id="removed"')[0].split('id="reader-text"')[1]
    restore = reverse("claims:article_restore", args=[article.pk, 0])
    response = alice_client.post(restore)
    assert response.status_code == 302 and response["Location"].endswith("#removed")
    article.refresh_from_db()
    assert "Your support helps us to tell the story." in article.body_text and len(article.removed) == 1


@pytest.mark.parametrize("method", ["get", "post"])
def test_restore_is_post_only_and_checks_the_index(alice_client, alice, method):
    article = article_create(text=PASTE, submitted_by=alice).article
    response = getattr(alice_client, method)(reverse("claims:article_restore", args=[article.pk, 7]), follow=True)
    if method == "get":
        assert response.status_code == 405
    else:
        assert "no longer in the removed list" in response.content.decode()
