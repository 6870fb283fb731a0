"""Plain words for what the extractor stores as codes: a claim's signals and the tagger labels inside an
attribution reason. Reviewers and readers never see `number`, `PERSON` or `ORG`.

Signal codes are worded once, by the extractor's `claims.nlp.reasons.describe`; `signal_phrases` calls it.
"""

import re
from collections.abc import Iterable

from claims.nlp.reasons import describe

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
    """The phrases for a claim's signal codes: the extractor's own wording (claims.nlp.reasons.describe)."""
    return describe(signals)


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
