"""Seed data for the load bench, with bulk_create: `--quotes` verified quotes (50 per article, half with a
verified claim), and one large article with `--big` quotes and `--big` claims for the detail check.

Used by bench/loadbench.py; idempotent (an already seeded database is left as it is).
"""

from django.contrib.auth.models import Group, User
from django.db import connection
from django.utils import timezone

from bench.api_speed import PER_ARTICLE, seed_article
from claims.models import Article, Outlet, Quote, Speaker

BIG_INDEX = 99_999


def seed(quotes: int, big: int) -> dict:
    """Seed (once) and return the bench user, the large article and a typical one."""
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
    big_article = Article.objects.get(content_hash=f"bench-{BIG_INDEX:08d}".ljust(64, "0"))
    typical = Article.objects.filter(content_hash__startswith="bench-").exclude(pk=big_article.pk).order_by("pk")[0]
    return {"user": user, "big": big_article, "typical": typical}


def refresh_statistics() -> None:
    """ANALYZE after a bulk seed, as autovacuum would a little later: with the empty table's statistics,
    PostgreSQL plans a page of verified quotes as a sort of every row (200 ms at 100k rows, not 0.1 ms)."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
