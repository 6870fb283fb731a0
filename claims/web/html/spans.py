"""The reader's highlight spans for quotes and claims: offsets, CSS classes, tooltips and speaker tags.

The spans are built from the reader's light rows (claims.selectors.reader), not model instances.
"""

from claims.models import Quote, ReviewStatus, Source
from claims.scores import checkworthiness_level
from claims.selectors.reader import ClaimRow, QuoteRow

from .highlight import Span
from .phrases import signal_phrases

OPENING_MARKS = "“‘\"'«„‚"
CLOSING_MARKS = "”’\"'»“‘"
KIND_LABELS = dict(Quote.Kind.choices)
STATUS_LABELS = dict(ReviewStatus.choices)


def speaker_label(quote: Quote) -> str:
    """The name shown after a quote: its speaker, else the raw mention, else "Unattributed"."""
    name = quote.speaker.name if quote.speaker_id and quote.speaker is not None else None
    return _label(name, quote.speaker_mention)


def _label(speaker_name: str | None, mention: str) -> str:
    return speaker_name if speaker_name is not None else (mention or "Unattributed")


def quote_span(quote: QuoteRow, body: str) -> Span:
    # Stored offsets exclude the quotation marks; include them in the highlight so the speaker tag follows them.
    start, end = quote.start, quote.end
    if start > 0 and body[start - 1] in OPENING_MARKS:
        start -= 1
    if end < len(body) and body[end] in CLOSING_MARKS:
        end += 1
    label = _label(quote.speaker_name, quote.speaker_mention)
    score = "speaker set by a person" if quote.speaker_source == Source.HUMAN else f"{round(quote.confidence * 100)}%"
    return Span(
        key=f"quote-{quote.pk}",
        start=start,
        end=end,
        classes=("hl-quote", f"kind-{quote.kind}", f"st-{quote.status}"),
        data={"type": "quote", "id": quote.pk, "kind": quote.kind, "status": quote.status},
        title=f"{KIND_LABELS.get(quote.kind, quote.kind)} quote · {label} · "
        f"{score} · {STATUS_LABELS.get(quote.status, quote.status)}",
        label=label,
        label_class="hl-label" + ("" if quote.speaker_id or quote.speaker_mention else " hl-label-none"),
        rank=1,
    )


def claim_span(claim: ClaimRow) -> Span:
    worth = claim.checkworthiness
    signals = "; ".join(signal_phrases(claim.signals)) if claim.signals else "no particular signal"
    return Span(
        key=f"claim-{claim.pk}",
        start=claim.start,
        end=claim.end,
        classes=("hl-claim", f"cw-{checkworthiness_level(worth)}", f"st-{claim.status}"),
        data={
            "type": "claim",
            "id": claim.pk,
            "kind": "claim",
            "status": claim.status,
            "checkworthiness": f"{worth:.2f}",
        },
        title=f"Claim · check-worthiness {round(worth * 100)}% ({signals}) · "
        f"{STATUS_LABELS.get(claim.status, claim.status)}",
        rank=2,
    )
