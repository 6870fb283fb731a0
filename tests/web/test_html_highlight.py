"""claims.highlight: segmenting text under overlapping spans and rendering escaped, well-formed reader HTML."""

from html.parser import HTMLParser

from claims.web.html.highlight import Span, paragraphs, render, segments


def keys(segment):
    return [s.key for s in segment.spans]


class TagBalance(HTMLParser):
    """Checks every opened element is closed in order (well-formed nesting)."""

    VOID = {"br"}

    def __init__(self):
        super().__init__()
        self.stack, self.errors, self.ids = [], [], []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append(tag)
        self.ids += [v for k, v in attrs if k == "id"]

    def handle_endtag(self, tag):
        if not self.stack or self.stack.pop() != tag:
            self.errors.append(tag)


def well_formed(html: str) -> TagBalance:
    parser = TagBalance()
    parser.feed(html)
    assert parser.errors == [] and parser.stack == []
    return parser


def test_segments_cover_text_without_overlap():
    text = "0123456789"
    segs = segments(text, [Span("a", 2, 5), Span("b", 4, 8)])
    assert "".join(s.text for s in segs) == text
    assert [(s.start, s.end) for s in segs] == [(0, 2), (2, 4), (4, 5), (5, 8), (8, 10)]
    assert [keys(s) for s in segs] == [[], ["a"], ["a", "b"], ["b"], []]


def test_nested_span_lists_outer_first():
    text = "He said “we built 300 homes” today."
    quote = Span("quote", 8, 28, rank=1)
    claim = Span("claim", 12, 27, rank=2)  # claim inside the quote
    segs = segments(text, [claim, quote])
    inner = next(s for s in segs if s.text == "built 300 homes")
    assert keys(inner) == ["quote", "claim"]


def test_equal_offsets_use_rank_for_nesting():
    segs = segments("abcdef", [Span("claim", 0, 3, rank=2), Span("quote", 0, 3, rank=1)])
    assert keys(segs[0]) == ["quote", "claim"]


def test_out_of_range_and_empty_spans_are_ignored():
    segs = segments("abc", [Span("bad", 2, 10), Span("empty", 1, 1), Span("ok", 0, 1)])
    assert [keys(s) for s in segs] == [["ok"], []]


def test_render_escapes_text_and_attributes():
    text = '<script>alert("x")</script> & “quoted”'
    span = Span(
        "quote-1", 0, 8, classes=("hl-quote",), data={"speaker": '"><img src=x>'}, title="<b>", label="<i>Bad</i>"
    )
    html = render(text, [span])
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<img" not in html and "<i>" not in html and "<b>" not in html
    assert "&amp;" in html
    well_formed(html)


def test_render_nested_claim_inside_quote_is_well_formed():
    text = "“We built 300 homes last year,” said Ana Ruiz."
    quote = Span("quote-1", 0, 31, classes=("hl-quote",), label="Ana Ruiz", rank=1)
    claim = Span("claim-1", 1, 29, classes=("hl-claim",), rank=2)
    html = render(text, [quote, claim])
    parser = well_formed(html)
    assert parser.ids == ["quote-1", "claim-1"]
    assert html.index('id="quote-1"') < html.index('id="claim-1"')
    # the speaker tag follows the quote's closing mark, before the attribution
    assert html.index("Ana Ruiz</span>") < html.index(" said")


def test_render_crossing_spans_reopen_with_one_id():
    text = "aaaa bbbb cccc"
    html = render(text, [Span("a", 0, 9), Span("b", 5, 14)])
    parser = well_formed(html)
    assert parser.ids == ["a", "b"]
    assert "hl-cont" in html  # b is split around a's end and reopened as a continuation


def test_quote_across_paragraphs_is_split_per_paragraph_and_labelled_once():
    text = "Intro.\n\n“First part.\n\n“Second part,” she said."
    start = text.index("First")
    end = text.index(",”") + 1
    html = render(text, [Span("quote-7", start, end, label="Ana Ruiz", data={"id": 7})])
    parser = well_formed(html)
    assert html.count("<p ") == 3
    assert parser.ids == ["quote-7"]
    assert html.count('data-id="7"') == 2
    assert html.count("Ana Ruiz") == 1


def test_paragraphs_and_line_breaks():
    text = "One\nline two\n\n\nThree"
    assert paragraphs(text) == [(0, 12), (15, 20)]
    html = render(text, [])
    assert "One<br>line two" in html and html.count("<p ") == 2
