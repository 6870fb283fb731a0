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


def test_right_double_mark_as_opener():
    # South African, Ghanaian and Nigerian copy often opens with ”
    assert quotes_of("”We will rebuild the market,” the governor said.") == ["We will rebuild the market,"]
    assert quotes_of("The mayor said: ”Nobody will be left behind.”") == ["Nobody will be left behind."]


def test_right_double_mark_opens_each_paragraph_of_a_long_quote():
    text = "”The first part of the statement.\n\n”The second part,” the adviser said."
    assert quotes_of(text) == ["The first part of the statement.", "The second part,"]


def test_closing_mark_after_a_full_stop_does_not_open():
    text = "“We are ready.” Then the minister left."
    assert quotes_of(text) == ["We are ready."]


def test_guillemets_both_ways_and_with_spaces():
    assert quotes_of("The envoy said « we will see » on Monday.") == ["we will see"]
    assert quotes_of("The envoy said »we will see« on Monday.") == ["we will see"]


def test_british_single_quotes_with_apostrophes_inside():
    text = "‘We don’t accept the teachers’ demands, and we won’t,’ the minister said."
    assert quotes_of(text) == ["We don’t accept the teachers’ demands, and we won’t,"]


def test_word_final_apostrophe_does_not_end_a_single_quote_early():
    text = "‘The nurses’ pay must rise,’ she said."
    assert quotes_of(text) == ["The nurses’ pay must rise,"]


def test_two_short_single_quotes_in_one_sentence():
    text = "He called it ‘madness’ and she called it ‘bold’."
    assert quotes_of(text) == ["madness", "bold"]


def test_curly_single_quote_in_a_double_quote_article():
    text = "“We will win,” he said.\n\nThe captain: ‘Our focus is on consistency’"
    assert quotes_of(text) == ["We will win,", "Our focus is on consistency"]


def test_single_quote_over_two_paragraphs():
    text = "‘The first part of it.\n\n‘The second part,’ she said."
    assert quotes_of(text) == ["The first part of it.", "The second part,"]


def test_double_quote_nested_in_single_quote():
    text = "‘He told me “never again” and left,’ she said."
    assert quotes_of(text) == ["He told me “never again” and left,"]


def test_backtick_openers():
    assert quotes_of("``We are ready,'' the coach said.") == ["We are ready,"]
    assert quotes_of("`We are ready,' the coach said.") == ["We are ready,"]
    assert quotes_of("``We are ready,” the coach said.") == ["We are ready,"]


def test_straight_and_curly_marks_mixed_in_one_quote():
    assert quotes_of('“We are ready," he said.') == ["We are ready,"]
    assert quotes_of('"We are ready,” he said.') == ["We are ready,"]
    assert quotes_of("“We are ready,“ he said.") == ["We are ready,"]


def test_punctuation_outside_the_closing_mark():
    assert quotes_of("He called it “a disgrace”. Later he said “enough”, and left.") == ["a disgrace", "enough"]
    assert quotes_of("She called it ‘madness’. Then she left.") == ["madness"]


def test_space_after_the_opening_mark():
    assert quotes_of("“ We are ready,” he said.") == ["We are ready,"]
    assert quotes_of("‘ We are ready,’ he said.") == ["We are ready,"]
    assert quotes_of("” We are ready,” he said.") == ["We are ready,"]


def test_glued_paragraph_after_punctuation_outside_the_mark():
    text = "He called it “a disgrace”.“We will appeal,” she said."
    assert [text[p.start : p.end] for p in paragraphs(text)] == [
        "He called it “a disgrace”.",
        "“We will appeal,” she said.",
    ]


def test_glued_straight_quotes_alternate_open_and_close():
    text = 'He left."We will win." She smiled."Then we go."'
    assert [text[p.start : p.end] for p in paragraphs(text)] == [
        "He left.",
        '"We will win." She smiled.',
        '"Then we go."',
    ]


class CountingStr(str):
    """A text that counts how often the pairing reads a character or a slice of it."""

    reads = 0

    def __getitem__(self, key):
        CountingStr.reads += 1
        return str.__getitem__(self, key)


def pairing_reads(text):
    CountingStr.reads = 0
    counted = CountingStr(text)
    find_quotes(counted, paragraphs(text))
    return CountingStr.reads


def test_pairing_reads_grow_linearly_on_unclosed_single_quotes():
    # each ‘ looks ahead for its closer; the look-ahead stops at the next opener, so work stays linear
    small, large = pairing_reads("‘a " * 1_000), pairing_reads("‘a " * 10_000)
    assert large < 12 * small


def test_pairing_reads_grow_linearly_on_marks_and_pairs():
    for unit in ('"', "“a” ", "“‘", "”a "):
        small, large = pairing_reads(unit * 1_000), pairing_reads(unit * 10_000)
        assert large < 12 * small, unit
