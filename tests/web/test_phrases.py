"""claims/web/html/phrases.py: signal codes and tagger labels in plain words."""

from claims.web.html.phrases import reason_phrase, signal_phrases


def test_signals_become_phrases_each_once_and_unknown_codes_become_words():
    assert signal_phrases(["number", "statistic", "number", "hedged_future", "new_code"]) == [
        "states a number",
        "gives a percentage or a sum of money",
        "speculates about the future",
        "new code",
    ]


def test_reasons_lose_the_taggers_labels():
    assert reason_phrase("PERSON 'Ana Ruiz' is the subject of the cue") == (
        "The person 'Ana Ruiz' is the subject of the reporting verb"
    )
    assert reason_phrase("ORG 'Acme' speaks; GPE 'Paris'") == "The organisation 'Acme' speaks; the place 'Paris'"
    assert reason_phrase("nearest PERSON subject of 'said'") == "Nearest person subject of 'said'"
    assert reason_phrase("") == ""
