"""REST API views: thin over claims.ingest; querysets carry their joins so list queries stay constant."""
from django.db.models import Count
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from claims import extraction, ingest
from claims.models import Article, Claim, Quote, Speaker, UrlFetch

from . import serializers as s


class ArticleViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    filterset_fields = ["status", "outlet"]

    def get_queryset(self):
        return Article.objects.select_related("outlet").annotate(
            quote_count=Count("quotes", distinct=True), claim_count=Count("claims", distinct=True)
        )

    def get_serializer_class(self):
        return s.ArticleDetailSerializer if self.action == "retrieve" else s.ArticleSerializer

    @extend_schema(
        request=s.ArticleInputSerializer,
        responses={
            201: s.ArticleSerializer,
            200: OpenApiResponse(s.ArticleSerializer, description="The same content was already ingested."),
            202: OpenApiResponse(s.UrlFetchSerializer, description="The URL will be fetched in the background."),
            413: OpenApiResponse(description="The article is larger than ARTICLE_MAX_BYTES."),
        },
    )
    def create(self, request, *args, **kwargs):
        data = s.ArticleInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        if "text" not in fields and "html" not in fields:
            outcome = ingest.url_fetch_request(url=fields["url"], requested_by=request.user)
            if isinstance(outcome, UrlFetch):
                return Response(s.UrlFetchSerializer(outcome).data, status=status.HTTP_202_ACCEPTED)
        else:
            outcome = ingest.article_create(submitted_by=request.user, **fields)
        article = self.get_queryset().get(pk=outcome.article.pk)
        body = s.ArticleSerializer(article, context={"request": request}).data
        return Response(body, status=status.HTTP_201_CREATED if outcome.created else status.HTTP_200_OK)

    @extend_schema(request=None, responses={202: s.ArticleSerializer})
    @action(detail=True, methods=["post"])
    def reextract(self, request, pk=None):
        """Queue extraction again (after a failure or an extractor upgrade); human edits are kept."""
        article = self.get_object()
        extraction.article_reextract(article=article)
        article = self.get_queryset().get(pk=article.pk)
        return Response(s.ArticleSerializer(article, context={"request": request}).data, status=status.HTTP_202_ACCEPTED)


class QuoteViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = s.QuoteSerializer
    filterset_fields = ["article", "status", "speaker", "kind"]

    def get_queryset(self):
        return Quote.objects.select_related("speaker", "reviewer").order_by("article_id", "start")


class ClaimViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = s.ClaimSerializer
    filterset_fields = ["article", "status", "speaker", "verdict"]

    def get_queryset(self):
        return Claim.objects.select_related("speaker", "reviewer").order_by("article_id", "start")


class SpeakerViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = s.SpeakerSerializer
    queryset = Speaker.objects.prefetch_related("aliases")


class UrlFetchViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = s.UrlFetchSerializer
    queryset = UrlFetch.objects.order_by("-created_at")
