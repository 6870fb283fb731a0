"""The sentence around a quote or claim: the one rule for the `sentence` the API, exports and webhooks show.

Pure Python over the article's body_text (no Django), so the services that write a span, the migration
that backfilled the column and the tests all use the same definition. It runs at write time only: the
result is stored on the row (`ReviewedSpan.sentence`) and every reader takes the stored column.
"""

import re
from bisect import bisect_left, bisect_right

SENTENCE_LIMIT = 600

# A sentence ends at . ! ? (closing quote marks included) followed by a capitalised word, a digit or an
# opening mark — "“We won!” she said." is one sentence — or at a line break.
_SENTENCE_END = re.compile(r"""[.!?…]+["'”’»)]*(?=\s+["'“‘«(]?[A-Z0-9À-ÖØ-Þ])|\n""")


def sentence_bounds(body: str) -> list[int]:
    """Offsets where a sentence ends in `body`, in order (computed once per article and reused)."""
    return [m.end() for m in _SENTENCE_END.finditer(body)]


def sentence_around(
    body: str, start: int, end: int, *, bounds: list[int] | None = None, limit: int = SENTENCE_LIMIT
) -> str:
    """The sentence(s) containing body[start:end], cut to `limit` characters either side.

    Pass `bounds` (from `sentence_bounds`) when taking many sentences from one article.
    """
    if bounds is None:
        bounds = sentence_bounds(body)
    i = bisect_right(bounds, start)
    left = bounds[i - 1] if i else 0
    j = bisect_left(bounds, end)
    right = bounds[j] if j < len(bounds) else len(body)
    return body[max(left, start - limit) : min(right, end + limit)].strip()
