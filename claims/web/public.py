"""The public page of a published fact-check, with its schema.org ClaimReview JSON-LD (no login).

Only verified claims with a verdict exist here (`claim_review_queryset`); a draft, a claim that needs work
or one an editor reopened is a 404. The page carries what sharing and search need: a title, a description,
the canonical URL and Open Graph / Twitter card tags, and every dated correction.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.safestring import mark_safe

from claims.selectors import claimreview

DESCRIPTION_LIMIT = 200


def claim_public(request: HttpRequest, pk: int) -> HttpResponse:
    """The public fact-check of one claim."""
    claim = get_object_or_404(claimreview.claim_review_queryset(), pk=pk)
    url = request.build_absolute_uri()
    data = claimreview.claim_review(claim, url=url)
    speaker = claim.speaker or (claim.quote.speaker if claim.quote else None)
    rating = str(data["reviewRating"]["alternateName"])
    said = f"{speaker.name}: " if speaker else ""
    description = f"{rating}. {said}“{claim.text}”"
    if len(description) > DESCRIPTION_LIMIT:
        description = description[: DESCRIPTION_LIMIT - 1] + "…"
    context = {
        "claim": claim,
        "review": data,
        "rating": rating,
        "jsonld": mark_safe(claimreview.jsonld_script(data)),  # noqa: S308  # <, > and & are escaped
        "speaker": speaker,
        "evidence": claim.evidence.all(),
        "canonical": url.split("?")[0],
        "description": description,
        "corrections": list(claim.corrections.all()),
    }
    return render(request, "access/claim_public.html", context)
