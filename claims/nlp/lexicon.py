"""Word lists the extractor and the services share, each written once.

Keep every list here: a second copy elsewhere drifts (tests/nlp/test_lexicon.py looks for copies).
"""

from __future__ import annotations

# Personal pronouns that can stand for a speaker, with the gender they imply (None: any).
PRONOUNS: dict[str, str | None] = {
    "he": "m", "him": "m", "she": "f", "her": "f", "they": None, "i": None, "we": None, "it": None,
}  # fmt: skip
# Every pronoun form: a speaker mention made of one of these names nobody (never a speaker alias).
PRONOUN_FORMS = frozenset(
    "i me my mine we us our ours you your yours he him his she her hers it its they them their theirs".split()
)
