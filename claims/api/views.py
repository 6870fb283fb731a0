"""REST API views: thin over claims.services (writes) and claims.selectors (reads).

List querysets carry their joins, so a page costs the same number of queries whatever its size.
Review actions take the `version` the client read and go through claims.services.review (409 on a stale one).
"""

import json
import logging
from collections.abc import Iterator

from django.db import DatabaseError
from django.db.models import Prefetch
from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    PolymorphicProxySerializer,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import (
    action,
    api_view,
    authentication_classes,
    permission_classes,
    throttle_classes,
)
from rest_framework.filters import OrderingFilter
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from claims.ids import parse_id
from claims.models import Article, Claim, Correction, Evidence, Feed, FeedItem, Quote, Speaker, UrlFetch
from claims.roles import acting, is_editor
from claims.selectors import claimreview, export
from claims.selectors import filters as f
from claims.selectors.articles import articles_with_counts
from claims.services import articles, feeds, review

from . import serializers as s
from .filtering import ReviewedSpanFilterBackend
from .renderers import EXPORT_RENDERERS, ExportNegotiation, JSONLDRenderer, JSONRenderer
from .rows import RowPlan

log = logging.getLogger(__name__)

ORDERING_HELP = "Sort by `id` (default), `-id`, `updated_at` or `-updated_at`."


class JSONErrorsMixin:
    """Errors are always application/json, even when the client asked for CSV or JSON-LD."""

    def finalize_response(self, request, response, *args, **kwargs):
        if isinstance(response, Response) and response.status_code >= 400:
            request.accepted_renderer, request.accepted_media_type = JSONRenderer(), "application/json"
        return super().finalize_response(request, response, *args, **kwargs)  # type: ignore[misc]  # a view mixin


class NamedViews:
    """The names the browsable API shows in its title and breadcrumbs: "Quotes" › "Quote 41" › "Status",
    rather than DRF's "Quote List" › "Quote Instance" (and no "Not Found" crumbs: see `not_found`)."""

    names = ("Items", "Item")

    def get_view_name(self) -> str:
        plural, singular = self.names
        action_name = getattr(self, "name", None)  # extra actions ("Status", "Claimreview") carry a name
        if getattr(self, "suffix", None) == "List":
            return plural
        pk = (getattr(self, "kwargs", None) or {}).get("pk", "")
        own = f"{singular} {pk}".strip()
        if action_name and getattr(self, "detail", False):
            label = ACTION_NAMES.get(action_name, action_name)
            return f"{own}: {label}" if pk else label  # a breadcrumb (no pk) follows the item's own crumb
        return own


ACTION_NAMES = {"Claimreview": "ClaimReview", "Reextract": "Re-extract"}


class ArticleViewSet(NamedViews, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Articles: create from text, HTML or a URL; read with quote and claim counts."""

    names = ("Articles", "Article")

    queryset = Article.objects.all()  # for the schema; get_queryset adds joins and counts
    filterset_fields = ["status", "outlet"]

    def get_queryset(self):
        # raw_html is never served; body_text only on the detail page
        large = ["raw_html"] if self.action == "retrieve" else ["raw_html", "body_text"]
        return articles_with_counts(Article.objects.defer(*large))

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
        examples=[
            OpenApiExample(
                "Plain text",
                request_only=True,
                value={
                    "text": "“We will build it,” the mayor said.",
                    "title": "Sea wall",
                    "outlet": "Demo Gazette",
                    "published_at": "2026-03-01T08:00:00Z",
                },
            ),
            OpenApiExample("A URL to fetch", request_only=True, value={"url": "https://news.example.org/sea-wall"}),
        ],
    )
    def create(self, request, *args, **kwargs):
        data = s.ArticleInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        if "text" not in fields and "html" not in fields:
            outcome = articles.url_fetch_request(url=fields["url"], requested_by=request.user)
            if isinstance(outcome, UrlFetch):
                return Response(s.UrlFetchSerializer(outcome).data, status=status.HTTP_202_ACCEPTED)
        else:
            outcome = articles.article_create(submitted_by=request.user, **fields)
        article = self.get_queryset().get(pk=outcome.article.pk)
        body = s.ArticleSerializer(article, context={"request": request}).data
        return Response(body, status=status.HTTP_201_CREATED if outcome.created else status.HTTP_200_OK)

    @extend_schema(
        request=None,
        responses={202: s.ArticleSerializer},
        examples=[
            OpenApiExample(
                "Queued again",
                response_only=True,
                status_codes=["202"],
                value={**s.ARTICLE_EXAMPLE, "status": "received"},
            )
        ],
    )
    @action(detail=True, methods=["post"])
    def reextract(self, request, pk=None):
        """Queue extraction again (after a failure or an extractor upgrade); human edits are kept."""
        article = self.get_object()
        articles.article_reextract(article=article)
        article = self.get_queryset().get(pk=article.pk)
        body = s.ArticleSerializer(article, context={"request": request}).data
        return Response(body, status=status.HTTP_202_ACCEPTED)


# An item embeds only its article's reference (the sentence around the span is stored on the item).
_ARTICLE_TEXTS = ("article__raw_html", "article__raw_text", "article__body_text", "article__removed")


class ReviewedSpanViewSet(NamedViews, JSONErrorsMixin, viewsets.ReadOnlyModelViewSet):
    """Shared list/detail/review plumbing for quotes and claims."""

    filter_backends = [ReviewedSpanFilterBackend, OrderingFilter]
    row_plans: dict[type, RowPlan] = {
        serializer: RowPlan.compile(serializer) for serializer in (s.QuoteSerializer, s.ClaimSerializer)
    }
    ordering_fields = ["id", "updated_at"]
    ordering = ["id"]

    def filter_queryset(self, queryset):
        # Filters (and the verified-only default) shape lists; an item opened by id is always visible.
        return super().filter_queryset(queryset) if self.action == "list" else queryset

    def list(self, request, *args, **kwargs):
        # A page read as values() rows and shaped by the serializer's compiled plan (claims.api.rows): the
        # same JSON as the serializer, at a fixed number of queries and no model instance per row. (A comment,
        # not a docstring: drf-spectacular would publish a docstring as the endpoint's description.)
        plan = self.row_plans[self.get_serializer_class()]
        page = self.paginate_queryset(plan.values(self.filter_queryset(self.get_queryset())))
        return self.get_paginated_response(plan.render(page or []))

    def _respond(self, row, code=status.HTTP_200_OK):
        fresh = self.get_queryset().get(pk=row.pk)
        return Response(self.get_serializer(fresh).data, status=code)

    def _input(self, serializer_class):
        data = serializer_class(data=self.request.data)
        data.is_valid(raise_exception=True)
        return data.validated_data

    @action(detail=True, methods=["post"])
    def status(self, request, pk=None):
        data = self._input(s.StatusInputSerializer)
        row = review.item_set_status(
            item=self.get_object(),
            user=request.user,
            version=data["version"],
            status=data["status"],
            notes=data.get("notes"),
        )
        return self._respond(row)

    @action(detail=True, methods=["post"])
    def notes(self, request, pk=None):
        data = self._input(s.NotesInputSerializer)
        row = review.item_set_notes(
            item=self.get_object(), user=request.user, version=data["version"], notes=data["notes"]
        )
        return self._respond(row)

    @action(detail=True, methods=["post"])
    def undo(self, request, pk=None):
        """Take back your own last decision within 10 minutes, while nobody else has changed the item."""
        data = self._input(s.UndoInputSerializer)
        row = review.item_undo(item=self.get_object(), user=request.user, version=data["version"])
        return self._respond(row)


def _action_schema(input_serializer, output_serializer, summary, example):
    return extend_schema(
        summary=summary,
        request=input_serializer,
        responses={
            200: output_serializer,
            409: OpenApiResponse(
                PolymorphicProxySerializer(
                    component_name="ReviewConflict",
                    serializers={"stale_version": s.ConflictSerializer, "locked": s.LockedSerializer},
                    resource_type_field_name="code",
                ),
                description="Stale version: someone changed the item since you read it; `changes` says what they "
                "changed and `current` holds it as it is now. Or (`code: locked`) the item is verified or "
                "rejected: an editor reopens it before its verdict, evidence, speaker or span can change.",
            ),
            503: OpenApiResponse(description="The article is being written by someone else: retry after Retry-After."),
        },
        examples=[OpenApiExample("Request", value=example, request_only=True)],
    )


_LIST_PARAMS = [
    OpenApiParameter(
        "ordering", OpenApiTypes.STR, enum=["id", "-id", "updated_at", "-updated_at"], description=ORDERING_HELP
    )
]


@extend_schema_view(
    list=extend_schema(summary="List quotes (verified unless `status` says otherwise)", parameters=_LIST_PARAMS),
    retrieve=extend_schema(summary="One quote with its speaker, article and sentence"),
    status=_action_schema(
        s.StatusInputSerializer,
        s.QuoteSerializer,
        "Verify, reject or mark a quote as needing work",
        {"version": 3, "status": "verified", "notes": "Checked against the video."},
    ),
    notes=_action_schema(
        s.NotesInputSerializer,
        s.QuoteSerializer,
        "Replace the reviewer notes",
        {"version": 3, "notes": "Speaker confirmed by press office."},
    ),
    undo=_action_schema(
        s.UndoInputSerializer, s.QuoteSerializer, "Undo your last decision (10 minutes)", {"version": 4}
    ),
)
class QuoteViewSet(ReviewedSpanViewSet):
    names = ("Quotes", "Quote")
    queryset = Quote.objects.all()
    serializer_class = s.QuoteSerializer
    filterset_class = f.QuoteFilter

    def get_queryset(self):
        return Quote.objects.select_related("speaker", "reviewer", "speaker_set_by", "article__outlet").defer(
            *_ARTICLE_TEXTS
        )

    @_action_schema(
        s.SpeakerInputSerializer,
        s.QuoteSerializer,
        "Correct the speaker",
        {"version": 3, "name": "Maria Lopez", "kind": "person"},
    )
    @action(detail=True, methods=["post"])
    def speaker(self, request, pk=None):
        data = self._input(s.SpeakerInputSerializer)
        row = review.quote_correct_speaker(
            quote=self.get_object(),
            user=request.user,
            version=data["version"],
            speaker=data.get("speaker"),
            new_name=data.get("name", ""),
            kind=data["kind"],
            create=data["create_speaker"],
        )
        return self._respond(row)


@extend_schema_view(
    list=extend_schema(summary="List claims (reviewed unless `status` says otherwise)", parameters=_LIST_PARAMS),
    retrieve=extend_schema(summary="One claim with its verdict, evidence, speaker and article"),
    status=_action_schema(
        s.StatusInputSerializer,
        s.ClaimSerializer,
        "Verify, reject or mark a claim as needing work",
        {"version": 2, "status": "verified"},
    ),
    notes=_action_schema(
        s.NotesInputSerializer,
        s.ClaimSerializer,
        "Replace the reviewer notes",
        {"version": 2, "notes": "Waiting for the statistics office."},
    ),
    undo=_action_schema(
        s.UndoInputSerializer, s.ClaimSerializer, "Undo your last decision (10 minutes)", {"version": 3}
    ),
)
class ClaimViewSet(ReviewedSpanViewSet):
    names = ("Claims", "Claim")
    queryset = Claim.objects.all()
    serializer_class = s.ClaimSerializer
    filterset_class = f.ClaimFilter

    def get_queryset(self):
        return (
            Claim.objects.select_related("speaker", "reviewer", "article__outlet", "quote__speaker")
            .defer(*_ARTICLE_TEXTS)
            .prefetch_related(
                Prefetch("evidence", Evidence.objects.select_related("added_by")),
                Prefetch("corrections", Correction.objects.select_related("editor")),
            )
        )

    @_action_schema(
        s.VerdictInputSerializer,
        s.ClaimSerializer,
        "Give the claim a verdict",
        {"version": 2, "verdict": "mostly_false", "rationale": "Police figures show an 8% fall."},
    )
    @action(detail=True, methods=["post"])
    def verdict(self, request, pk=None):
        data = self._input(s.VerdictInputSerializer)
        row = review.claim_set_verdict(
            claim=self.get_object(),
            user=request.user,
            version=data["version"],
            verdict=data["verdict"],
            rationale=data["rationale"],
            correction_note=data.get("correction_note"),
        )
        return self._respond(row)

    @extend_schema(
        summary="Add a piece of evidence",
        request=s.EvidenceInputSerializer,
        responses={201: s.ClaimSerializer},
        examples=[
            OpenApiExample(
                "Request",
                request_only=True,
                value={
                    "url": "https://stats.example.org/crime-2025",
                    "title": "Crime statistics 2025",
                    "excerpt": "Recorded crime fell by 8%.",
                },
            )
        ],
    )
    @action(detail=True, methods=["post"])
    def evidence(self, request, pk=None):
        data = self._input(s.EvidenceInputSerializer)
        claim = self.get_object()
        review.claim_add_evidence(claim=claim, user=request.user, **data)
        return self._respond(claim, status.HTTP_201_CREATED)

    @extend_schema(
        summary="The claim as schema.org ClaimReview JSON-LD",
        request=None,
        responses={
            (200, "application/ld+json"): s.CLAIM_REVIEW_SCHEMA,
            (200, "application/json"): s.CLAIM_REVIEW_SCHEMA,
        },
        examples=[OpenApiExample("ClaimReview", value=s.CLAIM_REVIEW_EXAMPLE, response_only=True)],
    )
    @action(detail=True, methods=["get"], renderer_classes=[JSONRenderer, JSONLDRenderer])
    def claimreview(self, request, pk=None):
        """Only published claims (verified, with a verdict) have a ClaimReview; others are 404."""
        claim_id = parse_id(self.kwargs["pk"])
        claim = claimreview.claim_review_queryset().filter(pk=claim_id).first() if claim_id else None
        if claim is None:
            return Response(
                {
                    "detail": "This claim is not published: only verified claims with a verdict are.",
                    "code": "not_found",
                },
                status=status.HTTP_404_NOT_FOUND,
            )
        return Response(claimreview.claim_review(claim, url=public_claim_url(request, claim.pk)))


def public_claim_url(request, pk) -> str:
    return request.build_absolute_uri(reverse("access:claim_public", args=[pk]))


@extend_schema_view(list=extend_schema(summary="List speakers"), retrieve=extend_schema(summary="One speaker"))
class SpeakerViewSet(NamedViews, viewsets.ReadOnlyModelViewSet):
    names = ("Speakers", "Speaker")
    serializer_class = s.SpeakerSerializer
    queryset = Speaker.objects.prefetch_related("aliases")
    filterset_fields = ["kind"]


@extend_schema_view(
    list=extend_schema(summary="Your URL fetches (editors see everyone's)"),
    retrieve=extend_schema(summary="One URL fetch"),
)
class UrlFetchViewSet(NamedViews, viewsets.ReadOnlyModelViewSet):
    names = ("URL fetches", "URL fetch")
    serializer_class = s.UrlFetchSerializer
    queryset = UrlFetch.objects.all()

    def get_queryset(self):
        fetches = UrlFetch.objects.order_by("id")
        return fetches if is_editor(self.request.user) else fetches.filter(requested_by=acting(self.request.user))


def _feed_action_schema(summary: str):
    return extend_schema(summary=summary, request=None, responses={200: s.FeedSerializer})


@extend_schema_view(
    list=extend_schema(summary="Feeds followed, with their status"),
    retrieve=extend_schema(summary="One feed with its status"),
    create=extend_schema(
        summary="Follow a feed (editors)", request=s.FeedInputSerializer, responses={201: s.FeedSerializer}
    ),
    destroy=extend_schema(summary="Stop following a feed (editors); its articles stay"),
    pause=_feed_action_schema("Pause a feed (editors)"),
    resume=_feed_action_schema("Resume a paused or failing feed and poll it now (editors)"),
    poll=_feed_action_schema("Poll a feed now (editors)"),
    items=extend_schema(summary="The feed's items, newest first", responses={200: s.FeedItemSerializer(many=True)}),
)
class FeedViewSet(JSONErrorsMixin, mixins.CreateModelMixin, mixins.DestroyModelMixin, viewsets.ReadOnlyModelViewSet):
    """RSS/Atom feeds: everyone with a role reads them; editors follow, pause, resume, poll and delete."""

    serializer_class = s.FeedSerializer
    queryset = Feed.objects.select_related("outlet")
    filterset_fields = ["status"]

    def create(self, request, *args, **kwargs):
        data = s.FeedInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        feed = feeds.feed_create(user=request.user, **data.validated_data)
        return Response(s.FeedSerializer(feed).data, status=status.HTTP_201_CREATED)

    def perform_destroy(self, instance):
        feeds.feed_delete(user=self.request.user, feed=instance)

    @action(detail=True, methods=["post"])
    def pause(self, request, pk=None):
        return Response(
            s.FeedSerializer(feeds.feed_set_paused(user=request.user, feed=self.get_object(), paused=True)).data
        )

    @action(detail=True, methods=["post"])
    def resume(self, request, pk=None):
        feed = feeds.feed_set_paused(user=request.user, feed=self.get_object(), paused=False)
        return Response(s.FeedSerializer(feed).data)

    @action(detail=True, methods=["post"])
    def poll(self, request, pk=None):
        return Response(s.FeedSerializer(feeds.feed_poll_now(user=request.user, feed=self.get_object())).data)

    @action(detail=True, methods=["get"], pagination_class=None)
    def items(self, request, pk=None):
        rows = FeedItem.objects.filter(feed=self.get_object()).order_by("-id")[:200]
        return Response(s.FeedItemSerializer(rows, many=True).data)


# --- streaming exports ---------------------------------------------------------------------------


def _row_schema(columns) -> dict:
    types = {
        "id": "integer",
        "speaker_id": "integer",
        "article_id": "integer",
        "quote_id": "integer",
        "start": "integer",
        "end": "integer",
        "version": "integer",
        "confidence": "number",
        "checkworthiness": "number",
    }
    nullable = {
        "speaker_id",
        "speaker",
        "speaker_role",
        "speaker_set_by",
        "confidence",
        "article_url",
        "outlet",
        "published_at",
        "reviewer",
        "reviewed_at",
        "quote_id",
        "article_title",
    }
    props: dict[str, dict] = {}
    for name, _ in columns:
        kind = types.get(name, "string")
        props[name] = {"type": kind, "nullable": True} if name in nullable else {"type": kind}
    if "evidence_urls" in props:
        props["evidence_urls"] = {"type": "array", "items": {"type": "string", "format": "uri"}}
    return {"type": "object", "properties": props}


def _export_schema(kind: str, columns, extra_formats=()):
    formats = list(export.FORMATS) + list(extra_formats)
    responses = {
        (200, "application/json"): {"type": "array", "items": _row_schema(columns)},
        (200, "application/x-ndjson"): OpenApiResponse(OpenApiTypes.STR, description="One JSON object per line."),
        (200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description="CSV with a header row."),
    }
    if "jsonld" in extra_formats:
        responses[(200, "application/ld+json")] = {"type": "array", "items": s.CLAIM_REVIEW_SCHEMA}
    return extend_schema(
        summary=f"Export all matching {kind} (streamed)",
        description=(
            f"Streams every {kind[:-1]} that matches the filters, ordered by id, in `json`, `jsonl` or `csv` "
            "(pick with `?format=` or the Accept header). Memory stays flat whatever the size. Same filters "
            "as the list endpoint; statuses other than the default (and `verified`) need the editor role."
            + (
                " `format=jsonld` gives schema.org ClaimReview markup for claims with a verdict."
                if extra_formats
                else ""
            )
        ),
        parameters=[
            OpenApiParameter("format", OpenApiTypes.STR, enum=formats, description="Output format."),
            OpenApiParameter(
                "bom",
                OpenApiTypes.STR,
                enum=["0", "1"],
                description="`1`: start a CSV with a UTF-8 byte order mark, so Excel reads its accents and quote "
                "marks right.",
            ),
        ],
        responses=responses,
        examples=[
            OpenApiExample(
                "curl",
                value=f"curl -H 'Authorization: Token $TOKEN' "
                f"'https://quotecheck.example.org/api/export/{kind}?format=csv' -o {kind}.csv",
                response_only=True,
                media_type="text/csv",
            )
        ],
    )


class ExportView(JSONErrorsMixin, GenericAPIView):
    filter_backends = [DjangoFilterBackend]
    pagination_class = None
    content_negotiation_class = ExportNegotiation
    kind = ""

    def get(self, request):
        queryset = self.filter_queryset(self.get_queryset())
        fmt = request.accepted_renderer.format
        stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
        if fmt == "jsonld":
            base = request.build_absolute_uri(reverse("access:claim_public", args=[0]))[:-2]
            pieces = export.stream_json_objects(
                claimreview.claim_review(claim, url=f"{base}{claim.pk}/")
                for claim in claimreview.claim_review_queryset(queryset).order_by("id").iterator(chunk_size=1000)
            )
            extension = "jsonld"
        else:
            bom = request.query_params.get("bom", "") in ("1", "true", "yes")
            pieces = export.export_stream(queryset=queryset, fmt=fmt, bom=bom)
            extension = fmt
        response = StreamingHttpResponse(
            export_guarded(pieces, fmt=fmt, kind=self.kind), content_type=request.accepted_renderer.content_type_header
        )
        response["Content-Disposition"] = f'attachment; filename="quotecheck-{self.kind}-{stamp}.{extension}"'
        response["Cache-Control"] = "no-store"
        return response


def export_guarded(pieces: Iterator[str], *, fmt: str, kind: str) -> Iterator[str]:
    """The export stream, ending in a way a client can detect if the database fails midway (and logged):
    JSONL gets a last line `{"error": …}`, CSV a last line starting `#error`, JSON and JSON-LD stop without
    their closing `]` (so they do not parse). A complete export always ends with its normal terminator."""
    newline = True
    try:
        for piece in pieces:
            if piece:
                newline = piece.endswith("\n")
            yield piece
    except DatabaseError as exc:
        log.error("Export of %s (%s) lost the database midway: %s", kind, fmt, exc)
        reason = "The database stopped answering during the export; it is incomplete. Run it again."
        start = "" if newline else "\n"
        if fmt == "jsonl":
            yield start + json.dumps({"error": reason, "code": "export_interrupted"}) + "\n"
        elif fmt == "csv":
            yield f"{start}#error,{reason}\n"
        # json / jsonld: no closing bracket — the document is truncated and does not parse


@_export_schema("quotes", export.QUOTE_COLUMNS)
class QuoteExportView(ExportView):
    renderer_classes = EXPORT_RENDERERS
    filterset_class = f.QuoteExportFilter
    queryset = Quote.objects.all()
    kind = "quotes"


@_export_schema("claims", export.CLAIM_COLUMNS, extra_formats=("jsonld",))
class ClaimExportView(ExportView):
    renderer_classes = EXPORT_RENDERERS + [JSONLDRenderer]
    filterset_class = f.ClaimExportFilter
    queryset = Claim.objects.all()
    kind = "claims"


@extend_schema(exclude=True)
@api_view(["GET", "POST", "PUT", "PATCH", "DELETE"])
@permission_classes([AllowAny])
@authentication_classes([])
@throttle_classes([])
def _not_found(request, *args, **kwargs):
    return Response({"detail": "No such API endpoint.", "code": "not_found"}, status=status.HTTP_404_NOT_FOUND)


@csrf_exempt  # as the DRF view it wraps: the API does its own CSRF checks for session users
def not_found(request, *args, **kwargs):
    """Unknown /api/ URLs answer in JSON like the rest of the API, not with the HTML 404 page. A plain
    function around the DRF view, so the browsable API's breadcrumbs do not list it as a "Not Found" step."""
    return _not_found(request, *args, **kwargs)
