"""Export benchmark: stream 100,000 verified quotes as CSV and JSONL, against a bare values_list loop.

    .venv/bin/python -m bench.export_speed [--rows 100000] [--database-url postgres://…/quotecheck_exportbench]

Creates (once) a scratch PostgreSQL database, seeds it with bulk_create, then in one run measures
  * baseline: `Quote.objects.filter(status="verified").values_list(<export columns>).iterator()`, rows consumed;
  * CSV and JSONL through the real API view (/api/export/quotes, token auth, StreamingHttpResponse);
and prints rows/s as a ratio to the baseline (goal ≥ 0.8×) and the memory each export needed: Python's
peak traced allocations (tracemalloc, a separate pass) and growth of the process's peak RSS (goal < 50 MB).
"""

import argparse
import os
import resource
import time
import tracemalloc
from urllib.parse import urlsplit, urlunsplit

ARTICLE_QUOTES = 50
ROUNDS = 3


def ensure_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
            print(f"created database {name}")


def seed(rows: int) -> None:
    from django.contrib.auth.models import User

    from bench.seed import refresh_statistics
    from claims.models import Article, Outlet, Quote, Speaker
    from claims.sentences import sentence_around
    from claims.services.articles import content_hash

    have = Quote.objects.filter(status="verified").count()
    if have >= rows:
        print(f"{have:,} verified quotes already seeded")
        return
    Quote.objects.all().delete()
    Article.objects.all().delete()
    started = time.perf_counter()
    reviewer, _ = User.objects.get_or_create(username="bench-reviewer")
    outlet, _ = Outlet.objects.get_or_create(name="Bench Gazette")
    speakers = Speaker.objects.bulk_create(
        [Speaker(name=f"Speaker Number {i}", description=f"minister of bench affairs {i}") for i in range(500)],
        ignore_conflicts=True,
    )
    speakers = list(Speaker.objects.filter(name__startswith="Speaker Number "))
    n_articles = -(-rows // ARTICLE_QUOTES)
    for batch_start in range(0, n_articles, 200):
        articles, spans = [], []
        for a in range(batch_start, min(n_articles, batch_start + 200)):
            parts, offsets, pos = [], [], 0
            for q in range(ARTICLE_QUOTES):
                prefix = "“"
                text = f"Policy {q} of article {a} will cut waiting times by {q % 30} percent"
                sentence = f"{prefix}{text},” Speaker Number {q % 500} said on Monday. "
                offsets.append((pos + len(prefix), pos + len(prefix) + len(text), text))
                parts.append(sentence)
                pos += len(sentence)
            body = "".join(parts)
            articles.append(
                Article(
                    title=f"Bench article {a}",
                    url=f"https://bench.example/{a}",
                    outlet=outlet,
                    body_text=body,
                    content_hash=content_hash(body),
                    status="extracted",
                )
            )
            spans.append(offsets)
        articles = Article.objects.bulk_create(articles)
        quotes = [
            Quote(
                article=article,
                text=text,
                start=start,
                end=end,
                sentence=sentence_around(article.body_text, start, end),
                status="verified",
                confidence=0.9,
                speaker=speakers[i % len(speakers)],
                speaker_mention="Speaker",
                cue="said",
                reviewer=reviewer,
            )
            for article, offsets in zip(articles, spans, strict=True)
            for i, (start, end, text) in enumerate(offsets)
        ]
        Quote.objects.bulk_create(quotes[: max(0, rows - Quote.objects.count())], batch_size=5000)
    refresh_statistics()
    print(f"seeded {Quote.objects.count():,} verified quotes in {time.perf_counter() - started:.1f} s")


def rss_peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "EXPORT_BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/quotecheck_exportbench"
        ),
    )
    args = parser.parse_args()

    ensure_database(args.database_url)
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
    os.environ.setdefault("API_THROTTLE_USER", "100000/hour")
    os.environ.setdefault("DEBUG", "false")  # no query log growing in memory
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    from claims.models import Quote
    from claims.selectors import export

    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    seed(args.rows)
    user, _ = User.objects.get_or_create(username="bench-editor")
    user.groups.add(Group.objects.get(name="editor"))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    paths = [path for _, path in export.QUOTE_COLUMNS if path]

    def baseline():
        count = 0
        rows = export.verified_quotes().annotate(**{p: export.EXPRESSIONS[p] for p in paths if p in export.EXPRESSIONS})
        for _ in rows.order_by("id").values_list(*paths).iterator(chunk_size=export.CHUNK_SIZE):
            count += 1
        return count, 0

    def through_api(fmt):
        def run():
            response = client.get("/api/export/quotes", {"format": fmt})
            assert response.status_code == 200 and response.streaming, response
            size = lines = 0
            for piece in response.streaming_content:  # type: ignore[attr-defined]
                size += len(piece)
                lines += piece.count(b"\n")
            return lines - (1 if fmt == "csv" else 0), size

        return run

    runs = [
        ("values_list loop (baseline)", baseline),
        ("CSV export via API", through_api("csv")),
        ("JSONL export via API", through_api("jsonl")),
    ]
    baseline()  # warm the database cache so the first timed run is not penalised
    results: dict[str, tuple[int, int, float]] = {}  # name -> (rows, bytes, best seconds)
    for _ in range(ROUNDS):  # interleaved rounds, best of each: load on the machine hits all three alike
        for name, run in runs:
            started = time.perf_counter()
            count, size = run()
            elapsed = time.perf_counter() - started
            if name not in results or elapsed < results[name][2]:
                results[name] = (count, size, elapsed)
    base_rate = results[runs[0][0]][0] / results[runs[0][0]][2]

    print(
        f"\nPostgreSQL {settings.DATABASES['default']['NAME']}, {Quote.objects.count():,} verified quotes; "
        f"best of {ROUNDS} interleaved runs each"
    )
    print(f"{'':32} {'rows':>9} {'seconds':>8} {'rows/s':>9} {'× baseline':>10} {'MB out':>7}")
    for name, (count, size, elapsed) in results.items():
        print(
            f"{name:32} {count:>9,} {elapsed:>8.2f} {count / elapsed:>9,.0f} "
            f"{count / elapsed / base_rate:>9.2f}× {size / 1e6:>7.1f}"
        )

    print("\nMemory while streaming (separate pass):")
    for name, run in runs[1:]:
        rss_before = rss_peak_mb()
        tracemalloc.start()
        tracemalloc.reset_peak()
        start_current, _ = tracemalloc.get_traced_memory()
        run()
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(
            f"  {name:30} tracemalloc peak growth {(peak - start_current) / 1e6:6.1f} MB; "
            f"peak RSS {rss_peak_mb():6.1f} MB (grew {rss_peak_mb() - rss_before:+.1f} MB)"
        )


if __name__ == "__main__":
    main()
