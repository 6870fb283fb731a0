"""Load bench: gunicorn (production settings, 3 workers) on PostgreSQL with seeded data, driven by `hey`.

    .venv/bin/python -m bench.loadbench [--database-url postgres://postgres@127.0.0.1:5432/quotecheck_bench]
        [--quotes 10000] [--big 4000] [--duration 10] [--clients 1,8,32]     (or `make loadbench`)

Creates the database when missing, migrates and seeds it (bench/seed.py, bulk_create), starts gunicorn on
127.0.0.1 with bench.settings (production settings plus a baseline endpoint that exists only there), and
for each endpoint and client count prints req/s, p50/p95/p99, errors and the ratio of its req/s to the
baseline's at the same client count: `/bench/baseline/quotes/` serves the same page of 50 quotes as the
quote list with a bare `values()` + `JsonResponse`. Then the large article's API detail (`--big` quotes
and claims) at one client, and every worker's RSS (VmRSS) after the run (goal ≤ 120 MB after 1,000 requests).
"""

import argparse
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/quotecheck_bench"


def ensure_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
            print(f"created database {name}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def hey(url: str, clients: int, duration: int, headers: list[str]) -> dict:
    args = ["hey", "-z", f"{duration}s", "-c", str(clients)]
    for header in headers:
        args += ["-H", header]
    out = subprocess.run([*args, url], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    pct = {p: float(s) * 1000 for p, s in re.findall(r"(\d+)%% in ([\d.]+) secs".replace("%%", "%"), out)}
    codes = {int(c): int(n) for c, n in re.findall(r"\[(\d+)\]\s+(\d+) responses", out)}
    ok = codes.get(200, 0)
    errors = sum(n for c, n in codes.items() if c != 200)
    errors += sum(int(n) for n in re.findall(r"\[(\d+)\]\s+Get", out))
    return {"rps": rps, "p50": pct.get("50", 0), "p95": pct.get("95", 0), "p99": pct.get("99", 0), "ok": ok,
            "errors": errors}  # fmt: skip


def worker_rss(master: int) -> list[int]:
    """VmRSS in MB of each gunicorn worker (the master's children)."""
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    out = []
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        out.append(int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) // 1024)  # type: ignore[union-attr]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB))
    parser.add_argument("--quotes", type=int, default=10_000)
    parser.add_argument("--big", type=int, default=4000)
    parser.add_argument("--duration", type=int, default=10, help="seconds per point")
    parser.add_argument("--clients", default="1,8,32")
    parser.add_argument("--workers", type=int, default=3)
    args = parser.parse_args()
    ensure_database(args.database_url)
    env = {
        **os.environ,
        "DATABASE_URL": args.database_url,
        "DJANGO_ENV": "production",
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "SECRET_KEY": "bench-only-secret-key-not-for-production-0123456789abcdef",
        "ALLOWED_HOSTS": "127.0.0.1",
        "CELERY_BROKER_URL": os.environ.get("BENCH_BROKER_URL", "redis://127.0.0.1:6379/7"),
        "WEB_CONCURRENCY": str(args.workers),
    }
    os.environ.update(env)
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command
    from rest_framework.authtoken.models import Token

    from bench.seed import TYPICAL_QUOTES, seed
    from claims.models import Quote

    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)  # production pages need the manifest
    seeded = seed(args.quotes, args.big)
    token, _ = Token.objects.get_or_create(user=seeded["user"])
    session = SessionStore()
    session.update({"_auth_user_id": str(seeded["user"].pk), "_auth_user_backend": settings.AUTHENTICATION_BACKENDS[0],
                    "_auth_user_hash": seeded["user"].get_session_auth_hash()})  # fmt: skip
    session.create()
    n_verified = Quote.objects.filter(status="verified").count()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = open(ROOT / ".loadbench-gunicorn.log", "w")  # noqa: SIM115  # open for the server's lifetime
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "-c", str(ROOT / "gunicorn.conf.py"), "--bind",
         f"127.0.0.1:{port}", "factcheck.wsgi:application"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=log,
    )  # fmt: skip
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.2)
        api = ["Authorization: Token " + token.key, "X-Forwarded-Proto: https"]
        page = ["Cookie: sessionid=" + (session.session_key or ""), "X-Forwarded-Proto: https"]
        first = Quote.objects.filter(status="verified").order_by("id").values_list("id", flat=True)[0]
        endpoints = [
            ("baseline (values + JsonResponse)", "/bench/baseline/quotes/", api),
            ("GET /api/quotes/", "/api/quotes/", api),
            ("GET /api/quotes/<id>/", f"/api/quotes/{first}/", api),
            ("GET /api/claims/", "/api/claims/", api),
            (f"CSV export ({n_verified:,} quotes)", "/api/export/quotes?format=csv", api),
            (f"reader page ({TYPICAL_QUOTES} quotes, typical)", f"/articles/{seeded['typical'].pk}/", page),
            ("reader page (50 quotes)", f"/articles/{seeded['fifty'].pk}/", page),
        ]
        clients = [int(c) for c in args.clients.split(",")]
        print(f"hey against gunicorn ({args.workers} workers, production settings, PostgreSQL), "
              f"{n_verified:,} verified quotes, {args.duration} s per point")  # fmt: skip
        print(f"{'endpoint':36} {'clients':>7} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
              f"{'ok':>6} {'errors':>6} {'x baseline':>10}")  # fmt: skip
        for _name, path, headers in endpoints:  # warm every worker (imports, URL resolver, connections)
            subprocess.run(["hey", "-n", "30", "-c", "3", *[part for h in headers for part in ("-H", h)], base + path],
                           capture_output=True, check=True)  # fmt: skip
        baseline: dict[int, float] = {}
        for name, path, headers in endpoints:
            for c in clients:
                r = hey(base + path, c, args.duration, headers)
                if path.startswith("/bench/"):
                    baseline[c] = r["rps"]
                ratio = r["rps"] / baseline[c] if baseline.get(c) else float("nan")
                print(f"{name:36} {c:7} {r['rps']:8.1f} {r['p50']:8.1f} {r['p95']:8.1f} {r['p99']:8.1f} "
                      f"{r['ok']:6} {r['errors']:6} {ratio:10.2f}")  # fmt: skip
        big = hey(f"{base}/api/articles/{seeded['big'].pk}/", 1, args.duration, api)
        print(f"GET /api/articles/<id>/ ({args.big:,} quotes x {args.big:,} claims): p50 {big['p50']:.1f} ms, "
              f"p99 {big['p99']:.1f} ms, {big['errors']} errors (goal < 100 ms)")  # fmt: skip
        rss = worker_rss(server.pid)
        print(f"worker RSS after the run: {', '.join(f'{m} MB' for m in rss)} (goal <= 120 MB after 1,000 requests)")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        log.close()


if __name__ == "__main__":
    main()
