"""manage.py ingest PATH...: load .txt, .html and .jsonl files (or directories of them) as articles."""

from collections import Counter
from pathlib import Path
from typing import TextIO, cast

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from claims.services.articles import IngestError, article_create_from_file, article_create_from_record, iter_jsonl

SUFFIXES = {".txt", ".html", ".htm", ".jsonl"}


class Command(BaseCommand):
    help = "Ingest articles from .txt, .html and .jsonl files or directories; prints a summary."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path)
        parser.add_argument("--no-progress", action="store_true", help="Hide the progress bar.")

    def handle(self, *paths, **options):
        files = list(self._files(options["paths"]))
        if not files:
            raise CommandError("No .txt, .html or .jsonl files found in the given paths.")
        counts: Counter[str] = Counter()
        rejected: list[str] = []
        with tqdm(
            total=len(files), unit="file", disable=options["no_progress"], file=cast(TextIO, self.stderr._out)
        ) as bar:
            for path in files:
                for label, outcome in self._ingest(path):
                    if isinstance(outcome, IngestError):
                        counts["rejected"] += 1
                        rejected.append(f"{label}: {outcome.message}")
                    else:
                        counts["created" if outcome.created else "duplicates"] += 1
                bar.update()
        self.stdout.write(
            f"created {counts['created']}, duplicates {counts['duplicates']}, rejected {counts['rejected']}"
        )
        for line in rejected:
            self.stdout.write(f"  rejected {line}")

    def _files(self, paths):
        for path in paths:
            if path.is_dir():
                yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
            elif path.is_file():
                yield path
            else:
                raise CommandError(f"{path} does not exist.")

    def _ingest(self, path: Path):
        """Yield (label, IngestResult | IngestError) per article in the file."""
        if path.suffix.lower() == ".jsonl":
            for lineno, record in iter_jsonl(path):
                label = f"{path}:{lineno}"
                if isinstance(record, IngestError):
                    yield label, record
                    continue
                try:
                    yield label, article_create_from_record(record)
                except IngestError as exc:
                    yield label, exc
            return
        try:
            yield str(path), article_create_from_file(name=path.name, data=path.read_bytes())
        except IngestError as exc:
            yield str(path), exc
