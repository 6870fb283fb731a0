"""The account page (claims/web/account.py): spreadsheet downloads for Excel, through the logged-in session."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_account_page_offers_excel_downloads_that_work_with_the_session(alice_client, data):
    html = alice_client.get(reverse("access:api_token")).content.decode()
    assert f'href="{reverse("api:export-quotes")}?format=csv&amp;bom=1"' in html
    assert f'href="{reverse("api:export-claims")}?format=csv&amp;bom=1"' in html
    response = alice_client.get(reverse("api:export-claims") + "?format=csv&bom=1")
    raw = b"".join(response.streaming_content)
    assert response.status_code == 200 and raw.startswith(b"\xef\xbb\xbf")
    header = raw.decode("utf-8-sig").splitlines()[0].split(",")
    assert {"evidence_urls", "reviewer", "reviewed_at"} <= set(header)
