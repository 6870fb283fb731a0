"""schema.org ClaimReview: on the API and embedded (safely escaped) in the public claim page."""

import json
import re

import pytest

from claims.models import Claim

pytestmark = pytest.mark.django_db

# The fields Google's fact-check markup and schema.org's ClaimReview need.
REQUIRED = {"@context", "@type", "url", "claimReviewed", "author", "reviewRating", "itemReviewed", "datePublished"}


def assert_valid_claimreview(review: dict, claim: Claim):
    assert set(review) >= REQUIRED, REQUIRED - set(review)
    assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
    assert review["claimReviewed"] == claim.text
    assert review["url"].startswith("http") and review["url"].endswith(f"/fact-checks/{claim.pk}/")
    assert review["author"] == {"@type": "Organization", "name": "Quotecheck", "url": "https://quotecheck.example.org/"}
    rating = review["reviewRating"]
    assert rating["@type"] == "Rating" and rating["bestRating"] == 5 and rating["worstRating"] == 1
    assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
    assert rating["alternateName"] == claim.get_verdict_display()
    item = review["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["author"]["name"] == claim.speaker.name and item["author"]["@type"] == "Person"
    assert item["appearance"][0]["url"] == claim.article.url
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", review["datePublished"])


def test_claimreview_on_the_api(api_client, data):
    claim = data["claims"]["crime"]
    response = api_client.get(f"/api/claims/{claim.pk}/claimreview/")
    assert response.status_code == 200
    assert_valid_claimreview(response.json(), claim)
    jsonld = api_client.get(f"/api/claims/{claim.pk}/claimreview/", HTTP_ACCEPT="application/ld+json")
    assert jsonld["Content-Type"].startswith("application/ld+json")


def test_unreviewed_claim_has_no_claimreview(api_client, client, data):
    claim = data["claims"]["classes"]
    assert api_client.get(f"/api/claims/{claim.pk}/claimreview/").status_code == 404
    assert client.get(f"/fact-checks/{claim.pk}/").status_code == 404


def test_public_page_embeds_escaped_jsonld(client, data, settings):
    settings.ORGANISATION_NAME = "Quotecheck"
    claim = data["claims"]["crime"]
    Claim.objects.filter(pk=claim.pk).update(rationale="</script><script>alert(1)</script> & more")
    claim.refresh_from_db()
    Claim.objects.filter(pk=claim.pk).update(text="Crime fell </script><b>")  # hostile text (no offsets check)
    claim.refresh_from_db()
    response = client.get(f"/fact-checks/{claim.pk}/")  # public: no login
    assert response.status_code == 200
    html = response.content.decode()
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(scripts) == 1
    assert "</script><b>" not in scripts[0] and "<" not in scripts[0]
    review = json.loads(scripts[0])
    assert review["claimReviewed"] == "Crime fell </script><b>"
    assert_valid_claimreview(review, claim)
    assert "<script>alert(1)</script>" not in html  # the rationale is escaped in the page body too
    assert "Mostly false" in html
