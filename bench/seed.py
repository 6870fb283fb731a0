"""Seed data for the load bench, with bulk_create: `--quotes` verified quotes (50 per article, half with a
verified claim), one typical article (20 quotes, 10 claims: the reader's typical size, as in
bench/reader_speed.py; news-dev's articles average about 6 quotes) and one large article with `--big` quotes
and `--big` claims for the detail check.

Used by bench/loadbench.py; idempotent (an already seeded database is left as it is).
"""

from django.contrib.auth.models import Group, User
from django.db import connection
from django.utils import timezone

from bench.api_speed import PER_ARTICLE, bench_hash, seed_article
from claims.models import Article, Outlet, Quote, Speaker

BIG_INDEX = 99_999
TYPICAL_INDEX = 99_998
TYPICAL_QUOTES = 20


def seed(quotes: int, big: int) -> dict:
    """Seed (once) and return the bench user, the large article, the typical one and one of 50 quotes."""
    user, created = User.objects.get_or_create(username="bench")
    if created:
        user.set_password("bench-password-123")
        user.save()
        user.groups.add(Group.objects.get(name="reviewer"))
    if not Article.objects.filter(content_hash__startswith="bench-").exists():
        started = timezone.now()
        outlet, _ = Outlet.objects.get_or_create(name="Bench Gazette")
        speakers = [
            Speaker.objects.get_or_create(name=f"Speaker Number{i}", defaults={"description": f"minister {i}"})[0]
            for i in range(25)
        ]
        for index in range(-(-quotes // PER_ARTICLE)):
            seed_article(index, PER_ARTICLE, speakers, user, outlet)
        seed_article(BIG_INDEX, big, speakers, user, outlet, claims_per_quote=1)
        refresh_statistics()
        print(f"seeded {Quote.objects.count():,} quotes in {(timezone.now() - started).total_seconds():.0f} s")
    if not Article.objects.filter(content_hash=bench_hash(TYPICAL_INDEX)).exists():  # databases seeded before it
        speakers = list(Speaker.objects.filter(name__startswith="Speaker Number").order_by("pk"))
        seed_article(TYPICAL_INDEX, TYPICAL_QUOTES, speakers, user, Outlet.objects.get(name="Bench Gazette"))
    bench = Article.objects.filter(content_hash__startswith="bench-")
    return {
        "user": user,
        "big": bench.get(content_hash=bench_hash(BIG_INDEX)),
        "typical": bench.get(content_hash=bench_hash(TYPICAL_INDEX)),
        "fifty": bench.exclude(content_hash__in=[bench_hash(BIG_INDEX), bench_hash(TYPICAL_INDEX)]).order_by("pk")[0],
    }


def refresh_statistics() -> None:
    """ANALYZE after a bulk seed, as autovacuum would a little later: with the empty table's statistics,
    PostgreSQL plans a page of verified quotes as a sort of every row (200 ms at 100k rows, not 0.1 ms)."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
