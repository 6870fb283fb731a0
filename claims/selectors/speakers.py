"""Speaker reads: the list with its counts, search by name or alias (honorifics aside), one speaker's quotes.

`name_key` is the comparison form of a name — case, spacing, full stops and honorifics ignored — so "Sir
Keir", "sir keir" and "Keir" find Keir Starmer. Search uses it here; `services/speakers.speaker_match` uses it
to tell that "Sir Keir Starmer" typed in the reader is the Keir Starmer already on file.
"""

from django.db.models import Count, Q, QuerySet

from claims.models import Quote, ReviewStatus, Speaker
from claims.nlp.lexicon import HONORIFICS

LOOKUP_LIMIT = 10
CANDIDATES = 50


def _words(name: str) -> list[str]:
    return [w.strip(".,").casefold() for w in (name or "").split() if w.strip(".,")]


def name_key(name: str) -> str:
    """ "Sir Keir Starmer" → "keir starmer"; a name made of honorifics only keeps them ("Lord" → "lord")."""
    words = _words(name)
    kept = [w for w in words if w not in HONORIFICS]
    return " ".join(kept or words)


def speakers_search(queryset: QuerySet[Speaker], query: str, *, any_word: bool = False) -> QuerySet[Speaker]:
    """Speakers whose canonical name or an alias contains every word of `query` (or, with `any_word`, one of
    them; case-insensitive, honorifics in the query ignored)."""
    words = name_key(query).split()
    if not words:
        return queryset.none()
    condition = Q()
    for word in words:
        match = Q(name__icontains=word) | Q(aliases__alias__icontains=word)
        condition = (condition | match) if any_word else (condition & match)
    return queryset.filter(condition).distinct()


def speaker_lookup(query: str, *, limit: int = LOOKUP_LIMIT, any_word: bool = False) -> list[Speaker]:
    """The reader's autocomplete: up to `limit` matching speakers, the same name (honorifics aside) first,
    then names that start with the query, then the rest by name (one query)."""
    key = name_key(query)
    found = list(speakers_search(Speaker.objects.all(), query, any_word=any_word).order_by("name")[:CANDIDATES])

    def rank(speaker: Speaker) -> tuple[int, str]:
        own = name_key(speaker.name)
        return (0 if own == key else 1 if own.startswith(key) else 2, speaker.name.casefold())

    return sorted(found, key=rank)[:limit]


def speakers_with_counts(query: str = "", *, unused: bool = False) -> QuerySet[Speaker]:
    """Speakers annotated with quote_count, claim_count, verified_count and alias_count, the most quoted
    first; with `query`, only those found by `speakers_search`; with `unused`, only those with no quote or claim."""
    speakers = Speaker.objects.all() if not query else speakers_search(Speaker.objects.all(), query)
    speakers = speakers.annotate(
        quote_count=Count("quotes", distinct=True),
        claim_count=Count("claims", distinct=True),
        verified_count=Count("quotes", filter=Q(quotes__status=ReviewStatus.VERIFIED), distinct=True),
        alias_count=Count("aliases", distinct=True),
    )
    if unused:
        speakers = speakers.filter(quote_count=0, claim_count=0)
    return speakers.order_by("-quote_count", "name")


def speaker_in_use(speaker: Speaker) -> bool:
    """Whether any quote or claim names the speaker."""
    return speaker.quotes.exists() or speaker.claims.exists()


def speaker_quotes(speaker: Speaker) -> QuerySet[Quote]:
    """A speaker's quotes across articles, newest article first."""
    return speaker.quotes.select_related("article", "article__outlet", "reviewer").order_by(
        "-article__published_at", "-article_id", "start"
    )
