"""Server time of the article reader for an article with 200 quotes and 100 claims, on SQLite.

Usage: .venv/bin/python -m bench.reader_speed [--quotes 200] [--runs 40]

Prints the median and p95 render time of the reader page and, as a same-run baseline, of the
minimal request through the same middleware stack (/healthz), plus the ratio and the query count.
The goal for the reader is < 100 ms median server time.
"""

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from bench.sqlite import setup_django


def seed(n_quotes: int):
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
        title="Benchmark article", body_text=body, content_hash="bench" * 12, status=Article.Status.EXTRACTED
    )
    speakers = [Speaker.objects.create(name=f"Speaker Number{i}") for i in range(25)]
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
    user = User.objects.create_user("bench", password="bench-password-123")
    user.groups.add(Group.objects.get(name="reviewer"))
    return article, user


def timed(client, url: str, runs: int) -> list[float]:
    client.get(url)  # warm caches and template loading
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        response = client.get(url)
        out.append((time.perf_counter() - t0) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quotes", type=int, default=200)
    parser.add_argument("--runs", type=int, default=40)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        setup_django(str(Path(tmp) / "bench.sqlite3"))
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext
        from django.urls import reverse

        article, user = seed(args.quotes)
        client = Client()
        client.force_login(user)
        url = reverse("claims:article_detail", args=[article.pk])
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        n_queries = len(queries)  # read now: every request resets connection.queries
        reader = timed(client, url, args.runs)
        base = timed(client, "/healthz", args.runs)

    def p95(xs):
        return sorted(xs)[int(len(xs) * 0.95) - 1]

    print(f"reader page, {args.quotes} quotes + {args.quotes // 2} claims, SQLite, {args.runs} runs")
    print(f"  reader   median {statistics.median(reader):7.1f} ms   p95 {p95(reader):7.1f} ms   queries {n_queries}")
    print(f"  baseline median {statistics.median(base):7.1f} ms   p95 {p95(base):7.1f} ms   (/healthz, same stack)")
    print(
        f"  ratio reader/baseline {statistics.median(reader) / statistics.median(base):.1f}x   "
        f"goal: reader median < 100 ms -> {'met' if statistics.median(reader) < 100 else 'NOT met'}"
    )


if __name__ == "__main__":
    main()
