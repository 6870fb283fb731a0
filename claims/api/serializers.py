"""API representations of articles, quotes, claims and speakers."""

from django.contrib.auth.models import User
from django.urls import reverse
from drf_spectacular.utils import OpenApiExample, extend_schema_serializer
from rest_framework import serializers

from claims.links import is_http_url
from claims.models import (
    Article,
    Claim,
    Correction,
    Evidence,
    Feed,
    FeedItem,
    Outlet,
    Quote,
    ReviewStatus,
    Source,
    Speaker,
    SpeakerAlias,
    UrlFetch,
)


class StrictCharField(serializers.CharField):
    """A string and only a string: `{"text": 42}` is a 400 naming the field, not the text "42".

    DRF's CharField turns numbers and booleans into strings; an API that accepts `42` as an article (or
    `true` as notes) hides client bugs. Unpaired surrogates (which no database can store) are refused too.
    """

    default_error_messages = {
        "not_a_string": "Must be a string, not {kind}.",
        "surrogate": "Contains invalid Unicode (an unpaired surrogate).",
    }

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("not_a_string", kind=_json_kind(data))
        if any("\ud800" <= ch <= "\udfff" for ch in data):
            self.fail("surrogate")
        return super().to_internal_value(data)


class HttpURLField(serializers.URLField):
    """An absolute http(s) URL (no javascript:, data: or ftp:), given as a string."""

    default_error_messages = {
        "not_a_string": "Must be a string, not {kind}.",
        "not_http": "Enter an http:// or https:// URL.",
    }

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("not_a_string", kind=_json_kind(data))
        value = super().to_internal_value(data)
        if not is_http_url(value):
            self.fail("not_http")
        return value


def _json_kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


class InRangeDateTimeField(serializers.DateTimeField):
    """A date-time that exists in UTC too (a far-future time with a negative offset overflows)."""

    def to_internal_value(self, value):
        try:
            return super().to_internal_value(value)
        except (OverflowError, ValueError):
            self.fail("invalid", format="ISO 8601 within years 1–9999 in UTC")


class ArticleInputSerializer(serializers.Serializer):
    """POST /api/articles/: exactly one of text, html or url."""

    text = StrictCharField(required=False, allow_blank=True, trim_whitespace=False)
    html = StrictCharField(required=False, allow_blank=True, trim_whitespace=False)
    url = HttpURLField(required=False, max_length=2000)
    title = StrictCharField(required=False, allow_blank=True, max_length=500)
    outlet = StrictCharField(
        required=False,
        allow_blank=True,
        max_length=200,
        help_text="A known outlet's name (case and spacing do not matter); a near miss of one is refused as a typo.",
    )
    byline = StrictCharField(required=False, allow_blank=True, max_length=300)
    published_at = InRangeDateTimeField(
        required=False,
        allow_null=True,
        help_text="ISO 8601 date-time, e.g. 2026-03-01T08:00:00Z.",
    )

    def validate(self, data):
        given = [key for key in ("text", "html") if key in data]
        if len(given) > 1:
            raise serializers.ValidationError("Send either text or html, not both.")
        if not given and "url" not in data:
            raise serializers.ValidationError("Send the article as text, html, or a url to fetch.")
        for key in given:
            if not data[key].strip():
                raise serializers.ValidationError({key: "The article text is empty."})
        return data


@extend_schema_serializer(
    examples=[
        OpenApiExample(
            "Speaker",
            value={
                "id": 7,
                "name": "Maria Lopez",
                "description": "mayor of Springfield",
                "kind": "person",
                "aliases": ["Lopez", "the mayor"],
            },
            response_only=True,
        )
    ]
)
class SpeakerSerializer(serializers.ModelSerializer):
    aliases = serializers.SlugRelatedField[SpeakerAlias](many=True, read_only=True, slug_field="alias")

    class Meta:
        model = Speaker
        fields = ["id", "name", "description", "kind", "aliases"]


class SpeakerRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Speaker
        fields = ["id", "name", "description", "kind"]


class ArticleRefSerializer(serializers.ModelSerializer):
    outlet = serializers.CharField(source="outlet.name", read_only=True, allow_null=True, default=None)

    class Meta:
        model = Article
        fields = ["id", "title", "url", "outlet", "published_at"]


class EvidenceSerializer(serializers.ModelSerializer):
    added_by = serializers.StringRelatedField[User]()

    class Meta:
        model = Evidence
        fields = ["id", "url", "title", "excerpt", "added_by", "created_at"]


class ReviewedSpanSerializer(serializers.ModelSerializer):
    article = ArticleRefSerializer(read_only=True)
    speaker = SpeakerRefSerializer(read_only=True, allow_null=True)
    reviewer = serializers.CharField(source="reviewer.get_username", read_only=True, allow_null=True, default=None)
    sentence = serializers.CharField(read_only=True, help_text="The sentence around the span, from the article text.")


QUOTE_EXAMPLE = {
    "id": 41,
    "text": "We will build the sea wall by 2027",
    "start": 120,
    "end": 154,
    "kind": "direct",
    "speaker": {"id": 7, "name": "Maria Lopez", "description": "mayor of Springfield", "kind": "person"},
    "speaker_mention": "Lopez",
    "speaker_start": 160,
    "speaker_end": 165,
    "cue": "said",
    "confidence": 0.92,
    "attribution_reason": "nearest PERSON subject of 'said' in same sentence",
    "speaker_source": "model",
    "speaker_set_by": None,
    "speaker_set_at": None,
    "article": {
        "id": 3,
        "title": "Sea wall plans",
        "url": "https://news.example.org/sea-wall",
        "outlet": "Demo Gazette",
        "published_at": "2026-03-01T08:00:00Z",
    },
    "sentence": "“We will build the sea wall by 2027,” Lopez said on Monday.",
    "status": "verified",
    "human_fields": [],
    "notes": "",
    "reviewer": "alice",
    "reviewed_at": "2026-03-02T10:15:00Z",
    "version": 3,
    "updated_at": "2026-03-02T10:15:00Z",
}


@extend_schema_serializer(examples=[OpenApiExample("Verified quote", value=QUOTE_EXAMPLE, response_only=True)])
class QuoteSerializer(ReviewedSpanSerializer):
    confidence = serializers.FloatField(
        read_only=True,
        allow_null=True,
        help_text="The model's attribution confidence; null once a person set the speaker.",
    )
    attribution_reason = serializers.CharField(
        read_only=True, allow_null=True, help_text="Why the model chose the speaker; null once a person set it."
    )
    speaker_source = serializers.ChoiceField(
        choices=Source.choices, read_only=True, help_text="Who the speaker comes from: the model or a person."
    )
    speaker_set_by = serializers.CharField(
        source="speaker_set_by.get_username", read_only=True, allow_null=True, default=None
    )

    def to_representation(self, instance):
        data = super().to_representation(instance)
        self.finish_row(data, {"speaker_source": instance.speaker_source})
        return data

    @staticmethod
    def finish_row(data: dict, row: dict) -> None:
        """Once a person set the speaker, the model's confidence and reason no longer describe it: null.
        (Also applied by claims.api.rows to the list's values() rows.)"""
        if row["speaker_source"] == Source.HUMAN:
            data["confidence"] = data["attribution_reason"] = None

    class Meta:
        model = Quote
        fields = [
            "id",
            "text",
            "start",
            "end",
            "kind",
            "speaker",
            "speaker_mention",
            "speaker_start",
            "speaker_end",
            "cue",
            "confidence",
            "attribution_reason",
            "speaker_source",
            "speaker_set_by",
            "speaker_set_at",
            "article",
            "sentence",
            "status",
            "human_fields",
            "notes",
            "reviewer",
            "reviewed_at",
            "version",
            "updated_at",
        ]


CLAIM_EXAMPLE = {
    "id": 12,
    "text": "Crime fell by 20% last year",
    "start": 300,
    "end": 327,
    "quote": 41,
    "speaker": {"id": 7, "name": "Maria Lopez", "description": "mayor of Springfield", "kind": "person"},
    "checkworthiness": 0.81,
    "signals": ["number", "comparison"],
    "status": "verified",
    "verdict": "mostly_false",
    "rationale": "Police figures show an 8% fall.",
    "article": QUOTE_EXAMPLE["article"],
    "sentence": "Crime fell by 20% last year, she said.",
    "human_fields": [],
    "notes": "",
    "reviewer": "alice",
    "reviewed_at": "2026-03-02T11:00:00Z",
    "version": 4,
    "updated_at": "2026-03-02T11:00:00Z",
    "published_at": "2026-03-02T11:00:00Z",
    "modified_at": None,
    "corrections": [],
    "evidence": [],
}


class CorrectionSerializer(serializers.ModelSerializer):
    editor = serializers.CharField(source="editor.get_username", read_only=True, allow_null=True, default=None)

    class Meta:
        model = Correction
        fields = ["created_at", "old_verdict", "new_verdict", "note", "editor"]


@extend_schema_serializer(examples=[OpenApiExample("Reviewed claim", value=CLAIM_EXAMPLE, response_only=True)])
class ClaimSerializer(ReviewedSpanSerializer):
    evidence = EvidenceSerializer(many=True, read_only=True)
    corrections = CorrectionSerializer(
        many=True, read_only=True, help_text="Dated corrections of the published verdict."
    )

    class Meta:
        model = Claim
        fields = [
            "id",
            "text",
            "start",
            "end",
            "quote",
            "speaker",
            "checkworthiness",
            "signals",
            "article",
            "sentence",
            "status",
            "verdict",
            "rationale",
            "human_fields",
            "notes",
            "reviewer",
            "reviewed_at",
            "version",
            "updated_at",
            "published_at",
            "modified_at",
            "corrections",
            "evidence",
        ]


# --- review actions ------------------------------------------------------------------------------

_VERSION = serializers.IntegerField(
    min_value=1, max_value=2**31 - 1, help_text="The version you read; a stale one gets 409 with the current item."
)


class StatusInputSerializer(serializers.Serializer):
    version = _VERSION
    status = serializers.ChoiceField(choices=ReviewStatus.choices)
    notes = StrictCharField(required=False, allow_blank=True, max_length=20_000)


class NotesInputSerializer(serializers.Serializer):
    version = _VERSION
    notes = StrictCharField(allow_blank=True, max_length=20_000)


class SpeakerInputSerializer(serializers.Serializer):
    version = _VERSION
    speaker = serializers.PrimaryKeyRelatedField(
        queryset=Speaker.objects.all(), required=False, help_text="An existing speaker's id…"
    )
    name = StrictCharField(
        required=False,
        max_length=200,
        help_text="…or a name: an existing speaker's (honorifics aside), or a new one's.",
    )
    kind = serializers.ChoiceField(choices=Speaker.Kind.choices, default=Speaker.Kind.PERSON)
    create_speaker = serializers.BooleanField(
        default=False,
        help_text="Create a new speaker when `name` matches nobody; without it such a name is a 400 with suggestions.",
    )

    def validate(self, data):
        if ("speaker" in data) == ("name" in data):
            raise serializers.ValidationError("Give either speaker (an id) or name (a new speaker).")
        return data


class VerdictInputSerializer(serializers.Serializer):
    version = _VERSION
    verdict = serializers.ChoiceField(choices=Claim.Verdict.choices)
    rationale = StrictCharField(required=False, allow_blank=True, max_length=20_000, default="")
    correction_note = StrictCharField(
        required=False,
        allow_blank=True,
        max_length=20_000,
        help_text="For a published claim whose rating changes: the dated note the public page will show.",
    )


class UndoInputSerializer(serializers.Serializer):
    version = _VERSION


class EvidenceInputSerializer(serializers.Serializer):
    url = HttpURLField(max_length=2000)
    title = StrictCharField(required=False, allow_blank=True, max_length=300, default="")
    excerpt = StrictCharField(required=False, allow_blank=True, max_length=10_000, default="")


class ChangeSerializer(serializers.Serializer):
    field = serializers.CharField()
    changed_by = serializers.CharField(allow_null=True, help_text="Username; null for the extractor.")
    old = serializers.JSONField(allow_null=True)
    new = serializers.JSONField(allow_null=True)


class ConflictSerializer(serializers.Serializer):
    """409 `stale_version`: someone changed the item since the caller read it."""

    detail = serializers.CharField()
    code = serializers.ChoiceField(choices=["stale_version"])
    changed_by = serializers.CharField(allow_null=True)
    changes = ChangeSerializer(many=True, help_text="What the others changed since the version you sent.")
    current = serializers.DictField(help_text="The item as it is now (same shape as the detail endpoint).")


class LockedSerializer(serializers.Serializer):
    """409 `locked`: the item is verified or rejected; an editor reopens it before it can change."""

    detail = serializers.CharField()
    code = serializers.ChoiceField(choices=["locked"])


# schema.org ClaimReview JSON-LD, documented as a raw schema (its keys start with "@").
CLAIM_REVIEW_SCHEMA = {
    "type": "object",
    "required": ["@context", "@type", "url", "claimReviewed", "itemReviewed", "author", "reviewRating"],
    "properties": {
        "@context": {"type": "string", "enum": ["https://schema.org"]},
        "@type": {"type": "string", "enum": ["ClaimReview"]},
        "url": {"type": "string", "format": "uri"},
        "claimReviewed": {"type": "string"},
        "datePublished": {"type": "string", "format": "date"},
        "dateModified": {"type": "string", "format": "date"},
        "correction": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "@type": {"type": "string", "enum": ["CorrectionComment"]},
                    "datePublished": {"type": "string", "format": "date"},
                    "text": {"type": "string"},
                },
            },
        },
        "author": {
            "type": "object",
            "required": ["@type", "name"],
            "properties": {"@type": {"type": "string"}, "name": {"type": "string"}, "url": {"type": "string"}},
        },
        "itemReviewed": {
            "type": "object",
            "required": ["@type"],
            "properties": {
                "@type": {"type": "string", "enum": ["Claim"]},
                "author": {"type": "object"},
                "datePublished": {"type": "string", "format": "date"},
                "appearance": {"type": "array", "items": {"type": "object"}},
            },
        },
        "reviewRating": {
            "type": "object",
            "required": ["@type", "alternateName", "bestRating", "worstRating"],
            "properties": {
                "@type": {"type": "string", "enum": ["Rating"]},
                "ratingValue": {"type": "integer", "minimum": 1, "maximum": 5},
                "bestRating": {"type": "integer"},
                "worstRating": {"type": "integer"},
                "alternateName": {"type": "string"},
            },
        },
    },
}


CLAIM_REVIEW_EXAMPLE = {
    "@context": "https://schema.org",
    "@type": "ClaimReview",
    "url": "https://quotecheck.example.org/fact-checks/12/",
    "claimReviewed": "Crime fell by 20% last year",
    "itemReviewed": {
        "@type": "Claim",
        "author": {"@type": "Person", "name": "Maria Lopez", "jobTitle": "mayor of Springfield"},
        "datePublished": "2026-03-01",
        "appearance": [
            {
                "@type": "CreativeWork",
                "url": "https://news.example.org/sea-wall",
                "headline": "Sea wall plans",
                "publisher": {"@type": "Organization", "name": "Demo Gazette"},
            }
        ],
    },
    "author": {"@type": "Organization", "name": "Quotecheck", "url": "https://quotecheck.example.org/"},
    "reviewRating": {
        "@type": "Rating",
        "ratingValue": 2,
        "bestRating": 5,
        "worstRating": 1,
        "alternateName": "Mostly false",
    },
    "datePublished": "2026-03-02",
}


ARTICLE_EXAMPLE = {
    "id": 3,
    "title": "Sea wall plans",
    "url": "https://news.example.org/sea-wall",
    "outlet": "Demo Gazette",
    "published_at": "2026-03-01T08:00:00Z",
    "status": "extracted",
    "error": "",
    "extractor_version": "1.0",
    "quote_count": 4,
    "claim_count": 2,
    "created_at": "2026-03-01T09:00:00Z",
    "links": {
        "self": "https://quotecheck.example.org/api/articles/3/",
        "quotes": "https://quotecheck.example.org/api/quotes/?article=3&status=any",
        "claims": "https://quotecheck.example.org/api/claims/?article=3&status=any",
        "page": "https://quotecheck.example.org/articles/3/",
    },
}


@extend_schema_serializer(examples=[OpenApiExample("Article", value=ARTICLE_EXAMPLE, response_only=True)])
class ArticleSerializer(serializers.ModelSerializer):
    outlet = serializers.CharField(source="outlet.name", read_only=True, allow_null=True, default=None)
    quote_count = serializers.IntegerField(read_only=True, default=None)
    claim_count = serializers.IntegerField(read_only=True, default=None)
    links = serializers.SerializerMethodField()

    class Meta:
        model = Article
        fields = [
            "id",
            "title",
            "url",
            "outlet",
            "published_at",
            "status",
            "error",
            "extractor_version",
            "quote_count",
            "claim_count",
            "created_at",
            "links",
        ]

    def get_links(self, article) -> dict:
        request = self.context.get("request")

        def absolute(path):
            return request.build_absolute_uri(path) if request else path

        return {
            "self": absolute(reverse("api:article-detail", args=[article.pk])),
            "quotes": absolute(reverse("api:quote-list") + f"?article={article.pk}&status=any"),
            "claims": absolute(reverse("api:claim-list") + f"?article={article.pk}&status=any"),
            "page": absolute(article.get_absolute_url()),
        }


class ArticleDetailSerializer(ArticleSerializer):
    class Meta(ArticleSerializer.Meta):
        fields = ArticleSerializer.Meta.fields + ["body_text"]


@extend_schema_serializer(
    examples=[
        OpenApiExample(
            "URL being fetched",
            response_only=True,
            value={
                "id": 5,
                "url": "https://news.example.org/sea-wall",
                "status": "pending",
                "error": "",
                "article": None,
                "created_at": "2026-03-01T09:00:00Z",
            },
        )
    ]
)
class UrlFetchSerializer(serializers.ModelSerializer):
    class Meta:
        model = UrlFetch
        fields = ["id", "url", "status", "error", "article", "created_at"]


# --- feeds ------------------------------------------------------------------------------------------


class FeedInputSerializer(serializers.Serializer):
    """POST /api/feeds/ (editors): the feed's URL, and optionally a title, interval and outlet."""

    url = HttpURLField(max_length=2000)
    title = StrictCharField(required=False, allow_blank=True, max_length=300, default="")
    interval_minutes = serializers.IntegerField(required=False, min_value=1, max_value=7 * 24 * 60)
    outlet = serializers.PrimaryKeyRelatedField(queryset=Outlet.objects.all(), required=False, allow_null=True)


class FeedSerializer(serializers.ModelSerializer):
    outlet = serializers.CharField(source="outlet.name", read_only=True, allow_null=True, default=None)

    class Meta:
        model = Feed
        fields = [
            "id",
            "url",
            "title",
            "outlet",
            "interval_minutes",
            "status",
            "last_polled_at",
            "last_success_at",
            "next_poll_at",
            "items_seen",
            "items_ingested",
            "failures",
            "last_error",
            "created_at",
        ]
        read_only_fields = fields


class FeedItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = FeedItem
        fields = ["id", "guid", "url", "title", "summary", "published_at", "status", "error", "article", "created_at"]
        read_only_fields = fields
