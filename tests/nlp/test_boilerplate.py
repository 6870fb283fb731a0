"""claims.nlp.boilerplate is the one home of the publisher-boilerplate rules: ingest cleaning (whole
paragraphs) and claim detection (pieces of sentences) read the same word lists."""

import pytest

from claims.nlp import boilerplate
from claims.nlp.lexicon import PHOTO_AGENCIES
from claims.services import cleaning


@pytest.mark.parametrize("agency", PHOTO_AGENCIES)
def test_every_agency_credit_is_furniture_for_cleaning_and_for_claims(agency):
    caption = f"Crowds gather in the square on Tuesday (Jane Doe/{agency})"
    assert boilerplate.is_caption(caption)
    assert boilerplate.is_boilerplate(caption)
    assert boilerplate.paragraph_reason(caption) == "photo caption with credit"


def test_cleaning_drops_a_caption_claims_would_skip():
    caption = "Crowds gather in the square on Tuesday (Jane Doe/Anadolu)"
    cleaned = cleaning.clean(f"The council met on Monday.\n\n{caption}\n\nIt approved the budget.")
    assert caption not in cleaned.text
    assert [r.reason for r in cleaned.removed] == ["photo caption with credit"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Reuters reported that exports fell by 3 percent in May.",
        "Donations to the party fell by 40 percent in 2023, its accounts show.",
        "The AP count showed the senator ahead by 2,000 votes.",
    ],
)
def test_news_that_names_an_agency_or_donations_is_article_text(sentence):
    assert not boilerplate.is_boilerplate(sentence)
    assert boilerplate.paragraph_reason(sentence) == ""
    assert sentence in cleaning.clean(sentence).text


def test_the_appeal_rules_open_and_extend_an_appeal():
    assert boilerplate.opens_appeal("Your support helps us report from the front line.")
    assert boilerplate.uses_appeal_words("Those who can afford it keep our journalism free for all.")
    assert not boilerplate.opens_appeal("The minister said support for the plan had grown.")
