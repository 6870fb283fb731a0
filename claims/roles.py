"""Roles: the one source of truth for who may do what.

A user's role is the strongest group they belong to (a superuser is an admin). Groups carry Django
model permissions (used by the admin); the rules of the workbench itself ask the checks below.
Pages, the API, the admin, the queue and `loaddemo` all read roles from here.
"""

from __future__ import annotations

import enum
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.models import User as AuthUser
from django.core.exceptions import PermissionDenied


class Role(enum.StrEnum):
    """Group names, weakest first."""

    REVIEWER = "reviewer"  # reviews and annotates quotes and claims
    EDITOR = "editor"  # also assigns work, reopens reviewed items, manages speakers, exports everything
    ADMIN = "admin"  # also the Django admin

    @property
    def rank(self) -> int:
        return list(Role).index(self)


REVIEWER_PERMISSIONS = [
    "view_article", "add_article", "view_quote", "change_quote", "view_claim", "change_claim",
    "view_speaker", "view_speakeralias", "view_evidence", "add_evidence", "view_reviewevent",
]  # fmt: skip
EDITOR_PERMISSIONS = [
    *REVIEWER_PERMISSIONS,
    "change_article", "add_speaker", "change_speaker", "delete_speaker", "add_speakeralias",
    "change_speakeralias", "delete_speakeralias", "add_quote", "add_claim", "delete_evidence",
    "view_outlet", "add_outlet", "change_outlet",
]  # fmt: skip
# Model permissions per group; the admin group gets every permission of the app.
PERMISSIONS: dict[Role, list[str] | None] = {
    Role.REVIEWER: REVIEWER_PERMISSIONS,
    Role.EDITOR: EDITOR_PERMISSIONS,
    Role.ADMIN: None,
}

User = AuthUser | AnonymousUser  # request.user; services take it as the acting user


def acting(user: User | None) -> AuthUser | None:
    """The user to record as the actor of a write (None for anonymous or no user)."""
    return user if isinstance(user, AuthUser) else None


def role_of(user: User | None) -> Role | None:
    """The user's strongest role, or None (anonymous, or no role group)."""
    if user is None or not user.is_authenticated:
        return None
    if getattr(user, "is_superuser", False):
        return Role.ADMIN
    # Asked by the role middleware and again by the page: one query per user object (i.e. per request).
    cached = user.__dict__.get("_role_cache", _UNSET)
    if cached is not _UNSET:
        return cached
    names = {group.name for group in user.groups.all()}
    role = max((role for role in Role if role.value in names), key=lambda role: role.rank, default=None)
    user.__dict__["_role_cache"] = role
    return role


_UNSET = object()


def has_role(user: User | None, role: Role) -> bool:
    """At least `role` (an editor is also a reviewer)."""
    found = role_of(user)
    return found is not None and found.rank >= role.rank


def is_reviewer(user: User | None) -> bool:
    return has_role(user, Role.REVIEWER)


def is_editor(user: User | None) -> bool:
    return has_role(user, Role.EDITOR)


def require_reviewer(user: User | None) -> None:
    if not is_reviewer(user):
        raise PermissionDenied("You need the reviewer role to review quotes and claims.")


def require_editor(user: User | None, action: str) -> None:
    if not is_editor(user):
        raise PermissionDenied(f"Only editors can {action}.")


def sync_roles(group_model: Any, permission_model: Any) -> None:
    """Create or update the groups; takes the model classes so a data migration can pass historical ones."""
    claims_perms = permission_model.objects.filter(content_type__app_label="claims")
    for role, codenames in PERMISSIONS.items():
        group, _ = group_model.objects.get_or_create(name=role.value)
        group.permissions.set(claims_perms if codenames is None else claims_perms.filter(codename__in=codenames))
