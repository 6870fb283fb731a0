"""Service tests' article: the sea-wall story as ingested, the extractor output for it, and that output applied.

`extraction` is what the extractor would return for TEXT (two quotes by Maria Lopez, one claim inside the first);
`quote` and `claim` are the rows `apply_extraction` stores from it.
"""

import pytest

from claims.models import Claim, Quote
from claims.nlp.spans import ClaimSpan, Extraction, QuoteSpan
from claims.services.articles import article_create
from claims.services.extraction import apply_extraction

TEXT = (
    "Council leader Maria Lopez defended the plan on Tuesday.\n\n"
    "“The wall will protect 3,000 homes,” Ms Lopez said. “We cannot wait another winter.”"
)


def quote_span(text, fragment, speaker="Maria Lopez", mention="Ms Lopez", **extra):
    start = text.index(fragment)
    fields = {
        "start": start,
        "end": start + len(fragment),
        "text": fragment,
        "kind": "direct",
        "speaker": speaker,
        "speaker_mention": mention,
        "speaker_start": text.index(mention),
        "speaker_end": text.index(mention) + len(mention),
        "speaker_kind": "person",
        "speaker_role": "council leader",
        "cue": "said",
        "confidence": 0.9,
        "reason": "nearest PERSON subject of 'said'",
    }
    fields.update(extra)
    return QuoteSpan(**fields)


def claim_span(text, fragment, quote_index=0):
    start = text.index(fragment)
    return ClaimSpan(
        start=start,
        end=start + len(fragment),
        text=fragment,
        checkworthiness=0.8,
        signals=("number",),
        speaker=None,
        quote_index=quote_index,
    )


@pytest.fixture
def article(db):
    return article_create(text=TEXT).article


@pytest.fixture
def extraction():
    return Extraction(
        quotes=[
            quote_span(TEXT, "The wall will protect 3,000 homes,"),
            quote_span(TEXT, "We cannot wait another winter."),
        ],
        claims=[claim_span(TEXT, "The wall will protect 3,000 homes")],
    )


@pytest.fixture
def quote(article, extraction):
    """The first quote, as extracted (version t1)."""
    apply_extraction(article=article, extraction=extraction, version="t1")
    return Quote.objects.order_by("start").first()


@pytest.fixture
def claim(quote):
    return Claim.objects.get()
