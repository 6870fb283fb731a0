"""Articles: the only way they enter the database, and the only way their extraction is (re)queued.

Every entry point (web form, REST API, `manage.py ingest`, the URL-fetch task) calls these
functions; they validate, clean, de-duplicate by content and enqueue extraction after commit.
Running the extractor itself is `claims.services.extraction` (worker side: it loads spaCy).
"""

from __future__ import annotations

import difflib
import hashlib
import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from claims.links import http_url_or_none
from claims.models import Article, Claim, Outlet, Quote, ReviewEvent, UrlFetch
from claims.roles import User, acting, require_reviewer

from . import charsets, cleaning, jobs, netguard
from .sentences import article_refresh_sentences

log = logging.getLogger(__name__)


class IngestError(ValueError):
    """Input that cannot become an article; `status` is the HTTP status an API should answer with."""

    def __init__(self, message: str, *, code: str = "invalid", status: int = 400):
        super().__init__(message)
        self.message, self.code, self.status = message, code, status


@dataclass(frozen=True)
class IngestResult:
    article: Article
    created: bool


def content_hash(body_text: str) -> str:
    """The de-duplication key: whitespace differences alone never make a new article."""
    return hashlib.sha256(" ".join(body_text.split()).encode("utf-8")).hexdigest()


def article_create(
    *,
    text: str | None = None,
    html: str | None = None,
    title: str = "",
    url: str | None = None,
    outlet: str | Outlet | None = "",
    published_at: datetime | date | str | None = None,
    byline: str = "",
    submitted_by: User | None = None,
    new_outlet_ok: bool = True,
) -> IngestResult:
    """Clean and store an article from plain text or HTML; an already-known text returns the existing row.

    What cleaning removed is stored on the article (`removed`) and the submission kept as it was
    (`raw_text` / `raw_html`). `outlet` is an Outlet, or a name matched to a known outlet (a near miss of
    a known name is refused as a typo rather than creating a second outlet).
    """
    for name, value in (("text", text), ("html", html), ("title", title), ("byline", byline)):
        _check_storable(name, value)
    if isinstance(outlet, str):
        _check_storable("outlet", outlet)
    published = published_at
    removed: list[cleaning.Removed]
    page_outlet = ""
    if text is not None and html is None:
        _check_size(text)
        cleaned = cleaning.clean(text)
        body, removed = cleaned.text, cleaned.removed
    elif html is not None and text is None:
        _check_size(html)
        page = cleaning.clean_html(html)
        body, removed = page.text, list(page.removed)
        title = title or page.title
        url = url or _page_url(page.url)
        page_outlet = page.sitename
        published = published or page.published
        byline = byline or page.byline
    else:
        raise IngestError("Give either text or html.", code="text_or_html")
    if not body.strip():
        raise IngestError("The article has no text once whitespace and boilerplate are removed.", code="empty")
    url = _checked_url(url)

    digest = content_hash(body)
    existing = _existing(digest, url)
    if existing:
        return IngestResult(existing, created=False)
    if isinstance(outlet, Outlet):
        outlet_row: Outlet | None = outlet
    elif outlet and outlet.strip():
        outlet_row = outlet_resolve(name=outlet, url=url, typo_check=True, create=new_outlet_ok)
    else:
        outlet_row = outlet_resolve(name=page_outlet, url=url, typo_check=False, create=True)
    article = Article(
        body_text=body,
        content_hash=digest,
        title=cleaning.normalise_whitespace(title or "")[:500],
        byline=cleaning.normalise_whitespace(byline or "")[:300],
        url=url,
        raw_html=html or "",
        raw_text=text or "",
        removed=[piece.as_dict() for piece in removed],
        outlet=outlet_row,
        published_at=_parse_published(published),
        submitted_by=acting(submitted_by),
    )
    try:
        with transaction.atomic():
            article.save()
            jobs.enqueue_extraction(article.pk)
    except IntegrityError:
        # A concurrent submission of the same text or URL won the race: answer with its row.
        existing = _existing(digest, url)
        if existing is None:
            raise
        return IngestResult(existing, created=False)
    return IngestResult(article, created=True)


def article_create_from_file(
    *, name: str, data: bytes, submitted_by: User | None = None, title: str = ""
) -> IngestResult:
    """A .txt or .html upload (bytes): must be UTF-8 text."""
    _check_size(data)
    text = decode_upload(data, name=name)
    if name.lower().endswith((".html", ".htm")) or cleaning.looks_like_html(text):
        return article_create(html=text, title=title, submitted_by=submitted_by)  # the page's own <title> wins
    title = title or Path(name).stem.replace("_", " ").replace("-", " ")[:500]
    return article_create(text=text, title=title, submitted_by=submitted_by)


def decode_upload(data: bytes, *, name: str = "upload") -> str:
    if cleaning.is_probably_binary(data):
        raise IngestError(f"{name} looks like a binary file; upload plain text or HTML.", code="binary", status=415)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise IngestError(
            f"{name} is not valid UTF-8 (byte {exc.start}); save it as UTF-8 and try again.",
            code="not_utf8",
            status=415,
        ) from None


RECORD_FIELDS = ("text", "html", "title", "url", "outlet", "published_at")


def article_create_from_record(record: object, *, submitted_by: User | None = None) -> IngestResult:
    """One JSON object `{"id","title","url","text"|"html","outlet","published_at"}` (a .jsonl line or an API body)."""
    if not isinstance(record, dict):
        raise IngestError("Each record must be a JSON object.", code="not_object")
    fields: dict[str, Any] = {}
    for key in RECORD_FIELDS:
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            raise IngestError(f"Field '{key}' must be a string.", code="bad_field")
        if value is not None:
            fields[key] = value
    return article_create(submitted_by=submitted_by, **fields)


def iter_jsonl(path: Path) -> Iterator[tuple[int, object]]:
    """Yield (line number, record or IngestError) for each non-blank line of a JSON Lines file."""
    with path.open("rb") as fh:
        for lineno, raw in enumerate(fh, 1):
            if not raw.strip():
                continue
            try:
                yield lineno, json.loads(raw.decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                yield lineno, IngestError(f"line {lineno}: not valid JSON ({exc})", code="bad_json")


# --- URLs --------------------------------------------------------------------------------------


def url_fetch_request(*, url: str, requested_by: User | None = None) -> UrlFetch | IngestResult:
    """Queue a page fetch; a URL we already hold answers at once with that article.

    The address is checked here (a clear 400 for a private or loopback address) and again, after DNS
    resolution and on every redirect, when the page is downloaded.
    """
    _check_storable("url", url)
    checked = _checked_url(url)
    if checked is None:
        raise IngestError("Give the URL of the page to fetch.", code="bad_url")
    existing = Article.objects.filter(url=checked).first()
    if existing:
        return IngestResult(existing, created=False)
    try:
        netguard.check_url(checked)
    except netguard.RefusedError as exc:
        raise IngestError(exc.message, code="refused", status=400) from None
    except netguard.FetchError:
        pass  # unresolvable now: the fetch records the reason
    with transaction.atomic():
        fetch = UrlFetch.objects.create(url=checked, requested_by=acting(requested_by))
        jobs.enqueue_fetch(fetch.pk)
    return fetch


def url_fetch_run(*, fetch_id: int) -> UrlFetch:
    """Download the page (guarded, timeout and size limit), then ingest it as HTML; failures are stored."""
    fetch = UrlFetch.objects.get(pk=fetch_id)
    if fetch.status == UrlFetch.Status.DONE:
        return fetch
    try:
        page = download(fetch.url)
        result = article_create(
            html=page.text, url=page.url if page.url != fetch.url else fetch.url, submitted_by=fetch.requested_by
        )
    except IngestError as exc:
        fetch.status, fetch.error = UrlFetch.Status.FAILED, exc.message
    else:
        fetch.status, fetch.error, fetch.article = UrlFetch.Status.DONE, "", result.article
    fetch.save(update_fields=["status", "error", "article", "updated_at"])
    return fetch


@dataclass(frozen=True)
class Page:
    url: str  # after redirects
    text: str
    encoding: str
    encoding_source: str  # "header", "declaration", "bom", "detected" or "default"


PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")


def download(url: str, *, accept: tuple[str, ...] = PAGE_TYPES, headers: dict[str, str] | None = None) -> Page:
    """The page at `url` as text, within URL_FETCH_TIMEOUT and ARTICLE_MAX_BYTES, through the SSRF guard.

    Decoded by the HTTP charset, else the document's declaration, else detection (services/charsets).
    """
    response = guarded_get(url, headers=headers)
    if response.status >= 400:
        raise IngestError(f"The server answered HTTP {response.status}.", code="http_error", status=502)
    kind = response.content_type or "text/html"
    if kind not in accept:
        raise IngestError(f"Expected an HTML page, got {kind}.", code="not_html", status=415)
    codec, source = charsets.detect_encoding(response.body, response.charset)
    return Page(
        url=response.url, text=response.body.decode(codec, errors="replace"), encoding=codec, encoding_source=source
    )


def guarded_get(url: str, *, headers: dict[str, str] | None = None) -> netguard.Response:
    """GET through the SSRF guard with the fetch limits; every failure is an IngestError with a reason."""
    try:
        return netguard.fetch(
            url,
            headers={"Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5", **(headers or {})},
            timeout=settings.URL_FETCH_TIMEOUT,
            max_bytes=settings.ARTICLE_MAX_BYTES,
        )
    except netguard.FetchError as exc:
        raise IngestError(exc.message, code=exc.code, status=exc.status) from None


# --- the extraction queue ----------------------------------------------------------------------


def article_reextract(*, article: Article) -> None:
    """Queue a fresh extraction (retry after failure or after an extractor upgrade); human work is kept.

    A person asking again gets a fresh set of attempts, and any lease is dropped.
    """
    with transaction.atomic():
        Article.objects.filter(pk=article.pk).update(
            status=Article.Status.RECEIVED,
            extractor_version="",
            error="",
            attempts=0,
            lease_task="",
            lease_expires_at=None,
            status_changed_at=timezone.now(),
        )
        jobs.enqueue_extraction(article.pk)


def stuck_articles_q(*, now: datetime, older_than: timedelta) -> Q:
    """Articles whose extraction was lost: a lease that expired (its worker died or froze), or an article
    never picked up (the broker was down at submit) for `older_than`. A slow article whose worker keeps
    renewing its lease is never stuck."""
    expired = Q(status=Article.Status.PROCESSING, lease_expires_at__lt=now)
    unleased = Q(
        status=Article.Status.PROCESSING, lease_expires_at__isnull=True, status_changed_at__lt=now - older_than
    )
    unsent = Q(status=Article.Status.RECEIVED, status_changed_at__lt=now - older_than)
    return expired | unleased | unsent


def articles_requeue_stuck(*, older_than: timedelta, include_failed: bool = False) -> list[int]:
    """Re-send articles whose task was lost (broker down at submit, worker killed mid-task).

    Each is reset with a conditional UPDATE (still stuck, by the same rule), so two sweeps never send one
    article twice and an article whose lease is renewed meanwhile is left alone.
    """
    now = timezone.now()
    stuck = stuck_articles_q(now=now, older_than=older_than)
    if include_failed:
        stuck |= Q(status=Article.Status.FAILED)
    requeued = []
    for pk in Article.objects.filter(stuck).values_list("pk", flat=True):
        reset = {
            "status": Article.Status.RECEIVED,
            "status_changed_at": now,
            "lease_task": "",
            "lease_expires_at": None,
        }
        if include_failed:
            reset["attempts"] = 0
        if not Article.objects.filter(stuck, pk=pk).update(**reset):
            continue
        if jobs.send_extraction(pk):
            requeued.append(pk)
    return requeued


# --- what cleaning removed ------------------------------------------------------------------------


def article_restore_removed(*, article: Article, index: int, user: User | None) -> Article:
    """Put piece `index` of what cleaning removed back into the text, where it stood, and re-extract.

    Every quote and claim after that place moves with the text (offsets shift, text unchanged, version
    bumped), so reviewed work keeps pointing at the same words. A span that crosses the place is refused.
    """
    require_reviewer(user)
    with transaction.atomic():
        locked = Article.objects.select_for_update().get(pk=article.pk)
        pieces = list(locked.removed or [])
        if not 0 <= index < len(pieces):
            raise IngestError("That piece is no longer in the removed list.", code="not_removed", status=409)
        piece = cleaning.Removed(**{k: pieces[index][k] for k in ("text", "reason", "at", "inline", "order")})
        body, at, inserted = cleaning.restore(locked.body_text, piece)
        shift = len(inserted)
        for model in (Quote, Claim):
            if model.objects.filter(article=locked, start__lt=at, end__gt=at).exists():
                raise IngestError(
                    "A quote or claim runs across the place where this text stood; it cannot be put back.",
                    code="span_in_the_way",
                    status=409,
                )
        digest = content_hash(body)
        if Article.objects.filter(content_hash=digest).exclude(pk=locked.pk).exists():
            raise IngestError("Another article already holds the text this would make.", code="duplicate", status=409)
        _shift_spans(locked, at=at, shift=shift)
        del pieces[index]
        for other in pieces:
            if other["at"] > at or (other["at"] == at and other.get("order", 0) > piece.order):
                other["at"] += shift
        locked.body_text, locked.content_hash, locked.removed = body, digest, pieces
        locked.save(update_fields=["body_text", "content_hash", "removed", "updated_at"])
        article_refresh_sentences(article_id=locked.pk, body=body)  # the text around moved and kept spans changed
        ReviewEvent.objects.create(
            article=locked,
            actor=acting(user),
            action="restored",
            field="body_text",
            new_value={"text": piece.text, "reason": piece.reason, "at": at},
        )
    article_reextract(article=locked)
    locked.refresh_from_db()
    return locked


_FAR = 1_000_000_000  # moved out of the way first, so the unique (article, start, end) never collides midway


def _shift_spans(article: Article, *, at: int, shift: int) -> None:
    for model in (Quote, Claim):
        rows = model.objects.filter(article=article, start__gte=at)
        rows.update(start=F("start") + _FAR, end=F("end") + _FAR)
        model.objects.filter(article=article, start__gte=_FAR).update(
            start=F("start") - _FAR + shift, end=F("end") - _FAR + shift, version=F("version") + 1
        )
    Quote.objects.filter(article=article, speaker_start__gte=at).update(
        speaker_start=F("speaker_start") + shift, speaker_end=F("speaker_end") + shift
    )


# --- outlets --------------------------------------------------------------------------------------


def outlet_key(name: str) -> str:
    """How two outlet names compare: case, spacing, punctuation and a leading "The" do not count."""
    folded = " ".join(name.split()).casefold()
    folded = folded.removeprefix("the ")
    return re.sub(r"[\W_]+", "", folded)


def outlet_resolve(*, name: str, url: str | None, typo_check: bool, create: bool = True) -> Outlet | None:
    """The outlet an article belongs to: by name (as compared by `outlet_key`), else by the site's domain.

    A fetched page names its outlet by the site (trafilatura's site name) and falls back to a known
    outlet on the same domain, never to the bare host. With `typo_check`, a name that is a near miss of a
    known outlet ("Gaurdian") is refused with the suggestion instead of creating a second outlet.
    """
    domain = _domain(url)
    name = " ".join((name or "").split())[:200]
    outlets = list(Outlet.objects.only("pk", "name", "domain"))
    if name:
        key = outlet_key(name)
        for outlet in outlets:
            if outlet_key(outlet.name) == key:
                return outlet
    if domain:
        for outlet in outlets:
            if outlet.domain and (domain == outlet.domain or domain.endswith("." + outlet.domain)):
                return outlet
    if name and typo_check:
        keys = {outlet_key(o.name): o.name for o in outlets}
        close = difflib.get_close_matches(outlet_key(name), list(keys), n=1, cutoff=0.8)
        if close:
            raise IngestError(
                f"There is no outlet called “{name}”. Did you mean “{keys[close[0]]}”? Pick it from the list.",
                code="outlet_typo",
            )
    if not create:
        if name:
            raise IngestError(f"There is no outlet called “{name}”; pick one from the list.", code="unknown_outlet")
        return None
    name = name or domain
    if not name:
        return None
    outlet, _ = Outlet.objects.get_or_create(name=name, defaults={"domain": domain})
    return outlet


# --- helpers -------------------------------------------------------------------------------------


def _check_size(raw: str | bytes) -> None:
    size = len(raw.encode("utf-8")) if isinstance(raw, str) else len(raw)
    limit = settings.ARTICLE_MAX_BYTES
    if size > limit:
        raise IngestError(f"The article is {size:,} bytes; the limit is {limit:,} bytes.", code="too_large", status=413)


def _domain(url: str | None) -> str:
    try:
        return (urlsplit(url).hostname or "").removeprefix("www.") if url else ""
    except ValueError:
        return ""


def _checked_url(url: str | None) -> str | None:
    """An http(s) URL or None; anything else (javascript:, data:, ftp:) is refused."""
    try:
        return http_url_or_none(url)
    except ValidationError as exc:
        raise IngestError(exc.messages[0], code="bad_url") from None


def _page_url(url: str | None) -> str | None:
    """The page's own canonical URL when it is a usable http(s) URL (pages declare all sorts)."""
    try:
        return http_url_or_none(url)
    except ValidationError:
        return None


_SURROGATE = re.compile("[\ud800-\udfff]")


def _check_storable(name: str, value: str | None) -> None:
    """Text the database can hold: no NUL characters, no unpaired surrogates (400 naming the field)."""
    if not value:
        return
    if "\x00" in value:
        raise IngestError(f"Field '{name}' contains NUL characters (binary data?); send plain text.", code="bad_field")
    if _SURROGATE.search(value):
        raise IngestError(f"Field '{name}' contains invalid Unicode (an unpaired surrogate).", code="bad_field")


def _parse_published(value: datetime | date | str | None) -> datetime | None:
    """The publication time in UTC (PostgreSQL refuses offsets beyond ±15:59 that Python accepts)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return _in_utc(value)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    value = str(value).strip()
    try:
        parsed = parse_datetime(value)
        if parsed is None and (day := parse_date(value)):
            parsed = datetime(day.year, day.month, day.day)  # made aware below
    except ValueError:
        parsed = None
    if parsed is None:
        raise IngestError(f"published_at {value!r} is not an ISO date or date-time.", code="bad_date")
    return _in_utc(parsed)


def _in_utc(moment: datetime) -> datetime:
    if not timezone.is_aware(moment):
        return timezone.make_aware(moment, UTC)
    try:
        return moment.astimezone(UTC)
    except (OverflowError, ValueError):
        raise IngestError(f"published_at {moment.isoformat()!r} is out of range in UTC.", code="bad_date") from None


def _existing(digest: str, url: str | None) -> Article | None:
    """The article already holding this text (or this URL), if any."""
    return Article.objects.filter(content_hash=digest).first() or (
        Article.objects.filter(url=url).first() if url else None
    )
