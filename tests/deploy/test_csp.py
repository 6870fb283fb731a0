"""Content-Security-Policy without inline script: every template and HTML builder loads script from files,
and the production settings send the headers (with `check --deploy` still clean, tests/test_deploy_files.py)."""

import ast
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = sorted((ROOT / "templates").rglob("*.html"))
BUILDERS = sorted((ROOT / "claims" / "web" / "html").rglob("*.py"))
DATA_SCRIPTS = {"application/ld+json", "application/json"}  # data, not script
SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
HANDLER = re.compile(r"""\son[a-z]+\s*=\s*["']""", re.IGNORECASE)


def output_of(path: Path) -> str:
    """A template as it is; an HTML builder's string literals (not its docstrings), which hold its markup."""
    text = path.read_text()
    if path.suffix != ".py":
        return text
    tree = ast.parse(text)
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.FunctionDef | ast.ClassDef)
        and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)
    }  # fmt: skip
    return "\n".join(
        node.value for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
    )  # fmt: skip


@pytest.mark.parametrize("path", TEMPLATES + BUILDERS, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_inline_script(path):
    text = output_of(path)
    for attrs in SCRIPT_TAG.findall(text):
        kind = re.search(r"""type\s*=\s*["']([^"']+)""", attrs)
        assert "src=" in attrs or (kind and kind.group(1) in DATA_SCRIPTS), f"inline <script{attrs}> in {path.name}"
    assert not HANDLER.search(text), f"inline event handler in {path.name}"
    assert "javascript:" not in text.lower(), f"javascript: URL in {path.name}"


def test_the_scan_finds_what_it_looks_for():
    assert SCRIPT_TAG.findall("<script>alert(1)</script>") == [""]
    assert HANDLER.search('<button onclick="go()">')


PROBE = """
import django, json
django.setup()
from django.conf import settings
settings.STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # no collectstatic here
from django.test import Client
from django.contrib.auth.models import User
from django.core.management import call_command
call_command("migrate", verbosity=0)
user = User.objects.create_user("probe", password="x")
from claims.roles import sync_roles
from django.contrib.auth.models import Group, Permission
sync_roles(Group, Permission)
user.groups.add(Group.objects.get(name="reviewer"))
client = Client(HTTP_X_FORWARDED_PROTO="https")
anonymous = client.get("/accounts/login/", secure=True)
client.force_login(user)
page = client.get("/", secure=True)
docs = client.get("/api/docs/", secure=True)
result = {name: {k: v for k, v in r.headers.items()} | {"status": r.status_code}
          for name, r in (("login", anonymous), ("list", page), ("docs", docs))}
result["loopback"] = settings.NETWORK_ALLOW_LOOPBACK
print(json.dumps(result))
"""


def test_production_settings_send_the_security_headers():
    env = dict(
        os.environ,
        DJANGO_ENV="production",
        SECRET_KEY="x" * 60 + "-production-test-key-0123456789",
        ALLOWED_HOSTS="testserver",
        DATABASE_URL="sqlite:///:memory:",
        DJANGO_SETTINGS_MODULE="factcheck.settings",
    )
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr[-3000:]
    headers = json.loads(result.stdout.strip().splitlines()[-1])
    page = headers["list"]
    assert page["status"] == 200
    csp = page["Content-Security-Policy"]
    script_src = csp.split("script-src")[1].split(";")[0]
    assert "'self'" in script_src and "unsafe-inline" not in script_src and "unsafe-eval" not in script_src
    assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert "camera=()" in page["Permissions-Policy"] and "microphone=()" in page["Permissions-Policy"]
    assert "private" in page["Cache-Control"]
    assert page["Strict-Transport-Security"].startswith("max-age=31536000")
    assert page["X-Content-Type-Options"] == "nosniff" and page["X-Frame-Options"] == "DENY"
    assert "Content-Security-Policy" in headers["login"]
    assert headers["loopback"] is False  # the SSRF guard lets nothing local through in production
    docs = headers["docs"]
    assert (
        docs["status"] == 200
        and "unsafe-inline" not in docs["Content-Security-Policy"].split("script-src")[1].split(";")[0]
    )
