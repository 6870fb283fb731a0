"""claims.services.cleaning: publisher boilerplate in pasted text, glued paragraphs, and the removed record.

The seed article is read from ../shared at test time (a real paste from a news site); the rules it
exercises are general ones, tested here on made-up text too.
"""

from pathlib import Path

import pytest

from claims.services import cleaning

SEED = Path(__file__).resolve().parents[2].parent / "shared" / "seeds" / "000_9bdd9decad1322d1.txt"


@pytest.fixture(scope="module")
def seed():
    if not SEED.exists():
        pytest.skip(f"{SEED} is not here (../shared)")
    return SEED.read_text(encoding="utf-8")


def test_the_seed_paste_loses_its_furniture_and_keeps_its_words(seed):
    cleaned = cleaning.clean(seed)
    body = cleaned.text
    for furniture in ("Your support helps us", "Your donation", "paywalls", "Your support makes all the difference",
                      "Read more", "(Carl Court/PA)", "Keir Starmer is in Paris for talks"):  # fmt: skip
        assert furniture not in body, furniture
    # glued paragraphs are split where a sentence end ran into a capitalised word
    assert "with Mr Putin.\n\nSir Keir said" in body
    assert "lasting peace agreement.\n\n“But there must be a US backstop" in body
    assert body.startswith("Europe split over Starmer pledge to send troops to Ukraine\n\nA split has emerged")
    # the article's own words are all still there, character for character
    assert "“putting our own troops on the ground if necessary”" in body
    assert body.endswith("such physical guarantees.”")
    reasons = [piece.reason for piece in cleaned.removed]
    assert reasons.count("donation or subscription appeal") == 4
    assert "“read more” prompt" in reasons and "photo caption with credit" in reasons


def test_every_removed_piece_can_be_put_back_where_it_stood(seed):
    cleaned = cleaning.clean(seed)
    body = cleaned.text
    for piece in sorted(cleaned.removed, key=lambda p: (p.at, p.order), reverse=True):
        body, _, _ = cleaning.restore(body, piece)
    # the original words in the original order; only the paragraph breaks of the split glue are new
    squash = lambda text: "".join(text.split())  # noqa: E731
    assert squash(body) == squash(seed)


@pytest.mark.parametrize(
    "glued, split",
    [
        ("The vote was lost.The minister resigned.", ["The vote was lost.", "The minister resigned."]),
        ("He said so.“We will not,” she replied.", ["He said so.", "“We will not,” she replied."]),
        ("“It is over.”Critics disagreed.", ["“It is over.”", "Critics disagreed."]),
        ("Prices rose 5%.A year ago they fell.", ["Prices rose 5%.", "A year ago they fell."]),
    ],
)
def test_glued_sentences_are_split(glued, split):
    assert cleaning.split_glued(glued) == split


@pytest.mark.parametrize(
    "text",
    ["Mr.Smith arrived.", "The U.S.Army said so.", "Version 2.0.1 shipped.", "See www.example.Org for more.",
     "She met Dr.Jones.", "It cost $3.50.", "e.g. this"],
)  # fmt: skip
def test_abbreviations_and_numbers_are_not_split(text):
    assert cleaning.split_glued(text) == [text]


@pytest.mark.parametrize(
    "paragraph, reason",
    [
        ("Boris Johnson visits the site on Tuesday (Stefan Rousseau/PA Wire)", "photo caption with credit"),
        ("Protesters outside parliament (AFP via Getty Images) More", "photo caption with credit"),
        ("Sign up to our free morning newsletter", "newsletter or sign-up prompt"),
        ("Get the latest headlines delivered to your inbox", "newsletter or sign-up prompt"),
        ("We use cookies to improve your experience on our site.", "cookie notice"),
        ("Share this article", "share prompt"),
        ("Read more: Harbour traders fear summer closures", "“read more” prompt"),
        ("More", "“read more” prompt"),
    ],
)
def test_furniture_paragraphs_are_removed_with_the_reason(paragraph, reason):
    cleaned = cleaning.clean(f"The council met on Monday.\n\n{paragraph}\n\nIt voted 7-2 for the plan.")
    assert cleaned.text == "The council met on Monday.\n\nIt voted 7-2 for the plan."
    assert [(p.text, p.reason) for p in cleaned.removed] == [(paragraph, reason)]


def test_an_appeal_block_goes_but_an_article_about_paywalls_stays():
    appeal = (
        "Support our journalism today.\n\nOur reporters on the ground rely on readers, not paywalls.\n\n"
        "The mayor said the harbour would reopen in May."
    )
    cleaned = cleaning.clean(appeal)
    assert cleaned.text == "The mayor said the harbour would reopen in May."
    story = "Newspapers are moving behind paywalls, the report found.\n\nSubscriptions rose by 8% last year."
    assert cleaning.clean(story).text == story and cleaning.clean(story).removed == []


def test_ordinary_articles_are_untouched():
    text = (
        "Harbour council approves new sea wall\n\n"
        "The council voted 7-2 on Tuesday to spend £4.2m on a new sea wall.\n\n"
        "“It’s the biggest investment in the harbour for 40 years,” said council leader Maria Lopez.\n\n"
        "More than 300 people signed a petition. Read the statement, the minister said."
    )
    cleaned = cleaning.clean(text)
    assert cleaned.text == text and cleaned.removed == [] and cleaned.glued_splits == 0


def test_leading_and_trailing_prompts_are_removed_inline():
    cleaned = cleaning.clean("Read moreThe talks resumed.\n\nBoth sides met in Geneva. More")
    assert cleaned.text == "The talks resumed.\n\nBoth sides met in Geneva."
    assert [(p.text, p.inline) for p in cleaned.removed] == [("Read more", True), (" More", True)]
    body = cleaned.text
    for piece in reversed(cleaned.removed):
        body, _, _ = cleaning.restore(body, piece)
    assert body == "Read moreThe talks resumed.\n\nBoth sides met in Geneva. More"
