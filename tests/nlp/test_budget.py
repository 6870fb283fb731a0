"""The parse budget: news is parsed whole; a text far denser in tokens has its densest pieces read for quotes only."""

import json
import os

import pytest

from claims.nlp import budget
from claims.nlp.text import Paragraph, chunks, clean, paragraphs
from evaluation.shared import DATA

PROSE = (
    "The council voted on Tuesday to close the library after a review found that repairs would cost "
    "more than the building is worth. “We had no choice,” said Margaret Hale, who chairs the committee. "
    "Residents who opposed the plan said they would take the decision to court before the end of the year."
)
DENSE = "“a” “b” “c” " * 400  # a token every 1.33 characters


def _tokens(text):
    return len(budget._TOKEN.findall(text))


def _cost(text, spans):
    return sum(budget._cost(text, span) for span in spans)


def test_news_prose_is_parsed_whole():
    text = "\n\n".join([PROSE] * 30)
    assert budget.unparsed(text, paragraphs(text)) == []


def test_a_short_text_is_parsed_whole_however_dense():
    text = "“Yes,” she said. “No,” he said. “Why?” I asked. " * 20  # a token every 2.7 characters
    assert _tokens(text) < budget.MIN_TOKENS
    assert budget.unparsed(text, paragraphs(text)) == []


def test_dense_text_is_cut_to_the_budget_densest_pieces_first():
    text = "\n\n".join([PROSE, DENSE, PROSE])
    paras = paragraphs(text)
    skipped = budget.unparsed(text, paras)
    assert skipped and all(paras[1].start <= s.start and s.end <= paras[1].end for s in skipped)
    assert [s.start for s in skipped] == sorted(s.start for s in skipped)
    allowed = max(len(text) / budget.CHARS_PER_TOKEN, budget.MIN_TOKENS)
    left = _cost(text, paras) - sum(budget._cost(text, s) - 1 for s in skipped)  # a blank stays one token
    assert left <= allowed
    # no more than needed: putting back any one skipped piece would break the budget
    assert all(left + budget._cost(text, s) - 1 > allowed for s in skipped)


def test_a_double_quote_mark_weighs_half_as_much_again_as_a_word():
    text = "“a” b"
    assert budget._cost(text, Paragraph(0, len(text))) == 1 + 4 + 2 * budget.MARK_EXTRA


def test_equally_dense_pieces_go_from_the_end():
    text = ("“Yes,” he said. " * 2000).strip()
    skipped = budget.unparsed(text, paragraphs(text))
    assert skipped and skipped[-1].end == len(text) and skipped[0].start > 0


def test_blanked_spans_become_spaces_and_keep_every_offset():
    text = "\n\n".join([PROSE, DENSE, PROSE])
    paras = paragraphs(text)
    skipped = budget.unparsed(text, paras)
    (chunk,) = chunks(clean(text), paras, skipped)
    assert chunk.blanked == skipped
    for span in skipped:
        assert chunk.text[chunk.to_chunk(span.start) : chunk.to_chunk(span.end)].strip() == ""
    assert chunk.text[: len(PROSE)] == PROSE and chunk.text.endswith(PROSE)


def test_quotes_in_a_skipped_passage_are_kept_and_say_why_they_have_no_speaker(extract):
    filler = "“I do, I do, I do,” he said. " * 700
    text = "\n\n".join([PROSE, filler.strip(), "“We will appeal,” said Tom Reyes, a resident of the town."])
    ex = extract(text)
    speakers = {q.text: q.speaker for q in ex.quotes}
    assert speakers["We had no choice,"] == "Margaret Hale"
    assert speakers["We will appeal,"] == "Tom Reyes"
    skipped = [q for q in ex.quotes if q.reason == budget.REASON]
    assert skipped and all(q.speaker is None for q in skipped)
    for q in ex.quotes:
        assert text[q.start : q.end] == q.text


def test_no_development_article_reaches_the_budget():
    sources = [DATA / "dev.jsonl", DATA / "news-dev.jsonl"]
    if not all(path.exists() for path in sources):
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"dev data missing under {DATA}")
        pytest.skip(f"dev data not available under {DATA}")
    over = []
    for path in sources:
        for line in path.open(encoding="utf-8"):
            if line.strip():
                record = json.loads(line)
                text = clean(record["text"])
                if budget.unparsed(text, paragraphs(text)):
                    over.append(record["id"])
    assert over == []
