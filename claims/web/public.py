"""The public page of a published fact-check, with its schema.org ClaimReview JSON-LD (no login)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.safestring import mark_safe

from claims.selectors import claimreview


def claim_public(request: HttpRequest, pk: int) -> HttpResponse:
    """The public fact-check of one claim; only published claims exist here (see `claim_review_queryset`)."""
    claim = get_object_or_404(claimreview.claim_review_queryset(), pk=pk)
    data = claimreview.claim_review(claim, url=request.build_absolute_uri())
    context = {
        "claim": claim,
        "review": data,
        "jsonld": mark_safe(claimreview.jsonld_script(data)),  # noqa: S308  # <, > and & are escaped
        "speaker": claim.speaker or (claim.quote.speaker if claim.quote else None),
        "evidence": claim.evidence.all(),
    }
    return render(request, "access/claim_public.html", context)
