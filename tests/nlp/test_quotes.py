"""Quote-mark pairing: mark styles, apostrophes, multi-paragraph and glued paragraphs."""

from claims.nlp.quotes import find_quotes
from claims.nlp.text import paragraphs


def quotes_of(text):
    return [text[q.start : q.end] for q in find_quotes(text, paragraphs(text))]


def test_curly_and_straight_double_quotes():
    text = 'She said “we are ready” and he said "so are we" later.'
    assert quotes_of(text) == ["we are ready", "so are we"]


def test_apostrophes_are_not_quote_marks():
    text = "It’s Musk’s plan, and the workers' union isn't happy."
    assert quotes_of(text) == []


def test_british_single_quotes():
    text = "The minister said ‘we will not be moved on this’ before leaving."
    assert quotes_of(text) == ["we will not be moved on this"]


def test_nested_single_inside_double_is_one_quote():
    text = "“He told me ‘never again’ and left,” she said."
    assert quotes_of(text) == ["He told me ‘never again’ and left,"]


def test_guillemets():
    assert quotes_of("Il a dit «nous verrons» hier.") == ["nous verrons"]


def test_unclosed_paragraph_quote_runs_to_paragraph_end():
    text = "“The first part of the speech.\n\n“The second part,” he said."
    assert quotes_of(text) == ["The first part of the speech.", "The second part,"]


def test_glued_paragraphs_are_split():
    text = "“We reached an agreement.“But there is more to do,” she said."
    paras = paragraphs(text)
    assert len(paras) == 2
    assert quotes_of(text) == ["We reached an agreement.", "But there is more to do,"]


def test_glued_after_closing_quote():
    text = "He arrived in Paris.“We do not accept this,” he said."
    assert [text[p.start : p.end] for p in paragraphs(text)] == [
        "He arrived in Paris.",
        "“We do not accept this,” he said.",
    ]


def test_unbalanced_marks_do_not_crash():
    for text in ['"', "“", "”", '“a” ”b“ "c', "‘", "« unclosed", "’tis ’twas"]:
        for q in find_quotes(text, paragraphs(text)):
            assert 0 <= q.start <= q.end <= len(text)


def test_handles_and_numbers_are_not_quotes():
    assert quotes_of('Posted "@someone" at "12:30" on "2024-01-02".') == []
