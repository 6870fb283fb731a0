"""API representations of articles, quotes, claims and speakers."""
from django.urls import reverse
from rest_framework import serializers

from claims.models import Article, Claim, Quote, Speaker, UrlFetch


class ArticleInputSerializer(serializers.Serializer):
    """POST /api/articles/: exactly one of text, html or url."""

    text = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)
    html = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)
    url = serializers.URLField(required=False, max_length=2000)
    title = serializers.CharField(required=False, allow_blank=True, max_length=500)
    outlet = serializers.CharField(required=False, allow_blank=True, max_length=200)
    published_at = serializers.DateTimeField(required=False, allow_null=True)

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


class SpeakerSerializer(serializers.ModelSerializer):
    aliases = serializers.SlugRelatedField(many=True, read_only=True, slug_field="alias")

    class Meta:
        model = Speaker
        fields = ["id", "name", "description", "kind", "aliases"]


class SpeakerRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Speaker
        fields = ["id", "name", "description", "kind"]


class QuoteSerializer(serializers.ModelSerializer):
    speaker = SpeakerRefSerializer(read_only=True)
    reviewer = serializers.StringRelatedField()

    class Meta:
        model = Quote
        fields = ["id", "article", "text", "start", "end", "kind", "speaker", "speaker_mention", "speaker_start",
                  "speaker_end", "cue", "confidence", "attribution_reason", "status", "human_fields", "reviewer",
                  "reviewed_at", "version", "updated_at"]


class ClaimSerializer(serializers.ModelSerializer):
    speaker = SpeakerRefSerializer(read_only=True)
    reviewer = serializers.StringRelatedField()

    class Meta:
        model = Claim
        fields = ["id", "article", "quote", "text", "start", "end", "speaker", "checkworthiness", "signals", "status",
                  "verdict", "rationale", "reviewer", "reviewed_at", "version", "updated_at"]


class ArticleSerializer(serializers.ModelSerializer):
    outlet = serializers.StringRelatedField()
    quote_count = serializers.IntegerField(read_only=True, default=None)
    claim_count = serializers.IntegerField(read_only=True, default=None)
    links = serializers.SerializerMethodField()

    class Meta:
        model = Article
        fields = ["id", "title", "url", "outlet", "published_at", "status", "error", "extractor_version",
                  "quote_count", "claim_count", "created_at", "links"]

    def get_links(self, article) -> dict:
        request = self.context.get("request")

        def absolute(path):
            return request.build_absolute_uri(path) if request else path

        return {
            "self": absolute(reverse("api:article-detail", args=[article.pk])),
            "quotes": absolute(reverse("api:quote-list") + f"?article={article.pk}"),
            "claims": absolute(reverse("api:claim-list") + f"?article={article.pk}"),
            "page": absolute(article.get_absolute_url()),
        }


class ArticleDetailSerializer(ArticleSerializer):
    class Meta(ArticleSerializer.Meta):
        fields = ArticleSerializer.Meta.fields + ["body_text"]


class UrlFetchSerializer(serializers.ModelSerializer):
    class Meta:
        model = UrlFetch
        fields = ["id", "url", "status", "error", "article", "created_at"]
