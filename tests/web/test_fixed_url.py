"""{% fixed_url %}: an argument-free {% url %} reversed once per script prefix and URLconf."""

from django.template import Context, Template
from django.urls import reverse, set_script_prefix


def render(source: str) -> str:
    return Template("{% load workbench %}" + source).render(Context())


def test_fixed_url_gives_what_url_gives():
    assert render("{% fixed_url 'claims:queue' %}") == render("{% url 'claims:queue' %}") == reverse("claims:queue")


def test_fixed_url_follows_the_script_prefix():
    try:
        set_script_prefix("/quotecheck/")
        assert render("{% fixed_url 'claims:queue' %}") == render("{% url 'claims:queue' %}") == "/quotecheck/queue/"
    finally:
        set_script_prefix("/")
    assert render("{% fixed_url 'claims:queue' %}") == render("{% url 'claims:queue' %}") == "/queue/"
