"""Canonical speaker names: honorific and role stripping, partial-name expansion within an article."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from .first_names import first_name_gender
from .lexicon import (
    FEMALE_TITLES,
    HONORIFIC_SECONDS,
    HONORIFICS,
    MALE_TITLES,
    NAME_PARTICLES,
    NAME_SUFFIXES,
    NOT_IN_NAMES,
    ROLE_WORDS,
    WEAK_ROLES,
)

_POSSESSIVE = re.compile(r"['’]s?$")
_TRAIL = re.compile(r"^[\s,.;:()\-–—\"“”]+|[\s,;:()\-–—\"“”]+$")
_PARTY_TAG = re.compile(r"\s*\(?\b[DRI]-[A-Z][A-Za-z.]*\)?\s*$|\s*\([DRI]\)\s*$")


def _norm(word: str) -> str:
    return word.lower().rstrip(".")


def clean_mention(mention: str) -> str:
    mention = _PARTY_TAG.sub("", mention)
    words = [_POSSESSIVE.sub("", w) if w.endswith(("'s", "’s")) else w for w in mention.split()]
    out = _TRAIL.sub("", " ".join(words))
    if out.endswith(".") and len(out.rsplit(" ", 1)[-1]) > 3 and out.count(".") == 1:
        out = out[:-1]
    return out


def _name_like(word: str) -> bool:
    w = _norm(word)
    return word[:1].isupper() or w in NAME_PARTICLES or w in NAME_SUFFIXES


def _strong_role(word: str) -> bool:
    parts = _norm(word).split("-")
    return any(part in ROLE_WORDS and part not in WEAK_ROLES for part in parts)


def split_role(mention: str) -> tuple[str, str | None]:
    """'prime minister Donald Tusk' -> ('Donald Tusk', 'prime minister'); 'Apple CEO Tim Cook' ->
    ('Tim Cook', 'Apple CEO'); honorifics are dropped, name particles ("von der") and suffixes kept."""
    words = clean_mention(mention).split()
    role: list[str] = []
    i = 0
    while i < len(words) - 1:
        w = _norm(words[i])
        if w in HONORIFICS or (w in HONORIFIC_SECONDS and i > 0 and _norm(words[i - 1]) in HONORIFICS):
            i += 1
        elif w not in NAME_PARTICLES and (w in ROLE_WORDS or (words[i][:1].islower() and w.isalpha())):
            role.append(words[i])
            i += 1
        else:
            break
    # a role inside a capitalised run: "French President Emmanuel Macron", "UN Secretary-General António Guterres"
    cut = max(
        (
            k
            for k in range(i, len(words) - 1)
            if _strong_role(words[k]) and all(_name_like(w) and not _strong_role(w) for w in words[k + 1 :])
        ),
        default=None,
    )
    if cut is not None:
        role = [w for w in words[: cut + 1] if _norm(w) not in HONORIFICS]
        i = cut + 1
    while i < len(words) - 1 and (
        _norm(words[i]) in HONORIFICS or (_norm(words[i]) in HONORIFIC_SECONDS and _norm(words[i - 1]) in HONORIFICS)
    ):
        i += 1
    return " ".join(words[i:]), (" ".join(role) or None)


def _looks_like_a_name(tokens: list[str]) -> bool:
    if len(tokens) == 1 and len(tokens[0]) > 2 and tokens[0].isupper():
        return False  # an acronym ("TTIP"), not a person
    # "Will" opening a longer name is the given name ("Will Doyle"), not the modal
    words = tokens[1:] if len(tokens) > 1 and tokens[0] == "Will" else tokens
    return len(tokens) <= 5 and not any(t.lower() in NOT_IN_NAMES for t in words)


def honorific_gender(word: str) -> str | None:
    """ "m" for "Mr", "Sir"…, "f" for "Ms", "Dame"…, else None."""
    word = _norm(word)
    if word in MALE_TITLES:
        return "m"
    if word in FEMALE_TITLES:
        return "f"
    return None


def gender_of(mention: str) -> str | None:
    """Gender from an honorific ("Mr", "Dame") or, failing that, a common given name ("Janet Yellen")."""
    words = mention.split()
    if not words:
        return None
    if gender := honorific_gender(words[0]):
        return gender
    given = next((w for w in words[:-1] if _norm(w) not in HONORIFICS and _norm(w) not in ROLE_WORDS), None)
    return first_name_gender(given) if given else None


def _short_form(short: list[str], full: list[str]) -> bool:
    """ "Sultan bin Suhaim" for "Sultan bin Suhaim Al-Thani": a patronymic name is shortened from the end,
    so a mention with a particle inside it may be the start of the fuller name."""
    return len(short) < len(full) and full[: len(short)] == short and any(t in NAME_PARTICLES for t in short[1:])


@dataclass
class Person:
    name: str
    first_pos: int
    last_pos: int
    role: str | None = None
    gender: str | None = None
    votes: list[int] = field(default_factory=lambda: [0, 0])  # pronoun evidence: [male, female]


@dataclass
class Registry:
    """People named in one article, so partial names and roles resolve to the fullest name seen."""

    people: list[Person] = field(default_factory=list)
    by_token: dict[str, list[Person]] = field(default_factory=dict)
    by_role: dict[str, Person] = field(default_factory=dict)
    # (offset, person) of every mention as a subject, in text order, once the article is read: who a
    # passage is about, for a bare surname two people share (ArticleParse fills it)
    subjects: list[tuple[int, Person]] = field(default_factory=list)

    def add(self, mention: str, pos: int, role: str | None = None) -> Person | None:
        name, stripped_role = split_role(mention)
        role = role or stripped_role
        tokens = name.split()
        if not tokens or not tokens[-1][:1].isupper() or not _looks_like_a_name(tokens):
            return None
        if _strong_role(tokens[-1]):
            return None  # "RFS Chief Commissioner": a title the tagger took for a person, no name in it
        gender = gender_of(mention)
        person = self._match(tokens, pos, allow_new=True)
        if person is None:
            person = Person(name, pos, pos)
            self.people.append(person)
        elif len(tokens) > len(person.name.split()) and set(person.name.split()) <= set(tokens):
            person.name = name
            person.gender = gender or person.gender  # "Warren" guessed, "Elizabeth Warren" known
        person.last_pos = max(person.last_pos, pos)
        for t in name.split():
            bucket = self.by_token.setdefault(_norm(t), [])
            if person not in bucket:
                bucket.append(person)
        person.gender = person.gender or gender or (first_name_gender(name) if len(tokens) == 1 else None)
        if role:
            person.role = person.role or role
            self.by_role.setdefault(role.lower(), person)
        return person

    def _match(self, tokens: list[str], pos: int, allow_new: bool) -> Person | None:
        normed = [_norm(t) for t in tokens]
        candidates = self.by_token.get(normed[-1], []) if normed else []
        if len(normed) == 1:
            candidates = candidates or self.by_token.get(normed[0], [])
        if not allow_new and len(normed) == 1 and any(len(p.name.split()) > 1 for p in candidates):
            # "Kasich" means the "John Kasich" named somewhere in the article, not a bare-surname entry
            candidates = [p for p in candidates if len(p.name.split()) > 1]
        if not allow_new and len(normed) == 1 and len(shared := self.sharing(normed[0])) > 1:
            return self.topic(shared, pos) or min(shared, key=lambda p: abs(p.last_pos - pos))
        best = None
        for person in candidates:
            pnorm = [_norm(t) for t in person.name.split()]
            if set(normed) <= set(pnorm) or (len(normed) > 1 and set(pnorm) <= set(normed) and len(pnorm) > 1):
                if len(normed) > 1 and normed[-1] != pnorm[-1] and not _short_form(normed, pnorm):
                    continue
                if best is None or abs(person.last_pos - pos) < abs(best.last_pos - pos):
                    best = person
        return best

    def resolve(self, mention: str, pos: int) -> tuple[str, str | None, Person | None]:
        """Return (canonical name, role, person) for a name mention."""
        name, role = split_role(mention)
        tokens = name.split()
        if not tokens:
            return clean_mention(mention), role, None
        person = self._match(tokens, pos, allow_new=False)
        if person is not None:
            return person.name, role or person.role, person
        return name, role, None

    def sharing(self, surname: str) -> list[Person]:
        """The people with a fuller name who share this (normalised) surname: a father and son Skelos."""
        return [
            p
            for p in self.by_token.get(surname, [])
            if len(p.name.split()) > 1 and _norm(p.name.split()[-1]) == surname
        ]

    def topic(self, among: list[Person], pos: int, reach: int = 40) -> Person | None:
        """Of people sharing a surname, the one the passage at `pos` is about: the latest named as a
        subject before it (by name or by their role, "the prime minister said"), within `reach` subject
        mentions so a long article stays linear."""
        k = bisect.bisect_left(self.subjects, pos, key=lambda m: m[0])
        for _, person in reversed(self.subjects[max(k - reach, 0) : k]):
            if person in among:
                return person
        return None

    def fullest(self, person: Person) -> Person:
        """A bare-surname entry ("Flynn") stands for the one fuller name with that surname, if unique."""
        if len(person.name.split()) > 1:
            return person
        fuller = self.sharing(_norm(person.name))
        return fuller[0] if len(fuller) == 1 else person

    def by_description(self, description: str) -> Person | None:
        words = [w for w in clean_mention(description).lower().split() if w not in {"the", "a", "an"}]
        key = " ".join(words)
        if not key:
            return None
        if key in self.by_role:  # "the minister" is the minister, before the prime minister
            return self.fullest(self.by_role[key])
        for role, person in self.by_role.items():
            if role.endswith(" " + key):
                return self.fullest(person)  # "Governor Abiodun" gave the role; "Dapo Abiodun" the name
        # "the media adviser" for the one "Special Adviser" the article names: the same head noun, one holder
        head = words[-1]
        holders = {id(p): p for role, p in self.by_role.items() if role.split()[-1] == head}
        return self.fullest(next(iter(holders.values()))) if len(holders) == 1 else None

    def recent(self, pos: int, gender: str | None = None) -> Person | None:
        best = None
        for person in self.people:
            compatible = person.first_pos <= pos and (gender is None or person.gender in (None, gender))
            if compatible and (best is None or person.last_pos > best.last_pos):
                best = person
        return best
