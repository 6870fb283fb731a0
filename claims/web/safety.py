"""Small request helpers every page shares: where a form may send the user back to."""

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request: HttpRequest, default: str) -> str:
    """The form's `next` when it is an absolute path on this site, else `default`.

    No open redirects, and never a bare word (which `redirect()` would try, and fail, to reverse as a URL name).
    """
    target = request.POST.get("next") or default
    on_site = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if on_site and target.startswith("/") else default
