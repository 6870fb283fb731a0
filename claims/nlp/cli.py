"""JSONL batch extraction used by `manage.py extract`: {"id","text"} lines in, Extraction lines out."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from typing import IO, Any

from tqdm import tqdm

from .pipeline import iter_extract


def _records(path: str) -> Iterator[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def run(
    in_path: str, out_path: str, *, batch_size: int = 32, n_process: int = 1, progress_stream: IO[str] | None = None
) -> int:
    """Extract every record of in_path into out_path; returns the number of records written."""
    total = sum(1 for _ in _records(in_path))
    ids: list[object] = []

    def texts() -> Iterator[str]:
        for rec in _records(in_path):
            ids.append(rec.get("id"))
            yield rec.get("text") or ""

    written = 0
    stream = progress_stream if progress_stream is not None else sys.stderr
    with (
        open(out_path, "w", encoding="utf-8") as out,
        tqdm(total=total, file=stream, unit="article", desc="extract") as bar,
    ):
        for ex in iter_extract(texts(), batch_size=batch_size, n_process=n_process):
            out.write(json.dumps({"id": ids[written], **ex.to_dict()}, ensure_ascii=False) + "\n")
            written += 1
            bar.update(1)
    return written
