"""Create the reviewer, editor and admin groups with their model permissions."""
from django.db import migrations

ROLES = {
    "reviewer": ["view_article", "add_article", "view_quote", "change_quote", "view_claim", "change_claim",
                 "view_speaker", "view_speakeralias", "view_evidence", "add_evidence", "view_reviewevent"],
}
ROLES["editor"] = ROLES["reviewer"] + ["change_article", "add_speaker", "change_speaker", "delete_speaker",
                                       "add_speakeralias", "change_speakeralias", "delete_speakeralias",
                                       "add_quote", "add_claim", "delete_evidence", "view_outlet", "add_outlet",
                                       "change_outlet"]


def create_roles(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for config in apps.get_app_configs():
        config.models_module = True
        create_permissions(config, verbosity=0)
        config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, codenames in ROLES.items():
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.set(Permission.objects.filter(content_type__app_label="claims", codename__in=codenames))
    admin, _ = Group.objects.get_or_create(name="admin")
    admin.permissions.set(Permission.objects.filter(content_type__app_label="claims"))


class Migration(migrations.Migration):
    dependencies = [("claims", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]
    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
