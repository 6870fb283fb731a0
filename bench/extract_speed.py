"""Throughput of extract_many against a bare nlp.pipe of the same texts, plus worker RSS.

Two baselines, timed in the same alternating rounds: spaCy's stock pipeline as `spacy.load` gives it (the
lemmatizer left out, as the extractor leaves it out), which is the goal's "bare nlp.pipe"; and the extractor's
own spaCy pipeline (the stock one with the attribute table in place of the attribute ruler and the paragraph
component), whose ratio is what our steps after the parse cost.

Run: python -m bench.extract_speed [--articles N]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import sys
import time

import spacy

from claims.nlp import pipeline
from evaluation.shared import DATA

DEV = DATA / "dev.jsonl"


def load_texts(n: int) -> list[str]:
    texts = [json.loads(line)["text"] for line in DEV.open(encoding="utf-8") if line.strip()]
    while len(texts) < n:
        texts = texts + texts
    return texts[:n]


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def peak_rss_mib() -> float:
    """This process's own peak resident set (VmHWM); ru_maxrss would also count a forked parent's."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def worker_peak_rss(texts: list[str], batch_size: int, queue) -> None:
    pipeline.extract_many(texts, batch_size=batch_size)
    queue.put(peak_rss_mib())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--rounds", type=int, default=2, help="alternating rounds; the best of each is kept")
    args = parser.parse_args()
    if not DEV.exists():
        sys.exit(f"dev data not found at {DEV}")
    texts = load_texts(args.articles)
    nlp = pipeline.load()
    stock = spacy.load(pipeline._model_name(None), exclude=list(pipeline.UNUSED_PIPES))
    pipeline.extract(texts[0])  # warm up
    list(stock.pipe(texts[:1]))

    bare, same, ours = [], [], []
    for _ in range(args.rounds):
        bare.append(timed(lambda: list(stock.pipe(texts, batch_size=args.batch_size))))
        same.append(timed(lambda: list(nlp.pipe(texts, batch_size=args.batch_size))))
        ours.append(timed(lambda: pipeline.extract_many(texts, batch_size=args.batch_size)))
    bare_s, same_s, ours_s = min(bare), min(same), min(ours)
    print(f"stock pipeline: {stock.pipe_names}  ours: {nlp.pipe_names}")
    print(f"articles: {len(texts)}  batch_size: {args.batch_size}  rounds: {args.rounds} (best of each kept)")
    print(f"bare nlp.pipe, stock pipeline    {len(texts) / bare_s:7.2f} articles/s  ({bare_s:.1f}s)")
    print(f"bare nlp.pipe, our pipeline      {len(texts) / same_s:7.2f} articles/s  ({same_s:.1f}s)")
    print(f"extract_many                     {len(texts) / ours_s:7.2f} articles/s  ({ours_s:.1f}s)")
    print(f"throughput ratio   {bare_s / ours_s:.3f}x bare stock nlp.pipe (goal >= 1.0)")
    print(f"                   {same_s / ours_s:.3f}x bare nlp.pipe of our own pipeline (what our steps cost)")

    two = timed(lambda: pipeline.extract_many(texts, batch_size=args.batch_size, n_process=2))
    print(f"extract_many n_process=2  {len(texts) / two:7.2f} articles/s  ({two:.1f}s)")

    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=worker_peak_rss, args=(texts, args.batch_size, queue))
    proc.start()
    rss = queue.get()
    proc.join()
    print(f"peak RSS (VmHWM) of a worker process (load + extract {len(texts)} articles): {rss:.0f} MiB (goal <= 700)")


if __name__ == "__main__":
    main()
