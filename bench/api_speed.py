"""In-process API benchmark: one page of quotes and of claims through the real views, against a bare
`values()` + `json.dumps` of the same page's rows, and an article's detail with thousands of each.

    .venv/bin/python -m bench.api_speed [--articles 40] [--runs 30] [--big 500]

SQLite in a temporary directory. Seeds `--articles` articles of 50 verified quotes and 25 verified claims
each, then in one run prints, per endpoint, the median time of `GET /api/quotes/` and `GET /api/claims/`
(50 rows, token auth, the whole middleware and DRF stack), the median time of the baseline (the same 50 ids
read with a bare `values()` and encoded with `json.dumps`) and the ratio baseline/endpoint (goal ≥ 0.3),
endpoint and baseline runs alternating, wall clock and this process's CPU time (which leaves out waiting
for a core on a shared machine),
the query count of each, and the median time of `GET /api/articles/<id>/` for one article with `--big`
quotes and `--big` claims (goal < 100 ms; counts must not grow with quotes × claims).
"""

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

from bench.sqlite import setup_django

PER_ARTICLE = 50


def article_spans(index: int, n: int) -> tuple[str, list[tuple[int, int, str]]]:
    """An article body with `n` quoted sentences, and the (start, end, text) of each quote."""
    paragraphs, spans, offset = [], [], 0
    for i in range(n):
        quote = f"We will deliver {i} new homes in district {index} by next spring, and that is a promise"
        para = f"Background sentence number {i} sets the scene. “{quote},” said Speaker Number{i % 25} on day {i}."
        start = offset + para.index("“") + 1
        spans.append((start, start + len(quote), quote))
        paragraphs.append(para)
        offset += len(para) + 2
    return "\n\n".join(paragraphs), spans


def bench_hash(index: int) -> str:
    """The content hash of seeded article `index` (how bench/seed.py finds its articles again)."""
    return f"bench-{index:08d}".ljust(64, "0")


def seed_article(index: int, n: int, speakers, reviewer, outlet, *, claims_per_quote: int = 2):
    from django.utils import timezone

    from claims.models import Article, Claim, Quote
    from claims.sentences import sentence_around, sentence_bounds

    body, spans = article_spans(index, n)
    bounds = sentence_bounds(body)
    article = Article.objects.create(
        title=f"Bench article {index}",
        url=f"https://news.example.org/bench/{index}",
        outlet=outlet,
        published_at=timezone.now(),
        body_text=body,
        content_hash=bench_hash(index),
        status=Article.Status.EXTRACTED,
    )
    now = timezone.now()
    Quote.objects.bulk_create(
        [
            Quote(
                article=article,
                start=s,
                end=e,
                text=t,
                sentence=sentence_around(body, s, e, bounds=bounds),
                speaker=speakers[i % len(speakers)],
                speaker_mention=f"Number{i % 25}",
                cue="said",
                confidence=0.5 + (i % 50) / 100,
                attribution_reason="benchmark",
                status="verified",
                reviewer=reviewer,
                reviewed_at=now,
            )
            for i, (s, e, t) in enumerate(spans)
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
                status="verified",
                verdict="mostly_false",
                rationale="Figures differ.",
                reviewer=reviewer,
                reviewed_at=now,
            )
            for q in quotes[::claims_per_quote]
        ]
    )
    return article


def timed(fn, runs: int) -> list[float]:
    fn()  # warm up
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
    return out


def interleaved(a, b, runs: int) -> tuple[tuple[list[float], list[float]], tuple[list[float], list[float]]]:
    """(wall ms, CPU ms) of `runs` calls of `a` and of `b`, alternated so load on the machine hits both alike."""
    a(), b()  # warm up
    out: tuple[tuple[list[float], list[float]], ...] = (([], []), ([], []))
    for _ in range(runs):
        for fn, (wall, cpu) in zip((a, b), out, strict=True):
            t0, c0 = time.perf_counter(), time.process_time()
            fn()
            cpu.append((time.process_time() - c0) * 1000)
            wall.append((time.perf_counter() - t0) * 1000)
    return out[0], out[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--big", type=int, default=500, help="quotes and claims of the large article")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        setup_django(str(Path(tmp) / "bench.sqlite3"))
        from django.contrib.auth.models import Group, User
        from django.db import connection
        from django.test.utils import CaptureQueriesContext
        from rest_framework.authtoken.models import Token
        from rest_framework.test import APIClient

        from claims.models import Claim, Outlet, Quote, Speaker

        user = User.objects.create_user("bench", password="bench-password-123")
        user.groups.add(Group.objects.get(name="reviewer"))
        outlet = Outlet.objects.create(name="Bench Gazette")
        speakers = [Speaker.objects.create(name=f"Speaker Number{i}", description=f"minister {i}") for i in range(25)]
        for index in range(args.articles):
            seed_article(index, PER_ARTICLE, speakers, user, outlet)
        big = seed_article(10_000, args.big, speakers, user, outlet, claims_per_quote=1)
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")

        def endpoint(url):
            def run():
                response = client.get(url)
                assert response.status_code == 200, (url, response.status_code)
                return response.content

            return run

        def baseline(model):
            ids = list(model.objects.filter(status="verified").order_by("id").values_list("id", flat=True)[:50])

            def run():
                rows = list(model.objects.filter(pk__in=ids).order_by("id").values())
                return json.dumps({"count": len(rows), "results": rows}, default=str).encode()

            return run

        def queries(fn) -> int:
            with CaptureQueriesContext(connection) as captured:
                fn()
            return len(captured)

        print(
            f"API in process, SQLite, {args.articles * PER_ARTICLE:,} verified quotes, page of 50, {args.runs} "
            "interleaved runs; wall clock (CPU time of this process)"
        )
        for name, url, model in (("quotes", "/api/quotes/", Quote), ("claims", "/api/claims/", Claim)):
            view, base = endpoint(url), baseline(model)
            n = queries(view)
            (vw, vc), (bw, bc) = interleaved(view, base, args.runs)
            v, b = statistics.median(vw), statistics.median(bw)
            cv, cb = statistics.median(vc), statistics.median(bc)
            print(
                f"  {name:7} view {v:6.1f} ms ({cv:5.1f})  baseline {b:5.1f} ms ({cb:5.1f})  ratio {b / v:.2f}x "
                f"({cb / cv:.2f}x)  queries {n}  (goal >= 0.3x: {'met' if b / v >= 0.3 else 'NOT met'})"
            )
        detail = endpoint(f"/api/articles/{big.pk}/")
        d = statistics.median(timed(detail, max(3, args.runs // 5)))
        print(
            f"  article detail, {args.big:,} quotes x {args.big:,} claims: {d:.1f} ms, queries {queries(detail)} "
            f"(goal < 100 ms: {'met' if d < 100 else 'NOT met'})"
        )


if __name__ == "__main__":
    main()
