"""One article's parse: chunk docs, offset maps, quote token masks and the people it names."""

from __future__ import annotations

import bisect
import re
from collections import Counter

from spacy.tokens import Doc, Span, Token

from . import budget
from .first_names import first_name_gender
from .lexicon import (
    FEMALE_PRONOUN_FORMS,
    MALE_PRONOUN_FORMS,
    PRONOUNS,
    ROLE_WORDS,
    SOCIAL_TITLES,
    VERBS_TAKEN_FOR_NAMES,
)
from .names import Person, Registry, honorific_gender, split_role
from .quotes import RawQuote
from .text import Chunk


class ArticleParse:
    """One article's parsed chunks with helpers mapping between tokens and original offsets."""

    def __init__(self, text: str, chunks: list[Chunk], docs: list[Doc], quotes: list[RawQuote]):
        self.text, self.chunks, self.docs, self.quotes = text, chunks, docs, quotes
        self.para_chunk: list[int] = []
        self.chunk_first_para: list[int] = []
        for ci, chunk in enumerate(chunks):
            self.chunk_first_para.append(len(self.para_chunk))
            self.para_chunk.extend([ci] * len(chunk.paras))
        self.registry = Registry()
        self.person_mentions: list[tuple[int, Person, bool]] = []  # (offset, person, as subject)
        self._bare: dict[int, str | None] = {}  # offsets of one-word name mentions, with the title given
        self._compatible: dict[str | None, list[tuple[int, Person, bool]]] = {}  # see _mentions_compatible
        self.organisations: list[str] = []  # ORG names outside quotes, as written, in article order
        self._body_words: set[str] | None = None  # the words after the headline, as written (see _as_the_body_names)
        self.inside: list[list[bool]] = [[False] * len(d) for d in docs]
        self.places = _places(docs)
        self.quote_tokens: list[Span | None] = []  # None: not in the parse (see budget), or no tokens
        blanked = [span for chunk in chunks for span in chunk.blanked]
        blanked_starts = [span.start for span in blanked]
        for q in quotes:
            ci = self.para_chunk[q.para]
            chunk, doc = chunks[ci], docs[ci]
            if blanked and budget.skipped(blanked, blanked_starts, q.outer_start):
                self.quote_tokens.append(None)
                continue
            span = doc.char_span(chunk.to_chunk(q.outer_start), chunk.to_chunk(q.outer_end), alignment_mode="expand")
            self.quote_tokens.append(span)
            if span is not None:
                for i in range(span.start, span.end):
                    self.inside[ci][i] = True
        # each doc's token indices outside every quote, ascending: a rule scanning a sentence for cue words
        # bisects here and pays for the sentence's unquoted tokens only, not for every quoted one
        self.outside: list[list[int]] = [[i for i, quoted in enumerate(marks) if not quoted] for marks in self.inside]
        self._build_registry()

    def is_place(self, ent: Span) -> bool:
        """A one-word "PERSON" the article otherwise treats as a place: "Leeds" also tagged a city, "Alyn"
        in "Alyn and Deeside" (never part of a longer person's name)."""
        low = ent.text.lower()
        if len(ent) != 1 or low not in self.places:
            return False
        return not any(len(p.name.split()) > 1 for p in self.registry.by_token.get(low.rstrip("."), []))

    def _as_the_body_names(self, ci: int, ent: Span) -> Span:
        """A name in a title-case headline runs on into the capitalised words after it ("Glenn Beck Blasts
        Drudge", "Obama Calls"): there it ends before a headline's present-tense verb that the body never
        writes so (a surname the body leaves out, "Angela Rayner", is no such verb)."""
        if ci != 0 or len(ent) < 2 or not self.chunks[0].paras:
            return ent
        lo, hi = self.para_tokens(0)
        if not (lo <= ent.start and ent.end <= hi) or not _title_case(ent.doc[lo:hi]):
            return ent
        if self._body_words is None:
            self._body_words = set(_WORDS.findall(self.text[self.chunks[0].paras[0].end :]))
        end = next((t.i for t in ent[1:] if _headline_verb(t) and t.text not in self._body_words), ent.end)
        return ent if end == ent.end else Span(ent.doc, ent.start, end, label=ent.label_)

    def para_tokens(self, para: int) -> tuple[int, int]:
        """Token range of paragraph `para` within its chunk's doc."""
        ci = self.para_chunk[para]
        chunk, doc = self.chunks[ci], self.docs[ci]
        k = para - self.chunk_first_para[ci]
        span = doc.char_span(
            chunk.offsets[k], chunk.offsets[k] + chunk.paras[k].end - chunk.paras[k].start, alignment_mode="expand"
        )
        return (span.start, span.end) if span is not None else (0, len(doc))

    def outside_quotes(self, ci: int, start: int, end: int) -> list[int]:
        """Indices of the tokens in [start, end) of chunk ci's doc that no quote covers, in order."""
        index = self.outside[ci]
        return index[bisect.bisect_left(index, start) : bisect.bisect_left(index, end)]

    def orig(self, ci: int, char: int) -> int:
        return self.chunks[ci].to_orig(char)

    def _build_registry(self) -> None:
        for ci, doc in enumerate(self.docs):
            for tagged in doc.ents:
                if tagged.label_ == "ORG" and not self.inside[ci][tagged.start]:
                    name = _with_coordinated_name(tagged).text
                    self.organisations.append(name[4:] if name.lower().startswith("the ") else name)
                if tagged.label_ != "PERSON" or self.inside[ci][tagged.start] or self.is_place(tagged):
                    continue
                ent = self._as_the_body_names(ci, trimmed(tagged))
                pos = self.orig(ci, ent.start_char)
                role = left_role(ent)
                titled = with_title(ent)
                person = self.registry.add(titled, pos, role)
                if person is not None:
                    name, given_title = split_role(titled)
                    if len(name.split()) == 1:
                        self._bare[pos] = given_title
                if person is not None:
                    root = ent.root
                    subject = root.dep_ in _SUBJECTS or (root.dep_ == "appos" and root.head.dep_ in _SUBJECTS)
                    self.person_mentions.append((pos, person, subject))
                    if subject or any(c.dep_ == "relcl" for c in ent.root.children):
                        _vote_gender(person, ent)
        for person in self.registry.people:
            votes = person.votes
            if person.gender is None and votes[0] != votes[1]:
                person.gender = "m" if votes[0] > votes[1] else "f"
        self._add_untagged_subjects()
        self._add_name_shaped()
        self.person_mentions.sort(key=lambda m: m[0])
        self._settle_shared_surnames()

    def _settle_shared_surnames(self) -> None:
        """Two people with one surname (a prime minister and a minister both called Abela): each bare
        mention goes to the one whose role it gives ("Minister Abela"), else to the one the passage is
        about, the latest of them named as a subject, by name or by role ("The prime minister said") —
        never to whichever happened to be named nearest."""
        subjects = [(pos, person) for pos, person, subject in self.person_mentions if subject]
        if not any(len(self.registry.sharing(_last_word(p))) > 1 for _, p in subjects):
            self.registry.subjects = subjects
            return
        by_role = []
        for ci, doc in enumerate(self.docs):
            for tok in doc:
                if (
                    tok.dep_ in _SUBJECTS
                    and tok.pos_ == "NOUN"
                    and tok.lower_ in ROLE_WORDS
                    and not self.inside[ci][tok.i]
                ):
                    words = [t.text for t in tok.lefts if t.dep_ in ("det", "amod", "compound")] + [tok.text]
                    if words[0].lower() == "the" and (holder := self.registry.by_description(" ".join(words))):
                        by_role.append((self.orig(ci, tok.idx), holder, True))
        settled: list[tuple[int, Person, bool]] = []
        self.registry.subjects = []
        for pos, named, subject in sorted(self.person_mentions + by_role, key=lambda m: m[0]):
            person = named
            shared = self.registry.sharing(_last_word(named)) if pos in self._bare else []
            if len(shared) > 1:
                role = (self._bare[pos] or "").lower()
                titled = [p for p in shared if role and (p.role or "").lower() == role]
                person = titled[0] if len(titled) == 1 else self.registry.topic(shared, pos) or named
            if subject:
                self.registry.subjects.append((pos, person))
            settled.append((pos, person, subject))
        by_role_at = {m[0] for m in by_role}
        self.person_mentions = [m for m in settled if m[0] not in by_role_at]

    def _add_untagged_subjects(self) -> None:
        """Subjects the tagger missed: a surname read as an ORG ("Trump") mentions a known person, and a
        full name described as a person ("Kemi Badenoch, the Conservative leader, said") is one."""
        for ci, doc in enumerate(self.docs):
            for tok in doc:
                if (
                    tok.dep_ not in _SUBJECTS
                    or tok.pos_ != "PROPN"
                    or tok.ent_type_ == "PERSON"
                    or self.inside[ci][tok.i]
                    or not tok.is_title
                ):
                    continue
                pos = self.orig(ci, tok.idx)
                _, _, person = self.registry.resolve(tok.text, pos)
                if person is not None:
                    self._bare.setdefault(pos, None)
                elif _described_as_person(tok):
                    name = proper_noun_name(tok)
                    if len(name) >= 2 and all(t.is_title and t.lower_ not in ROLE_WORDS for t in name):
                        pos = self.orig(ci, name.start_char)
                        person = self.registry.add(name.text, pos, left_role(Span(doc, name.start, name.end)))
                if person is not None:
                    self.person_mentions.append((pos, person, True))

    def _add_name_shaped(self) -> None:
        """Names the tagger missed or called an organisation: a proper-noun compound that opens with a
        common given name ("Shane Fitzsimmons" tagged ORG) or follows an honorific ("Mr Fitzsimmons")."""
        for ci, doc in enumerate(self.docs):
            for tok in doc:
                if tok.pos_ != "PROPN" or tok.dep_ == "compound" or tok.ent_type_ == "PERSON" or self.inside[ci][tok.i]:
                    continue
                span = proper_noun_name(tok)
                before = doc[span.start - 1] if span.start > 0 else None
                titled = (
                    before is not None
                    and honorific_gender(before.text) is not None
                    and span.start - 1 >= tok.sent.start
                )
                given = len(span) >= 2 and first_name_gender(span[0].text) is not None
                if not (titled or given) or not all(t.is_title for t in span) or len(span) > 4:
                    continue
                mention = f"{before.text} {span.text}" if titled and before is not None else span.text
                pos = self.orig(ci, span.start_char)
                person = self.registry.add(mention, pos)
                if person is not None:
                    self.person_mentions.append((pos, person, tok.dep_ in _SUBJECTS))

    def organisation(self, words: list[str]) -> str | None:
        """The fullest organisation name the article gives that ends with words[-1] and contains the other
        words: "the trust" → "York and Scarborough Teaching Hospitals NHS Foundation Trust"."""
        want = [w.lower() for w in words if w[:1].isalnum()]
        if not want:
            return None
        if len(words) == 1 and len(words[0]) > 2 and words[0].isupper():
            return self._spelled_out(words[0])
        best = None
        for name in self.organisations:
            toks = [t.lower() for t in name.replace("’s", "").replace("'s", "").split()]
            if toks and toks[-1] == want[-1] and set(want) <= set(toks) and (best is None or len(name) > len(best)):
                best = name
        return best

    def _spelled_out(self, acronym: str) -> str | None:
        """The organisation an acronym stands for: "JPL" → "NASA's Jet Propulsion Laboratory" (the
        initials of the name's last capitalised words), else an organisation named by the acronym itself."""
        for name in sorted(self.organisations, key=len, reverse=True):
            words = [w for w in name.split() if w[:1].isupper()]
            if len(words) >= len(acronym) and "".join(w[0] for w in words[-len(acronym) :]) == acronym:
                return name
        return acronym if acronym in self.organisations else None

    def pronoun_person(self, pronoun: str, pos: int, clause_end: int | None = None) -> tuple[Person, bool] | None:
        """(person, found as a subject) for "he"/"she" at `pos`: the latest compatible subject among the
        mentions just before it (writers keep the topic as subject), else the latest compatible mention.
        A person named later in the clause the pronoun is subject of (up to `clause_end`) is someone else: "He said
        Trump has several ways" is not Trump speaking."""
        mentions = self._mentions_compatible(PRONOUNS.get(pronoun.lower()))
        after = bisect.bisect_right(mentions, pos, key=lambda m: m[0])
        named_after = set()
        if clause_end is not None:
            stop = bisect.bisect_left(mentions, clause_end, key=lambda m: m[0])
            named_after = {id(m[1]) for m in mentions[after:stop]}
        latest: tuple[int, Person] | None = None
        for k in range(bisect.bisect_left(mentions, pos, key=lambda m: m[0]) - 1, -1, -1):
            mpos, person, subject = mentions[k]
            if id(person) in named_after:
                continue
            if latest is None:
                latest = (mpos, person)
            if latest[0] - mpos > _SALIENCE_WINDOW:
                break
            if subject:
                return person, True
        return (latest[1], False) if latest else None

    def _mentions_compatible(self, gender: str | None) -> list[tuple[int, Person, bool]]:
        """(offset, fullest person, as subject) of the mentions a pronoun of `gender` may refer to, in text
        order, built once per gender: a pronoun looks back among these only, so a long run of mentions of
        people of the other gender is not rescanned for every pronoun."""
        if gender not in self._compatible:
            fullest = [(mpos, self.registry.fullest(person), subject) for mpos, person, subject in self.person_mentions]
            self._compatible[gender] = [m for m in fullest if gender is None or m[1].gender in (None, gender)]
        return self._compatible[gender]


_SUBJECTS = ("nsubj", "nsubjpass")
_PLACE_ENTS = ("GPE", "LOC", "FAC", "ORG")


_WORDS = re.compile(r"\w+")


def _headline_verb(tok: Token) -> bool:
    """Shaped like a headline's present-tense verb: "Blasts", "Calls", "Slams" (not "Ross", not "Rayner")."""
    return tok.is_alpha and len(tok) > 3 and tok.text.endswith("s") and not tok.text.endswith("ss")


def _title_case(span: Span) -> bool:
    """Every word of four letters or more capitalised: a headline in title case ("Glenn Beck Blasts Drudge
    for Mocking Cruz"), not a sentence full of names ("Donald Tusk arrived in Brussels")."""
    words = [t for t in span if t.is_alpha and len(t) > 3]
    return len(words) >= 3 and all(t.text[0].isupper() for t in words)


def _places(docs: list[Doc]) -> set[str]:
    """Words the tagger reads as a one-word person yet the article uses as a place at least as often. Each
    use counts once per sign of a place: tagged a place (GPE, LOC) on its own, opening a longer place's name
    ("Leeds Civic Hall"), after "in", "at" or "from" ("in Wigan", tagged a city there: two signs), or
    coordinated with a place or organisation ("Alyn and Deeside"); never part of a longer PERSON name
    ("Paris" in "Paris Hilton" keeps it a person)."""
    as_place: Counter[str] = Counter()
    as_person: Counter[str] = Counter()
    in_names: set[str] = set()
    for doc in docs:
        for ent in doc.ents:
            low = ent.text.lower()
            if ent.label_ in ("GPE", "LOC", "FAC") and len(ent) > 1:
                as_place[ent[0].lower_] += 1
            elif ent.label_ == "PERSON" and len(ent) > 1:
                in_names.update(t.lower_ for t in ent)
            elif ent.label_ in ("GPE", "LOC", "PERSON"):
                as_person[low] += ent.label_ == "PERSON"
                as_place[low] += (ent.label_ != "PERSON") + _place_signs(ent.root)
    return {w for w, n in as_person.items() if as_place[w] >= n and w not in in_names}


_PLACE_PREPOSITIONS = ("in", "at", "from")


def _place_signs(root: Token) -> int:
    """1 when a one-word name is used the way places are: the object of "in"/"at"/"from" (not a possessive,
    "in Osei's speech") or coordinated with a place or organisation."""
    linked = [c for c in root.children if c.dep_ == "conj"] + ([root.head] if root.dep_ == "conj" else [])
    after_place_word = root.dep_ == "pobj" and root.head.lower_ in _PLACE_PREPOSITIONS
    if after_place_word and not any(c.dep_ == "case" for c in root.children):
        return 1
    return int(any(t.ent_type_ in _PLACE_ENTS for t in linked))


_SALIENCE_WINDOW = 600  # characters back from the latest compatible mention


def _last_word(person: Person) -> str:
    return person.name.split()[-1].lower().rstrip(".")


def _with_coordinated_name(ent: Span) -> Span:
    """ "York and [Scarborough Teaching Hospitals NHS Foundation Trust]": the tagger often stops an
    organisation's name at "and"; a capitalised word plus "and" right before it belongs to the name. So
    does the organisation that owns it: "[NASA]'s [Jet Propulsion Laboratory]"."""
    doc = ent.doc
    if ent.start >= 2 and doc[ent.start - 1].lower_ == "and" and doc[ent.start - 2].is_title:
        first = doc[ent.start - 2]
        if first.pos_ == "PROPN":
            return doc[first.i : ent.end]
    if ent.start >= 2 and doc[ent.start - 1].lower_ in ("'s", "’s") and doc[ent.start - 2].ent_type_ == "ORG":
        owner = entity_of(doc[ent.start - 2])
        if owner is not None:
            return doc[owner.start : ent.end]
    return ent


def _described_as_person(tok: Token) -> bool:
    """ "Kemi Badenoch, the Conservative leader," / "…, who…": whatever the tagger said, a person."""
    return any(c.dep_ == "appos" and c.lower_ in ROLE_WORDS for c in tok.children) or any(
        c.dep_ == "relcl" and any(g.lower_ == "who" for g in c.children) for c in tok.children
    )


def _vote_gender(person: Person, ent: Span) -> None:
    """Pronouns later in a sentence whose subject is the person hint at the person's gender."""
    votes = person.votes
    for tok in ent.doc[ent.end : ent.sent.end]:
        low = tok.lower_
        if low in MALE_PRONOUN_FORMS:
            votes[0] += 1
        elif low in FEMALE_PRONOUN_FORMS:
            votes[1] += 1


def with_title(ent: Span) -> str:
    """Entity text with a directly preceding honorific ("Mr", "Sen.") kept, for gender hints."""
    if ent.start > 0 and honorific_gender(ent.doc[ent.start - 1].text):
        return ent.doc[ent.start - 1].text + " " + ent.text
    return ent.text


def left_role(ent: Span) -> str | None:
    """Role words in front of a name ("prime minister" in "prime minister Donald Tusk")."""
    doc = ent.doc
    i = ent.start
    while (
        i > 0
        and doc[i - 1].dep_ in ("compound", "amod")
        and i <= doc[i - 1].head.i < ent.end
        and doc[i - 1].ent_type_ != "PERSON"
    ):
        i -= 1
    words = [t.text for t in doc[i : ent.start] if t.text.lower().rstrip(".") not in SOCIAL_TITLES]
    if words:
        return " ".join(words)
    head = ent.root.head
    if ent.root.dep_ == "appos" and (head.pos_ == "NOUN" or head.lower_ in ROLE_WORDS):
        left = min([t.i for t in head.lefts if t.dep_ in ("amod", "compound")] + [head.i])
        return doc[left : head.i + 1].text
    for child in ent.root.children:
        if child.dep_ == "appos" and (child.pos_ == "NOUN" or child.lower_ in ROLE_WORDS):
            left = min(t.i for t in child.subtree if t.dep_ != "det" or t.i == child.i)
            return doc[left : child.i + 1].text
    return None


def entity_of(tok: Token) -> Span | None:
    """The named entity containing tok, found from IOB tags (doc.ents is rebuilt on every access)."""
    if not tok.ent_type_:
        return None
    doc = tok.doc
    start = tok.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = tok.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return trimmed(Span(doc, start, end, label=tok.ent_type_))


def proper_noun_name(tok: Token) -> Span:
    """The proper-noun compound ending at tok: "Kemi Badenoch" for "Badenoch"."""
    doc, left = tok.doc, tok.i
    while left > tok.sent.start and doc[left - 1].dep_ == "compound" and doc[left - 1].pos_ == "PROPN":
        left -= 1
    return doc[left : tok.i + 1]


def trimmed(ent: Span) -> Span:
    """The entity without a leading verb the tagger swept in ("Stated Stone" → "Stone"), and with the
    rest of a name it cut short ("Ursula von der" + "Leyen": compounds of the proper noun that follows)."""
    doc = ent.doc
    start, end = ent.start, ent.end
    while start < end - 1 and (
        doc[start].pos_ in ("VERB", "AUX", "ADV", "ADP", "SCONJ") or doc[start].lower_ in VERBS_TAKEN_FOR_NAMES
    ):
        if doc[start].tag_ == "MD" and doc[start].is_title and not doc[start].sent.text.rstrip().endswith("?"):
            break  # "Will Doyle, a professor,": a given name read as a modal (but "Will Trump Win?" asks)
        start += 1
    while (
        end < len(doc) and doc[end].pos_ == "PROPN" and doc[end - 1].dep_ == "compound" and doc[end - 1].head.i >= end
    ):
        end += 1
    return ent if (start, end) == (ent.start, ent.end) else Span(doc, start, end, label=ent.label_)
