"""`manage.py extract --jsonl IN --out OUT`: batch quote/claim extraction without touching the database."""

import sys

from django.core.management.base import BaseCommand

from claims.nlp import cli


class Command(BaseCommand):
    help = "Extract quotes, speakers and claims from a JSONL file of {id, text} records."
    requires_system_checks: list = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("--jsonl", required=True, help="input JSONL with id and text")
        parser.add_argument("--out", required=True, help="output JSONL path")
        parser.add_argument("--batch-size", type=int, default=32)
        parser.add_argument("--n-process", type=int, default=1)

    def handle(self, *args, **options):
        n = cli.run(
            options["jsonl"],
            options["out"],
            batch_size=options["batch_size"],
            n_process=options["n_process"],
            progress_stream=getattr(self.stderr, "_out", sys.stderr),
        )
        self.stdout.write(f"wrote {n} records to {options['out']}")
