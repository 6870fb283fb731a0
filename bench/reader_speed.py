"""Server time of the article reader for a typical article (20 quotes, 10 claims) and a large one (200
quotes, 100 claims), on SQLite.

Usage: .venv/bin/python -m bench.reader_speed [--quotes 20,200] [--runs 40]

Prints, per article, the median and p95 render time of the reader page and the query count and, as a
same-run baseline, the minimal request through the same middleware stack (/healthz), with the ratio.
Each time is given as wall clock and as this process's CPU time (the median of time.process_time):
on a machine shared with other jobs the wall clock includes waiting for a core, the CPU time does not.
Goals: the typical article's median ≤ 20 ms, the large one's < 100 ms, queries the same for both.
"""

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from bench.sqlite import setup_django


def seed(n_quotes: int, name: str = "bench"):
    from django.contrib.auth.models import Group, User

    from claims.models import Article, Claim, Quote, Speaker
    from claims.sentences import sentence_around, sentence_bounds

    paragraphs, spans = [], []
    offset = 0
    for i in range(n_quotes):
        quote = f"We will deliver {i} new homes by next spring, and that is a promise"
        para = f"“{quote},” said Speaker Number{i % 25} at the meeting on day {i}."
        start = offset + 1
        spans.append((start, start + len(quote), quote, i))
        paragraphs.append(para)
        offset += len(para) + 2
    body = "\n\n".join(paragraphs)
    article = Article.objects.create(
        title="Benchmark article", body_text=body, content_hash=(name * 64)[:64], status=Article.Status.EXTRACTED
    )
    speakers = [Speaker.objects.get_or_create(name=f"Speaker Number{i}")[0] for i in range(25)]
    bounds = sentence_bounds(body)
    Quote.objects.bulk_create(
        [
            Quote(
                article=article,
                start=s,
                end=e,
                text=t,
                sentence=sentence_around(body, s, e, bounds=bounds),
                speaker=speakers[i % 25],
                speaker_mention=f"Number{i % 25}",
                cue="said",
                confidence=0.5 + (i % 50) / 100,
                attribution_reason="benchmark",
            )
            for s, e, t, i in spans
        ]
    )
    quotes = list(Quote.objects.filter(article=article).order_by("start"))
    Claim.objects.bulk_create(
        [
            Claim(
                article=article,
                start=q.start,
                end=q.start + 20,
                text=body[q.start : q.start + 20],
                sentence=sentence_around(body, q.start, q.start + 20, bounds=bounds),
                quote=q,
                speaker=q.speaker,
                checkworthiness=0.7,
                signals=["number"],
            )
            for q in quotes[::2]
        ]
    )
    user, created = User.objects.get_or_create(username="bench")
    if created:
        user.set_password("bench-password-123")
        user.save()
        user.groups.add(Group.objects.get(name="reviewer"))
    return article, user


def timed(client, url: str, runs: int) -> tuple[list[float], list[float]]:
    """(wall-clock ms, CPU ms) of each of `runs` requests, after one to warm caches and template loading."""
    client.get(url)
    wall, cpu = [], []
    for _ in range(runs):
        t0, c0 = time.perf_counter(), time.process_time()
        response = client.get(url)
        cpu.append((time.process_time() - c0) * 1000)
        wall.append((time.perf_counter() - t0) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return wall, cpu


def p95(xs: list[float]) -> float:
    return sorted(xs)[int(len(xs) * 0.95) - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quotes", default="20,200", help="comma-separated quote counts, one article each")
    parser.add_argument("--runs", type=int, default=40)
    args = parser.parse_args()
    sizes = [int(n) for n in args.quotes.split(",")]
    goals = {20: 20.0, 200: 100.0}
    with tempfile.TemporaryDirectory() as tmp:
        setup_django(str(Path(tmp) / "bench.sqlite3"))
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext
        from django.urls import reverse

        results = []
        for n in sizes:
            article, user = seed(n, name=f"bench{n}-")
            client = Client()
            client.force_login(user)
            url = reverse("claims:article_detail", args=[article.pk])
            with CaptureQueriesContext(connection) as queries:
                client.get(url)
            results.append((n, len(queries), *timed(client, url, args.runs)))  # count read before the next request
        base_wall, base_cpu = timed(client, "/healthz", args.runs)

    base = statistics.median(base_wall)
    print(f"reader page, SQLite, {args.runs} runs each; wall clock (CPU time of this process)")
    for n, n_queries, wall, cpu in results:
        median = statistics.median(wall)
        goal = goals.get(n)
        verdict = f"goal median <= {goal:.0f} ms: {'met' if median <= goal else 'NOT met'}" if goal else ""
        print(
            f"  {n:4} quotes + {n // 2:3} claims  median {median:6.1f} ms ({statistics.median(cpu):5.1f})  "
            f"p95 {p95(wall):6.1f} ms ({p95(cpu):5.1f})  queries {n_queries}  {median / base:4.1f}x baseline  {verdict}"
        )
    print(
        f"  baseline /healthz, same stack  median {base:6.1f} ms ({statistics.median(base_cpu):5.1f})  "
        f"p95 {p95(base_wall):6.1f} ms ({p95(base_cpu):5.1f})"
    )


if __name__ == "__main__":
    main()
