"""Worker memory: extraction leaves spaCy's shared vocab as it found it, and bounds the size of a parse batch."""

from claims.nlp import pipeline as nlp_pipeline


def _fresh_text(i: int) -> str:
    """A short article full of words the vocab has never seen (made-up names and numbers)."""
    name = f"Qorvath Blemmix{i}"
    return (
        f"Zlorp{i} Vantage rose {i}.{i}7 percent in Frabnitz{i}.\n\n"
        f"“The Wexelgrund{i} levy is a disaster for Obbleton{i},” said {name}, the mayor.\n\n"
        f"Officials in Quibbity{i} declined to comment on the plan."
    )


def _sizes(vocab) -> tuple[int, int]:
    """Strings and lexemes in the vocab (lexemes counted: spaCy 3.8's len(vocab) never drops the freed ones)."""
    return len(vocab.strings), sum(1 for _ in vocab)


def test_vocab_does_not_grow_across_extractions(pipeline):
    nlp_pipeline.extract(_fresh_text(0))  # anything a first parse adds for good (labels) is added here
    before = _sizes(pipeline.vocab)
    texts = [_fresh_text(i) for i in range(1, 41)]
    many = nlp_pipeline.extract_many(texts, batch_size=8)
    one = [nlp_pipeline.extract(text) for text in texts[:5]]
    assert _sizes(pipeline.vocab) == before
    assert "Wexelgrund7" not in pipeline.vocab.strings
    # the Extractions are plain data that outlive the memory zone their parse was in
    assert one == many[:5]
    for i, (text, ex) in enumerate(zip(texts, many, strict=True), 1):
        assert [q.text for q in ex.quotes] == [f"The Wexelgrund{i} levy is a disaster for Obbleton{i},"]
        assert all(text[c.start : c.end] == c.text for c in ex.claims)


def test_batches_hold_whole_articles_within_the_character_bound():
    short, long = "Word. " * 2_000, "Word. " * 30_000  # 12,000 and 180,000 characters (2 chunks)
    texts = [short] * 20 + [long] + [short, ""]
    batches = list(nlp_pipeline._batches(texts, batch_size=32))
    assert [entry.text for batch in batches for entry in batch] == texts
    for batch in batches:
        chunks = [chunk for entry in batch for chunk in entry.chunks]
        assert len(chunks) <= 32
        assert len(batch) == 1 or sum(len(chunk.text) for chunk in chunks) <= nlp_pipeline.BATCH_CHARS
    assert [len(batch) for batch in batches] == [8, 8, 4, 1, 2]
