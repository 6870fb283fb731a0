"""Robustness and invariants: offsets always slice back, odd input never crashes."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims.nlp import pipeline as nlp_pipeline
from claims.nlp.text import tokenizer_safe

MARKS = st.sampled_from(list("\"'“”‘’«»„ \n.,:—") + ["said", "Mr Smith", "she said", "\n\n"])
TEXTS = st.lists(st.one_of(st.text(max_size=12), MARKS), max_size=30).map("".join)


def check_offsets(text, ex):
    for q in ex.quotes:
        assert text[q.start : q.end] == q.text
        assert 0 <= q.start <= q.end <= len(text)
        if q.speaker_start is not None:
            assert 0 <= q.speaker_start <= q.speaker_end <= len(text)
            assert text[q.speaker_start : q.speaker_end] == q.speaker_mention
    for c in ex.claims:
        assert text[c.start : c.end] == c.text
        assert 0.0 <= c.checkworthiness <= 1.0
        assert c.quote_index is None or 0 <= c.quote_index < len(ex.quotes)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_offsets_slice_back_for_arbitrary_text(pipeline, text):
    check_offsets(text, nlp_pipeline.extract(text))


def test_empty_and_blank_text(pipeline):
    assert nlp_pipeline.extract("").quotes == []
    assert nlp_pipeline.extract("   \n\n\t ").claims == []


def test_no_quotes(pipeline):
    assert nlp_pipeline.extract("Nothing was quoted in this short report about the weather.").quotes == []


def test_control_characters_and_mixed_scripts(pipeline):
    text = "\x00“Мы готовы,\x07” сказал он.\x1b “我们准备好了,” said Li Wei. \u200b“¡Sí!”\ufeff"
    ex = nlp_pipeline.extract(text)
    check_offsets(text, ex)
    assert any(q.speaker == "Li Wei" for q in ex.quotes)


def test_a_mention_with_a_control_character_is_sliced_from_the_text(pipeline):
    check_offsets("sIT A\x1f0=00«E", nlp_pipeline.extract("sIT A\x1f0=00«E"))  # found by hypothesis


def test_unbalanced_marks(pipeline):
    text = '“Open but never closed, said Ann Lee.\n\nThen ” a stray closer and " a straight one.'
    check_offsets(text, nlp_pipeline.extract(text))


# Long tokens keep the parse cheap while the text still exceeds spaCy's max_length.
FILLER = ("Lorem" * 30 + " ") * 20


def test_one_megabyte_text(pipeline):
    para = FILLER + "“Costs rose by 12 percent last year,” said Maria Ruiz, the finance chief."
    text = "\n\n".join([para] * 350)
    assert len(text) > 1_000_000
    ex = nlp_pipeline.extract(text)
    assert len(ex.quotes) == 350
    assert {q.speaker for q in ex.quotes} == {"Maria Ruiz"}
    check_offsets(text, ex)


def test_one_megabyte_single_paragraph(pipeline):
    text = (FILLER * 350) + "“The end,” said Maria Ruiz."
    assert len(text) > 1_000_000 and "\n" not in text
    ex = nlp_pipeline.extract(text)
    assert [q.text for q in ex.quotes] == ["The end,"]
    check_offsets(text, ex)


def test_extract_many_matches_extract(pipeline):
    texts = ["“One,” said Ann Lee.", "", "No quote here.", "“Two,” Bob Stone said."]
    many = nlp_pipeline.extract_many(texts, batch_size=2)
    assert many == [nlp_pipeline.extract(t) for t in texts]


def test_to_dict_has_all_fields(pipeline):
    d = nlp_pipeline.extract("“Unemployment fell to 4 percent in March,” said Ann Lee.").to_dict()
    assert set(d["quotes"][0]) >= {
        "start",
        "end",
        "text",
        "kind",
        "speaker",
        "speaker_mention",
        "speaker_start",
        "speaker_end",
        "speaker_kind",
        "speaker_role",
        "cue",
        "confidence",
        "reason",
    }
    assert d["claims"] and set(d["claims"][0]) == {
        "start",
        "end",
        "text",
        "checkworthiness",
        "signals",
        "speaker",
        "quote_index",
    }


def test_load_is_cached():
    assert nlp_pipeline.load() is nlp_pipeline.load()
    assert "lemmatizer" not in nlp_pipeline.load().pipe_names
    assert isinstance(nlp_pipeline.EXTRACTOR_VERSION, str)


def test_long_punctuation_runs_are_blanked_for_the_tokenizer_only():
    text = "He said " + "“" * 40 + " and " + "!" * 10 + " left."
    safe = tokenizer_safe(text)
    assert len(safe) == len(text)
    assert "“" * 9 not in safe and "“" * 8 in safe and "!" * 10 in safe
    assert safe.replace(" ", "") == text.replace(" ", "").replace("“" * 40, "“" * 16)


def test_a_sentence_without_full_stops_is_cut(pipeline):
    doc = pipeline("“a” " * 300)
    assert max(len(s) for s in doc.sents) <= nlp_pipeline.MAX_SENTENCE_TOKENS


WORST_CASES = [
    '"' * 3000,
    "“a” " * 800,
    "“‘" * 800 + "a" + "’”" * 800,
    "“Yes,” he said.\n\n" * 200,
    "“" + "Ann Lee said no. " * 200,
]


def test_worst_case_shapes_keep_offsets(pipeline):
    for text in WORST_CASES:
        check_offsets(text, nlp_pipeline.extract(text))
