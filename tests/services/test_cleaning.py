"""claims.services.cleaning: whitespace normalisation and boilerplate lines (newsletter prompts, captions, credits)."""

import pytest

from claims.nlp import boilerplate
from claims.services import cleaning


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
    assert boilerplate.is_boilerplate_paragraph(line)


@pytest.mark.parametrize(
    "line",
    [
        "“Sign up for the army? Never,” he said.",
        "Read the statement below, the minister told reporters, before leaving the room in a hurry.",
        "The council voted 7-2 on Tuesday.",
    ],
)
def test_article_sentences_are_not_boilerplate(line):
    assert not boilerplate.is_boilerplate_paragraph(line)
