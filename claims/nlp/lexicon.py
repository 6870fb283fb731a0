"""Word lists the extractor and the services share, each written once.

Keep every list here: a second copy elsewhere drifts (tests/nlp/test_lexicon.py looks for copies).
"""

from __future__ import annotations

# Personal pronouns that can stand for a speaker, with the gender they imply (None: any).
PRONOUNS: dict[str, str | None] = {
    "he": "m", "him": "m", "she": "f", "her": "f", "they": None, "i": None, "we": None, "it": None,
}  # fmt: skip
# Every pronoun form: a speaker mention made of one of these names nobody (never a speaker alias).
PRONOUN_FORMS = frozenset(
    "i me my mine we us our ours you your yours he him his she her hers it its they them their theirs".split()
)

# Pronoun forms by gender, for counting the pronouns that follow a person's name.
MALE_PRONOUN_FORMS = frozenset("he his him himself".split())
FEMALE_PRONOUN_FORMS = frozenset("she her hers herself".split())

# Reporting verbs (base forms; claims/nlp/attribution.py inflects them) and their irregular forms.
REPORTING_VERBS = frozenset(
    "say tell add write tweet post state declare insist warn explain note argue claim continue ask respond reply "
    "recall acknowledge admit announce assert comment conclude suggest remark joke quip shout chant complain "
    "charge contend maintain predict promise pledge vow urge boast concede confirm describe call read report "
    "observe recount emphasize emphasise stress muse wonder yell scream cry exclaim accuse criticize criticise "
    "blast slam praise testify told caution counter retort lament tout proclaim deny allege whisper mutter quote "
    "reiterate question demand agree disagree begin start finish thunder rail scoff sneer reason offer open greet "
    "press interject answer email text message sing plead beg brag gush snap mock ridicule dismiss affirm "
    "recommend surmise estimate calculate inquire challenge tease taunt thank apologize apologise repeat "
    "summarize summarise elaborate clarify laugh sigh reveal bemoan decry cite refer".split()
)
IRREGULAR_VERB_FORMS: dict[str, tuple[str, ...]] = {
    "say": ("said",), "refer": ("referred", "referring"), "tell": ("told",), "write": ("wrote", "written"),
    "read": ("read",), "begin": ("began", "begun"), "cry": ("cried",), "reply": ("replied",),
    "testify": ("testified",), "deny": ("denied",), "quip": ("quipped",), "admit": ("admitted",),
    "slam": ("slammed",), "retort": ("retorted",),
}  # fmt: skip
# Sentence-initial reporting verbs the tagger reads as a first name ("Stated Stone:", "Added Ms Lee:").
VERBS_TAKEN_FOR_NAMES = frozenset(
    "added adds asked asks continued explained insisted noted notes recalled replied says stated tweeted warned "
    "wrote".split()
)

# Titles and honorifics, dropped from canonical names (with ranks and styles from other cultures and services:
# Malaysian, Nigerian, Irish, British, military).
HONORIFICS = frozenset(
    "(retd) adm alhaja alhaji brig capt cllr col dame datin dato dato' datuk det dr fr gen gov hon hon. insp lady "
    "lord lt messrs miss most mr mrs ms mx prof puan rep retd rev rt sen sgt sir st supt tan toh".split()
)
# Abbreviated titles, kept whole by the tokenizer and never the end of a sentence when a name follows, so
# "Navy Capt. Jeff Davis said" stays one sentence with one name in it (spaCy's English exceptions know
# "Gov." but split "Capt." and "Sgt.", and its parser may end a sentence after either).
TITLE_ABBREVIATIONS = frozenset(
    f"{t}."
    for t in "Adm Amb Atty Brig Capt Cllr Cmdr Col Cpl Det Dr Fr Gen Gens Gov Hon Insp Lt Maj Messrs Mr Mrs Ms Msgr "
    "Mx Prof Pvt Rep Reps Rev Rt Sen Sens Sgt Supt".split()
)
# Second words of two-word honorifics ("Tan Sri", "Datuk Seri"): stripped only right after another one,
# since on their own they open names ("Sri Mulyani Indrawati").
HONORIFIC_SECONDS = frozenset({"sri", "seri"})
# Forms of address that are no part of a role ("Capt." and "Gov." are: "LASD Capt. Jane Roe").
SOCIAL_TITLES = frozenset("mr mrs ms dr sir".split())
MALE_TITLES = frozenset("mr sir lord king prince".split())
FEMALE_TITLES = frozenset("mrs ms miss dame lady queen princess".split())
# Name particles and suffixes kept inside a name ("Ursula von der Leyen", "Martin Luther King Jr").
NAME_PARTICLES = frozenset("von van der den de da di del della la le al el bin ibn dos das du ter ten y".split())
NAME_SUFFIXES = frozenset("jr sr ii iii iv".split())
# Words a real name does not contain: tagger output on headlines ("Trump Says He Never…") is not a person.
NOT_IN_NAMES = frozenset(
    "a after an and are at for he her his i is never not on said says she tells the they to told was we will with".split()
)

# Roles: words that describe a person by office or trade, stripped in front of a name ("prime minister Donald Tusk").
ROLE_WORDS = frozenset(
    "acting activist actor actress adviser advisor ambassador analyst anchor attorney author billionaire "
    "businessman businesswoman campaign candidate ceo chair chairman chairwoman chancellor chief columnist "
    "comedian commissioner communications congressman congresswoman conservative defence defense democrat "
    "democratic deputy director doctor economist executive first foreign former founder general gop governor "
    "health home host house incoming interim interior journalist judge justice king labour lady lawyer leader liberal "
    "majority manager mayor mep minister minority mp national nominee officer outgoing party pm pollster "
    "president presidential press prime prince princess professor queen rapper reporter representative republican "
    "secretary senator senior shadow sheriff singer speaker spokesman spokesperson spokeswoman state strategist "
    "then u.s. uk us vice whip white".split()
)
# Role words that also occur inside names or only qualify another role ("Martin Luther King", "Home Office"):
# they never end a role that sits in the middle of a capitalised run.
WEAK_ROLES = frozenset(
    "acting campaign communications conservative defence defense democrat democratic deputy first foreign former "
    "general gop health home house incoming interim interior justice king labour lady liberal majority minority national "
    "outgoing party presidential press prime prince princess queen republican senior shadow speaker state then "
    "u.s. uk us vice white".split()
)
# Offices one person holds at a time: "the deputy prime minister said" means the holder the article names.
OFFICES = frozenset(
    "ambassador candidate chairman chairwoman chancellor commissioner congressman congresswoman governor lawmaker "
    "mayor mep minister mp nominee pm premier president secretary senator taoiseach".split()
)
# Nouns that head an organisation's description ("the trust", "the ministry"), and those among them that
# are the person speaking for one.
ORG_HEADS = frozenset(
    "administration agency association authority bank board campaign charity club commission committee company "
    "council court department federation firm government group hospital ministry office organisation organization "
    "party police service spokesman spokesperson spokeswoman statement station trust union university".split()
)
PERSONISH = frozenset("adviser aide official source spokesman spokesperson spokeswoman".split())
# What a round-up's link paragraph says a person made: "Shykh Seraj made the remarks at a meeting".
SPEECH_NOUNS = frozenset("claim claims comment comments remark remarks statement statements".split())
# Words for the voice of an organisation: "a spokesperson for the ministry", "a Home Office statement".
VOICES = frozenset("officials representative spokesman spokespeople spokesperson spokeswoman statement".split())

# Words before a quoted name or title of a work: 'nicknamed “Iron Mike”', 'on “Face the Nation”'.
NAMING_WORDS = ("nicknamed", "dubbed", "so-called", "titled", "entitled", "known as", "a.k.a.", "aka")
TITLE_CONTEXT = frozenset(
    "on podcast show program programme memoir ad pseudonym newspaper magazine film movie book album song series "
    "column".split()
)

# Claim signals (the reasons a reviewer reads; claims/nlp/reasons.py words them).
CAUSAL_WORDS = frozenset(
    "because cause caused causes causing due led leads result resulted therefore thanks consequence blamed blame".split()
)
RECORD_WORDS = frozenset(
    "record ever first highest lowest largest biggest smallest unprecedented never doubled tripled halved".split()
)
OPINION_WORDS = frozenset(
    "think believe feel hope wish love hate great terrible wonderful awful beautiful disgrace shameful amazing".split()
)
FUTURE_WORDS = frozenset("will would could might may".split())
REPORTING_WORDS = frozenset("said says told reported claimed stated announced according added".split())
# Commitments and refusals: a pledge, a decision, a ruling-out is a checkable statement about an actor.
PLEDGE_WORDS = frozenset(
    "pledge pledged pledges promise promised promises vow vowed ruled ruling rule refuse refused refuses declined "
    "decline agreed agree announced announce plan plans planned committed commit signed rejected".split()
)

# Publisher boilerplate (claims/nlp/boilerplate.py, for ingest cleaning and claims): phrases that address the reader.
DONATION_APPEALS = (
    "your support", "your donation", "your contribution", "support us", "donate now", "make a donation",
    "make a contribution", "support our journalism", "support independent journalism", "support quality journalism",
    "help us keep", "become a member", "become a subscriber",
)  # fmt: skip
READ_MORE = ("read more", "read next", "continue reading", "read the full story", "see also", "more on this story")
SHARE_PROMPTS = (
    "share this article", "share this story", "share on facebook", "share on twitter", "share on whatsapp",
    "click here", "follow us on", "sign up", "subscribe to", "newsletter", "all rights reserved",
    "contributed to this report", "terms of use", "privacy policy",
)  # fmt: skip
# Photo agencies as their credits spell them, for captions "(Jane Doe/PA)", "(Getty Images)": ingest cleaning
# matches them case-sensitively on a paragraph, claim detection in any case on a piece of a sentence.
PHOTO_AGENCIES = (
    "Getty Images", "Getty", "PA", "PA Wire", "PA Media", "AP", "AP Photo", "AFP", "Reuters", "EPA", "EPA-EFE",
    "Shutterstock", "Alamy", "Bloomberg", "Anadolu", "Xinhua", "Rex", "Rex Features", "ANSA", "dpa", "AAP",
    "Press Association", "Handout", "Supplied",
)  # fmt: skip
