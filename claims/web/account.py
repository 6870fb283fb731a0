"""The user's own page: their API token (create, replace, revoke)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from rest_framework.authtoken.models import Token

from claims.roles import acting, is_reviewer
from claims.services.tokens import token_revoke, token_rotate


@login_required
def api_token(request: HttpRequest) -> HttpResponse:
    """Show, create or revoke the logged-in user's API token."""
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "create":
            token_rotate(user=request.user)  # type: ignore[arg-type]  # login_required: a real user
            messages.success(request, "A new API token was created; the old one (if any) no longer works.")
        elif action == "revoke":
            token_revoke(user=request.user)  # type: ignore[arg-type]
            messages.success(request, "Your API token was revoked.")
        else:
            messages.error(request, "Choose to create or to revoke a token; nothing was changed.")
        return redirect("access:api_token")
    token = Token.objects.filter(user=acting(request.user)).first()
    return render(request, "access/api_token.html", {"token": token, "can_review": is_reviewer(request.user)})
