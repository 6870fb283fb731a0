"""What the trained check-worthiness model adds to extraction: extract_many as shipped against the same run
with the model's scoring replaced by a constant, same pipeline and texts, best of alternating rounds; and a
worker's peak resident memory (VmHWM) after loading spaCy and the model and extracting.

Run: python -m bench.claim_scoring [--articles N]  (part of `make bench`; the goal is a ratio <= 1.10)
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import sys
import time
from pathlib import Path

from bench.extract_speed import DEV, load_texts
from claims.nlp import checkworthiness, pipeline


def _peak_rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def worker_peak(texts: list[str], queue) -> None:
    pipeline.extract_many(texts)
    queue.put(_peak_rss_mib())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if not DEV.exists():
        sys.exit(f"dev data not found at {DEV}")
    texts = load_texts(args.articles)
    model = checkworthiness.load()
    pipeline.extract(texts[0])  # warm up: spaCy and the model loaded
    real = checkworthiness.Model.score

    def constant(self, text, tensor=None, corpus="claimbuster", before="", after="", signals=()) -> float:
        return 0.5

    with_model, without = [], []
    for _ in range(args.rounds):
        start = time.perf_counter()
        claims = sum(len(e.claims) for e in pipeline.extract_many(texts))
        with_model.append(time.perf_counter() - start)
        checkworthiness.Model.score = constant  # type: ignore[method-assign]
        start = time.perf_counter()
        pipeline.extract_many(texts)
        without.append(time.perf_counter() - start)
        checkworthiness.Model.score = real  # type: ignore[method-assign]
    ours, bare = min(with_model), min(without)
    print(f"articles: {len(texts)}  sentences scored: {claims}  model card C={model.card.get('C')}")
    print(f"extraction without the model  {bare:.2f}s")
    print(f"extraction with the model     {ours:.2f}s")
    print(f"scoring ratio                 {ours / bare:.3f}x (goal <= 1.10)")
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=worker_peak, args=(texts, queue))
    proc.start()
    peak = queue.get()
    proc.join()
    print(f"peak RSS (VmHWM) of a worker process (load + extract {len(texts)} articles): {peak:.0f} MiB")


if __name__ == "__main__":
    main()
