"""Speakers: the one rule that matches a name to a speaker, the one rule for aliases, and the editors'
housekeeping (merging duplicates, renaming, deleting unused speakers, discarding junk ones).

Every path that attaches a speaker to a quote — the extractor, a reviewer's correction in the
reader, the API — resolves the name with `speaker_match`, so "ana ruiz" typed in the reader,
"Ana Ruiz" sent to the API and "Dr Ana Ruiz" from an article are one person; and every surface form
("Sir Keir", "Mr Starmer") is recorded, or not, by `alias_add`. The extractor creates speakers freely
(`speaker_for_name`); a person creates one only after confirming it is new (`review.quote_correct_speaker`).

Housekeeping that moves quotes and claims between speakers writes their history and bumps their versions
in the lock order of `locks` (articles, then items), so an open reviewer tab learns of it (409).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.models import QuerySet

from claims.models import Claim, Quote, ReviewedSpan, ReviewStatus, Source, Speaker, SpeakerAlias
from claims.nlp.lexicon import PRONOUN_FORMS
from claims.roles import User, require_editor
from claims.selectors.speakers import CANDIDATES, name_key, speaker_in_use, speaker_lookup

from .locks import ItemLocked, ReviewError, lock_articles, log, retrying

SUGGESTIONS = 5

NAME_LIMIT = 200
ROLE_LIMIT = 300


def clean_name(name: str | None) -> str:
    """A name as stored: single spaces, no surrounding blanks, at most NAME_LIMIT characters."""
    return " ".join((name or "").split())[:NAME_LIMIT]


def speaker_match(name: str) -> Speaker | None:
    """The existing speaker `name` means: the same canonical name (exactly, else ignoring case), else the
    one speaker known by that alias (ignoring case), else the one whose name or alias is the same once
    honorifics are set aside ("Sir Keir Starmer" is "Keir Starmer"). None when nobody, or more than one
    person, matches."""
    name = clean_name(name)
    if not name:
        return None
    exact = Speaker.objects.filter(name=name).first()
    if exact is not None:
        return exact
    by_name = Speaker.objects.filter(name__iexact=name).order_by("pk").first()
    if by_name is not None:
        return by_name
    via_alias = list(Speaker.objects.filter(aliases__alias__iexact=name).distinct()[:2])
    if via_alias:
        return via_alias[0] if len(via_alias) == 1 else None
    return _match_by_key(name)


def _match_by_key(name: str) -> Speaker | None:
    key = name_key(name)
    last = key.split()[-1] if key else ""
    if not last:
        return None
    by_name = Speaker.objects.filter(name__icontains=last).order_by("pk")[:CANDIDATES]
    same = {s.pk: s for s in by_name if name_key(s.name) == key}
    if not same:
        aliases = SpeakerAlias.objects.filter(alias__icontains=last).select_related("speaker")[:CANDIDATES]
        same = {a.speaker_id: a.speaker for a in aliases if name_key(a.alias) == key}
    return next(iter(same.values())) if len(same) == 1 else None


def speaker_suggestions(name: str) -> list[Speaker]:
    """Speakers a person may have meant by `name` (shown when it matches nobody): those with all its words,
    else those with any of them ("Keir Hardie" suggests Keir Starmer)."""
    return speaker_lookup(name, limit=SUGGESTIONS) or speaker_lookup(name, limit=SUGGESTIONS, any_word=True)


def speaker_create(*, name: str, kind: str = Speaker.Kind.PERSON, role: str | None = None) -> Speaker:
    """A new speaker, once a person confirmed that nobody on file is meant (an existing match is returned)."""
    return speaker_for_name(name, kind=kind, role=role)


def speaker_for_name(name: str, *, kind: str | None = None, role: str | None = None) -> Speaker:
    """The speaker `name` means (see `speaker_match`), or a new one with that canonical name."""
    name = clean_name(name)
    if not name:
        raise ValueError("A speaker needs a name.")
    found = speaker_match(name)
    if found is not None:
        return found
    speaker, _ = Speaker.objects.get_or_create(
        name=name,
        defaults={
            "kind": kind if kind in Speaker.Kind.values else Speaker.Kind.PERSON,
            "description": (role or "")[:ROLE_LIMIT],
        },
    )
    return speaker


def alias_for(speaker: Speaker, surface: str | None) -> str | None:
    """The alias worth recording for `speaker` from a surface form, or None.

    Kept: proper-noun forms that name this person ("Sir Keir", "Starmer", "Mr Starmer"). Dropped: the
    canonical name itself, pronouns, and lower-case descriptions ("the prime minister"), which name
    different people in different articles.
    """
    surface = clean_name(surface)
    if not surface or surface.casefold() == speaker.name.casefold():
        return None
    if surface.casefold() in PRONOUN_FORMS or not surface[0].isupper():
        return None
    return surface


def alias_add(speaker: Speaker, surface: str | None) -> SpeakerAlias | None:
    """Record `surface` as an alias of `speaker` when `alias_for` keeps it (idempotent)."""
    alias = alias_for(speaker, surface)
    if alias is None:
        return None
    row, _ = SpeakerAlias.objects.get_or_create(speaker=speaker, alias=alias)
    return row


class SpeakerResolver:
    """`speaker_for_name` and `alias_add` with a cache for one extraction run (one query per distinct name)."""

    def __init__(self) -> None:
        self._by_name: dict[str, Speaker | None] = {}
        self._aliases: set[tuple[int, str]] = set()

    def speaker(self, name: str | None, *, kind: str | None = None, role: str | None = None) -> Speaker | None:
        name = clean_name(name)
        if not name:
            return None
        if name not in self._by_name:
            self._by_name[name] = speaker_for_name(name, kind=kind, role=role)
        return self._by_name[name]

    def speaker_with_alias(
        self, name: str | None, mention: str | None, *, kind: str | None = None, role: str | None = None
    ) -> Speaker | None:
        """The speaker for `name`, recording the `mention` it was found under as an alias."""
        speaker = self.speaker(name, kind=kind, role=role)
        alias = alias_for(speaker, mention) if speaker is not None else None
        if speaker is not None and alias is not None and (speaker.pk, alias) not in self._aliases:
            alias_add(speaker, alias)
            self._aliases.add((speaker.pk, alias))
        return speaker


# --- editors' housekeeping -----------------------------------------------------------------------


@retrying
def speakers_merge(*, user: User | None, target: Speaker, sources: list[Speaker], keep_names: bool = True) -> Speaker:
    """Fold duplicate speakers into `target`: their quotes, claims and aliases move; with `keep_names` their
    names become aliases too (leave it off for junk like "Officials", which must not match anyone later).
    Every moved item's history records the merge and its version is bumped."""
    require_editor(user, "merge speakers")
    others = [s for s in sources if s.pk != target.pk]
    with transaction.atomic():
        _reassign(user=user, sources=others, target=target, action="merge")
        for source in others:
            if keep_names:
                for alias in source.aliases.all():
                    alias_add(target, alias.alias)
                alias_add(target, source.name)
            source.delete()
    return target


@retrying
def speaker_rename(*, user: User | None, speaker: Speaker, name: str, keep_alias: bool = False) -> Speaker:
    """Fix a speaker's canonical name; with `keep_alias` the old one stays as an alias (not for junk names)."""
    require_editor(user, "rename speakers")
    new = clean_name(name)
    if not new:
        raise ReviewError("A speaker needs a name.")
    clash = Speaker.objects.filter(name__iexact=new).exclude(pk=speaker.pk).first()
    if clash is not None:
        raise ReviewError(f"“{clash.name}” already exists; merge the two speakers instead.")
    with transaction.atomic():
        old = speaker.name
        speaker.name = new
        speaker.save(update_fields=["name"])
        speaker.aliases.filter(alias__iexact=new).delete()  # the canonical name is no alias of itself
        if keep_alias:
            alias_add(speaker, old)
    return speaker


def alias_remove(*, user: User | None, alias: SpeakerAlias) -> None:
    """Drop a wrong or junk alias ("Officials" recorded for a minister), so it matches nobody any more."""
    require_editor(user, "change aliases")
    alias.delete()


def speaker_delete(*, user: User | None, speaker: Speaker) -> None:
    """Delete a speaker no quote or claim names (a typo, a duplicate emptied by hand)."""
    require_editor(user, "delete speakers")
    if speaker_in_use(speaker):
        raise ReviewError(
            f"{speaker.name} is the speaker of quotes or claims: merge it into the right speaker, or discard it "
            "as not a speaker, instead."
        )
    speaker.delete()


@retrying
def speaker_discard(*, user: User | None, speaker: Speaker) -> int:
    """A junk "speaker" ("Officials", "operator"): its open quotes and claims become unattributed — set so by
    the editor, so re-extraction does not bring the name back on them — and it is deleted with its aliases.
    Refused while a verified or rejected item names it (reopen those first). Returns how many items changed."""
    require_editor(user, "discard speakers")
    with transaction.atomic():
        if any(item.status in (ReviewStatus.VERIFIED, ReviewStatus.REJECTED) for item in _items_of([speaker])):
            raise ItemLocked(f"Verified or rejected items name {speaker.name}: reopen them before discarding it.")
        changed = _reassign(user=user, sources=[speaker], target=None, action="speaker")
        speaker.delete()
    return changed


def _items_of(speakers: Iterable[Speaker]) -> list[ReviewedSpan]:
    ids = [s.pk for s in speakers]
    quotes: QuerySet[Quote] = Quote.objects.filter(speaker_id__in=ids)
    claims: QuerySet[Claim] = Claim.objects.filter(speaker_id__in=ids)
    return [*quotes.only("pk", "article_id", "status"), *claims.only("pk", "article_id", "status")]


def _reassign(*, user: User | None, sources: list[Speaker], target: Speaker | None, action: str) -> int:
    """Point every quote and claim of `sources` at `target` (None: unattributed), in the lock order, with
    one history event each and a new version. Inside the caller's transaction."""
    found = _items_of(sources)
    lock_articles(item.article_id for item in found)
    changed = 0
    for model in (Quote, Claim):
        rows: list[Quote | Claim] = list(
            model._default_manager.select_for_update(of=("self",))
            .filter(pk__in=[i.pk for i in found if isinstance(i, model)])
            .select_related("speaker")
            .order_by("pk")
        )
        for row in rows:
            old = row.speaker
            row.speaker = target
            row.version += 1
            update = ["speaker", "version", "updated_at"]
            if target is None:
                row.human_fields = sorted({*row.human_fields, "speaker"})
                update.append("human_fields")
                if isinstance(row, Quote):
                    row.speaker_source = Source.HUMAN
                    update.append("speaker_source")
            row.save(update_fields=update)
            log(row, user=user, action=action, changes=[("speaker", old, target)])
            changed += 1
    return changed
