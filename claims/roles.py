"""Roles: the one source of truth for who may do what.

A user's role is the strongest group they belong to (a superuser is an admin). Groups carry Django
model permissions (used by the admin); the rules of the workbench itself ask the checks below.
Pages, the API, the admin, the queue and `loaddemo` all read roles from here.
"""

from __future__ import annotations

import enum
from typing import Any, cast

from django.contrib.auth.models import AnonymousUser, Group
from django.contrib.auth.models import User as AuthUser
from django.core.exceptions import PermissionDenied
from django.db.models import Case, IntegerField, OuterRef, Subquery, Value, When


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
    # Asked by the role middleware and again by the page: at most one query per user object (i.e. per
    # request), and none when the user was loaded with `strongest_group` (every request's user is).
    # getattr/setattr, not __dict__: request.user is a lazy proxy whose own __dict__ is not the user's.
    cached = getattr(user, _CACHE, _UNSET)
    if cached is not _UNSET:
        return cast("Role | None", cached)
    names = {group.name for group in user.groups.all()}
    role = max((role for role in Role if role.value in names), key=lambda role: role.rank, default=None)
    setattr(user, _CACHE, role)
    return role


_UNSET = object()
_CACHE = "_role_cache"


def strongest_group(user_id: str = "pk") -> Subquery:
    """SQL for the name of the strongest role group of the user whose id is the outer query's `user_id`
    column (NULL without one), so the query that loads a request's user also loads its role."""
    rank = Case(*(When(name=role.value, then=Value(role.rank)) for role in Role), output_field=IntegerField())
    groups = Group.objects.filter(user=OuterRef(user_id), name__in=[role.value for role in Role])
    return Subquery(groups.annotate(rank=rank).order_by("-rank").values("name")[:1])


def remember_role(user: AuthUser, group_name: str | None) -> None:
    """Record the role `strongest_group` read with the user, so `role_of` needs no query of its own."""
    setattr(user, _CACHE, Role(group_name) if group_name else None)


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
