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
