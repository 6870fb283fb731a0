"""The reviewer, editor and admin groups and the model permissions each one holds."""

REVIEWER = [
    "view_article",
    "add_article",
    "view_quote",
    "change_quote",
    "view_claim",
    "change_claim",
    "view_speaker",
    "view_speakeralias",
    "view_evidence",
    "add_evidence",
    "view_reviewevent",
]
EDITOR = REVIEWER + [
    "change_article",
    "add_speaker",
    "change_speaker",
    "delete_speaker",
    "add_speakeralias",
    "change_speakeralias",
    "delete_speakeralias",
    "add_quote",
    "add_claim",
    "delete_evidence",
    "view_outlet",
    "add_outlet",
    "change_outlet",
]
ROLES = {"reviewer": REVIEWER, "editor": EDITOR}


def sync_roles(Group, Permission) -> None:
    """Create or update the groups; takes the model classes so a data migration can pass historical ones."""
    claims_perms = Permission.objects.filter(content_type__app_label="claims")
    for role, codenames in ROLES.items():
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.set(claims_perms.filter(codename__in=codenames))
    admin, _ = Group.objects.get_or_create(name="admin")
    admin.permissions.set(claims_perms)
