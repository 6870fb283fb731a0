"""Speaker finding: a sieve of rules over the dependency parse, from cue verbs to continuation."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .names import PRONOUNS, Registry, clean_mention, gender_of, split_role
from .quotes import RawQuote
from .text import Chunk

_VERBS = (
    "say tell add write tweet post state declare insist warn explain note argue claim continue ask "
    "respond reply recall acknowledge admit announce assert comment conclude suggest remark joke "
    "quip shout chant complain charge contend maintain predict promise pledge vow urge boast "
    "concede confirm describe call read report observe recount emphasize emphasise stress muse "
    "wonder yell scream cry exclaim accuse criticize criticise blast slam praise testify told "
    "caution counter retort lament tout proclaim deny allege whisper mutter quote reiterate "
    "explain question demand agree disagree begin start finish tweet thunder rail scoff sneer "
    "reason add recall offer open greet"
).split()
_IRREGULAR = {"say": ["said"], "tell": ["told"], "write": ["wrote", "written"], "read": ["read"],
              "begin": ["began", "begun"], "cry": ["cried"], "reply": ["replied"],
              "testify": ["testified"], "deny": ["denied"], "quip": ["quipped"],
              "admit": ["admitted"], "slam": ["slammed"], "retort": ["retorted"]}


def _forms(verb: str) -> set[str]:
    stem = verb[:-1] if verb.endswith("e") else verb
    out = {verb, verb + "s", stem + "ed", stem + "ing", *(_IRREGULAR.get(verb, []))}
    if verb.endswith("y"):
        out |= {verb[:-1] + "ies", verb[:-1] + "ied"}
    if verb.endswith(("sh", "ch", "ss", "x")):
        out.add(verb + "es")
    return out


CUE_WORDS = set().union(*(_forms(v) for v in _VERBS)) | {"according", "statement"}
_SUBJ = {"nsubj", "nsubjpass", "csubj"}
_CLIMB = {"conj", "xcomp", "advcl", "ccomp", "pcomp", "acl"}
_ORG_ENTS = {"ORG", "GPE", "NORP", "FAC"}
_ORG_HEADS = {"police", "ministry", "government", "department", "office", "campaign", "committee",
              "agency", "company", "council", "party", "administration", "court", "statement",
              "group", "spokesperson", "spokesman", "spokeswoman", "board", "commission", "union"}
_PERSONISH = {"spokesperson", "spokesman", "spokeswoman", "official", "source", "aide", "adviser"}


@dataclass
class Attribution:
    speaker: str | None = None
    mention: str | None = None
    m_start: int | None = None
    m_end: int | None = None
    kind: str | None = None
    role: str | None = None
    cue: str | None = None
    confidence: float = 0.0
    reason: str = "no speaker found"


class ArticleParse:
    """One article's parsed chunks with helpers mapping between tokens and original offsets."""

    def __init__(self, text: str, chunks: list[Chunk], docs: list[Doc], quotes: list[RawQuote]):
        self.text, self.chunks, self.docs, self.quotes = text, chunks, docs, quotes
        self.para_chunk: list[int] = []
        for ci, chunk in enumerate(chunks):
            self.para_chunk.extend([ci] * len(chunk.paras))
        self.registry = Registry()
        self.person_mentions: list[tuple[int, object]] = []
        self.inside: list[list[bool]] = [[False] * len(d) for d in docs]
        self.quote_tokens: list[Span | None] = []
        for q in quotes:
            ci = self.para_chunk[q.para]
            chunk, doc = chunks[ci], docs[ci]
            span = doc.char_span(chunk.to_chunk(q.outer_start), chunk.to_chunk(q.outer_end),
                                 alignment_mode="expand")
            self.quote_tokens.append(span)
            if span is not None:
                for i in range(span.start, span.end):
                    self.inside[ci][i] = True
        self._build_registry()

    def orig(self, ci: int, char: int) -> int:
        return self.chunks[ci].to_orig(char)

    def _build_registry(self) -> None:
        for ci, doc in enumerate(self.docs):
            for ent in doc.ents:
                if ent.label_ != "PERSON" or self.inside[ci][ent.start]:
                    continue
                pos = self.orig(ci, ent.start_char)
                role = _left_role(ent)
                person = self.registry.add(_with_title(ent), pos, role)
                if person is not None:
                    self.person_mentions.append((pos, person))

    def pronoun_person(self, pronoun: str, pos: int):
        gender = PRONOUNS.get(pronoun.lower())
        for mpos, person in reversed(self.person_mentions):
            if mpos < pos and (gender is None or person.gender in (None, gender)):
                return person
        return None


def _with_title(ent: Span) -> str:
    """Entity text with a directly preceding honorific ("Mr", "Sen.") kept, for gender hints."""
    if ent.start > 0 and gender_of(ent.doc[ent.start - 1].text + " x"):
        return ent.doc[ent.start - 1].text + " " + ent.text
    return ent.text


def _left_role(ent: Span) -> str | None:
    """Role words in front of a name ("prime minister" in "prime minister Donald Tusk")."""
    doc = ent.doc
    i = ent.start
    while i > 0 and doc[i - 1].dep_ in ("compound", "amod") and doc[i - 1].head.i in range(ent.start, ent.end) \
            and doc[i - 1].ent_type_ != "PERSON":
        i -= 1
    words = [t.text for t in doc[i:ent.start] if t.text.lower().rstrip(".") not in {"mr", "mrs", "ms", "dr", "sir"}]
    if words:
        return " ".join(words)
    for child in ent.root.children:
        if child.dep_ == "appos" and child.pos_ == "NOUN":
            left = min(t.i for t in child.subtree)
            return doc[left:child.i + 1].text
    return None


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
        for child in tok.children:
            if child.dep_ in _SUBJ and not (child.dep_ == "nsubjpass" and tok.lower_ in ("told", "asked")):
                if child.tag_ in ("WP", "WDT") and tok.dep_ == "relcl":
                    return tok.head
                return child
            if child.dep_ == "agent":
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        return obj
        if tok.dep_ == "relcl":
            return tok.head
        if tok.dep_ in _CLIMB and tok.head is not tok:
            tok = tok.head
            continue
        return None
    return None


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
    return doc[left:right + 1]


def resolve_speaker(art: ArticleParse, ci: int, tok: Token) -> Attribution | None:
    """Turn a subject token into a canonical speaker."""
    doc = tok.doc
    pos = art.orig(ci, tok.idx)
    if tok.lower_ in PRONOUNS and tok.pos_ == "PRON":
        person = art.pronoun_person(tok.lower_, pos) if tok.lower_ in ("he", "she") else None
        a = Attribution(mention=tok.text, m_start=pos, m_end=pos + len(tok.text))
        if person is not None:
            a.speaker, a.kind, a.role = person.name, "person", person.role
            a.reason = f"pronoun '{tok.text}' resolved to the most recent matching PERSON {person.name}"
            a.confidence = 0.6
        else:
            a.reason = f"pronoun '{tok.text}' left unresolved"
            a.confidence = 0.3
        return a
    if tok.dep_ in ("nsubj", "pobj") and tok.pos_ == "NOUN":
        for child in tok.children:
            if child.dep_ == "appos" and child.ent_type_ == "PERSON":
                tok = child
                break
    if tok.ent_type_:
        ent = next((e for e in doc.ents if e.start <= tok.i < e.end), None)
    else:
        ent = None
    if ent is not None and ent.label_ == "PERSON":
        mention = _with_title(ent)
        speaker, role, _ = art.registry.resolve(mention, pos)
        start = art.orig(ci, ent.start_char)
        return Attribution(speaker=speaker, mention=ent.text, m_start=start, m_end=start + len(ent.text),
                           kind="person", role=role or _left_role(ent), confidence=0.9,
                           reason=f"PERSON '{ent.text}' is the subject of the cue")
    if ent is not None and ent.label_ in _ORG_ENTS and tok.pos_ == "PROPN":
        start = art.orig(ci, ent.start_char)
        name = clean_mention(ent.text)
        if name.lower().startswith("the "):
            name = name[4:]
        return Attribution(speaker=name, mention=ent.text, m_start=start, m_end=start + len(ent.text),
                           kind="organisation", confidence=0.85,
                           reason=f"{ent.label_} '{ent.text}' is the subject of the cue")
    if tok.pos_ == "PROPN":
        left = tok.i
        while left > 0 and doc[left - 1].dep_ == "compound" and doc[left - 1].pos_ == "PROPN":
            left -= 1
        span = doc[left:tok.i + 1]
        speaker, role, person = art.registry.resolve(span.text, pos)
        start = art.orig(ci, span.start_char)
        return Attribution(speaker=speaker, mention=span.text, m_start=start, m_end=start + len(span.text),
                           kind="person" if person else None, role=role, confidence=0.7,
                           reason=f"proper noun '{span.text}' is the subject of the cue")
    if tok.pos_ in ("NOUN", "PROPN"):
        span = _description(tok)
        start = art.orig(ci, span.start_char)
        person = art.registry.by_description(span.text)
        a = Attribution(mention=span.text, m_start=start, m_end=start + len(span.text))
        if person is not None:
            a.speaker, a.kind, a.role, a.confidence = person.name, "person", person.role, 0.7
            a.reason = f"description '{span.text}' matched the role of {person.name}"
            return a
        name = clean_mention(span.text)
        if name.lower().startswith("the "):
            name = name[4:]
        has_org = any(t.ent_type_ in _ORG_ENTS for t in span)
        a.speaker = name
        a.kind = "organisation" if (has_org or tok.lower_ in _ORG_HEADS) and tok.lower_ not in _PERSONISH else "person"
        a.confidence = 0.6
        a.reason = f"description '{span.text}' is the subject of the cue"
        return a
    return None


def _cue_text(verb: Token) -> str:
    if verb.lower_ == "according":
        return "according to"
    words = [verb.text]
    for child in verb.rights:
        if child.dep_ in ("dobj", "dative") and child.i - verb.i <= 2 and child.pos_ in ("NOUN", "PRON"):
            words.append(child.text)
    return " ".join(words)


def _cue_in(art: ArticleParse, ci: int, tokens, quote: Span) -> Attribution | None:
    inside = art.inside[ci]
    best = None
    for tok in tokens:
        if inside[tok.i] or tok.lower_ not in CUE_WORDS:
            continue
        if tok.lower_ == "statement" and not any(c.dep_ == "poss" for c in tok.children):
            continue
        if tok.pos_ not in ("VERB", "AUX", "NOUN") and tok.lower_ != "according":
            continue
        dist = quote.start - tok.i if tok.i < quote.start else tok.i - quote.end + 0.5
        subj = None
        if tok.lower_ == "statement":
            subj = next(c for c in tok.children if c.dep_ == "poss")
        else:
            subj = subject_of(tok)
        if subj is None or inside[subj.i]:
            continue
        if best is None or dist < best[0]:
            best = (dist, tok, subj)
    if best is None:
        return None
    _, verb, subj = best
    attr = resolve_speaker(art, ci, subj)
    if attr is None:
        return None
    attr.cue = _cue_text(verb)
    if attr.speaker:
        attr.reason = f"{attr.reason} '{verb.text}' in the same sentence"
    return attr


def _sentence_bounds(quote: Span) -> tuple[int, int]:
    return quote[0].sent.start, quote[-1].sent.end


def _prev_token(doc: Doc, i: int) -> Token | None:
    while i > 0:
        i -= 1
        if not doc[i].is_space:
            return doc[i]
    return None


def _next_token(doc: Doc, i: int) -> Token | None:
    while i < len(doc):
        if not doc[i].is_space:
            return doc[i]
        i += 1
    return None


def _dash_speaker(art: ArticleParse, ci: int, doc: Doc, span: Span) -> Attribution | None:
    """"“…” ― Jane Doe": a dash right after the quote followed by a name."""
    dash = _next_token(doc, span.end)
    if dash is None or dash.text not in ("―", "—", "–", "-", "--"):
        return None
    name = _next_token(doc, dash.i + 1)
    if name is None or name.ent_type_ not in ("PERSON", "ORG"):
        return None
    attr = resolve_speaker(art, ci, name)
    if attr is not None:
        attr.cue = dash.text
        attr.reason = f"{attr.reason} after a dash following the quote"
    return attr


def attribute(art: ArticleParse) -> list[Attribution]:
    """Attribute every quote of the article; the sieve runs from surest to weakest rule."""
    out: list[Attribution] = [Attribution() for _ in art.quotes]
    for qi, q in enumerate(art.quotes):
        span = art.quote_tokens[qi]
        if span is None or len(span) == 0:
            continue
        ci = art.para_chunk[q.para]
        doc = art.docs[ci]
        lo, hi = _sentence_bounds(span)
        attr = _cue_in(art, ci, doc[lo:hi], span)
        if attr is None:
            # "“Why me?” Trump said." is often split after the question mark
            nxt = _next_token(doc, hi)
            if nxt is not None and not nxt.is_space and nxt.idx - doc[hi - 1].idx < 6 \
                    and doc[hi - 1].i >= span.end - 1 and "\n" not in doc[hi - 1:nxt.i].text:
                attr = _cue_in(art, ci, doc[nxt.i:nxt.sent.end], span)
        if attr is None:
            prev = _prev_token(doc, lo)
            if prev is not None and prev.text in (":", ",", "…"):
                attr = _cue_in(art, ci, prev.sent, span)
                if attr is not None:
                    attr.reason += " (introduces the quote with a colon)"
        if attr is None:
            attr = _dash_speaker(art, ci, doc, span)
        if attr is not None:
            out[qi] = attr
    _propagate(art, out)
    return out


def _propagate(art: ArticleParse, out: list[Attribution]) -> None:
    """Quotes without a cue take the speaker of a neighbouring quote in the paragraph or the one before."""
    text = art.text
    for qi, q in enumerate(art.quotes):
        if out[qi].speaker or out[qi].mention:
            continue
        donor = None
        for other in range(qi + 1, len(art.quotes)):
            if art.quotes[other].para != q.para:
                break
            if out[other].speaker and not _has_cue_between(text, art.quotes[qi], art.quotes[other]):
                donor = other
                break
        if donor is None and qi > 0:
            prev = art.quotes[qi - 1]
            starts_para = q.outer_start == art.chunks[art.para_chunk[q.para]].paras[0].start or \
                text[:q.outer_start].rstrip(" \t").endswith("\n") or q.para > prev.para
            if out[qi - 1].speaker and (prev.para == q.para or (prev.para == q.para - 1 and starts_para)):
                donor = qi - 1
        if donor is not None:
            d = out[donor]
            out[qi] = Attribution(speaker=d.speaker, mention=d.mention, m_start=d.m_start, m_end=d.m_end,
                                  kind=d.kind, role=d.role, cue=None, confidence=round(d.confidence * 0.8, 2),
                                  reason=f"continues the {'previous' if donor < qi else 'next'} quote by {d.speaker}")


def _has_cue_between(text: str, a: RawQuote, b: RawQuote) -> bool:
    between = text[a.outer_end:b.outer_start]
    return any(w.strip(".,;:").lower() in CUE_WORDS for w in between.split())
