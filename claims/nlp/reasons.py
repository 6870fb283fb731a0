"""A claim's signals in plain words: the reasons a reviewer reads beside its check-worthiness.

The extractor stores short codes (`number`, `causal`); this is the one place that words them, for the reader,
the highlights and the API alike. Pure Python (no spaCy), so web processes may import it.
"""

from __future__ import annotations

from collections.abc import Iterable

PHRASES = {
    "number": "states a number",
    "statistic": "gives a percentage or a sum of money",
    "comparison": "compares two things",
    "superlative": "claims a record or an extreme",
    "superlative_or_record": "claims a record or an extreme",
    "causal": "attributes a cause",
    "named_entity": "names a person, place or organisation",
    "date": "gives a date or a time",
    "attributed_speech": "reports what someone said",
    "quotes_named_person": "quotes a named person",
    "quoted": "sits inside a quotation",
    "pledge": "reports a promise, a decision or a refusal",
    "question": "is a question",
    "opinion": "reads as an opinion",
    "hedged_future": "speculates about the future",
    "too_short": "is very short",
    "boilerplate": "looks like publisher boilerplate",
}


def describe(signals: Iterable[str]) -> list[str]:
    """The phrases for a claim's signal codes, in order, each once; a code without a phrase reads as words
    ("hedged_future" → "hedged future"), never as a code."""
    out: list[str] = []
    for code in signals:
        phrase = PHRASES.get(code) or str(code).replace("_", " ")
        if phrase not in out:
            out.append(phrase)
    return out
