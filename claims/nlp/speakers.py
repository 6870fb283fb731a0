"""Speaker resolution: from a subject token to a canonical name, role and kind."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.tokens import Span, Token

from .article import ArticleParse, entity_of, left_role, proper_noun_name, with_title
from .lexicon import OFFICES, ORG_HEADS, PERSONISH, PRONOUNS, ROLE_WORDS, VOICES
from .names import Person, clean_mention

_SUBJ = {"nsubj", "nsubjpass", "csubj"}
_CLIMB = {"conj", "xcomp", "advcl", "ccomp", "pcomp", "acl", "prep"}  # prep: "rallied them by warning"
ORG_ENTS = {"ORG", "GPE", "NORP", "FAC"}
_BODY_ENTS = ORG_ENTS - {"NORP"}  # bodies that can have a spokesperson


@dataclass
class Attribution:
    """Who said a quote, how they were mentioned, and why the sieve decided so."""

    speaker: str | None = None
    mention: str | None = None
    m_start: int | None = None
    m_end: int | None = None
    kind: str | None = None
    role: str | None = None
    cue: str | None = None
    confidence: float = 0.0
    reason: str = "no speaker found"
    # Which sieve step and resolution path decided, as "step/resolution" ("cue/pronoun-subject"): the
    # machine-readable twin of `reason`, set beside it, read by `calibration` (never shown as such).
    rule: str = "none"

    def lent(self, reason: str, step: str) -> Attribution:
        """This speaker lent to another quote (a continuation, a headline echo): no cue of its own, a fifth
        less sure, its own reason, and the route `step/<this resolution>`."""
        resolution = self.rule.rsplit("/", 1)[-1]
        return replace(
            self, cue=None, confidence=round(self.confidence * 0.8, 2), reason=reason, rule=f"{step}/{resolution}"
        )


def subject_of(verb: Token) -> Token | None:
    """The grammatical speaker of a cue word, climbing through conjunctions and participles."""
    tok = verb
    for _ in range(4):
        if tok.lower_ == "according":
            for child in tok.children:
                if child.lower_ == "to":
                    for obj in child.children:
                        if obj.dep_ == "pobj":
                            return obj
            return None
        if tok is not verb and (quoted := _quoted_as_saying(verb, tok)) is not None:
            return quoted
        for child in sorted(tok.children, key=lambda c: abs(c.i - tok.i)):
            if child.dep_ in _SUBJ and not (child.dep_ == "nsubjpass" and tok.lower_ in ("told", "asked")):
                if child.tag_ in ("WP", "WDT") and tok.dep_ == "relcl":
                    return tok.head
                return child
            if child.dep_ == "agent":
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        return obj
        if tok.dep_ == "relcl" or (tok.dep_ == "acl" and tok.tag_ in ("VBD", "VBZ") and tok.head.pos_ == "PROPN"):
            return tok.head  # "…, who said" / "Jane Roe, tweeted" (a finite verb the parser hung on the name)
        if tok is verb and tok.dep_ == "xcomp" and (controller := _controller(tok)) is not None:
            return controller
        if tok.dep_ in _CLIMB and tok.head.i != tok.i:
            tok = tok.head
            continue
        return None
    return None


def quoted_as(cue: Token) -> Token | None:
    """The verb a cue hangs from through "as" ("quoted" in "X was quoted as saying"), else None."""
    return cue.head.head if cue.dep_ == "pcomp" and cue.head.lower_ == "as" else None


def _quoted_as_saying(cue: Token, verb: Token) -> Token | None:
    """The one quoted in "X was quoted (by NPR) as saying" and "NPR quoted X as saying": the passive
    subject or the object of the verb the cue hangs from through "as", never the outlet that quoted."""
    through = quoted_as(cue)
    if through is None or through.i != verb.i:
        return None
    return next((c for c in verb.children if c.dep_ == ("nsubjpass" if _passive(verb) else "dobj")), None)


def _passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def _controller(verb: Token) -> Token | None:
    """The object that does an infinitive's action: "prompting Justice Kavedza to interject", "urged Ms Lee
    to explain" (the object, not the subject of the verb before it, is the one who speaks)."""
    if verb.tag_ != "VB" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return None
    obj = next((c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i), None)
    if obj is None or not (obj.ent_type_ == "PERSON" or obj.pos_ in ("PROPN", "PRON") or obj.lower_ in ROLE_WORDS):
        return None  # "using an expletive to describe Obama": a thing does nothing
    return obj


def _is_role_phrase(tok: Token) -> bool:
    """A mis-tagged common description such as "the prime minister" or "the President"."""
    words = [t for t in tok.lefts if t.dep_ == "compound"] + [tok]
    return all(t.lower_ in ROLE_WORDS or t.text.islower() for t in words)


def _description(tok: Token) -> Span:
    doc = tok.doc
    left = tok.i
    for child in tok.lefts:
        if child.dep_ in ("det", "amod", "compound", "poss", "nummod", "nmod", "quantmod"):
            left = min(left, min(t.i for t in child.subtree))
    right = tok.i
    for child in tok.rights:
        if child.dep_ == "prep" and child.lower_ in ("of", "for", "at", "from", "with", "in"):
            right = max(right, max(t.i for t in child.subtree))
    return doc[left : right + 1]


def _is_definite_office(span: Span, tok: Token) -> bool:
    """ "the deputy prime minister", "the former senator": "the", then office words only."""
    return (
        span[0].lower_ == "the"
        and tok.lower_ in OFFICES
        and tok.i == span.end - 1
        and all(t.lower_ in ROLE_WORDS or t.lower_ in OFFICES for t in span[1:])
    )


def _body_name(text: str) -> str:
    """ "The Local Government Association" → "Local Government Association"."""
    name = clean_mention(text)
    return name[4:] if name.lower().startswith("the ") else name


def _organisation_voiced(tok: Token) -> Span | None:
    """The organisation behind "a spokesperson for the ministry" / "a Home Office spokesman"."""
    if tok.lower_ not in VOICES:
        return None
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in ("for", "of", "at", "from"):
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None and obj.ent_type_ in _BODY_ENTS:
                return entity_of(obj)
        if child.dep_ in ("compound", "nmod") and child.ent_type_ in _BODY_ENTS:
            return entity_of(child)
    return None


def _voiced_body(art: ArticleParse, tok: Token) -> str | None:
    """The organisation a spokesperson speaks for, by its fullest name in the article: "a spokesperson for
    the York trust" → the trust's full name; "A Celtic spokesperson" → "Celtic"."""
    if tok.lower_ not in VOICES:
        return None
    org = _organisation_voiced(tok)
    if org is not None:
        return art.organisation(_body_name(org.text).split()) or _body_name(org.text)
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in ("for", "of", "at", "from"):
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None and obj.pos_ in ("NOUN", "PROPN"):
                words = [t.text for t in obj.lefts if t.dep_ == "compound"] + [obj.text]
                found = art.organisation(words) or art.organisation(words[-1:])
                return found or (" ".join(words) if obj.pos_ == "PROPN" else None)
    names = [c for c in tok.lefts if c.dep_ in ("compound", "nmod", "amod") and c.is_title and c.i > tok.sent.start]
    if names:
        words = [t.text for n in names for t in n.subtree]
        return art.organisation(words) or " ".join(words)
    return None


def _named_voice(art: ArticleParse, tok: Token) -> Person | None:
    """ "A spokesperson for President-elect Yoon said…" when the article names its one spokesperson
    ("Kim Eun-hye, the spokesperson,"): a named spokesperson is a person. A spokesperson for an
    organisation the tagger knows stays that organisation's voice."""
    if tok.lower_ not in VOICES or tok.lower_ == "statement" or _organisation_voiced(tok) is not None:
        return None
    person = art.registry.by_description(tok.text)
    return person if person is not None and person.role is not None else None


def _named_body(art: ArticleParse, span: Span, tok: Token) -> str | None:
    """ "the trust said" / "the press office said": a definite organisation noun means the organisation
    of that kind the article names in full."""
    if span[0].lower_ != "the" or tok.lower_ not in ORG_HEADS or tok.lower_ in PERSONISH:
        return None
    words = [t.text for t in span[1:] if t.i <= tok.i]
    return art.organisation(words)


_NAME_LINKS = {"appos", "conj", "compound"}


def _person_in_description(tok: Token) -> Token | None:
    """ "said actor and director Argyris Xafis" / "the media adviser, Kayode Akinmade,": a person named
    within the description itself (linked by apposition, coordination or compounding) is the speaker."""
    for child in tok.rights:  # "the Clinton campaign" is no person's description
        if child.dep_ in _NAME_LINKS:
            if child.ent_type_ == "PERSON":
                return child
            if (found := _person_in_description(child)) is not None:
                return found
    return None


def _earlier_name_subject(
    art: ArticleParse, ci: int, tok: Token, *, sentences: int = 3
) -> tuple[str, str | None] | None:
    """(name, role) of a two-word-or-longer proper-noun subject in one of the few sentences before `tok`."""
    doc = tok.doc
    sent = tok.sent
    for _ in range(sentences):
        if sent.start == 0:
            return None
        sent = doc[sent.start - 1].sent
        for cand in sent:
            if cand.dep_ != "nsubj" or cand.pos_ != "PROPN" or _is_role_phrase(cand) or cand.ent_type_ in ORG_ENTS:
                continue
            span = proper_noun_name(cand)
            if len(span) < 2 or not all(t.is_title for t in span):
                continue
            speaker, role, person = art.registry.resolve(span.text, art.orig(ci, span.start_char))
            if person is not None and person.gender not in (None, PRONOUNS.get(tok.lower_)):
                continue
            return speaker, role
    return None


def resolve_speaker(art: ArticleParse, ci: int, tok: Token) -> Attribution | None:
    """Turn a subject token into a canonical speaker, by the kind of mention it is: a pronoun, a person's
    name, an organisation's name, or a description (of a role, a spokesperson or a body)."""
    if tok.lower_ in PRONOUNS and tok.pos_ == "PRON":
        return resolve_pronoun(art, ci, tok)
    if _aged_description(tok):
        return resolve_aged_description(art, ci, tok)
    if tok.dep_ in ("nsubj", "nsubjpass", "pobj") and tok.pos_ in ("NOUN", "PROPN") and tok.ent_type_ != "PERSON":
        # "The Chancellor, Rachel Reeves, added": the appositive names the speaker
        for child in tok.children:
            if child.dep_ == "appos" and child.ent_type_ == "PERSON":
                tok = child
                break
    ent = _name_entity(art, ci, tok)
    if ent is not None and ent.label_ == "PERSON":
        return resolve_person_name(art, ci, ent, art.orig(ci, tok.idx))
    if ent is not None and ent.label_ == "NORP" and any(_one_of(c) for c in tok.children):
        # "a South Carolina Democrat": one person, described by affiliation (not the party speaking)
        attr = resolve_description(art, ci, tok)
        if attr is not None and attr.rule == "description":
            attr.kind = "person"
        return attr
    if ent is not None and ent.label_ in ORG_ENTS and tok.pos_ == "PROPN":
        return resolve_organisation(art, ci, ent)
    if tok.pos_ == "PROPN" and not _is_role_phrase(tok):
        return resolve_proper_noun(art, ci, tok)
    if tok.pos_ in ("NOUN", "PROPN"):
        return resolve_description(art, ci, tok)
    return None


def _one_of(child: Token) -> bool:
    """ "a" / "another" / "one" before a noun: one member of the group, not the group."""
    return (child.dep_ == "det" and child.lower_ != "the") or (child.dep_ == "nummod" and child.lower_ == "one")


def _name_entity(art: ArticleParse, ci: int, tok: Token) -> Span | None:
    """The entity a subject token names, corrected: a surname tagged ORG that the article names as a
    person is a PERSON, and a lowercase "PERSON" ("one garda") is no name at all."""
    ent = entity_of(tok)
    pos = art.orig(ci, tok.idx)
    if (
        ent is not None
        and ent.label_ in ORG_ENTS
        and tok.pos_ == "PROPN"
        and art.registry.resolve(ent.text, pos)[2] is not None
    ):
        ent = Span(tok.doc, ent.start, ent.end, label="PERSON")  # "Trump" tagged ORG, yet a person the article names
    if ent is not None and ent.label_ == "PERSON" and not any(t.is_title or t.is_upper for t in ent):
        ent = None  # "one garda said": a common noun the tagger took for a name
    if ent is not None and ent.label_ == "PERSON" and art.is_place(ent):
        ent = Span(tok.doc, ent.start, ent.end, label="GPE")  # "Leeds", a city the tagger took for a person
    return ent


_AGED = re.compile(r"\d+-year-old", re.IGNORECASE)


def _aged_description(tok: Token) -> bool:
    """ "the 77-year-old Methodist" / "the 45-year-old": a definite description by age is a person the
    story has already named, whatever the tagger makes of the noun."""
    left = tok.doc[tok.left_edge.i : tok.i + 1]
    return left[0].lower_ == "the" and _AGED.search(left.text) is not None


def resolve_aged_description(art: ArticleParse, ci: int, tok: Token) -> Attribution:
    """ "…,” continues the 77-year-old Methodist": the person the passage is about, as a pronoun would be."""
    pos = art.orig(ci, tok.idx)
    span = tok.doc[tok.left_edge.i : tok.i + 1]
    start = art.orig(ci, span.start_char)
    a = Attribution(mention=span.text, m_start=start, m_end=start + len(span.text), confidence=0.3)
    a.reason, a.rule = f"description '{span.text}' left unresolved", "aged-unresolved"
    found = art.pronoun_person("they", pos)
    if found is not None:
        person = found[0]
        a.speaker, a.kind, a.role, a.confidence = person.name, "person", person.role, 0.55
        a.reason = (
            f"description '{span.text}' taken to mean {person.name}, the latest person named "
            f"{'as a subject ' if found[1] else ''}before it"
        )
        a.rule = "aged-description"
    return a


def resolve_pronoun(art: ArticleParse, ci: int, tok: Token) -> Attribution | None:
    """ "he"/"she" → the latest compatible person named before it; other pronouns are left to later rules."""
    if tok.lower_ not in ("he", "she"):
        return None  # "I", "we", "it", "they": let a later rule or cue decide
    pos = art.orig(ci, tok.idx)
    clause = tok.head.right_edge  # the clause the pronoun is subject of ("He said Trump has…")
    found = art.pronoun_person(tok.lower_, pos, art.orig(ci, clause.idx + len(clause)))
    a = Attribution(mention=tok.text, m_start=pos, m_end=pos + len(tok.text))
    if found is not None:
        person, as_subject = found
        a.speaker, a.kind, a.role = person.name, "person", person.role
        a.reason = (
            f"pronoun '{tok.text}' resolved to {person.name}, the latest matching person "
            f"{'named as a subject' if as_subject else 'named'} before it"
        )
        a.confidence = 0.65 if as_subject else 0.55
        a.rule = "pronoun-subject" if as_subject else "pronoun-named"
    elif (earlier := _earlier_name_subject(art, ci, tok)) is not None:
        # the tagger missed the person (unusual names): fall back to a proper-noun subject just before
        a.speaker, a.kind, a.role = earlier[0], "person", earlier[1]
        a.reason = (
            f"pronoun '{tok.text}' taken to mean {earlier[0]}, the proper-noun subject of an earlier "
            "sentence (no PERSON entity matched)"
        )
        a.confidence = 0.45
        a.rule = "pronoun-earlier-subject"
    else:
        a.reason, a.rule = f"pronoun '{tok.text}' left unresolved", "pronoun-unresolved"
        a.confidence = 0.3
    return a


def resolve_person_name(art: ArticleParse, ci: int, ent: Span, pos: int) -> Attribution:
    """A PERSON entity (mentioned at `pos`) → the fullest name the article gives that person."""
    mention = with_title(ent)
    speaker, role, _ = art.registry.resolve(mention, pos)
    start = art.orig(ci, ent.start_char)
    return Attribution(
        speaker=speaker,
        mention=ent.text,
        m_start=start,
        m_end=start + len(ent.text),
        kind="person",
        role=role or left_role(ent),
        confidence=0.9,
        reason=f"PERSON '{ent.text}' is the subject of the cue",
        rule="person",
    )


def resolve_organisation(art: ArticleParse, ci: int, ent: Span) -> Attribution:
    """An organisation's (or place's) name speaking as such, without its article."""
    start = art.orig(ci, ent.start_char)
    return Attribution(
        speaker=_body_name(ent.text),
        mention=ent.text,
        m_start=start,
        m_end=start + len(ent.text),
        kind="organisation",
        confidence=0.85,
        reason=f"{ent.label_} '{ent.text}' is the subject of the cue",
        rule="organisation",
    )


def resolve_proper_noun(art: ArticleParse, ci: int, tok: Token) -> Attribution:
    """An untagged proper-noun name → the fullest name the article gives it (a person when known)."""
    span = proper_noun_name(tok)
    speaker, role, known = art.registry.resolve(span.text, art.orig(ci, tok.idx))
    start = art.orig(ci, span.start_char)
    return Attribution(
        speaker=speaker,
        mention=span.text,
        m_start=start,
        m_end=start + len(span.text),
        kind="person" if known else None,
        role=role,
        confidence=0.7,
        reason=f"proper noun '{span.text}' is the subject of the cue",
        rule="proper-noun",
    )


def resolve_description(art: ArticleParse, ci: int, tok: Token) -> Attribution | None:
    """A description as the speaker: a person named inside it, the organisation a spokesperson speaks
    for, the holder of a role the article names, an organisation the article names in full, or else the
    description itself."""
    pos = art.orig(ci, tok.idx)
    if tok.pos_ == "NOUN" and (named := _person_in_description(tok)) is not None:
        attr = resolve_speaker(art, ci, named)
        if attr is not None and attr.speaker:
            attr.reason = f"PERSON '{attr.mention}' is named in the description that is the subject of the cue"
            attr.rule = "person-in-description"
            return attr
    span = _description(tok)
    a = Attribution(mention=span.text, m_start=art.orig(ci, span.start_char), m_end=art.orig(ci, span.end_char))
    if (voice := _named_voice(art, tok)) is not None:
        a.speaker, a.kind, a.role, a.confidence = voice.name, "person", voice.role, 0.6
        a.reason = f"the article names {voice.name} as the {voice.role}, and no one else in that role"
        a.rule = "named-spokesperson"
        return a
    if (org_name := _voiced_body(art, tok)) is not None:
        a.speaker, a.kind, a.role, a.confidence = org_name, "organisation", tok.lower_, 0.75
        a.reason, a.rule = f"'{span.text}' speaks for the organisation {org_name}", "spokesperson"
        return a
    match = art.registry.by_description(span.text)
    if match is not None:
        a.speaker, a.kind, a.role, a.confidence = match.name, "person", match.role, 0.7
        a.reason, a.rule = f"description '{span.text}' matched the role of {match.name}", "role-match"
        return a
    if _is_definite_office(span, tok) and (found := art.pronoun_person("they", pos)) is not None:
        # "Angela Rayner has insisted… the deputy prime minister said": the office means the person
        # the passage is about, as a pronoun would
        holder = found[0]
        a.speaker, a.kind, a.role, a.confidence = holder.name, "person", span.text[4:], 0.5
        a.reason = (
            f"description '{span.text}' taken to mean {holder.name}, the latest person named "
            f"{'as a subject ' if found[1] else ''}before it (no one else holds that role in the article)"
        )
        a.rule = "office-holder"
        return a
    if (body := _named_body(art, span, tok)) is not None:
        a.speaker, a.kind, a.confidence = _body_name(body), "organisation", 0.7
        a.reason = f"'{span.text}' is the organisation the article names in full as {a.speaker}"
        a.rule = "named-body"
        return a
    name = _body_name(span.text)
    has_org = any(t.ent_type_ in ORG_ENTS for t in span)
    a.speaker = name
    a.kind = "organisation" if (has_org or tok.lower_ in ORG_HEADS) and tok.lower_ not in PERSONISH else "person"
    a.confidence = 0.6
    a.reason, a.rule = f"description '{span.text}' is the subject of the cue", "description"
    return a
