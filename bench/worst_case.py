"""Worst-case inputs against ordinary prose of the same length, timed in the same run.

Each shape's time is printed as a ratio to news prose of the same length (the goal: no shape above 1.5x).
Run: python -m bench.worst_case [--chars N]
"""

from __future__ import annotations

import argparse
import functools
import json
import sys
import time
from collections.abc import Callable

from claims.nlp import pipeline
from evaluation.shared import DATA

DEV = DATA / "dev.jsonl"
GOAL = 1.5


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


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--chars", type=int, default=200_000)
    args = parser.parse_args()
    if not DEV.exists():
        sys.exit(f"dev data not found at {DEV}")
    plain = prose(args.chars)
    pipeline.extract("“Warm up,” she said.")
    base = timed(lambda: pipeline.extract(plain))
    print(f"ordinary prose, {len(plain):,} chars: {base:.1f}s")
    worst = 0.0
    for name, text in shapes(args.chars, plain).items():
        ratio = timed(functools.partial(pipeline.extract, text)) / base
        worst = max(worst, ratio)
        print(f"{name:28} {ratio:5.2f}x prose{'' if ratio <= GOAL else '  (over the goal)'}")
    again = timed(lambda: pipeline.extract(plain))
    print(f"prose again: {again:.1f}s (drift {again / base:.2f}x)")
    print(f"worst shape {worst:.2f}x prose (goal <= {GOAL}x)")


if __name__ == "__main__":
    main()
