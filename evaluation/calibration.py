"""Is confidence a probability? Reliability of attribution confidence against "speaker strict-correct".

For every predicted quote the shared scorer matches to a gold quote whose speaker is assessed, the
quote is correct when its speaker passes the strict check. Confidences are binned in ten equal bins;
the table shows each bin's mean confidence beside its accuracy, and the expected calibration error
(ECE) is the count-weighted mean gap between the two. The review queue sorts by confidence, so a
reviewer must be able to read 0.6 as "right six times in ten".

Usage: python -m evaluation.calibration GOLD.jsonl PRED.jsonl [--bins 10]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from types import ModuleType
from typing import Any

from claims.nlp import calibration
from evaluation.shared import load_scorer


def judged(scorer: ModuleType, record: dict[str, Any], pred_quotes: list[dict[str, Any]]) -> list[tuple[int, bool]]:
    """(index into pred_quotes, speaker correct) for every predicted quote the scorer matches to a gold
    quote whose speaker is assessed ("skip" ones are not), under the gold quote's own match mode."""
    out = []
    for i, j in scorer.match(record["text"], record["quotes"], pred_quotes):
        mode = record["quotes"][i].get("speaker_match", "exact")
        if mode == "skip":
            continue
        ok = scorer.speaker_ok(pred_quotes[j].get("speaker"), record["quotes"][i].get("speaker"), False, mode)
        out.append((j, bool(ok)))
    return out


def outcomes(gold_path: Path, pred_path: Path) -> list[tuple[float, bool]]:
    """(confidence, speaker strict-correct) for every matched quote whose speaker is assessed."""
    scorer = load_scorer()
    preds = {}
    for line in pred_path.open(encoding="utf-8"):
        if line.strip():
            rec = json.loads(line)
            preds[str(rec["id"])] = rec.get("quotes", [])
    out = []
    for line in gold_path.open(encoding="utf-8"):
        if not line.strip():
            continue
        art = json.loads(line)
        pq = preds.get(str(art["id"]), [])
        out += [(float(pq[j].get("confidence") or 0.0), ok) for j, ok in judged(scorer, art, pq)]
    return out


def reliability(
    pairs: list[tuple[float, bool]], bins: int = 10
) -> tuple[list[tuple[float, float, int, float, float]], float]:
    """Rows (low, high, count, mean confidence, accuracy) per bin, and the expected calibration error."""
    rows = []
    ece = 0.0
    for b in range(bins):
        low, high = b / bins, (b + 1) / bins
        inside = [(c, ok) for c, ok in pairs if low <= c < high or (b == bins - 1 and c == 1.0)]
        if not inside:
            rows.append((low, high, 0, 0.0, 0.0))
            continue
        conf = sum(c for c, _ in inside) / len(inside)
        acc = sum(ok for _, ok in inside) / len(inside)
        ece += len(inside) / max(len(pairs), 1) * abs(conf - acc)
        rows.append((low, high, len(inside), conf, acc))
    return rows, ece


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("pred", type=Path)
    parser.add_argument("--bins", type=int, default=10)
    args = parser.parse_args(argv)
    rows, ece = reliability(outcomes(args.gold, args.pred), args.bins)
    print("confidence bin   quotes  mean conf  accuracy")
    for low, high, n, conf, acc in rows:
        print(f"[{low:.1f}, {high:.1f}){n:>10}  {conf:>9.3f}  {acc:>8.3f}" if n else f"[{low:.1f}, {high:.1f}){n:>10}")
    print(f"expected calibration error (ECE): {ece:.4f}")
    model = calibration.card()
    if model:
        print(
            "  (in-sample: the calibration model was fitted on this data, so this is no test of it; the model "
            f"card's out-of-fold ECE on news-dev, each article scored by a map that never saw it, mean of "
            f"{len(model['headline']['each'])} fold shuffles): {model['headline']['news_dev_out_of_fold_ece']:.4f})"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
