"""How a request's user is loaded: Django's session backend and DRF's token authentication, each reading
the user's role (claims.roles) in the same query, so no request spends a query of its own on groups."""

from functools import cache

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ObjectDoesNotExist
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from claims.roles import remember_role, strongest_group


@cache
def _users():
    # Built once per process: composing the annotated query costs more than running it.
    return get_user_model()._default_manager.annotate(role_group=strongest_group("pk"))


@cache
def _tokens(model):
    return model.objects.select_related("user").annotate(role_group=strongest_group("user_id"))


class RoleBackend(ModelBackend):
    """ModelBackend whose session user arrives with its role."""

    def get_user(self, user_id):
        try:
            user = _users().get(pk=user_id)
        except get_user_model().DoesNotExist:
            return None
        if not self.user_can_authenticate(user):
            return None
        remember_role(user, user.role_group)
        return user


class RoleTokenAuthentication(TokenAuthentication):
    """DRF's token authentication (same errors, same checks) whose user arrives with its role."""

    def authenticate_credentials(self, key):
        model = self.get_model()
        try:
            token = _tokens(model).get(key=key)
        except ObjectDoesNotExist:
            raise exceptions.AuthenticationFailed(_("Invalid token.")) from None
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        remember_role(token.user, token.role_group)
        return (token.user, token)
