"""Pronoun probe: how often "he said" / "she said" resolves to the right person in real articles.

The dev gold does not score pronoun speakers ("skip"), yet other evaluations score them by canonical
name. This probe manufactures such cases from the dev articles: for a quote our extractor attributed
to a named subject ("…,” Cruz said"), the name is replaced by "he"/"she" (chosen from the given
name; only people with a clearly gendered given name and an earlier mention take part) and the
article is extracted again. A case counts as right when the quote's speaker is still that person.
Writers use the name where a pronoun would be ambiguous, so these cases are harder than average.

Usage: python -m evaluation.pronoun_probe DEV.jsonl PRED.jsonl [--nth K] [--show N]
  --nth K   take each article's K-th eligible quote (0: the first; other K give a held-out sample)
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from claims.nlp.first_names import first_name_gender
from claims.nlp.pipeline import extract_many

_TITLE_BEFORE = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Dr|Sen|Rep|Gov|Sir|Dame|Prof)\.? $")


def cases(dev: Path, pred: Path, nth: int) -> list[tuple[str, str, int, str]]:
    """(article id, text with the name replaced by a pronoun, quote start in that text, expected speaker)."""
    predicted = {str(r["id"]): r for r in map(json.loads, pred.open(encoding="utf-8"))}
    out = []
    for article in map(json.loads, dev.open(encoding="utf-8")):
        text, seen = article["text"], 0
        for q in predicted[str(article["id"])]["quotes"]:
            speaker, start, end = q.get("speaker") or "", q.get("speaker_start"), q.get("speaker_end")
            names = speaker.split()
            if start is None or not (q.get("reason") or "").startswith("PERSON") or len(names) < 2:
                continue
            gender = first_name_gender(names[0])
            if gender is None or names[-1] not in text[:start] or len(text[start:end].split()) > 3:
                continue
            seen += 1
            if seen <= nth:
                continue
            if m := _TITLE_BEFORE.search(text, 0, start):  # "Mr. Graham" is replaced whole, not "Mr. he"
                start = m.start()
            pronoun = "he" if gender == "m" else "she"
            before = text[:start].rstrip()
            if not before or before[-1] in '.!?"”\n':
                pronoun = pronoun.capitalize()
            shift = len(pronoun) - (end - start)
            out.append(
                (
                    str(article["id"]),
                    text[:start] + pronoun + text[end:],
                    q["start"] + shift if q["start"] > start else q["start"],
                    speaker,
                )
            )
            break
    return out


def probe(dev: Path, pred: Path, nth: int = 0) -> tuple[int, int, list[tuple]]:
    """(right, cases, failures) for the probe built from each article's nth eligible quote."""
    built = cases(dev, pred, nth)
    right, failures = 0, []
    for (aid, _, start, want), ex in zip(built, extract_many([c[1] for c in built], n_process=2), strict=True):
        got = next((q for q in ex.quotes if q.start == start), None)
        if got is not None and got.speaker == want:
            right += 1
        else:
            failures.append((aid, want, got.speaker if got else None, got.reason if got else "quote lost"))
    return right, len(built), failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dev", type=Path)
    parser.add_argument("pred", type=Path)
    parser.add_argument("--nth", type=int, default=0)
    parser.add_argument("--show", type=int, default=0, help="print this many failures")
    args = parser.parse_args()
    right, total, failures = probe(args.dev, args.pred, args.nth)
    print(f"pronoun probe (nth={args.nth}): {right}/{total} = {right / max(total, 1):.3f} resolved to the right person")
    for failure in failures[: args.show]:
        print("  ", *failure, sep=" | ")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
