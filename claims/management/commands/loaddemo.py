"""Create demo users (reviewer, editor, admin) and ingest the fictional demo articles in claims/demo/; idempotent."""

import os
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand

from claims.roles import Role, sync_roles
from claims.services.articles import IngestError, article_create

DEMO_DIR = Path(__file__).resolve().parents[2] / "demo"
OUTLET = "Demo Gazette"
DEFAULT_PASSWORD = "quotecheck-demo"  # noqa: S105  # the documented demo login (README); set DEMO_PASSWORD
# username → (group, is_staff, is_superuser)
USERS = {
    "reviewer": (Role.REVIEWER, False, False),
    "editor": (Role.EDITOR, True, False),
    "admin": (None, True, True),
}


def read_demo(path: Path) -> dict:
    """A demo file is `Key: value` header lines, a blank line, then the article body."""
    header, _, body = path.read_text(encoding="utf-8").partition("\n\n")
    fields = {}
    for line in header.splitlines():
        key, _, value = line.partition(":")
        fields[key.strip().lower()] = value.strip()
    return {"title": fields.get("title", path.stem), "published_at": fields.get("published") or None, "text": body}


class Command(BaseCommand):
    help = "Create demo users and ingest the demo articles (safe to run again)."

    def handle(self, *args, **options):
        password = os.environ.get("DEMO_PASSWORD") or DEFAULT_PASSWORD
        user_model = get_user_model()
        if Group.objects.filter(name__in=list(Role)).count() != len(Role):
            sync_roles(Group, Permission)  # normally created by migration claims/0002_roles
        for username, (group_name, is_staff, is_superuser) in USERS.items():
            user, created = user_model.objects.get_or_create(
                username=username, defaults={"email": f"{username}@example.org"}
            )
            user.is_staff, user.is_superuser = is_staff, is_superuser
            user.set_password(password)  # keep the printed credentials true on every run
            user.save()
            if group_name:
                user.groups.add(Group.objects.get(name=group_name))
            self.stdout.write(
                f"{'Created' if created else 'Already existed'}: user {username}"
                f"{f' (group {group_name})' if group_name else ' (superuser)'}"
            )

        for path in sorted(DEMO_DIR.glob("*.txt")):
            demo = read_demo(path)
            try:
                result = article_create(outlet=OUTLET, **demo)
            except IngestError as exc:
                self.stderr.write(f"Skipped {path.name}: {exc.message}")
                continue
            article = result.article
            article.refresh_from_db(fields=["status"])
            state = "Ingested" if result.created else "Already existed"
            self.stdout.write(f"{state}: article {article.pk} “{article.title}” ({article.status})")

        self.stdout.write(
            self.style.SUCCESS(
                f"\nDemo logins (password for all: {password})\n  reviewer / {password}\n  editor   / {password}\n  admin    / {password}"
            )
        )
