"""Plain words for what the extractor stores as codes: a claim's signals and the tagger labels inside an
attribution reason. Reviewers and readers never see `number`, `PERSON` or `ORG`.

`signal_phrases` is the one place the reader turns signal codes into phrases; once the extractor's own
`claims.nlp.signals.describe` lands it should simply call that.
"""

import re
from collections.abc import Iterable

SIGNAL_PHRASES = {
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

# spaCy's entity labels as the attribution reasons write them ("PERSON 'Ana Ruiz' is the subject of the cue").
ENTITY_WORDS = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "place",
    "LOC": "place",
    "NORP": "group",
    "FAC": "building",
    "EVENT": "event",
    "PRODUCT": "product",
    "WORK_OF_ART": "work",
}
_ENTITY = re.compile(r"\b(" + "|".join(ENTITY_WORDS) + r")\b(\s+['‘\"“])?")
_WORDS = [
    (re.compile(r"\bcue\b"), "reporting verb"),
    (re.compile(r"\bproper noun\b"), "the name"),
]


def signal_phrases(signals: Iterable[str]) -> list[str]:
    """The phrases for a claim's signal codes, in order, each once; a code without a phrase reads as words
    ("hedged_future" → "hedged future"), never as a code."""
    out: list[str] = []
    for code in signals:
        phrase = SIGNAL_PHRASES.get(code) or str(code).replace("_", " ")
        if phrase not in out:
            out.append(phrase)
    return out


def _entity(match: re.Match[str]) -> str:
    """ "PERSON 'Ana Ruiz'" → "the person 'Ana Ruiz'"; a bare "PERSON" → "person"."""
    word, named = ENTITY_WORDS[match.group(1)], match.group(2)
    return f"the {word}{named}" if named else word


def reason_phrase(reason: str) -> str:
    """An attribution reason with the tagger's labels in words: "PERSON 'Ana Ruiz' is the subject of the cue"
    → "The person 'Ana Ruiz' is the subject of the reporting verb"."""
    text = _ENTITY.sub(_entity, reason or "")
    for pattern, words in _WORDS:
        text = pattern.sub(words, text)
    return text[:1].upper() + text[1:] if text else text
