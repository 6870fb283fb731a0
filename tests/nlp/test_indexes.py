"""The lookup indexes that keep per-quote work bounded give the same answers as the plain scans they replace."""

from claims.nlp import attribution, text
from claims.nlp.article import ArticleParse
from claims.nlp.pipeline import MAX_SENTENCE_TOKENS, paragraph_boundaries
from claims.nlp.quotes import find_quotes

TEXT = (
    "Ann Lee said on Monday that “we are ready,” and then “so ready” again. Later she added: “Fine.”\n\n"
    "No quote here at all.\n\n"
    "“One more,” he said, “and another,” he added, before leaving.\n\n"
    "“Whole paragraph of quote.”"
)


def parse(pipeline, body: str) -> ArticleParse:
    cleaned = text.clean(body)
    paras = text.paragraphs(cleaned)
    chunk_list = text.chunks(cleaned, paras)
    docs = [pipeline(chunk.text) for chunk in chunk_list]
    return ArticleParse(cleaned, chunk_list, docs, find_quotes(cleaned, paras))


def test_outside_quotes_lists_every_unquoted_token_in_range(pipeline):
    art = parse(pipeline, TEXT)
    inside = art.inside[0]
    assert any(inside) and not all(inside)
    for start in range(len(inside) + 1):
        for end in range(start, len(inside) + 2):
            expected = [i for i in range(start, min(end, len(inside))) if not inside[i]]
            assert art.outside_quotes(0, start, end) == expected


def test_outside_quotes_of_a_quote_only_sentence_is_empty(pipeline):
    art = parse(pipeline, "“a” “b” “c” “d”")
    assert art.outside_quotes(0, 0, len(art.docs[0])) == []


def test_para_of_finds_each_quote_paragraph_across_chunks(pipeline, monkeypatch):
    monkeypatch.setattr(text, "MAX_CHUNK", 120)  # several chunks, so chunk-local paragraph lists are used
    art = parse(pipeline, TEXT)
    assert len(art.chunks) > 1
    paras = text.paragraphs(art.text)
    for q in art.quotes:
        assert attribution._para_of(art, q) == paras[q.para]


def _setter_boundaries(doc):
    """The component's rule written with the per-token setter, as it was before."""
    since = 0
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        since = 0 if prev.text[-1:] in ".!?…" else since + 1
        if (prev.is_space and "\n" in prev.text) or since >= MAX_SENTENCE_TOKENS:
            tok.is_sent_start = True
            since = 0
    return doc


def test_paragraph_boundaries_match_the_per_token_rule(pipeline):
    bodies = [
        "“Yes,” he said.\n\n“No,” she said.\n\nA last line",
        " ".join(["word"] * (3 * MAX_SENTENCE_TOKENS + 7)),
        "One. Two!\nThree?\n\n\nFour… five " + "x " * MAX_SENTENCE_TOKENS,
        "no breaks and no stops",
        "",
    ]
    for body in bodies:
        ours = paragraph_boundaries(pipeline.make_doc(body)).to_array("SENT_START").tolist()
        reference = _setter_boundaries(pipeline.make_doc(body)).to_array("SENT_START").tolist()
        assert ours == reference
    marked = paragraph_boundaries(pipeline.make_doc(bodies[0]))
    assert [t.is_sent_start for t in marked if t.i and marked[t.i - 1].is_space] == [True, True]
