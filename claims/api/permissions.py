"""API permissions: every endpoint needs a logged-in reviewer, editor or admin (roles live in claims.roles)."""

from rest_framework.permissions import BasePermission

from claims.roles import is_reviewer


class IsReviewer(BasePermission):
    """Anonymous → 401 (the authenticators send WWW-Authenticate); a user without a role → 403."""

    message = "You need the reviewer, editor or admin role to use the API."

    def has_permission(self, request, view):
        return is_reviewer(request.user)
