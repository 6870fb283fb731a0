"""Regression guard: accuracy on the shared dev set (read at runtime, never copied) must not drop."""

import json
import os

import pytest

from claims.nlp.pipeline import extract_many
from evaluation import calibration, named_speakers, pronoun_probe
from evaluation.shared import DATA, SCORER, SHARED, load_scorer

DEV = DATA / "dev.jsonl"
# Pinned slightly under the measured scores; raise them when the extractor improves.
# rules-1.7 measured 0.9611 / 0.7256 / 0.6415, named 0.8922 strict and 0.8903 e2e, probe 221/337 = 0.656
# (rules-1.6: 0.7225 / 0.6367, named 0.8859, probe 0.647; rules-1.5 dipped to 0.7219 / named 0.8847 for +0.09
# end-to-end on world news).
PINNED = {"quote_f1": 0.958, "e2e_f1": 0.723, "speaker_strict_acc": 0.638}
PINNED_NAMED = {"speaker_strict_acc": 0.888, "e2e_f1": 0.887}  # gold mentions reduced to names
PINNED_PRONOUN_PROBE = 0.65
NEWS_DEV = DATA / "news-dev.jsonl"
# World news with canonical speaker names (issue 10); measured 0.9733 / 0.9037 / 0.9286 (rules-1.7; rules-1.6:
# 0.9733 / 0.8877 / 0.9121).
PINNED_NEWS = {"quote_f1": 0.963, "e2e_f1": 0.900, "speaker_strict_acc": 0.925}
# In-sample ECE of the calibrated confidence (the raw hand-set confidence was 0.1088); the honest figure is
# the model card's out-of-fold one (claims/nlp/models/calibration.json).
NEWS_ECE_CEILING = 0.05  # rules-1.7 + cal-3 refit: 0.0274 in-sample, 0.0284 out-of-fold (mean of 5 shuffles)


def test_dev_scores_do_not_regress(pipeline, tmp_path):
    if not DEV.exists() or not SCORER.exists():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"dev data or scorer missing under {SHARED}")
        pytest.skip(f"dev data not available under {SHARED}")
    records = [json.loads(line) for line in DEV.open(encoding="utf-8") if line.strip()]
    extractions = extract_many([r["text"] for r in records], batch_size=16, n_process=2)
    pred = tmp_path / "pred.jsonl"
    with pred.open("w", encoding="utf-8") as fh:
        for rec, ex in zip(records, extractions, strict=True):
            fh.write(json.dumps({"id": rec["id"], **ex.to_dict()}) + "\n")
    scores, named, _, _ = named_speakers.score_named(DEV, pred)
    print({k: v for k, v in scores.items() if k != "missing_predictions"})
    assert not scores["missing_predictions"]
    for key, floor in PINNED.items():
        assert scores[key] >= floor, f"{key} {scores[key]} fell below {floor}"
    for key, floor in PINNED_NAMED.items():
        assert named[key] >= floor, f"named {key} {named[key]} fell below {floor}"

    right, total, _ = pronoun_probe.probe(DEV, pred)
    assert total >= 200 and right / total >= PINNED_PRONOUN_PROBE, f"pronoun probe {right}/{total}"


def test_news_dev_scores_do_not_regress(pipeline, tmp_path):
    if not NEWS_DEV.exists() or not SCORER.exists():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"news-dev data or scorer missing under {SHARED}")
        pytest.skip(f"news-dev data not available under {SHARED}")
    records = [json.loads(line) for line in NEWS_DEV.open(encoding="utf-8") if line.strip()]
    extractions = extract_many([r["text"] for r in records], batch_size=16)
    pred = tmp_path / "news-dev.pred.jsonl"
    with pred.open("w", encoding="utf-8") as fh:
        for rec, ex in zip(records, extractions, strict=True):
            fh.write(json.dumps({"id": rec["id"], **ex.to_dict()}) + "\n")
    scores = load_scorer().score(str(NEWS_DEV), str(pred))
    print({k: v for k, v in scores.items() if k != "missing_predictions"})
    assert not scores["missing_predictions"]
    for key, floor in PINNED_NEWS.items():
        assert scores[key] >= floor, f"news-dev {key} {scores[key]} fell below {floor}"
    _, ece = calibration.reliability(calibration.outcomes(NEWS_DEV, pred))
    assert ece <= NEWS_ECE_CEILING, f"news-dev calibration error {ece:.4f} above {NEWS_ECE_CEILING}"
