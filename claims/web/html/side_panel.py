"""The reader's side-panel lists of quotes and claims, rendered in Python.

An article can carry hundreds of items; through the template engine the two lists cost ~40 ms,
built here with the standard library's escaping they cost a few. The markup matches what
static/js/reader/ expects: one `li.item` per item with data-type, data-id, data-status, data-version.
Built from the reader's light rows (claims.selectors.reader).
"""

from html import escape

from django.utils.safestring import SafeString, mark_safe

from claims.models import Claim, Source
from claims.scores import checkworthiness_level, confidence_level
from claims.selectors.reader import ClaimRow, QuoteRow

from .spans import STATUS_LABELS

VERDICT_LABELS = dict(Claim.Verdict.choices)


def _head(item: QuoteRow | ClaimRow, speaker_html: str) -> str:
    status = escape(item.status)
    return (
        f'<div class="item-top"><span class="speaker">{speaker_html}</span>'
        f'<span class="badge review-{status}">{escape(STATUS_LABELS.get(item.status, item.status))}</span></div>'
    )


def _bar(fill_class: str, pct: int, label: str) -> str:
    return (
        f'<div class="confidence"><span class="bar"><span class="bar-fill {fill_class}" style="width: {pct}%">'
        f'</span></span><span class="pct">{label}</span></div>'
    )


def quote_items(quotes: list[QuoteRow]) -> SafeString:
    out = []
    for q in quotes:
        if q.speaker_name is not None:
            speaker = escape(q.speaker_name)
        elif q.speaker_mention:
            speaker = escape(q.speaker_mention)
        else:
            speaker = '<em class="muted">Unattributed</em>'
        pct = round(q.confidence * 100)
        kind = "" if q.kind == "direct" else f" · {escape(q.kind)}"
        if q.speaker_source == Source.HUMAN:  # the model's confidence no longer describes the speaker
            score = f'<div class="confidence"><span class="src src-human">Speaker set by a person</span>{kind}</div>'
        else:
            score = _bar("conf-" + confidence_level(q.confidence), pct, f"{pct}%{kind}")
        out.append(
            f'<li class="item item-quote st-{escape(q.status)}" id="item-quote-{q.pk}" data-type="quote" '
            f'data-id="{q.pk}" data-kind="{escape(q.kind)}" data-status="{escape(q.status)}" data-version="{q.version}">'
            f"{_head(q, speaker)}"
            f'<a class="item-text" href="?item=quote-{q.pk}#inspector">“{escape(q.text)}”</a>'
            f"{score}</li>"
        )
    return mark_safe("\n".join(out))


def claim_items(claims: list[ClaimRow]) -> SafeString:
    out = []
    for c in claims:
        speaker = escape(c.speaker_name) if c.speaker_name is not None else '<em class="muted">No speaker</em>'
        pct = round(c.checkworthiness * 100)
        verdict = f" · <strong>{escape(VERDICT_LABELS.get(c.verdict, c.verdict))}</strong>" if c.verdict else ""
        out.append(
            f'<li class="item item-claim st-{escape(c.status)}" id="item-claim-{c.pk}" data-type="claim" '
            f'data-id="{c.pk}" data-kind="claim" data-status="{escape(c.status)}" data-version="{c.version}">'
            f"{_head(c, speaker)}"
            f'<a class="item-text" href="?item=claim-{c.pk}#inspector">{escape(c.text)}</a>'
            f"{_bar('cw-bar-' + checkworthiness_level(c.checkworthiness), pct, f'{pct}% check-worthy{verdict}')}</li>"
        )
    return mark_safe("\n".join(out))
