"""Keep each quote's and claim's stored `sentence` true to its span and its article's text.

The rule is `claims.sentences.sentence_around`; these are the writes that apply it: whenever a span is
created or moved, or the body shifts under it. Readers (API lists and details, exports, webhooks) only
read the column, so a page never re-scans an article body.
"""

from collections.abc import Iterable
from typing import TypeVar

from claims.models import Claim, Quote
from claims.sentences import sentence_around, sentence_bounds

Item = TypeVar("Item", Quote, Claim)


def sentences_fill(items: Iterable[Item], body: str) -> list[Item]:
    """Set `sentence` on each item from `body` (its article's text, bounds computed once); returns the
    items whose sentence changed (for a bulk_update of saved rows)."""
    bounds = sentence_bounds(body)
    changed = []
    for item in items:
        sentence = sentence_around(body, item.start, item.end, bounds=bounds)
        if item.sentence != sentence:
            item.sentence = sentence
            changed.append(item)
    return changed


def article_refresh_sentences(*, article_id: int, body: str) -> int:
    """Recompute the stored sentence of every quote and claim of the article from `body` (after its text
    changed); writes only the rows that differ and returns how many did."""
    return _refresh(Quote, article_id, body) + _refresh(Claim, article_id, body)


def _refresh(model: type[Item], article_id: int, body: str) -> int:
    rows = list(model._default_manager.filter(article_id=article_id).only("pk", "start", "end", "sentence"))
    stale = sentences_fill(rows, body)
    model._default_manager.bulk_update(stale, ["sentence"], batch_size=500)
    return len(stale)
