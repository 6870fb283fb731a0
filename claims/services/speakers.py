"""Speakers: the one rule that matches a name to a speaker, the one rule for aliases, and merging.

Every path that attaches a speaker to a quote — the extractor, a reviewer's correction in the
reader, the API — resolves the name with `speaker_for_name`, so "ana ruiz" typed in the reader and
"Ana Ruiz" sent to the API are one person; and every surface form ("Sir Keir", "Mr Starmer") is
recorded, or not, by `alias_add`.
"""

from __future__ import annotations

from django.db import transaction

from claims.models import Claim, Quote, Speaker, SpeakerAlias
from claims.nlp.lexicon import PRONOUN_FORMS
from claims.roles import User, require_editor

NAME_LIMIT = 200
ROLE_LIMIT = 300


def clean_name(name: str | None) -> str:
    """A name as stored: single spaces, no surrounding blanks, at most NAME_LIMIT characters."""
    return " ".join((name or "").split())[:NAME_LIMIT]


def speaker_match(name: str) -> Speaker | None:
    """The existing speaker `name` means: the same canonical name (exactly, else ignoring case), else the
    one speaker known by that alias (ignoring case). None when nobody or more than one person matches."""
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
    return via_alias[0] if len(via_alias) == 1 else None


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


def speakers_merge(*, user: User | None, target: Speaker, sources: list[Speaker]) -> Speaker:
    """Fold duplicate speakers into `target`: their quotes, claims and aliases move; their names become aliases."""
    require_editor(user, "merge speakers")
    with transaction.atomic():
        for source in sources:
            if source.pk == target.pk:
                continue
            Quote.objects.filter(speaker=source).update(speaker=target)
            Claim.objects.filter(speaker=source).update(speaker=target)
            for alias in source.aliases.all():
                alias_add(target, alias.alias)
            alias_add(target, source.name)
            source.delete()
    return target
