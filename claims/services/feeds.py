"""RSS and Atom feeds: the outlets a newsroom follows, polled on their own intervals, each new item ingested once.

Celery beat runs `feeds_poll_due` every minute; it queues `poll_feed` for each active (or failing) feed
whose `next_poll_at` has come. A poll is a conditional GET (ETag / Last-Modified) through the SSRF guard;
feedparser reads the answer. Each entry is recorded once per feed (`FeedItem`, by GUID) and its page is
fetched once across all feeds: an entry whose GUID or canonical URL another feed already brought in — or
whose URL an article already has — is marked a duplicate of it. Pages are fetched by `fetch_feed_item`,
spaced by the per-host rate limit (`HostSlot`, shared by every worker). A page that cannot be fetched
leaves the item with its title and summary and the reason.

A feed that answers garbage, an HTTP error or a redirect loop is marked failing with the reason and tried
again with exponential backoff (interval × 2^failures, at most FEED_MAX_BACKOFF_MINUTES); the next good
poll makes it active again. Paused feeds are never polled.
"""

from __future__ import annotations

import calendar
import hashlib
import html
import io
import logging
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.html import strip_tags

from claims.links import is_http_url
from claims.models import Article, Feed, FeedItem, HostSlot, Outlet
from claims.roles import User, acting, require_editor

from . import articles, cleaning, jobs, netguard

log = logging.getLogger(__name__)

FEED_TYPES = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
TRACKING_PARAMS = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid", "ocid", "cmpid", "at_medium", "at_campaign", "smid")
SUMMARY_LIMIT = 5000
ERROR_LIMIT = 1000


class FeedError(ValueError):
    """Input that cannot become a feed (400)."""

    def __init__(self, message: str, *, code: str = "invalid"):
        super().__init__(message)
        self.message, self.code = message, code


# --- editors' actions ------------------------------------------------------------------------------


def feed_create(
    *, user: User | None, url: str, title: str = "", interval_minutes: int | None = None, outlet: Outlet | None = None
) -> Feed:
    """Follow a feed (editors): http(s), a public address, not followed already. Its first poll is queued."""
    require_editor(user, "manage feeds")
    url = (url or "").strip()
    if not is_http_url(url):
        raise FeedError("A feed must have an http:// or https:// URL.", code="bad_url")
    if Feed.objects.filter(url=url).exists():
        raise FeedError("This feed is already followed.", code="duplicate")
    if why := netguard.refusal(url):
        raise FeedError(why, code="refused")
    interval = interval_minutes or settings.FEED_DEFAULT_INTERVAL_MINUTES
    with transaction.atomic():
        feed = Feed.objects.create(
            url=url,
            title=cleaning.normalise_whitespace(title)[:300],
            interval_minutes=max(1, interval),
            outlet=outlet,
            next_poll_at=timezone.now(),
            created_by=acting(user),
        )
        jobs.enqueue_feed_poll(feed.pk)
    return feed


def feed_set_paused(*, user: User | None, feed: Feed, paused: bool) -> Feed:
    """Pause a feed (never polled) or resume it (polled at once, its failures forgotten)."""
    require_editor(user, "manage feeds")
    if paused:
        Feed.objects.filter(pk=feed.pk).update(status=Feed.Status.PAUSED)
    else:
        with transaction.atomic():
            Feed.objects.filter(pk=feed.pk).update(status=Feed.Status.ACTIVE, failures=0, next_poll_at=timezone.now())
            jobs.enqueue_feed_poll(feed.pk)
    feed.refresh_from_db()
    return feed


def feed_poll_now(*, user: User | None, feed: Feed) -> Feed:
    """Queue a poll right away (a paused feed stays paused and is not polled)."""
    require_editor(user, "manage feeds")
    if feed.status == Feed.Status.PAUSED:
        raise FeedError("The feed is paused; resume it to poll it.", code="paused")
    with transaction.atomic():
        Feed.objects.filter(pk=feed.pk).update(next_poll_at=timezone.now())
        jobs.enqueue_feed_poll(feed.pk)
    feed.refresh_from_db()
    return feed


def feed_delete(*, user: User | None, feed: Feed) -> None:
    """Stop following a feed; the articles it brought in stay."""
    require_editor(user, "manage feeds")
    feed.delete()


# --- the schedule -----------------------------------------------------------------------------------


def feeds_poll_due(*, now: datetime | None = None) -> list[int]:
    """Queue a poll of every feed that is due. Each is claimed by a conditional UPDATE that moves its
    `next_poll_at` on, so two beat ticks (or two beat processes) never queue the same poll twice."""
    now = now or timezone.now()
    due = Q(next_poll_at__lte=now) | Q(next_poll_at__isnull=True)
    queued = []
    for feed in Feed.objects.exclude(status=Feed.Status.PAUSED).filter(due).only("pk", "url", "interval_minutes"):
        claimed = (
            Feed.objects.filter(pk=feed.pk)
            .filter(due)
            .update(next_poll_at=now + timedelta(minutes=feed.interval_minutes))
        )
        if claimed and jobs.send_feed_poll(feed.pk, countdown=host_delay(feed.url)):
            queued.append(feed.pk)
    return queued


def host_delay(url: str) -> float:
    """Seconds to wait before the next request to `url`'s host, reserving that slot (HOST_MIN_INTERVAL_SECONDS
    apart per host, across every worker: a row per host, locked while it is moved on)."""
    host = (urlsplit(url).hostname or "").lower()
    interval = timedelta(seconds=settings.HOST_MIN_INTERVAL_SECONDS)
    if not host or not interval:
        return 0.0
    now = timezone.now()
    for _ in range(3):
        try:
            with transaction.atomic():
                slot = HostSlot.objects.select_for_update().filter(host=host).first()
                if slot is None:
                    HostSlot.objects.create(host=host, next_at=now + interval)
                    return 0.0
                start = max(now, slot.next_at)
                slot.next_at = start + interval
                slot.save(update_fields=["next_at"])
                return (start - now).total_seconds()
        except IntegrityError:
            continue  # another worker created the row first: lock it and go again
    return interval.total_seconds()


# --- polling -----------------------------------------------------------------------------------------


def feed_poll(*, feed_id: int) -> Feed:
    """Fetch the feed (conditional GET), record its new items and queue their pages; record how it went."""
    feed = Feed.objects.get(pk=feed_id)
    if feed.status == Feed.Status.PAUSED:
        return feed
    headers = {"Accept": FEED_TYPES}
    if feed.etag:
        headers["If-None-Match"] = feed.etag
    if feed.last_modified:
        headers["If-Modified-Since"] = feed.last_modified
    now = timezone.now()
    try:
        response = netguard.fetch(
            feed.url, headers=headers, timeout=settings.URL_FETCH_TIMEOUT, max_bytes=settings.ARTICLE_MAX_BYTES
        )
    except netguard.FetchError as exc:
        return _poll_failed(feed, exc.message, now=now)
    if response.status == 304:
        return _poll_succeeded(feed, now=now, response=response, new=0)
    if response.status >= 400:
        return _poll_failed(feed, f"The server answered HTTP {response.status}.", now=now)
    import feedparser  # noqa: PLC0415  # only Celery workers poll feeds: web workers never load it

    parsed = feedparser.parse(io.BytesIO(response.body), response_headers=dict(response.headers))
    if not parsed.get("version") and not parsed.entries:
        problem = parsed.get("bozo_exception")
        why = f" ({problem.__class__.__name__}: {str(problem)[:200]})" if problem else ""
        return _poll_failed(feed, f"The answer is not an RSS or Atom feed{why}.", now=now)
    if not feed.title and (title := cleaning.normalise_whitespace(parsed.feed.get("title", ""))):
        Feed.objects.filter(pk=feed.pk).update(title=title[:300])
    new = 0
    for entry in parsed.entries[: settings.FEED_MAX_ITEMS_PER_POLL]:
        if _record_entry(feed, entry):
            new += 1
    return _poll_succeeded(feed, now=now, response=response, new=new)


def _poll_succeeded(feed: Feed, *, now: datetime, response: netguard.Response, new: int) -> Feed:
    fields: dict[str, Any] = {
        "status": Feed.Status.ACTIVE,
        "failures": 0,
        "last_error": "",
        "last_polled_at": now,
        "last_success_at": now,
        "next_poll_at": now + timedelta(minutes=feed.interval_minutes),
        "items_seen": F("items_seen") + new,
    }
    if response.status != 304:
        fields["etag"] = response.headers.get("etag", "")[:500]
        fields["last_modified"] = response.headers.get("last-modified", "")[:100]
    Feed.objects.filter(pk=feed.pk).exclude(status=Feed.Status.PAUSED).update(**fields)
    feed.refresh_from_db()
    return feed


def _poll_failed(feed: Feed, reason: str, *, now: datetime) -> Feed:
    failures = feed.failures + 1
    wait = min(feed.interval_minutes * 2 ** min(failures, 20), settings.FEED_MAX_BACKOFF_MINUTES)
    log.warning("Feed %s (%s) failed: %s", feed.pk, feed.url, reason)
    Feed.objects.filter(pk=feed.pk).exclude(status=Feed.Status.PAUSED).update(
        status=Feed.Status.FAILING,
        failures=failures,
        last_error=reason[:ERROR_LIMIT],
        last_polled_at=now,
        next_poll_at=now + timedelta(minutes=wait),
    )
    feed.refresh_from_db()
    return feed


def canonical_url(url: str) -> str:
    """The dedupe key of a link: scheme and host lower-cased, no www., default port, fragment, trailing
    slash or tracking parameters (utm_*, fbclid…)."""
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").lower().removeprefix("www.")
        port = parts.port
    except ValueError:
        return url.strip()
    netloc = host if port in (None, 80, 443) else f"{host}:{port}"
    query = [
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not k.lower().startswith(TRACKING_PARAMS)
    ]
    path = parts.path.rstrip("/") or "/"
    return urlunsplit(
        ("https" if parts.scheme in ("http", "https") else parts.scheme, netloc, path, urlencode(query), "")
    )


def _entry_guid(entry: Any, link: str) -> str:
    guid = str(entry.get("id") or entry.get("guid") or link or "").strip()
    if not guid:
        seed = f"{entry.get('title', '')}|{entry.get('published', '')}|{entry.get('summary', '')[:200]}"
        guid = "sha256:" + hashlib.sha256(seed.encode("utf-8", "replace")).hexdigest()
    return guid[:1000]


def _entry_published(entry: Any) -> datetime | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC)  # feedparser gives UTC
    except (OverflowError, ValueError, TypeError):
        return None


def _storable(text: object, limit: int) -> str:
    value = cleaning.normalise_whitespace(str(text or ""))
    return value.replace("\x00", "").encode("utf-8", "replace").decode("utf-8")[:limit]


def _record_entry(feed: Feed, entry: Any) -> bool:
    """Record one entry; True when it is new to this feed. Queue its page unless it is a duplicate."""
    link = str(entry.get("link") or "").strip()
    guid = _entry_guid(entry, link)
    if FeedItem.objects.filter(feed=feed, guid=guid).exists():
        return False
    key = canonical_url(link) if link else ""
    summary = html.unescape(strip_tags(str(entry.get("summary") or "")))
    item = FeedItem(
        feed=feed,
        guid=guid,
        url=link[:2000] if is_http_url(link) and len(link) <= 2000 else "",
        canonical_url=key[:2000],
        title=_storable(entry.get("title"), 500),
        summary=_storable(summary, SUMMARY_LIMIT),
        published_at=_entry_published(entry),
    )
    original = _already_known(guid=guid, key=key, link=item.url)
    if original is not None:
        item.status, item.article = FeedItem.Status.DUPLICATE, original if original.pk else None
    elif not item.url:
        item.status = FeedItem.Status.FAILED
        item.error = "The item has no http:// or https:// link to fetch; its title and summary are kept."
    try:
        with transaction.atomic():
            item.save()
            if item.status == FeedItem.Status.PENDING:
                jobs.enqueue_feed_item(item.pk, countdown=host_delay(item.url))
    except IntegrityError:
        return False  # a concurrent poll of the same feed recorded it first
    return True


def _already_known(*, guid: str, key: str, link: str) -> Article | None:
    """The article another feed (or a submission) already made of this entry, if any."""
    same = Q(guid=guid) | (Q(canonical_url=key) if key else Q(pk__in=[]))
    other = FeedItem.objects.filter(same).exclude(status=FeedItem.Status.FAILED).order_by("pk").first()
    if other is not None:
        # (an entry another feed queued but has not fetched yet: the duplicate gets its article later)
        return other.article or Article(pk=None)
    return Article.objects.filter(url=link).first() if link else None


# --- pages of items ------------------------------------------------------------------------------------


def feed_item_fetch(*, item_id: int) -> FeedItem:
    """Fetch an item's page and ingest it; failures keep the title and summary with the reason."""
    item = FeedItem.objects.select_related("feed", "feed__outlet").get(pk=item_id)
    if item.status != FeedItem.Status.PENDING:
        return item
    try:
        page = articles.download(item.url)
        result = articles.article_create(
            html=page.text,
            url=item.url,
            title=item.title,
            published_at=item.published_at,
            outlet=item.feed.outlet,
        )
    except articles.IngestError as exc:
        item.status = FeedItem.Status.FAILED
        item.error = f"The page could not be fetched or read: {exc.message}"[:ERROR_LIMIT]
        item.save(update_fields=["status", "error", "updated_at"])
        return item
    item.article = result.article
    item.status = FeedItem.Status.INGESTED if result.created else FeedItem.Status.DUPLICATE
    item.error = ""
    with transaction.atomic():
        item.save(update_fields=["status", "error", "article", "updated_at"])
        if result.created:
            Feed.objects.filter(pk=item.feed_id).update(items_ingested=F("items_ingested") + 1)
        # entries of other feeds that were waiting on this one now point at the article
        FeedItem.objects.filter(
            Q(guid=item.guid) | Q(canonical_url=item.canonical_url), status=FeedItem.Status.DUPLICATE, article=None
        ).exclude(canonical_url="", guid="").update(article=result.article)
    return item
