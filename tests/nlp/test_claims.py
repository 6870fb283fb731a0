"""Claim detection: factual sentences score high, opinions/questions/boilerplate low."""


def claim_texts(ex, minimum=0.0):
    return {c.text: c for c in ex.claims if c.checkworthiness >= minimum}


def test_statistics_score_high(extract):
    ex = extract("Unemployment fell to 4.1 percent in March, the lowest level since 2001.")
    assert ex.claims and ex.claims[0].checkworthiness >= 0.6
    assert "number" in ex.claims[0].signals


def test_comparison_and_causal(extract):
    ex = extract("Crime in Leeds rose faster than in Manchester because police budgets were cut.")
    assert ex.claims
    assert {"comparison", "causal"} <= set(ex.claims[0].signals)


def test_opinion_question_and_boilerplate_score_low(extract):
    for text in ("I think this is a wonderful idea.", "What happens next?", "Sign up for our newsletter to read more."):
        assert all(c.checkworthiness < 0.5 for c in extract(text).claims), text


def test_claim_inside_quote_links_to_speaker(extract):
    text = "“The deficit doubled to £40 billion in 2023,” said Rishi Patel, the shadow chancellor."
    ex = extract(text)
    claim = next(c for c in ex.claims if "deficit" in c.text)
    assert claim.quote_index == 0
    assert claim.speaker == "Rishi Patel"


def test_attributed_indirect_speech_is_a_claim(extract):
    ex = extract("The ministry said that 3,000 new teachers were hired in 2024.")
    assert ex.claims and "attributed_speech" in ex.claims[0].signals


def test_indirect_speech_claim_names_its_speaker(extract):
    ex = extract("Finance minister Anna Berg said that inflation fell to 2.1 percent in May.")
    assert ex.claims and ex.claims[0].speaker == "Anna Berg"
