"""manage.py requeue_stuck: re-send articles whose extraction task was lost (broker down, worker killed)."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand

from claims.services.articles import articles_requeue_stuck


class Command(BaseCommand):
    help = "Re-enqueue articles stuck in received/processing for longer than --minutes (and failed ones with --failed)."

    def add_arguments(self, parser):
        parser.add_argument("--minutes", type=float, default=settings.STUCK_ARTICLE_MINUTES)
        parser.add_argument("--failed", action="store_true", help="Also retry articles whose extraction failed.")

    def handle(self, *args, **options):
        ids = articles_requeue_stuck(older_than=timedelta(minutes=options["minutes"]), include_failed=options["failed"])
        self.stdout.write(f"requeued {len(ids)} article(s)" + (f": {', '.join(map(str, ids))}" if ids else ""))
