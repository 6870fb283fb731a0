"""The attribute table must write exactly what spaCy's attribute ruler writes, token for token."""

import json
import os

import numpy as np
import pytest
from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG
from spacy.pipeline import AttributeRuler

from claims.nlp import attribute_table
from evaluation.shared import DATA, SHARED

COLUMNS = [POS, MORPH, LEMMA, TAG, DEP]
# Sentences of my own touching every kind of exception the English ruler holds: contractions and slang
# ("ain't", "gonna", "gotta", "y'all", "c'mon", "let's", "nothin'"), auxiliaries and "do/have" as main verbs,
# subordinating "that/if/while", "but" as an adverb, pronoun case by dependency, existential "there",
# determiners standing alone, negation, whitespace tokens inside and between paragraphs.
OWN = [
    "I ain't gonna lie: we gotta go, y'all. C'mon, let's see. He knows nothin' about it.",
    "There is a dog, and there are two cats. That is what I said, but it was all but over.",
    "If you do that, I did it while they had it. She does not have to; he's been told it isn't so.",
    "Give it to me and I will give it to you. Those who came saw this.\n\n  \n  Then    it rained.",
    "They gets what they got. It's 5 p.m. and we're late, I'm sure, 'cause you've gone.",
]


@pytest.fixture(scope="module")
def parsed(pipeline):
    """Docs parsed up to the attributes step, and the component."""
    assert "quotecheck_attributes" in pipeline.pipe_names and "attribute_ruler" not in pipeline.pipe_names
    table = pipeline.get_pipe("quotecheck_attributes")
    texts = list(OWN)
    if (DATA / "news-dev.jsonl").exists():
        texts += [json.loads(line)["text"] for line in (DATA / "news-dev.jsonl").open(encoding="utf-8")]
    elif os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"news-dev data missing under {SHARED}")
    with pipeline.select_pipes(disable=["quotecheck_attributes", "ner"]):
        return list(pipeline.pipe(texts)), table


def _stock(pipeline, entries):
    ruler = AttributeRuler(pipeline.vocab)
    ruler.add_patterns(entries)
    return ruler


def _compare(docs, left, right):
    differing = 0
    for doc in docs:
        a, b = left(doc.copy()), right(doc.copy())
        differing += int((a.to_array(COLUMNS) != b.to_array(COLUMNS)).any(axis=1).sum())
    return differing


def test_writes_what_the_stock_ruler_writes(pipeline, parsed):
    docs, table = parsed
    assert len(table.patterns) > 150  # the English tag map and its exceptions
    assert _compare(docs, _stock(pipeline, table.patterns), table) == 0
    assert sum(len(d) for d in docs) > 10_000 or not (DATA / "news-dev.jsonl").exists()


def test_the_comparison_sees_a_rule_left_out(pipeline, parsed):
    """A table missing one exception ("n't" is a particle) differs from the ruler: the check can fail."""
    docs, table = parsed
    (drop,) = [i for i, e in enumerate(table.patterns) if "n't" in str(e["patterns"]) and "PART" in str(e["attrs"])]
    keep = [i for i in range(len(table.rules)) if i != drop]
    short = attribute_table.AttributeTable(pipeline.vocab, [table.rules[i] for i in keep], [])
    assert _compare(docs, _stock(pipeline, table.patterns), short) > 0


def test_later_rules_win_and_matching_reads_the_doc_as_it_came(pipeline):
    """Two rules on one token: the later one's value stays; a rule's test is not fooled by an earlier write."""
    entries = [
        {"patterns": [[{"LOWER": "cats"}]], "attrs": {"POS": "VERB", "TAG": "VBZ"}},
        {"patterns": [[{"LOWER": "cats"}]], "attrs": {"POS": "NOUN"}},
        {"patterns": [[{"TAG": "VBZ"}]], "attrs": {"LEMMA": "verb"}},
    ]
    ruler = _stock(pipeline, entries)
    table = attribute_table.AttributeTable(
        pipeline.vocab, attribute_table.compile_rules(pipeline.vocab, ruler.patterns, ruler.attrs), entries
    )
    with pipeline.select_pipes(disable=["quotecheck_attributes", "ner"]):
        doc = pipeline("The cats sleep.")
    a, b = ruler(doc.copy()), table(doc.copy())
    assert np.array_equal(a.to_array(COLUMNS), b.to_array(COLUMNS))
    assert b[1].pos_ == "NOUN" and b[1].tag_ == "VBZ" and b[1].lemma_ != "verb"


def test_a_pattern_it_cannot_express_keeps_the_stock_ruler(pipeline):
    with pytest.raises(attribute_table.UnsupportedPatternError):
        attribute_table.compile_rules(pipeline.vocab, [{"patterns": [[{"LOWER": "a", "OP": "+"}]]}], [{}])
    with pytest.raises(attribute_table.UnsupportedPatternError):
        attribute_table.compile_rules(pipeline.vocab, [{"patterns": [[{"SHAPE": "Xx"}]]}], [{}])
