"""schema.org ClaimReview: the markup of a published fact-check, for the public page, the API and exports.

Only verified claims with a verdict are published (`claim_review_queryset`); everything else is a draft.
`datePublished` is the first publication, `dateModified` the last republication that changed it, and each
dated correction is a `CorrectionComment` (claims.services.publication keeps those).
"""

import json

from django.conf import settings
from django.db.models import Prefetch, QuerySet

from claims.models import Claim, Correction, ReviewStatus

# Our verdicts on a 1 (false) … 5 (true) scale; "unverifiable" has no place on it.
RATINGS = {"true": 5, "mostly_true": 4, "half_true": 3, "misleading": 2, "mostly_false": 2, "false": 1}


def organisation() -> dict:
    return {"@type": "Organization", "name": settings.ORGANISATION_NAME, "url": settings.ORGANISATION_URL}


def claim_review(claim: Claim, *, url: str) -> dict:
    """schema.org ClaimReview for a claim with a verdict; `url` is the public page that shows the review.

    Needs claim.speaker, claim.quote.speaker, claim.article.outlet loaded (select_related) and the corrections
    prefetched (as `claim_review_queryset` does) to avoid queries.
    """
    speaker = claim.speaker or (claim.quote.speaker if claim.quote_id and claim.quote else None)
    article = claim.article
    rating: dict[str, object] = {
        "@type": "Rating",
        "bestRating": 5,
        "worstRating": 1,
        "alternateName": Claim.Verdict(claim.verdict).label if claim.verdict else "",
    }
    if claim.verdict in RATINGS:
        rating["ratingValue"] = RATINGS[claim.verdict]
    item: dict[str, object] = {"@type": "Claim"}
    if speaker:
        author = {"@type": "Person" if speaker.kind == "person" else "Organization", "name": speaker.name}
        if speaker.description:
            author["jobTitle" if speaker.kind == "person" else "description"] = speaker.description
        item["author"] = author
    if article.published_at:
        item["datePublished"] = article.published_at.date().isoformat()
    if article.url:
        appearance: dict[str, object] = {"@type": "CreativeWork", "url": article.url}
        if article.title:
            appearance["headline"] = article.title
        if article.outlet:
            appearance["publisher"] = {"@type": "Organization", "name": article.outlet.name}
        item["appearance"] = [appearance]
    review: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": url,
        "claimReviewed": claim.text,
        "itemReviewed": item,
        "author": organisation(),
        "reviewRating": rating,
    }
    when = claim.published_at or claim.reviewed_at or claim.updated_at
    if when:
        review["datePublished"] = when.date().isoformat()
    if claim.modified_at:
        review["dateModified"] = claim.modified_at.date().isoformat()
    notes = [
        {"@type": "CorrectionComment", "datePublished": c.created_at.date().isoformat(), "text": correction_text(c)}
        for c in claim.corrections.all()
    ]
    if notes:
        review["correction"] = notes
    return review


def correction_text(correction: Correction) -> str:
    """ "Rating changed from Mostly false to Half true — the figures were revised." (or "Updated — …")."""
    labels = dict(Claim.Verdict.choices)
    if correction.old_verdict != correction.new_verdict:
        old = labels.get(correction.old_verdict, "no rating")
        text = f"Rating changed from {old} to {labels.get(correction.new_verdict, 'no rating')}"
    else:
        text = "Updated"
    return f"{text} — {correction.note}" if correction.note else text


def claim_review_queryset(queryset: QuerySet | None = None) -> QuerySet:
    """Claims published as ClaimReview: verified, with a verdict (drafts and "needs work" are not public)."""
    qs = (
        (Claim.objects.all() if queryset is None else queryset).filter(status=ReviewStatus.VERIFIED).exclude(verdict="")
    )
    return (
        qs.select_related("speaker", "quote__speaker", "article__outlet")
        .defer("article__body_text", "article__raw_html")
        .prefetch_related(Prefetch("corrections", Correction.objects.order_by("created_at", "id")))
    )


def jsonld_script(data: dict) -> str:
    """JSON for a <script type="application/ld+json"> element: <, > and & escaped so no text can close it."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return (
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )
