"""factory_boy factories for every model the tests build.

- `UserFactory(role=Role.EDITOR)` puts the user in the role's group; every user's password is `PASSWORD`.
- `ArticleFactory` articles have a body and its real `content_hash` (claims.services.articles.content_hash).
- `QuoteFactory` and `ClaimFactory` spans always match their article: give the `text` (found in the body) or
  `start` and `end` (the text is cut from the body). Creating one whose `body_text[start:end] != text` raises.
  Their stored `sentence` is the one the services would write (claims.sentences).
- `OutletFactory` and `SpeakerFactory` get or create by name (both names are unique);
  `SpeakerFactory(aliases=["the mayor"])` adds aliases.
"""

import factory
from django.contrib.auth.models import Group, Permission, User
from factory.django import DjangoModelFactory, Password

from claims.models import (
    Article,
    Claim,
    Evidence,
    Outlet,
    Quote,
    Speaker,
    SpeakerAlias,
    WebhookDelivery,
    WebhookEndpoint,
)
from claims.roles import Role, sync_roles
from claims.sentences import sentence_around
from claims.services.articles import content_hash

PASSWORD = "correct-horse-battery"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = Password(PASSWORD)

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        """`role=Role.REVIEWER` (or its name): join that group; no role by default."""
        if not extracted:
            return
        name = Role(extracted).value
        if not Group.objects.filter(name=name).exists():
            sync_roles(Group, Permission)  # a transactional test flushed the migration's groups
        self.groups.add(Group.objects.get(name=name))


class OutletFactory(DjangoModelFactory):
    class Meta:
        model = Outlet
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Outlet {n}")


class ArticleFactory(DjangoModelFactory):
    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Story {n}")
    body_text = factory.Sequence(
        lambda n: f"“We built {n} homes last year,” said Ana Ruiz.\n\nThe council has 12 members."
    )
    content_hash = factory.LazyAttribute(lambda article: content_hash(article.body_text))
    status = Article.Status.EXTRACTED


class SpeakerFactory(DjangoModelFactory):
    class Meta:
        model = Speaker
        django_get_or_create = ("name",)
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Speaker {n}")

    @factory.post_generation
    def aliases(self, create, extracted, **kwargs):
        for alias in extracted or ():
            SpeakerAlias.objects.get_or_create(speaker=self, alias=alias)


class _SpanFactory(DjangoModelFactory):
    """A quote or claim: pass `text`, or `start` and `end`; the other is derived from the article's body."""

    class Meta:
        abstract = True

    article = factory.SubFactory(ArticleFactory)
    start = factory.LazyAttribute(lambda span: span.article.body_text.index(span.text))
    end = factory.LazyAttribute(lambda span: span.start + len(span.text))
    text = factory.LazyAttribute(lambda span: span.article.body_text[span.start : span.end])
    sentence = factory.LazyAttribute(lambda span: sentence_around(span.article.body_text, span.start, span.end))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        article, start, end, text = kwargs["article"], kwargs["start"], kwargs["end"], kwargs["text"]
        if article.body_text[start:end] != text:
            raise ValueError(f"{text!r} is not the article's text at {start}:{end}")
        return super()._create(model_class, *args, **kwargs)


class QuoteFactory(_SpanFactory):
    class Meta:
        model = Quote


class ClaimFactory(_SpanFactory):
    class Meta:
        model = Claim


class EvidenceFactory(DjangoModelFactory):
    class Meta:
        model = Evidence

    claim = factory.SubFactory(ClaimFactory, text="The council has 12 members")
    url = factory.Sequence(lambda n: f"https://example.org/evidence/{n}")
    title = factory.Sequence(lambda n: f"Source {n}")
    added_by = factory.SubFactory(UserFactory, role=Role.REVIEWER)


class WebhookEndpointFactory(DjangoModelFactory):
    class Meta:
        model = WebhookEndpoint

    url = "http://127.0.0.1:9/hook"  # nothing listens on port 9: pass a receiver's URL to get the requests
    secret = factory.Sequence(lambda n: f"s3cret-for-tests-{n}")
    events = factory.LazyFunction(list)  # every event


class WebhookDeliveryFactory(DjangoModelFactory):
    class Meta:
        model = WebhookDelivery

    endpoint = factory.SubFactory(WebhookEndpointFactory)
    event = WebhookEndpoint.Event.QUOTE_VERIFIED
    payload = factory.LazyFunction(lambda: {"event": WebhookEndpoint.Event.QUOTE_VERIFIED.value})
