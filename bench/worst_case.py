"""Worst-case inputs against ordinary prose of the same length, timed in the same run, at several lengths.

For each length and shape it prints three ratios, all in CPU seconds of this process (other load on the machine
does not move them as wall time would):
  ours/prose  extract() on the shape over extract() on news prose of the same length (the goal: <= 1.5x);
  bare/prose  spaCy's own components (nlp.pipe without ours) over the whole shape, with no parse budget, over
              the same on prose: what the shape would cost the parser per character without claims.nlp.budget;
  ours/bare   extract() over that bare parse of the same shape.
A ratio that grows with the length betrays a superlinear step.
Run: python -m bench.worst_case [--chars N [N ...]] [--rounds R]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable

from claims.nlp import pipeline
from claims.nlp.text import chunks, clean, paragraphs
from evaluation.shared import DATA

DEV = DATA / "dev.jsonl"
GOAL = 1.5
OURS = ("quotecheck_paragraphs",)  # components the extractor adds to the spaCy pipeline


def prose(chars: int) -> str:
    """Ordinary news prose: development articles joined as paragraphs, cut to length."""
    parts, size = [], 0
    with DEV.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip() and size < chars:
                parts.append(json.loads(line)["text"])
                size += len(parts[-1]) + 2
    return "\n\n".join(parts)[:chars]


def repeat(unit: str, chars: int) -> str:
    return (unit * (chars // len(unit) + 1))[:chars]


def nested(chars: int) -> str:
    depth = chars // 4
    return ("“‘" * depth + "a" + "’”" * depth)[:chars]


def shapes(chars: int, plain: str) -> dict[str, str]:
    return {
        "straight marks": '"' * chars,
        "curly pairs “a”": repeat("“a” ", chars),
        "one paragraph of quotes": repeat("“We are ready,” she said. ", chars),
        "deep “‘…’” nesting": nested(chars),
        "one-quote paragraphs": repeat("“Yes,” he said.\n\n", chars),
        "unclosed mark, then prose": "“" + plain[1:],
    }


def cpu(fn: Callable[[], object], rounds: int) -> float:
    """Best CPU time of `rounds` runs."""
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        fn()
        best = min(best, time.process_time() - start)
    return best


def bare_parse(text: str) -> Callable[[], object]:
    """spaCy's own components over the chunks extract() parses (same cleaning, same blanked mark runs)."""
    nlp = pipeline.load()
    cleaned = clean(text)
    texts = [chunk.text for chunk in chunks(cleaned, paragraphs(cleaned))]

    def parse() -> object:
        with nlp.select_pipes(disable=[name for name in OURS if name in nlp.pipe_names]):
            return list(nlp.pipe(texts))

    return parse


def measure(text: str, rounds: int) -> tuple[float, float]:
    """(extract() seconds, bare parse seconds) for one text."""
    return cpu(lambda: pipeline.extract(text), rounds), cpu(bare_parse(text), rounds)


def run(chars: int, rounds: int) -> float:
    """Print one length's table; return its worst ours/prose ratio.

    Prose is timed before and after the shapes, and the faster of the two is the baseline, so a slow first
    run (caches warming) cannot flatter the shapes."""
    plain = prose(chars)
    first, base_bare = measure(plain, rounds)
    rows = [(name, *measure(text, rounds)) for name, text in shapes(chars, plain).items()]
    again = cpu(lambda: pipeline.extract(plain), rounds)
    base = min(first, again)
    print(
        f"\n{len(plain):,} chars: prose {first:.2f}s then {again:.2f}s CPU (baseline {base:.2f}s), "
        f"bare parse {base_bare:.2f}s"
    )
    print(f"{'shape':28} {'ours/prose':>10} {'bare/prose':>10} {'ours/bare':>9}")
    worst = 0.0
    for name, ours, bare in rows:
        worst = max(worst, ours / base)
        flag = "" if ours / base <= GOAL else "  (over the goal)"
        print(f"{name:28} {ours / base:9.2f}x {bare / base_bare:9.2f}x {ours / bare:8.2f}x{flag}")
    print(f"worst shape {worst:.2f}x prose (goal <= {GOAL}x)")
    return worst


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--chars", type=int, nargs="+", default=[5_000, 20_000, 50_000])
    parser.add_argument("--rounds", type=int, default=1, help="runs of each measurement; the best is kept")
    args = parser.parse_args()
    if not DEV.exists():
        sys.exit(f"dev data not found at {DEV}")
    pipeline.extract("“Warm up,” she said.")
    worst = max(run(chars, args.rounds) for chars in args.chars)
    print(f"\nworst shape at any length {worst:.2f}x prose (goal <= {GOAL}x)")


if __name__ == "__main__":
    main()
