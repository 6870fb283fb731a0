"""Attribution confidence calibration: the committed model, its features, the route on every attribution
and the training's determinism."""

import random

import pytest

from claims.nlp import calibration
from claims.nlp.pipeline import iter_attributed
from training import calibration as training

# One invented text per sieve step: (text, a fragment of the quote, the step its `rule` must name).
ROUTES = [
    ("“We will not back down,” said Jane Miller, the city's mayor.", "back down", "cue"),
    ("Donald Tusk arrived in Brussels on Tuesday.\n\n“We have a deal,” he told reporters.", "deal", "cue"),
    ("“The plan works,” Anna Novak said. “It has cut waiting times by half.”", "waiting", "continues-previous"),
    ("“Why would anyone do that?” Robert Kim asked.", "anyone", "cue-next-sentence"),
    ("Mike Pence joined the debate.\n\n“PENCE: We will win this state.”", "win this", "transcript-label"),
    (
        "The health board chair, Dr Miriam Osei, spoke at the meeting.\n\n"
        "“No ward will close and no nurse will lose their job.\n\n"
        "“The two hospitals will share one emergency department,” Dr Osei told the meeting.",
        "No ward",
        "runs-on",
    ),
    (
        "When the bill passed, Governor Ann Brooks released the following statement:\n\n"
        "“This law protects every family in our state.”",
        "protects",
        "intro-clause",
    ),
    (
        "The hearing grew tense.\n\n"
        "Rep. Trey Gowdy (R-S.C.): “Who told you that ninety percent of your e-mails were kept?”",
        "Who told",
        "intro-name",
    ),
    (
        "Sami Haddad recalled his first drive from the airport, past a dark highway lined with trees. "
        "“I was like, please, I want to see a city.”",
        "see a city",
        "previous-sentence",
    ),
    ("Owen Garcia compared the tax plan to “a leaky bucket that nobody wants to carry.”", "leaky", "sentence-subject"),
    (
        "The timing of the surge doesn’t surprise Republican pollster Daron Shaw: "
        "“Lesser-known candidates who win early contests have seen the biggest boost.”",
        "biggest boost",
        "colon-name",
    ),
    (
        "Tan Sri Muhyiddin Yassin spoke to reporters.\n\n"
        "Muhyiddin: “We will hold the election when the time is right.”",
        "election",
        "paragraph-label",
    ),
    (
        "What they said\n\n“We were poor on the day and we know it. We will be back.”\n\n"
        "Anthony Cunningham is backing Galway to bounce back.",
        "poor on the day",
        "next-paragraph",
    ),
    ("Nobody knows. “This is a quote with no speaker at all here.”", "no speaker", "none"),
    (
        "Emmanuel Macron said he would be willing to help by “putting our own troops on the ground” if a ceasefire held.",
        "troops",
        "cue",
    ),
]


@pytest.fixture(scope="module")
def routed(pipeline):
    """(quote, features) of the fragment's quote in each ROUTES text."""
    out = []
    for (_, fragment, _), (ex, feats) in zip(ROUTES, iter_attributed(t for t, _, _ in ROUTES), strict=True):
        out.append(next((q, f) for q, f in zip(ex.quotes, feats, strict=True) if fragment in q.text))
    return out


def test_every_attribution_path_names_its_route(routed):
    steps = []
    for (text, _, step), (quote, feats) in zip(ROUTES, routed, strict=True):
        named = [n.split("=", 1)[1] for n in feats if n.startswith("step=")]
        resolution = [n.split("=", 1)[1] for n in feats if n.startswith("resolution=")]
        assert named == [step], (text, named)
        assert len(resolution) == 1 and (resolution[0] == "none") == (quote.speaker is None), (text, resolution)
        steps.append(named[0])
    assert len(set(steps)) >= 12


def test_features_describe_the_mention(routed):
    by_step: dict[str, dict[str, float]] = {}
    for (_, _, step), (_, feats) in zip(ROUTES, routed, strict=True):
        by_step.setdefault(step, feats)  # the first text of each step
    assert by_step["cue"]["mention=full-name"] == 1.0 and by_step["cue"]["canonical_two_tokens"] == 1.0
    assert by_step["runs-on"]["mention=title-surname"] == 1.0
    assert by_step["runs-on"]["paragraphs_to_mention"] == 1.0
    assert routed[-1][1]["partial"] == 1.0 and by_step["cue"]["partial"] == 0.0
    assert by_step["none"]["mention=none"] == 1.0 and "log_chars_to_mention" not in by_step["none"]
    assert by_step["cue-next-sentence"]["reporting_cue_same_sentence"] == 1.0
    assert routed[1][1]["mention=pronoun"] == 1.0 and routed[1][1]["resolution=pronoun-subject"] == 1.0


def test_the_committed_model_loads_and_its_card_reports_out_of_fold_figures():
    calibration._read.cache_clear()
    model = calibration.load()
    assert model is not None and "raw_confidence" in model.weights
    card = calibration.card()
    assert card["out_of_fold"]["news-dev"]["quotes"] >= 100
    assert 0.0 <= card["out_of_fold"]["news-dev"]["ece"] <= 1.0


def test_probabilities_stay_in_unit_interval_and_rise_with_the_raw_confidence(routed):
    model = calibration.load()
    assert model is not None
    assert model.weights["raw_confidence"] > 0
    for _, feats in routed:
        extreme = {**feats, "log_quote_words": 50.0, "log_people": 50.0}
        assert 0.0 <= model.probability(extreme) <= 1.0
        probs = [model.probability({**feats, "raw_confidence": c / 10}) for c in range(11)]
        assert all(0.0 <= p <= 1.0 for p in probs)
        assert probs == sorted(probs)


def test_the_pipeline_stores_the_calibrated_probability(routed):
    model = calibration.load()
    assert model is not None
    for quote, feats in routed:
        assert quote.confidence == round(model.probability(feats), 2)


def test_without_a_model_the_raw_confidence_stands(tmp_path, monkeypatch):
    monkeypatch.setattr(calibration, "ARTIFACT", tmp_path / "missing.json")
    assert calibration.load() is None and calibration.card() == {}
    assert calibration.calibrated({"raw_confidence": 0.65, "step=cue": 1.0}) == 0.65


def test_unknown_features_weigh_nothing():
    model = calibration.Calibrator({"raw_confidence": 2.0}, -1.0)
    assert model.probability({"raw_confidence": 0.5, "step=a-new-rule": 1.0}) == model.probability(
        {"raw_confidence": 0.5}
    )


def _synthetic(seed: int) -> list[training.Example]:
    """Two corpora of invented examples whose correctness follows the raw confidence and the step."""
    rng = random.Random(seed)  # noqa: S311 - a reproducible synthetic sample, not a secret
    rows = []
    for corpus, articles in (("news-dev", 12), ("polnear-dev", 30)):
        for a in range(articles):
            for _ in range(6):
                raw = rng.random()
                step = rng.choice(["cue", "continues-previous", "none"])
                truth = 0.2 + 0.6 * raw - (0.15 if step == "none" else 0.0)
                rows.append(
                    training.Example(
                        f"{corpus}:{a}", corpus, {"raw_confidence": raw, f"step={step}": 1.0}, int(rng.random() < truth)
                    )
                )
    return rows


def test_training_is_deterministic_and_learns_the_signal():
    rows = _synthetic(7)
    first, second = training.train(rows), training.train(list(rows))
    assert first.weights == second.weights and first.intercept == second.intercept
    assert (first.c, first.news_weight) == (second.c, second.news_weight)
    assert first.weights["raw_confidence"] > 0
    assert first.weights["step=none"] < first.weights["step=cue"]
    assert len(first.out_of_fold) == len(rows) and all(0 < p < 1 for p in first.out_of_fold)


def test_folds_keep_each_article_whole_and_spread_each_corpus():
    rows = _synthetic(3)
    fold = training.folds(rows)
    by_group: dict[str, set[int]] = {}
    for row, k in zip(rows, fold, strict=True):
        by_group.setdefault(row.group, set()).add(int(k))
    assert all(len(ks) == 1 for ks in by_group.values())
    for corpus in ("news-dev", "polnear-dev"):
        assert {int(k) for r, k in zip(rows, fold, strict=True) if r.corpus == corpus} == set(range(training.FOLDS))
