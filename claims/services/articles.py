"""Articles: the only way they enter the database, and the only way their extraction is (re)queued.

Every entry point (web form, REST API, `manage.py ingest`, the URL-fetch task) calls these
functions; they validate, clean, de-duplicate by content and enqueue extraction after commit.
Running the extractor itself is `claims.services.extraction` (worker side: it loads spaCy).
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import requests
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from claims.models import Article, Outlet, UrlFetch
from claims.roles import User, acting

from . import cleaning, jobs

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
    outlet: str = "",
    published_at: datetime | str | None = None,
    submitted_by: User | None = None,
) -> IngestResult:
    """Clean and store an article from plain text or HTML; an already-known text returns the existing row."""
    published = published_at
    if text is not None and html is None:
        _check_size(text)
        body = cleaning.clean_text(text)
    elif html is not None and text is None:
        _check_size(html)
        page = cleaning.clean_html(html)
        body = page.text
        title = title or page.title
        url = url or page.url
        outlet = outlet or page.sitename
        published = published or page.published
    else:
        raise IngestError("Give either text or html.", code="text_or_html")
    if not body.strip():
        raise IngestError("The article has no text once whitespace and boilerplate are removed.", code="empty")
    url = (url or "").strip() or None

    digest = content_hash(body)
    existing = _existing(digest, url)
    if existing:
        return IngestResult(existing, created=False)
    article = Article(
        body_text=body,
        content_hash=digest,
        title=(title or "").strip()[:500],
        url=url,
        raw_html=html or "",
        outlet=_outlet_for(outlet, url),
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
    """Queue a page fetch; a URL we already hold answers at once with that article."""
    url = url.strip()
    if urlsplit(url).scheme not in ("http", "https"):
        raise IngestError("Only http and https URLs can be fetched.", code="bad_url")
    existing = Article.objects.filter(url=url).first()
    if existing:
        return IngestResult(existing, created=False)
    with transaction.atomic():
        fetch = UrlFetch.objects.create(url=url, requested_by=acting(requested_by))
        jobs.enqueue_fetch(fetch.pk)
    return fetch


def url_fetch_run(*, fetch_id: int) -> UrlFetch:
    """Download the page (timeout and size limit), then ingest it as HTML; failures are stored on the fetch."""
    fetch = UrlFetch.objects.get(pk=fetch_id)
    if fetch.status == UrlFetch.Status.DONE:
        return fetch
    try:
        html = download(fetch.url)
        result = article_create(html=html, url=fetch.url, submitted_by=fetch.requested_by)
    except IngestError as exc:
        fetch.status, fetch.error = UrlFetch.Status.FAILED, exc.message
    else:
        fetch.status, fetch.error, fetch.article = UrlFetch.Status.DONE, "", result.article
    fetch.save(update_fields=["status", "error", "article", "updated_at"])
    return fetch


def download(url: str) -> str:
    """The page at `url` as text, within URL_FETCH_TIMEOUT and ARTICLE_MAX_BYTES."""
    limit = settings.ARTICLE_MAX_BYTES
    try:
        with requests.get(
            url, timeout=settings.URL_FETCH_TIMEOUT, stream=True, headers={"User-Agent": "Quotecheck/1.0"}
        ) as resp:
            if resp.status_code >= 400:
                raise IngestError(f"The server answered HTTP {resp.status_code}.", code="http_error", status=502)
            kind = resp.headers.get("Content-Type", "text/html").split(";")[0].strip().lower()
            if kind not in ("text/html", "application/xhtml+xml", "text/plain"):
                raise IngestError(f"Expected an HTML page, got {kind}.", code="not_html", status=415)
            body = bytearray()
            for chunk in resp.iter_content(64 * 1024):
                body += chunk
                if len(body) > limit:
                    raise IngestError(f"The page is larger than {limit:,} bytes.", code="too_large", status=413)
            return body.decode(resp.encoding or "utf-8", errors="replace")
    except requests.Timeout:
        raise IngestError(f"No answer within {settings.URL_FETCH_TIMEOUT:g} s.", code="timeout", status=504) from None
    except requests.RequestException as exc:
        raise IngestError(
            f"Could not fetch the page: {exc.__class__.__name__}.", code="fetch_failed", status=502
        ) from None


# --- the extraction queue ----------------------------------------------------------------------


def article_reextract(*, article: Article) -> None:
    """Queue a fresh extraction (retry after failure or after an extractor upgrade); human work is kept."""
    with transaction.atomic():
        Article.objects.filter(pk=article.pk).update(
            status=Article.Status.RECEIVED, extractor_version="", error="", status_changed_at=timezone.now()
        )
        jobs.enqueue_extraction(article.pk)


def articles_requeue_stuck(*, older_than: timedelta, include_failed: bool = False) -> list[int]:
    """Re-send articles whose task was lost (broker down at submit, worker killed mid-task)."""
    now = timezone.now()
    stuck = Q(status__in=[Article.Status.RECEIVED, Article.Status.PROCESSING], status_changed_at__lt=now - older_than)
    if include_failed:
        stuck |= Q(status=Article.Status.FAILED)
    requeued = []
    for pk in Article.objects.filter(stuck).values_list("pk", flat=True):
        # Reset the clock first so the next sweep does not send the same article again.
        Article.objects.filter(pk=pk).update(status=Article.Status.RECEIVED, status_changed_at=now)
        if jobs.send_extraction(pk):
            requeued.append(pk)
    return requeued


# --- helpers -------------------------------------------------------------------------------------


def _check_size(raw: str | bytes) -> None:
    size = len(raw.encode("utf-8")) if isinstance(raw, str) else len(raw)
    limit = settings.ARTICLE_MAX_BYTES
    if size > limit:
        raise IngestError(f"The article is {size:,} bytes; the limit is {limit:,} bytes.", code="too_large", status=413)


def _outlet_for(name: str, url: str | None) -> Outlet | None:
    domain = (urlsplit(url).hostname or "").removeprefix("www.") if url else ""
    name = (name or domain).strip()[:200]
    if not name:
        return None
    outlet, _ = Outlet.objects.get_or_create(name=name, defaults={"domain": domain})
    return outlet


def _parse_published(value: datetime | str | None) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    value = str(value).strip()
    try:
        parsed = parse_datetime(value)
        if parsed is None and (day := parse_date(value)):
            parsed = datetime(day.year, day.month, day.day)  # made aware below
    except ValueError:
        parsed = None
    if parsed is None:
        raise IngestError(f"published_at {value!r} is not an ISO date or date-time.", code="bad_date")
    return parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed, UTC)


def _existing(digest: str, url: str | None) -> Article | None:
    """The article already holding this text (or this URL), if any."""
    return Article.objects.filter(content_hash=digest).first() or (
        Article.objects.filter(url=url).first() if url else None
    )
