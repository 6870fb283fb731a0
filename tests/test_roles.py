"""claims.roles: one Role enum and one set of checks for every surface."""

from django.contrib.auth.models import AnonymousUser

from claims.roles import Role, has_role, is_editor, is_reviewer, role_of
from tests.conftest import make_user


def test_roles_are_ordered_and_an_editor_is_also_a_reviewer(db):
    assert [role.value for role in Role] == ["reviewer", "editor", "admin"]
    reviewer, editor = make_user("rita", "reviewer"), make_user("ed", "editor")
    admin_member, superuser = make_user("ada", "admin"), make_user("su", None, is_superuser=True)
    nobody = make_user("nobody")
    assert [role_of(u) for u in (reviewer, editor, admin_member, superuser, nobody)] == [
        Role.REVIEWER, Role.EDITOR, Role.ADMIN, Role.ADMIN, None,
    ]  # fmt: skip
    assert is_reviewer(editor) and is_editor(editor) and not is_editor(reviewer)
    assert not is_reviewer(nobody) and not is_reviewer(AnonymousUser()) and not is_reviewer(None)
    assert has_role(admin_member, Role.EDITOR)


def test_the_strongest_group_wins(db):
    both = make_user("both", "reviewer")
    both.groups.add(*make_user("x", "editor").groups.all())
    assert role_of(both) is Role.EDITOR
