"""claims.web.middleware: a request over the size limit gets the 413 error page before any view runs."""

from django.urls import reverse

from claims.models import Article


def test_oversized_request_gets_the_error_page(alice_client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 200  # the request-size middleware answers before the view
    response = alice_client.post(reverse("claims:article_submit"), {"text": "x" * 1000})
    assert response.status_code == 413
    html = response.content.decode()
    assert "Error 413" in html and "articles may be at most" in html
    assert not Article.objects.exists()
