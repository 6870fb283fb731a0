"""Page tests' data: the "Housing row" article (two quotes, one claim) the queue, reader and inspector tests review;
Maria Lopez's sea-wall quotes and claim for the speaker and dashboard pages; an editor's client; and `act`, which
posts one review action the way the inspector's forms do."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import ArticleFactory, ClaimFactory, OutletFactory, QuoteFactory, SpeakerFactory

# The short story the article list, submit form and reader tests use (one quote, one claim-like sentence).
STORY = "“We built 300 homes last year,” said Ana Ruiz.\n\nThe council has 12 members."
# The "Housing row" article of the fixtures below.
HOUSING = (
    "“We built 300 homes last year,” said Ana Ruiz.\n\n"
    "The council has 12 members, the mayor said. “Nobody will lose a bus route,” Ruiz added."
)
# The sea-wall story of the `lopez_*` fixtures.
SEA_WALL = (
    "Council leader Maria Lopez defended the plan on Tuesday.\n\n"
    "“The wall will protect 3,000 homes,” Ms Lopez said. “We cannot wait another winter.”"
)
JSON = {"HTTP_ACCEPT": "application/json"}  # what the inspector's fetch() sends


@pytest.fixture
def article(db):
    return ArticleFactory(body_text=HOUSING, title="Housing row", outlet=OutletFactory(name="Demo Gazette"))


@pytest.fixture
def ana(db):
    return SpeakerFactory(name="Ana Ruiz", description="council leader", aliases=["Ruiz"])


@pytest.fixture
def quote(article, ana):
    return QuoteFactory(
        article=article,
        text="We built 300 homes last year",
        speaker_mention="Ana Ruiz",
        confidence=0.9,
        attribution_reason="nearest PERSON subject of 'said'",
        speaker=ana,
    )


@pytest.fixture
def weak_quote(article):
    """Unattributed, low confidence."""
    return QuoteFactory(
        article=article,
        text="Nobody will lose a bus route",
        speaker_mention="Ruiz",
        confidence=0.3,
        attribution_reason="name after the quote",
    )


@pytest.fixture
def claim(article):
    return ClaimFactory(article=article, text="The council has 12 members", checkworthiness=0.8, signals=["number"])


@pytest.fixture
def lopez_quote(db):
    """Maria Lopez's first quote of the sea-wall story (her second one is there too); "Ms Lopez" is her alias."""
    lopez = SpeakerFactory(name="Maria Lopez", description="council leader", aliases=["Ms Lopez"])
    article = ArticleFactory(body_text=SEA_WALL, title="Sea wall")
    said = {"speaker": lopez, "speaker_mention": "Ms Lopez", "cue": "said", "confidence": 0.9}
    first = QuoteFactory(article=article, text="The wall will protect 3,000 homes,", **said)
    QuoteFactory(article=article, text="We cannot wait another winter.", **said)
    return first


@pytest.fixture
def lopez_claim(lopez_quote):
    """The claim inside her first quote."""
    return ClaimFactory(
        article=lopez_quote.article,
        text="The wall will protect 3,000 homes",
        speaker=lopez_quote.speaker,
        quote=lopez_quote,
        checkworthiness=0.8,
        signals=["number"],
    )


@pytest.fixture
def erin_client(erin):
    """The editor's own session, beside the `client` or `alice_client` a test may also use."""
    client = Client()
    client.force_login(erin)
    return client


def act(client, item, action, data=None, **extra):
    """POST one inspector action (status, notes, speaker, span, verdict, evidence) for `item`."""
    kind = item._meta.model_name
    url = reverse("claims:item_action", args=[item.article_id, kind, item.pk, action])
    return client.post(url, data or {}, **extra)
