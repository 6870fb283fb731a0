"""manage.py export: verified quotes or reviewed claims to a CSV, JSONL or JSON file, streamed, with a progress bar."""

import sys
from contextlib import nullcontext
from typing import TextIO, cast

from django.core.management.base import BaseCommand, CommandError
from django.http import QueryDict
from tqdm import tqdm

from claims.models import Claim, Quote
from claims.selectors import export
from claims.selectors.filters import ClaimFilter, QuoteFilter

KINDS = {"quotes": (Quote, QuoteFilter), "claims": (Claim, ClaimFilter)}
FILTERS = [
    "status",
    "speaker",
    "article",
    "outlet",
    "published_after",
    "published_before",
    "updated_since",
    "q",
    "min_confidence",
    "min_checkworthiness",
    "quote_kind",
    "verdict",
]


class Command(BaseCommand):
    help = (
        "Export quotes (default: verified) or claims (default: reviewed) as csv, jsonl or json, with the same "
        "filters as /api/export/. Example: manage.py export --kind quotes --format csv --out quotes.csv"
    )

    def add_arguments(self, parser):
        parser.add_argument("--kind", choices=sorted(KINDS), default="quotes")
        parser.add_argument("--format", choices=export.FORMATS, default="csv", dest="fmt")
        parser.add_argument("--out", required=True, help="Output file, or - for standard output.")
        parser.add_argument("--no-progress", action="store_true", help="Hide the progress bar.")
        parser.add_argument("--bom", action="store_true", help="Start a CSV with a UTF-8 BOM (for Excel).")
        for name in FILTERS:
            parser.add_argument(f"--{name.replace('_', '-')}", dest=name, help=f"Filter: {name} (as in the API).")

    def handle(self, *args, **options):
        model, filterset_class = KINDS[options["kind"]]
        query = QueryDict(mutable=True)
        for name in FILTERS:
            if options.get(name) is not None:
                query["kind" if name == "quote_kind" else name] = options[name]
        filterset = filterset_class(query, queryset=model._default_manager.all(), request=None)
        if not filterset.is_valid():
            problems = "; ".join(f"{field}: {' '.join(errors)}" for field, errors in filterset.errors.items())
            raise CommandError(f"Bad filter: {problems}")
        queryset = filterset.qs
        total = queryset.count()
        to_stdout = options["out"] == "-"
        target = nullcontext(sys.stdout) if to_stdout else open(options["out"], "w", encoding="utf-8", newline="")  # noqa: SIM115
        with (
            target as out,
            tqdm(total=total, unit="row", disable=options["no_progress"], file=cast(TextIO, self.stderr._out)) as bar,
        ):

            def counted(batches):
                for batch in batches:
                    yield batch
                    bar.update(len(batch))

            fmt = options["fmt"]
            batches = counted(export.encoded_batches(queryset, fmt))
            for piece in export.stream(model, fmt, batches, bom=options["bom"] and fmt == "csv"):
                out.write(piece)
        if options["out"] != "-":
            self.stderr.write(f"wrote {total} {options['kind']} to {options['out']}")
