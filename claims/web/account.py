"""The user's own page: their API token (create, replace, revoke) and their workbench settings."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST
from rest_framework.authtoken.models import Token

from claims.roles import acting, is_reviewer
from claims.selectors.preferences import preferences_of
from claims.services.preferences import preferences_set
from claims.services.tokens import token_revoke, token_rotate

from .safety import safe_next


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
    context = {"token": token, "can_review": is_reviewer(request.user), "prefs": preferences_of(request.user)}
    return render(request, "access/api_token.html", context)


@login_required
@require_POST
def preferences(request: HttpRequest) -> HttpResponse:
    """Save the workbench settings: `advance_after_decision` = "1" (move on after v / r / n) or "0"."""
    value = request.POST.get("advance_after_decision", "")
    if value not in ("0", "1"):
        message = "Say whether to move on after a decision (1) or stay (0)."
        if "application/json" in request.headers.get("Accept", ""):
            return JsonResponse({"ok": False, "error": message}, status=400)
        messages.error(request, message)
        return redirect(safe_next(request, reverse("access:api_token")))
    prefs = preferences_set(user=request.user, advance_after_decision=value == "1")
    state = "on" if prefs.advance_after_decision else "off"
    message = f"Moving to the next pending item after a decision is {state}."
    if "application/json" in request.headers.get("Accept", ""):
        return JsonResponse({"ok": True, "advance_after_decision": prefs.advance_after_decision, "message": message})
    messages.success(request, message)
    return redirect(safe_next(request, reverse("access:api_token")))
