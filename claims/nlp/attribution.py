"""Speaker finding: a sieve of rules over the dependency parse, from cue verbs to continuation."""

from __future__ import annotations

import bisect
import re

from spacy.tokens import Doc, Span, Token

from .article import ArticleParse, entity_of
from .lexicon import IRREGULAR_VERB_FORMS, PRONOUNS, REPORTING_VERBS, SPEECH_NOUNS
from .quotes import RawQuote
from .speakers import Attribution, quoted_as, resolve_speaker, subject_of
from .text import Paragraph


def _forms(verb: str) -> set[str]:
    stem = verb[:-1] if verb.endswith("e") else verb
    out = {verb, verb + "s", stem + "ed", stem + "ing", *IRREGULAR_VERB_FORMS.get(verb, ())}
    if verb.endswith("y"):
        out |= {verb[:-1] + "ies", verb[:-1] + "ied"}
    if verb.endswith(("sh", "ch", "ss", "x")):
        out.add(verb + "es")
    return out


CUE_WORDS = set().union(*(_forms(v) for v in REPORTING_VERBS)) | {"according", "statement"}


def _cue_text(verb: Token) -> str:
    if verb.lower_ == "according":
        return "according to"
    words = [verb.text]
    for child in verb.rights:
        if child.dep_ in ("dobj", "dative") and child.i - verb.i <= 2 and child.pos_ in ("NOUN", "PRON"):
            words.append(child.text)
    return " ".join(words)


_SPEAKERISH_ENTS = {"PERSON", "ORG", "NORP", "GPE"}


def _linear_subject(art: ArticleParse, ci: int, verb: Token) -> Token | None:
    """Fallback when the parse gives the cue no subject: the name between the quote and the verb
    ("…,” Gene Walker, an adviser, said"), right after it ("…,” said Gene Walker"), or, for a verb
    coordinated with the clause before ("Jane Roe was scathing…, but stressed"), that clause's person."""
    doc = verb.doc
    inside = art.inside[ci]
    i = verb.i - 1
    start = verb.i
    while i >= 0 and not inside[i] and verb.i - i <= 15 and doc[i].text not in (".", "!", "?"):
        start = i
        i -= 1
    if i >= 0 and inside[i]:
        between = [t for t in doc[start : verb.i] if not _is_place_token(art, t)]
        people = [t for t in between if t.ent_type_ == "PERSON"]
        for tok in people[:1] or between:  # a person before a place or body that qualifies them
            if tok.ent_type_ in _SPEAKERISH_ENTS or (tok.pos_ == "PRON" and tok.lower_ in PRONOUNS):
                return tok
    prev = _prev_token(doc, verb.i)
    if prev is not None and prev.pos_ == "CCONJ" and verb.tag_ in ("VBD", "VBZ"):
        for tok in doc[verb.sent.start : prev.i]:
            if not inside[tok.i] and tok.ent_type_ == "PERSON" and not _is_place_token(art, tok):
                return tok
    for tok in doc[verb.i + 1 : min(verb.i + 6, len(doc))]:
        if inside[tok.i]:
            break
        if _is_place_token(art, tok):
            continue
        if tok.ent_type_ == "PERSON" or (tok.pos_ == "PRON" and tok.lower_ in ("he", "she")):
            return tok
        if tok.pos_ == "PROPN" and tok.is_title and not tok.ent_type_ and verb.text.islower():
            # an untagged two-word name: "…,” said Oversight ranking Democrat Elijah Cummings"
            # (a capitalised verb means a headline: "Clinton Called For Closing Carried Interest Loophole")
            head = tok
            while head.dep_ == "compound" and head.head.pos_ == "PROPN" and head.head.i > head.i:
                head = head.head
            if head.i > tok.i:
                return head
    return None


def _is_place_token(art: ArticleParse, tok: Token) -> bool:
    ent = entity_of(tok)
    return ent is not None and ent.label_ == "PERSON" and art.is_place(ent)


def _dominates(verb: Token, quote: Span) -> int:
    """How many levels above the quote's head the verb sits (0 when it is not an ancestor, or only through
    an adverbial clause: in "Rumors began after X was quoted as saying “…”" the quote is not what began)."""
    head = _content_root(quote)
    below = head
    for depth, anc in enumerate(head.ancestors, start=1):
        if anc.i == verb.i:
            return 0 if below.dep_ == "advcl" else depth
        below = anc
    return 0


def _content_root(quote: Span) -> Token:
    """The quote's highest word: its own root unless that is a closing mark or full stop the parser hung
    on the sentence's verb (which would make that verb look like the one the quote hangs from)."""
    root = quote.root
    if not root.is_punct:
        return root
    words = [t for t in quote if not t.is_punct and not (quote.start <= t.head.i < quote.end and t.head.i != t.i)]
    return min(words, key=lambda t: sum(1 for _ in t.ancestors), default=root)


def _closes_speech(quote: Span) -> bool:
    """The quote ends like a spoken turn: punctuation just inside the closing mark ("…?” / "…,”)."""
    return len(quote) >= 2 and quote[-2].text in (",", ".", "?", "!", "…", "—")


def _governs(verb: Token, quote: Span) -> bool:
    return any(
        quote.start <= c.i < quote.end and c.dep_ in ("ccomp", "dobj", "xcomp", "parataxis", "oprd")
        for c in verb.children
    )


def _cue_in(
    art: ArticleParse, ci: int, tokens: Span, quote: Span, any_verb: bool = False, step: str = "cue"
) -> Attribution | None:
    """The speaker of the best cue among tokens outside quotes, ranked: a reporting verb the quote hangs from
    (outermost first), then the nearest reporting verb, then other verbs next to or governing it."""
    inside = art.inside[ci]
    doc = tokens.doc
    found = []
    for i in art.outside_quotes(ci, tokens.start, tokens.end):
        tok = doc[i]
        rank = 1
        if tok.lower_ not in CUE_WORDS:
            # any verb right after the quote ("…?” Hannity pressed), governing it, or before a colon (the
            # clause's root, or a verb the parser hung from the quote: "Sir Keir hit back: “…”")
            if tok.pos_ != "VERB" or not (
                (any_verb and (tok.dep_ == "ROOT" or quote.start <= tok.head.i < quote.end))
                or (_closes_speech(quote) and 0 <= tok.i - quote.end < 3)
                or _governs(tok, quote)
            ):
                continue
            rank = 2
        elif (
            (tok.lower_ == "statement" and not any(c.dep_ == "poss" for c in tok.children))
            or (tok.pos_ not in ("VERB", "AUX") and tok.lower_ not in ("according", "statement"))
            or _quotes_as_saying(tok)
        ):
            continue
        dist = quote.start - tok.i if tok.i < quote.start else tok.i - quote.end + 0.5
        subj: Token | None
        if tok.lower_ == "statement":
            subj = next(c for c in tok.children if c.dep_ == "poss")
        else:
            subj = subject_of(tok)
        if subj is None or inside[subj.i]:
            subj = _linear_subject(art, ci, tok)
        if subj is None:
            continue
        depth = _dominates(tok, quote)
        if rank == 1 and depth:
            rank, dist = 0, -depth
        found.append((rank, dist, tok.i, tok, subj))
    for _, _, _, verb, subj in sorted(found, key=lambda f: f[:3]):
        attr = resolve_speaker(art, ci, subj)
        if attr is None:
            continue
        attr.cue, attr.rule = _cue_text(verb), f"{step}/{attr.rule}"
        if attr.speaker:
            joint = " " if attr.reason.endswith("is the subject of the cue") else "; subject of the cue "
            attr.reason = f"{attr.reason}{joint}'{verb.text}' in the same sentence"
        return attr
    return None


def _quotes_as_saying(verb: Token) -> bool:
    """ "(NPR) quoted X as saying": the inner cue names the speaker; this one names who quoted them."""
    return any(g.lower_ in CUE_WORDS and quoted_as(g) is not None for c in verb.children for g in c.children)


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
    """ "“…” ― Jane Doe": a dash right after the quote followed by a name."""
    dash = _next_token(doc, span.end)
    if dash is None or dash.text not in ("―", "—", "–", "-", "--"):
        return None
    name = _next_token(doc, dash.i + 1)
    if name is None or (name.ent_type_ not in ("PERSON", "ORG") and name.pos_ != "PROPN"):
        return None
    while name.dep_ == "compound" and name.head.i > name.i and name.head.pos_ == "PROPN":
        name = name.head
    attr = resolve_speaker(art, ci, name)
    if attr is not None:
        attr.cue = dash.text
        attr.reason = f"{attr.reason} after a dash following the quote"
        attr.rule = f"dash/{attr.rule}"
    return attr


_LABEL = re.compile(r"([A-Z][A-Z.'’ -]{1,40}[A-Z.]):\s")


def _transcript_label(art: ArticleParse, q: RawQuote) -> Attribution | None:
    """Transcript turns quoted as "PENCE: And that is why…": the capitalised label is the speaker."""
    m = _LABEL.match(art.text, q.start, q.end)
    if m is None:
        return None
    label = m.group(1)
    name, role, _person = art.registry.resolve(label.title(), q.start)
    return Attribution(
        speaker=name,
        mention=label,
        m_start=q.start,
        m_end=q.start + len(label),
        kind="person",
        role=role,
        cue=":",
        confidence=0.8,
        reason=f"transcript label '{label}' opens the quote",
        rule="transcript-label/label",
    )


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
        p_lo, p_hi = art.para_tokens(q.para)
        lo, hi = max(lo, p_lo), min(hi, p_hi)
        attr = _transcript_label(art, q) or _paragraph_label(art, q)
        if attr is None:
            attr = _cue_in(art, ci, doc[lo:hi], span)
        if attr is None:
            # "“Why me?” Trump said." is often split after the question mark
            nxt = _next_token(doc, hi)
            if (
                nxt is not None
                and not nxt.is_space
                and nxt.idx - doc[hi - 1].idx < 6
                and doc[hi - 1].i >= span.end - 1
                and "\n" not in doc[hi - 1 : nxt.i].text
            ):
                attr = _cue_in(art, ci, doc[nxt.i : nxt.sent.end], span, step="cue-next-sentence")
        if attr is None:
            attr = _introducing_clause(art, ci, doc, span)
        if attr is None:
            prev = _prev_token(doc, lo)
            if prev is not None and prev.text in (",", "…"):
                attr = _cue_in(art, ci, prev.sent, span, step="cue-comma-sentence")
        if attr is None:
            attr = _dash_speaker(art, ci, doc, span)
        if attr is None:
            attr = _previous_sentence(art, ci, doc, span, lo, p_lo)
        if attr is None:
            attr = _sentence_subject(art, ci, doc[lo:hi], q, span)
        if attr is not None:
            out[qi] = attr
    _propagate(art, out)
    _introduced(art, out)
    _named_in_next_paragraph(art, out)
    _propagate(art, out)
    return out


def sole_speaker(attrs: list[Attribution]) -> list[Attribution]:
    """A profile or an interview: when two or more of the article's kept quotes are attributed and all to
    one speaker, a quote no rule could attribute (no cue, no mention) is taken as theirs too, the weakest
    rule of all. Run on the quotes kept (a scare quote dropped for want of a speaker stays dropped)."""
    attributed = [a for a in attrs if a.speaker]
    if len(attributed) < 2 or len({a.speaker for a in attributed}) != 1:
        return attrs
    donor = attributed[0]
    reason = f"every quote the article attributes ({len(attributed)}) is {donor.speaker}'s, and no rule names another"
    return [a if a.speaker or a.mention else donor.lent(reason, "sole-speaker") for a in attrs]


_PARA_LABEL = re.compile(r"\s*([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}):\s*$")


def _paragraph_label(art: ArticleParse, q: RawQuote) -> Attribution | None:
    """Q&A transcripts: "Media: “…”" / "Tan Sri Muhyiddin: “…”". A paragraph that opens with a short
    capitalised label and a colon right before the quote is that speaker's turn; the label resolves to
    the fullest name the article gives, or stays as written ("Media", "Reporter") when it names nobody."""
    m = _PARA_LABEL.fullmatch(art.text, _para_start(art, q), q.outer_start)
    if m is None:
        return None
    label = m.group(1)
    name, role, person = art.registry.resolve(label, m.start(1))
    return Attribution(
        speaker=name,
        mention=label,
        m_start=m.start(1),
        m_end=m.end(1),
        kind="person" if person is not None else None,
        role=role,
        cue=":",
        confidence=0.8 if person is not None else 0.6,
        reason=f"the paragraph opens with the label '{label}:' right before the quote",
        rule="paragraph-label/" + ("person" if person is not None else "label"),
    )


def _whole_paragraph(art: ArticleParse, q: RawQuote) -> bool:
    """The quote is all its paragraph holds (a round-up's quote paragraph)."""
    para = _para_of(art, q)
    return not art.text[para.start : q.outer_start].strip() and not art.text[q.outer_end : para.end].strip(" .,")


def _named_in_next_paragraph(art: ArticleParse, out: list[Attribution]) -> None:
    """ "What they said" round-ups: a quote paragraph with no cue, followed by a quote-free paragraph
    that names a person ("Anthony Cunningham is backing Galway to bounce back."), is that person's."""
    quoted_paras = {q.para for q in art.quotes}
    for qi, q in enumerate(art.quotes):
        nxt = q.para + 1
        if out[qi].speaker or out[qi].mention or nxt >= len(art.para_chunk) or nxt in quoted_paras:
            continue
        if art.para_chunk[nxt] != art.para_chunk[q.para] or not _whole_paragraph(art, q):
            continue
        ci = art.para_chunk[nxt]
        lo, hi = art.para_tokens(nxt)
        para = art.docs[ci][lo:hi]
        if para and para[0].sent.end < para.end:
            continue  # a round-up's link is one sentence; a longer paragraph moves the story on
        person = _paragraph_person(para)
        if person is None:
            continue
        attr = resolve_speaker(art, ci, person)
        if attr is None or not attr.speaker:
            continue
        attr.confidence = round(min(attr.confidence, 0.9) * 0.6, 2)
        attr.reason = f"{attr.speaker} is named in the next paragraph, which carries no quote of its own"
        attr.rule = f"next-paragraph/{attr.rule}"
        out[qi] = attr


def _paragraph_person(para: Span) -> Token | None:
    """The person a paragraph is about: a PERSON that is (part of) the first sentence's subject, else the
    first PERSON named that is not a possessive ("Lynskey's counterpart Liam Cahill")."""
    people = [t for t in para if t.ent_type_ == "PERSON" and t.ent_iob_ == "B"]
    people = [
        t for t in people if not any(c.dep_ == "case" for c in (entity_of(t) or t.doc[t.i : t.i + 1]).root.children)
    ]
    for tok in people:
        root = (entity_of(tok) or tok.doc[tok.i : tok.i + 1]).root
        if root.dep_ in ("nsubj", "nsubjpass") or root.head.dep_ in ("nsubj", "nsubjpass"):
            return root
    if people:
        return (entity_of(people[0]) or people[0].doc[people[0].i : people[0].i + 1]).root
    # a name the tagger missed, as the subject of a sentence about speaking ("AKM Rahmatullah, chairman of
    # the committee, made the statement")
    root = para[0].sent.root
    speech = root.lower_ in CUE_WORDS or any(c.dep_ == "dobj" and c.lower_ in SPEECH_NOUNS for c in root.children)
    subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
    return subject if speech and subject is not None and subject.pos_ == "PROPN" and subject.is_title else None


_INTRO_MARKS = (":", "--", "—", "–")


def _introducing_clause(art: ArticleParse, ci: int, doc: Doc, span: Span) -> Attribution | None:
    """ "Jeb Bush broke it down for the paper: “…”" / "Rep. Trey Gowdy (R-S.C.): “…”": a clause or a bare
    name ending in a colon or dash right before the quote introduces its speaker."""
    mark = _prev_token(doc, span.start)
    if mark is None or not (mark.text in _INTRO_MARKS or mark.text.endswith(":")):  # "):" is one token
        return None
    clause = doc[mark.sent.start : mark.i]  # may end the previous paragraph ("She said:\n\n“…”")
    attr = _name_before_colon(art, ci, clause, mark)
    if attr is not None:
        return attr
    attr = _cue_in(art, ci, clause, span, any_verb=True, step="intro-clause")
    if attr is not None:
        attr.reason += f" (introduces the quote with '{mark.text}')"
        return attr
    if len(clause) > 12 or any(t.pos_ == "VERB" for t in clause):
        return None
    name = next((t for t in clause if t.ent_type_ == "PERSON"), None)
    if name is None:
        return None
    attr = resolve_speaker(art, ci, name)
    if attr is not None and attr.speaker:
        attr.cue, attr.confidence = mark.text, round(attr.confidence * 0.8, 2)
        attr.reason = f"{attr.reason.split(' is the subject')[0]} labels the quote before '{mark.text}'"
        attr.rule = f"intro-name/{attr.rule}"
    return attr


def _name_before_colon(art: ArticleParse, ci: int, clause: Span, mark: Token) -> Attribution | None:
    """ "…doesn't surprise pollster Daron Shaw: “…”" / "Pollsters agree - Carl Bialik: “…”": a person named
    right before the colon speaks, unless they are the one told or asked ("Trump told Megyn Kelly:")."""
    last = _prev_token(clause.doc, mark.i)
    if last is None or last.i < clause.start or last.ent_type_ != "PERSON" or not mark.text.endswith(":"):
        return None
    ent = entity_of(last)
    if ent is None:
        return None
    head = ent.root.head
    if ent.root.dep_ in ("dobj", "dative", "pobj") and (head.lower_ in CUE_WORDS or head.head.lower_ in CUE_WORDS):
        return None
    attr = resolve_speaker(art, ci, ent.root)
    if attr is not None and attr.speaker:
        attr.cue, attr.confidence = ":", round(attr.confidence * 0.8, 2)
        attr.reason = f"PERSON '{ent.text}' is named right before the colon that introduces the quote"
        attr.rule = f"colon-name/{attr.rule}"
    return attr


def _previous_sentence(art: ArticleParse, ci: int, doc: Doc, span: Span, lo: int, p_lo: int) -> Attribution | None:
    """ "Sami recalled his first trip. “How will I survive here?”": a quote opening a sentence takes the
    speaker of a reporting verb in the sentence before it, within the paragraph."""
    if lo <= p_lo or art.chunks[ci].text[doc[lo].idx : span.start_char].strip():
        return None
    prev = doc[lo - 1].sent
    if prev.start < p_lo or any(art.inside[ci][prev.start : prev.end]):
        return None  # a quote in that sentence: continuation (`_propagate`) decides
    attr = _cue_in(art, ci, prev, span, step="previous-sentence")
    if attr is None or not attr.speaker:
        return None
    attr.confidence = round(attr.confidence * 0.7, 2)
    attr.reason = attr.reason.replace("in the same sentence", "in the sentence before")
    return attr


def _sentence_subject(art: ArticleParse, ci: int, sentence: Span, q: RawQuote, span: Span) -> Attribution | None:
    """Last resort for a quote of four words or more inside a reported sentence with no reporting verb
    ("Rubio bemoaned a climate in which people “literally hate each other”"): the sentence's subject.
    Shorter quotes are left alone: without a speaker they are dropped as scare quotes."""
    if len(art.text[q.start : q.end].split()) < 4:
        return None
    attr = _cue_in(art, ci, sentence, span, any_verb=True, step="sentence-subject")
    if attr is None or not attr.speaker:
        return None
    attr.confidence = round(attr.confidence * 0.6, 2)
    attr.reason = attr.reason.replace("subject of the cue", "subject of the sentence's verb") + " (no reporting verb)"
    return attr


def _introduced(art: ArticleParse, out: list[Attribution]) -> None:
    """A quote opening a paragraph right after a quote-free paragraph that ends by reporting speech
    ("Howard continued his remarks." / "She released a statement:") belongs to that speaker."""
    quoted_paras = {q.para for q in art.quotes}
    for qi, q in enumerate(art.quotes):
        if out[qi].speaker or out[qi].mention or q.para == 0 or q.para - 1 in quoted_paras:
            continue
        if (
            art.para_chunk[q.para - 1] != art.para_chunk[q.para]
            or art.text[_para_start(art, q) : q.outer_start].strip()
        ):
            continue
        ci = art.para_chunk[q.para]
        doc = art.docs[ci]
        _lo, hi = art.para_tokens(q.para - 1)
        last = _prev_token(doc, hi)
        span = art.quote_tokens[qi]
        if last is None or span is None:
            continue
        attr = _cue_in(art, ci, doc[last.sent.start : hi], span, any_verb=last.text == ":", step="previous-paragraph")
        if attr is not None and attr.speaker:
            attr.confidence = round(attr.confidence * 0.7, 2)
            attr.reason = f"{attr.reason} (the previous paragraph introduces the quote)"
            out[qi] = attr


# How many later quotes of the paragraph may lend a speaker (bounded, so a paragraph of thousands of
# quotes stays linear).
_DONOR_REACH = 8


def _propagate(art: ArticleParse, out: list[Attribution]) -> None:
    """Quotes without a cue take the speaker of a neighbouring quote in the paragraph or the one before."""
    text = art.text
    for qi, q in enumerate(art.quotes):
        if out[qi].speaker or out[qi].mention:
            continue
        donor = None
        for other in range(qi + 1, min(len(art.quotes), qi + 1 + _DONOR_REACH)):
            if art.quotes[other].para != q.para:
                break
            if out[other].speaker and not _has_cue_between(text, art.quotes[qi], art.quotes[other]):
                donor = other
                break
        if donor is None and not q.closed and qi + 1 < len(art.quotes):
            # the quote runs on unclosed into the next paragraph, whose quote names the speaker
            nxt = art.quotes[qi + 1]
            if (
                nxt.para == q.para + 1
                and out[qi + 1].speaker
                and not text[_para_start(art, nxt) : nxt.outer_start].strip()
            ):
                donor = qi + 1
        if donor is None and qi > 0:
            prev = art.quotes[qi - 1]
            starts_para = q.para > prev.para and not text[_para_start(art, q) : q.outer_start].strip()
            if out[qi - 1].speaker and (prev.para == q.para or (prev.para == q.para - 1 and starts_para)):
                donor = qi - 1
        if donor is not None:
            d = out[donor]
            out[qi] = d.lent(
                _continuation_reason(q, art.quotes[donor], d.speaker or ""), _continuation_step(q, art.quotes[donor])
            )


def _continuation_step(q: RawQuote, donor: RawQuote) -> str:
    """The `rule` step of a continuation, one key per kind that `_continuation_reason` words."""
    if donor.para > q.para:
        return "runs-on"
    return "continues-previous" if donor.start < q.start else "continues-next"


def _continuation_reason(q: RawQuote, donor: RawQuote, speaker: str) -> str:
    if donor.para > q.para:
        return f"runs on unclosed into the next paragraph, where it is attributed to {speaker}"
    return f"continues the {'previous' if donor.start < q.start else 'next'} quote by {speaker}"


def _para_of(art: ArticleParse, q: RawQuote) -> Paragraph:
    chunk = art.chunks[art.para_chunk[q.para]]
    return chunk.paras[max(bisect.bisect_right(chunk.starts, q.outer_start) - 1, 0)]


def _para_start(art: ArticleParse, q: RawQuote) -> int:
    return _para_of(art, q).start


def _has_cue_between(text: str, a: RawQuote, b: RawQuote) -> bool:
    between = text[a.outer_end : b.outer_start]
    return any(w.strip(".,;:").lower() in CUE_WORDS for w in between.split())
