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

# Claim signals (the reasons a reviewer reads; claims/nlp/reasons.py words them).
CAUSAL_WORDS = frozenset(
    "because cause caused causes causing due led leads result resulted therefore thanks consequence blamed blame".split()
)
RECORD_WORDS = frozenset(
    "record ever first highest lowest largest biggest smallest unprecedented never doubled tripled halved".split()
)
OPINION_WORDS = frozenset(
    "think believe feel hope wish love hate great terrible wonderful awful beautiful disgrace shameful amazing".split()
)
FUTURE_WORDS = frozenset("will would could might may".split())
REPORTING_WORDS = frozenset("said says told reported claimed stated announced according added".split())
# Commitments and refusals: a pledge, a decision, a ruling-out is a checkable statement about an actor.
PLEDGE_WORDS = frozenset(
    "pledge pledged pledges promise promised promises vow vowed ruled ruling rule refuse refused refuses declined "
    "decline agreed agree announced announce plan plans planned committed commit signed rejected".split()
)

# Publisher boilerplate (claims/nlp/boilerplate.py, for ingest cleaning and claims): phrases that address the reader.
DONATION_APPEALS = (
    "your support", "your donation", "your contribution", "support us", "donate now", "make a donation",
    "make a contribution", "support our journalism", "support independent journalism", "support quality journalism",
    "help us keep", "become a member", "become a subscriber",
)  # fmt: skip
READ_MORE = ("read more", "read next", "continue reading", "read the full story", "see also", "more on this story")
SHARE_PROMPTS = (
    "share this article", "share this story", "share on facebook", "share on twitter", "share on whatsapp",
    "click here", "follow us on", "sign up", "subscribe to", "newsletter", "all rights reserved",
    "contributed to this report", "terms of use", "privacy policy",
)  # fmt: skip
# Photo agencies as their credits spell them, for captions "(Jane Doe/PA)", "(Getty Images)": ingest cleaning
# matches them case-sensitively on a paragraph, claim detection in any case on a piece of a sentence.
PHOTO_AGENCIES = (
    "Getty Images", "Getty", "PA", "PA Wire", "PA Media", "AP", "AP Photo", "AFP", "Reuters", "EPA", "EPA-EFE",
    "Shutterstock", "Alamy", "Bloomberg", "Anadolu", "Xinhua", "Rex", "Rex Features", "ANSA", "dpa", "AAP",
    "Press Association", "Handout", "Supplied",
)  # fmt: skip
