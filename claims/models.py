"""Data model: articles, the speakers, quotes and claims extracted from them, and their review history."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse

from claims.links import http_url_validator


class Outlet(models.Model):
    name = models.CharField(max_length=200, unique=True)
    domain = models.CharField(max_length=253, blank=True, db_index=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Article(models.Model):
    class Status(models.TextChoices):
        RECEIVED = "received", "Received"
        PROCESSING = "processing", "Processing"
        EXTRACTED = "extracted", "Extracted"
        FAILED = "failed", "Failed"

    url = models.URLField(max_length=2000, null=True, blank=True, unique=True, validators=[http_url_validator])
    outlet = models.ForeignKey(Outlet, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles")
    title = models.CharField(max_length=500, blank=True)
    byline = models.CharField(max_length=300, blank=True, help_text="Author(s) as the page names them.")
    published_at = models.DateTimeField(null=True, blank=True)
    raw_html = models.TextField(blank=True)
    raw_text = models.TextField(blank=True, help_text="Pasted text exactly as submitted (body_text is cleaned).")
    body_text = models.TextField(help_text="Cleaned text; every offset refers to it.")
    removed = models.JSONField(
        default=list,
        blank=True,
        help_text="What cleaning removed from the submission: [{text, reason, at, inline}], restorable.",
    )
    content_hash = models.CharField(max_length=64, unique=True, editable=False)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.RECEIVED, db_index=True)
    error = models.TextField(blank=True)
    attempts = models.PositiveIntegerField(default=0)
    # The extraction lease: the task that holds the article and until when (renewed while it runs).
    lease_task = models.CharField(max_length=64, blank=True)
    lease_expires_at = models.DateTimeField(null=True, blank=True, db_index=True)
    extractor_version = models.CharField(max_length=40, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status_changed_at = models.DateTimeField(auto_now_add=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.CheckConstraint(condition=~Q(body_text=""), name="article_body_not_empty")]

    def __str__(self):
        return self.title or f"Article {self.pk}"

    def get_absolute_url(self):
        return reverse("claims:article_detail", args=[self.pk])


class UrlFetch(models.Model):
    """A request to ingest an article from a URL; the page is fetched by a Celery task."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    url = models.URLField(max_length=2000, validators=[http_url_validator])
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    error = models.TextField(blank=True)
    article = models.ForeignKey(Article, null=True, blank=True, on_delete=models.SET_NULL, related_name="fetches")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"{self.url} ({self.status})"


class Speaker(models.Model):
    class Kind(models.TextChoices):
        PERSON = "person", "Person"
        ORGANISATION = "organisation", "Organisation"

    name = models.CharField(max_length=200, unique=True, help_text="Canonical full name.")
    description = models.CharField(max_length=300, blank=True, help_text='Role, e.g. "prime minister of Poland".')
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.PERSON)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("claims:speaker_detail", args=[self.pk])


class SpeakerAlias(models.Model):
    speaker = models.ForeignKey(Speaker, on_delete=models.CASCADE, related_name="aliases")
    alias = models.CharField(max_length=200)

    class Meta:
        ordering = ["alias"]
        constraints = [models.UniqueConstraint(fields=["speaker", "alias"], name="unique_alias_per_speaker")]
        verbose_name_plural = "speaker aliases"

    def __str__(self):
        return f"{self.alias} → {self.speaker}"


class ReviewStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    VERIFIED = "verified", "Verified"
    REJECTED = "rejected", "Rejected"
    NEEDS_WORK = "needs_work", "Needs work"


class Source(models.TextChoices):
    MODEL = "model", "Model"
    HUMAN = "human", "Human"


class ReviewedSpan(models.Model):
    """Shared fields of quotes and claims: a span of the article's body_text under review."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE)
    text = models.TextField()
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    # The sentence(s) around the span (claims.sentences.sentence_around), stored when the span is written or
    # the body moves under it, so lists, exports and webhooks read a column instead of re-scanning the body.
    sentence = models.TextField(blank=True, default="")
    status = models.CharField(max_length=12, choices=ReviewStatus.choices, default=ReviewStatus.PENDING, db_index=True)
    # Names of fields a person has set; re-extraction never touches them.
    human_fields = models.JSONField(default=list, blank=True)
    notes = models.TextField(blank=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    extractor_version = models.CharField(max_length=40, blank=True)
    version = models.PositiveIntegerField(default=1, help_text="Optimistic lock: bumped on every write.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        abstract = True
        ordering = ["article_id", "start"]

    def clean(self):
        super().clean()
        body = self.article.body_text
        if not (0 <= self.start < self.end <= len(body)):
            raise ValidationError({"end": f"Offsets {self.start}:{self.end} fall outside the article text."})
        if body[self.start : self.end] != self.text:
            raise ValidationError({"text": "Text does not match the article at these offsets."})

    @property
    def type(self) -> str:
        """ "quote" or "claim" (templates, URLs and history name items by it)."""
        return self._meta.model_name or ""

    @property
    def is_reviewed(self):
        return self.status in (ReviewStatus.VERIFIED, ReviewStatus.REJECTED)

    def source_of(self, field):
        return Source.HUMAN if field in self.human_fields else Source.MODEL


def _span_constraints(prefix):
    return [
        models.CheckConstraint(condition=Q(end__gt=models.F("start")), name=f"{prefix}_end_after_start"),
        models.UniqueConstraint(fields=["article", "start", "end"], name=f"{prefix}_unique_span"),
    ]


class Quote(ReviewedSpan):
    class Kind(models.TextChoices):
        DIRECT = "direct", "Direct"
        PARTIAL = "partial", "Partial"
        INDIRECT = "indirect", "Indirect"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="quotes")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.DIRECT)
    speaker = models.ForeignKey(Speaker, null=True, blank=True, on_delete=models.SET_NULL, related_name="quotes")
    speaker_mention = models.CharField(max_length=300, blank=True)
    speaker_start = models.PositiveIntegerField(null=True, blank=True)
    speaker_end = models.PositiveIntegerField(null=True, blank=True)
    cue = models.CharField(max_length=200, blank=True)
    confidence = models.FloatField(default=0.0)
    attribution_reason = models.TextField(blank=True)
    # Who the speaker comes from: the model (confidence and reason describe it) or a person (they no longer do).
    speaker_source = models.CharField(max_length=5, choices=Source.choices, default=Source.MODEL)
    speaker_set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    speaker_set_at = models.DateTimeField(null=True, blank=True)

    class Meta(ReviewedSpan.Meta):
        constraints = _span_constraints("quote") + [
            models.CheckConstraint(condition=Q(confidence__gte=0, confidence__lte=1), name="quote_confidence_0_1"),
        ]

    def __str__(self):
        return f"“{self.text[:60]}” — {self.speaker or self.speaker_mention or 'unattributed'}"


class Claim(ReviewedSpan):
    class Verdict(models.TextChoices):
        TRUE = "true", "True"
        MOSTLY_TRUE = "mostly_true", "Mostly true"
        HALF_TRUE = "half_true", "Half true"
        MOSTLY_FALSE = "mostly_false", "Mostly false"
        FALSE = "false", "False"
        MISLEADING = "misleading", "Misleading"
        UNVERIFIABLE = "unverifiable", "Unverifiable"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="claims")
    quote = models.ForeignKey(Quote, null=True, blank=True, on_delete=models.SET_NULL, related_name="claims")
    speaker = models.ForeignKey(Speaker, null=True, blank=True, on_delete=models.SET_NULL, related_name="claims")
    checkworthiness = models.FloatField(default=0.0)
    signals = models.JSONField(default=list, blank=True)
    verdict = models.CharField(max_length=14, choices=Verdict.choices, blank=True)
    rationale = models.TextField(blank=True)
    # Publication (claims.services.publication): first published, last republished with a change, and the
    # verdict and rationale as the public page last showed them; the note an editor writes for a correction.
    published_at = models.DateTimeField(null=True, blank=True)
    modified_at = models.DateTimeField(null=True, blank=True)
    published_verdict = models.CharField(max_length=14, choices=Verdict.choices, blank=True)
    published_rationale = models.TextField(blank=True)
    correction_note = models.TextField(blank=True, help_text="Shown on the public page when the claim is republished.")

    class Meta(ReviewedSpan.Meta):
        constraints = _span_constraints("claim") + [
            models.CheckConstraint(
                condition=Q(checkworthiness__gte=0, checkworthiness__lte=1), name="claim_checkworthiness_0_1"
            ),
        ]

    def __str__(self):
        return self.text[:80]


class Correction(models.Model):
    """A published fact-check changed: the dated note the public page shows (old and new rating, why)."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="corrections")
    old_verdict = models.CharField(max_length=14, choices=Claim.Verdict.choices, blank=True)
    new_verdict = models.CharField(max_length=14, choices=Claim.Verdict.choices, blank=True)
    note = models.TextField()
    editor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.claim_id}: {self.old_verdict} → {self.new_verdict}"

    @property
    def rating_changed(self) -> bool:
        return self.old_verdict != self.new_verdict


class Evidence(models.Model):
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="evidence")
    url = models.URLField(max_length=2000, validators=[http_url_validator])
    title = models.CharField(max_length=300, blank=True)
    excerpt = models.TextField(blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name_plural = "evidence"

    def __str__(self):
        return self.title or self.url


class ReviewEvent(models.Model):
    """One change to a quote or claim: who (null = the extractor), which field, from what to what."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="events")
    quote = models.ForeignKey(Quote, null=True, blank=True, on_delete=models.CASCADE, related_name="events")
    claim = models.ForeignKey(Claim, null=True, blank=True, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=40)
    field = models.CharField(max_length=40, blank=True)
    old_value = models.JSONField(null=True, blank=True)
    new_value = models.JSONField(null=True, blank=True)
    # The item's version after this change: a stale writer is shown exactly what changed since its version.
    version = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~(Q(quote__isnull=False) & Q(claim__isnull=False)), name="event_one_target"
            )
        ]

    def __str__(self):
        return f"{self.action} {self.field} by {self.actor or 'extractor'}"

    @property
    def source(self):
        return Source.MODEL if self.actor_id is None else Source.HUMAN


class WebhookEndpoint(models.Model):
    """An editor's URL that receives HMAC-signed events (quote verified, claim reviewed)."""

    class Event(models.TextChoices):
        QUOTE_VERIFIED = "quote.verified", "Quote verified"
        CLAIM_REVIEWED = "claim.reviewed", "Claim reviewed"
        CLAIM_CORRECTED = "claim.corrected", "Published claim corrected"

    url = models.URLField(max_length=2000, validators=[http_url_validator])
    secret = models.CharField(max_length=200, help_text="Shared secret for the X-Quotecheck-Signature HMAC.")
    events = models.JSONField(default=list, blank=True, help_text="Event names to send; empty means all.")
    active = models.BooleanField(default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.url

    def wants(self, event: str) -> bool:
        return self.active and (not self.events or event in self.events)


class WebhookDelivery(models.Model):
    """One event sent (or being sent) to one endpoint: the delivery log editors see."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        DELIVERED = "delivered", "Delivered"
        FAILED = "failed", "Failed"

    endpoint = models.ForeignKey(WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries")
    event = models.CharField(max_length=40)
    payload = models.JSONField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    attempts = models.PositiveIntegerField(default=0)
    response_code = models.PositiveIntegerField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "webhook deliveries"

    def __str__(self):
        return f"{self.event} → {self.endpoint} ({self.status})"


class ReviewerPreferences(models.Model):
    """Per-user settings of the reviewer workbench."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_preferences")
    advance_after_decision = models.BooleanField(
        default=True, help_text="After verify / reject / needs work, move to the next pending item."
    )

    class Meta:
        verbose_name_plural = "reviewer preferences"

    def __str__(self):
        return f"Preferences of {self.user}"


class Feed(models.Model):
    """An RSS or Atom feed an editor follows: polled on its own interval, each new item ingested once."""

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        FAILING = "failing", "Failing"
        PAUSED = "paused", "Paused"

    url = models.URLField(max_length=2000, unique=True, validators=[http_url_validator])
    title = models.CharField(max_length=300, blank=True)
    outlet = models.ForeignKey(Outlet, null=True, blank=True, on_delete=models.SET_NULL, related_name="feeds")
    interval_minutes = models.PositiveIntegerField(default=30)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE, db_index=True)
    # Conditional GET: what the server sent last time.
    etag = models.CharField(max_length=500, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    next_poll_at = models.DateTimeField(null=True, blank=True, db_index=True)
    last_polled_at = models.DateTimeField(null=True, blank=True)
    last_success_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    failures = models.PositiveIntegerField(default=0, help_text="Failed polls in a row (drives the backoff).")
    items_seen = models.PositiveIntegerField(default=0)
    items_ingested = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title", "url"]

    def __str__(self):
        return self.title or self.url


class FeedItem(models.Model):
    """One entry of a feed; its page becomes an article (once, whichever feed saw it first)."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to fetch"
        INGESTED = "ingested", "Ingested"
        DUPLICATE = "duplicate", "Already ingested"
        FAILED = "failed", "Could not fetch"

    feed = models.ForeignKey(Feed, on_delete=models.CASCADE, related_name="items")
    guid = models.CharField(max_length=1000, help_text="The entry's id (or its link when it has none).")
    url = models.URLField(max_length=2000, blank=True, validators=[http_url_validator])
    canonical_url = models.CharField(max_length=2000, blank=True, db_index=True)
    title = models.CharField(max_length=500, blank=True)
    summary = models.TextField(blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    error = models.TextField(blank=True)
    article = models.ForeignKey(Article, null=True, blank=True, on_delete=models.SET_NULL, related_name="feed_items")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["feed", "guid"], name="feed_item_unique_guid")]
        indexes = [models.Index(fields=["guid"], name="feed_item_guid")]

    def __str__(self):
        return self.title or self.url or self.guid


class HostSlot(models.Model):
    """The next moment a request to `host` is allowed (the per-host rate limit shared by every worker)."""

    host = models.CharField(max_length=253, unique=True)
    next_at = models.DateTimeField()

    def __str__(self):
        return f"{self.host} at {self.next_at:%H:%M:%S}"
