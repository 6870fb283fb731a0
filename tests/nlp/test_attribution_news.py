"""Attribution rules for world news copy (issue 10), one hand-written text per rule."""


def only(ex, fragment):
    matches = [q for q in ex.quotes if fragment in q.text]
    assert matches, f"no quote containing {fragment!r} in {[q.text for q in ex.quotes]}"
    return matches[0]


def test_round_up_quote_takes_the_person_named_in_the_next_paragraph(extract):
    text = (
        "Voices from the weekend\n\n"
        "“We stayed calm and the young players showed real character out there.”\n\n"
        "Maria Delgado was proud of her squad after the final.\n\n"
        "“It was never going to be easy against a side like that one.”\n\n"
        "Tomas Novak's assistant Peter Glynn had no complaints."
    )
    ex = extract(text)
    assert only(ex, "stayed calm").speaker == "Maria Delgado"
    assert only(ex, "never going").speaker == "Peter Glynn"


def test_question_and_answer_labels_name_the_speakers(extract):
    text = (
        "Questions for Anna Lindqvist at the briefing.\n\n"
        "Reporter: “Will you stand again next year?”\n\n"
        "Lindqvist: “Yes, I will stand again and I expect to win.”"
    )
    ex = extract(text)
    assert only(ex, "stand again next").speaker == "Reporter"
    assert only(ex, "expect to win").speaker == "Anna Lindqvist"


def test_the_trust_is_the_organisation_named_in_full(extract):
    text = (
        "Waiting lists at Leeds and Wakefield Community Health Trust fell in March.\n\n"
        "The trust said it had made “real and lasting progress” on cancer care."
    )
    assert only(extract(text), "lasting progress").speaker == "Leeds and Wakefield Community Health Trust"


def test_spokesperson_named_by_a_modifier_speaks_for_the_organisation(extract):
    text = "A Rovers spokesperson added: “The club will help the police identify the people involved.”"
    assert only(extract(text), "identify").speaker == "Rovers"


def test_person_named_inside_the_description_is_the_speaker(extract):
    text = "“This is not the festival we were promised,” said painter and director Nikos Alexiou."
    assert only(extract(text), "festival").speaker == "Nikos Alexiou"


def test_lowercase_noun_the_tagger_calls_a_person_is_a_description(extract):
    text = "“Nobody is allowed in this morning,” one garda said outside the court."
    assert only(extract(text), "Nobody").speaker == "one garda"


def test_pronoun_finds_a_full_name_the_tagger_called_an_organisation(extract):
    text = (
        "RFS Chief Commissioner, Shane Fitzsimmons, urged landholders to prepare.\n\n"
        "“You have to go back 30 or 40 years to find anything like this season,” he said."
    )
    assert only(extract(text), "go back").speaker == "Shane Fitzsimmons"


def test_person_in_front_of_the_description_is_not_the_speaker(extract):
    text = "The Ortega campaign said it wanted “an expedited review of the water system”."
    assert only(extract(text), "expedited").speaker != "Ortega"


def test_round_up_link_must_be_one_sentence(extract):
    text = (
        "Numbers on the table\n\n"
        "“That adds up to thousands of people over the next two years in total.”\n\n"
        "Sam Reyes cut the budget. He did so without warning anyone on the board."
    )
    assert only(extract(text), "adds up").speaker is None


def test_headline_quote_takes_the_speaker_of_the_body_quote_with_its_words(extract):
    text = (
        "No “easy answers” on housing, says mayor\n\n"
        "The city will build 2,000 homes next year, the council announced on Monday.\n\n"
        "There were “no easy answers” to the shortage, Mayor Clara Vinter said at the launch."
    )
    ex = extract(text)
    headline = [q for q in ex.quotes if q.start < text.index("\n")]
    assert [q.text for q in headline] == ["easy answers"]
    assert headline[0].speaker == "Clara Vinter"
    assert "headline" in headline[0].reason


def test_headline_quote_without_an_echo_in_the_body_is_dropped(extract):
    text = (
        "The “miracle” cure that never was\n\n"
        "Doctors said on Tuesday that the trial had failed, and Anna Berg said: “We will try again next year.”"
    )
    ex = extract(text)
    assert [q.text for q in ex.quotes] == ["We will try again next year."]


def test_a_town_the_tagger_calls_a_person_is_not_the_speaker(extract):
    text = (
        "Council tax goes up in Wigan\n\n"
        "In an hour long speech, council leader Miriam Osei was scathing about the cuts, but stressed Wigan had "
        "proved itself to be “strong and resilient” in the face of “huge pressure”.\n\n"
        "While other towns were left “on the verge of bankruptcy”, she told the chamber, Wigan had balanced its books."
    )
    ex = extract(text)
    assert only(ex, "strong and resilient").speaker == "Miriam Osei"
    assert only(ex, "verge of bankruptcy").speaker == "Miriam Osei"


def test_a_bare_surname_two_people_share_goes_to_the_one_the_passage_is_about(extract):
    text = (
        "Premier defends colleague\n\n"
        "Premier Tomas Varga has accused the opposition of linking his deputy Ilona Varga to a land deal.\n\n"
        "Speaking at a press conference, Varga claimed there was a “coordinated campaign” against him.\n\n"
        "Deputy Varga was questioned by police on Wednesday.\n\n"
        "The premier said he would act if any proof emerged.\n\n"
        "“I will not be blackmailed by anyone”, Varga said."
    )
    ex = extract(text)
    assert only(ex, "coordinated campaign").speaker == "Tomas Varga"
    assert only(ex, "blackmailed").speaker == "Tomas Varga"


def test_the_object_of_prompting_speaks_the_infinitive(extract):
    text = (
        "Judge loses patience\n\n"
        "The lawyer kept nodding his head on screen, prompting Judge Nora Achieng to interject, “Stop dancing.”"
    )
    assert only(extract(text), "Stop dancing").speaker == "Nora Achieng"


def test_a_role_resolves_to_the_fullest_name_of_its_holder(extract):
    text = (
        "State sends aid\n\n"
        "Governor Okafor visited the camps on Monday. An aide to Governor Chidi Okafor announced the donation.\n\n"
        "“We stand with every family that lost a home,” the governor said."
    )
    assert only(extract(text), "We stand with").speaker == "Chidi Okafor"


def test_he_is_not_the_person_named_later_in_his_own_sentence(extract):
    text = (
        "Campaign hires a veteran\n\n"
        "Dan Holt recently hired Peter Marsh, a seasoned operative who worked three conventions.\n\n"
        "He said Holt has “several ways” of reaching the magic number."
    )
    assert only(extract(text), "several ways").speaker == "Peter Marsh"


def test_a_given_name_of_either_gender_yields_to_the_pronouns_about_the_person(extract):
    text = (
        "Festival gets a new director\n\n"
        "The board appointed Jan Verbeke, and Ruth Amos left the festival in March.\n\n"
        "Verbeke, who said he prefers to be called a curator, spoke on Tuesday.\n\n"
        "“I want to connect art forms and artists,” he said."
    )
    assert only(extract(text), "connect art forms").speaker == "Jan Verbeke"


def test_officials_of_an_organisation_speak_for_it_by_its_fullest_name(extract):
    text = (
        "Probe finding expected\n\n"
        '"Rumours of a major new finding are incorrect," officials at ESA\'s Deep Space Research Centre wrote.\n\n'
        'DSRC officials added that the briefing would "be an update about the probe\'s instruments."'
    )
    ex = extract(text)
    assert only(ex, "Rumours of").speaker == "ESA's Deep Space Research Centre"
    assert only(ex, "update about").speaker == "ESA's Deep Space Research Centre"


def test_a_party_premier_is_the_premier_the_article_names(extract):
    text = (
        "Premier opens session\n\n"
        "Premier Hanna Lind spoke for an hour on Tuesday. “But who was counting?” the Liberal premier joked."
    )
    assert only(extract(text), "who was counting").speaker == "Hanna Lind"


def test_a_patronymic_short_form_is_the_fuller_name(extract):
    text = (
        "Sheikh calls for talks\n\n"
        "Sheikh Khalid bin Hamad Al-Nuaimi released a statement on Monday.\n\n"
        "Sheikh Khalid bin Hamad said in a video message that the talks had “reached the brink”."
    )
    assert only(extract(text), "reached the brink").speaker == "Khalid bin Hamad Al-Nuaimi"


def test_a_role_description_matches_the_one_role_with_that_head_noun(extract):
    text = (
        "State sends aid\n\n"
        "Tunde Bakare, the Special Adviser to the governor on Media and Strategy, announced the gift in a "
        "statement.\n\n"
        "“The governor commended the federal agencies for their prompt response,” the media adviser said."
    )
    assert only(extract(text), "prompt response").speaker == "Tunde Bakare"


def test_a_round_up_link_paragraph_names_an_untagged_speaker(extract):
    text = (
        "Their words\n\n"
        "“Those channels must not be allowed to air anymore. Action must be taken against the operators.”\n\n"
        "KMR Zamanullah, chairman of the standing committee, made the statement at a press conference.\n\n"
        "Other business followed."
    )
    assert only(extract(text), "Those channels").speaker == "KMR Zamanullah"


def test_a_description_by_age_is_the_person_the_passage_is_about(extract):
    text = (
        "Festival founder at home\n\n"
        "“Blue tits have nested in the storage areas,” says farmer Michael Eavis as we tour the site.\n\n"
        "“We’ve taken a vote,” continues the 77-year-old Methodist, “to leave the tits till their chicks fledge.”"
    )
    assert only(extract(text), "taken a vote").speaker == "Michael Eavis"


def test_a_spokesperson_the_article_names_is_that_person(extract):
    text = (
        "Mayor-elect Dana Whitfield will not move into the old town hall.\n\n"
        "A spokesperson for Mayor-elect Whitfield said on Monday there was “no prospect” of the move.\n\n"
        "“We are looking at three other buildings,” Lena Ortmann, the spokesperson, told reporters."
    )
    ex = extract(text)
    quote = only(ex, "no prospect")
    assert quote.speaker == "Lena Ortmann"
    assert "spokesperson" in quote.reason


def test_a_spokesperson_for_an_organisation_stays_its_voice(extract):
    text = (
        "A spokesperson for the British Medical Association said “doctors have heard this before.”\n\n"
        "“We will keep talking,” said Omar Haddad, the spokesperson for the health secretary."
    )
    assert only(extract(text), "heard this").speaker == "British Medical Association"


def test_a_clause_before_a_colon_introduces_its_speaker_even_when_the_parse_hangs_it_from_the_quote(extract):
    text = (
        "The minister said the council had wasted a year.\n\n"
        "Dame Olwen Pryce hit back: “That is so desperate and even his own side can see it.”"
    )
    assert only(extract(text), "desperate").speaker == "Olwen Pryce"


def test_the_one_quoted_as_saying_is_the_speaker_not_the_outlet(extract):
    text = (
        "The council met on Tuesday.\n\n"
        "Protests grew after the harbour engineer Ruth Okafor was quoted by a local radio station as saying "
        'that the new wall was "built for the brochures."\n\n'
        'A regional paper quoted Daniel Frost as saying the plan was "dead in the water".'
    )
    ex = extract(text)
    assert only(ex, "brochures").speaker == "Ruth Okafor"
    assert only(ex, "dead in the water").speaker == "Daniel Frost"


def test_a_quote_in_an_adverbial_clause_is_not_what_the_main_verb_reports(extract):
    text = (
        "The league announced its awards on Monday.\n\n"
        "Speculation began mounting after chief engineer Anna Berg was quoted by Reuters as saying that the "
        'tests had produced data "for the record books."'
    )
    assert only(extract(text), "record books").speaker == "Anna Berg"


def test_a_profile_gives_an_uncued_quote_to_its_one_speaker(extract):
    text = (
        "Harbour master Ines Varga talks tides, gulls and forty years on the quay\n\n"
        '"You never stop learning the water, and the water never stops teaching you the hard way"\n\n'
        "The morning fog lifts slowly over the harbour.\n\n"
        '"We lost two boats in the storm of 1987," says Ines Varga, pointing at the breakwater.\n\n'
        '"It took the whole town to rebuild it," she adds.'
    )
    quote = only(extract(text), "never stop learning")
    assert quote.speaker == "Ines Varga"
    assert quote.reason == "every quote the article attributes (2) is Ines Varga's, and no rule names another"


def test_an_uncued_quote_stays_unattributed_when_the_article_has_several_speakers(extract):
    text = (
        "Storm damage on the quay\n\n"
        '"Nobody here saw it coming, not one of the people who live on this street"\n\n'
        '"We lost two boats in the storm," said Ines Varga.\n\n'
        '"It took the whole town to rebuild," said Tom Reyes.'
    )
    assert only(extract(text), "saw it coming").speaker is None


def test_an_abbreviated_rank_neither_splits_the_sentence_nor_becomes_the_name(extract):
    text = (
        "The base reopened on Friday.\n\n"
        '"The candidates left just don\'t understand the military," said Army Capt. Lena Ortiz.\n\n'
        '"The convoy was delayed by the weather," Army Sgt. Tom Hale told reporters.'
    )
    ex = extract(text)
    assert only(ex, "understand the military").speaker == "Lena Ortiz"
    assert only(ex, "delayed by the weather").speaker == "Tom Hale"


def test_one_member_of_a_party_speaks_as_that_description_not_as_the_party(extract):
    text = (
        "Strategists were asked about the primary.\n\n"
        'A Nevada Republican said the campaign "has done what it needs to do and more."'
    )
    quote = only(extract(text), "has done what")
    assert quote.speaker == "A Nevada Republican" and quote.speaker_kind == "person"
    text = 'Strategists were asked about the primary.\n\nOne Iowa Democrat said the race "is hers to lose now."'
    assert only(extract(text), "hers to lose").speaker == "One Iowa Democrat"


def test_will_opening_a_name_is_the_given_name_not_the_modal(extract):
    text = (
        "Will Marsh, an economist at the university, studies rents.\n\n"
        '"It is a pretty expensive way to run a city," Marsh said.'
    )
    assert only(extract(text), "expensive way").speaker == "Will Marsh"


def test_a_name_in_a_title_case_headline_ends_before_its_verb(extract):
    text = (
        "Glenn Beck Blasts Drudge for Mocking Cruz Supporters\n\n"
        'The conservative host took aim at the site on Monday. He said it was "a disgrace to the movement and '
        'to every reader". Beck has long criticised Drudge.'
    )
    assert only(extract(text), "a disgrace").speaker == "Glenn Beck"
