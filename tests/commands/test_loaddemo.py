"""manage.py loaddemo: demo users with roles and the demo articles, idempotent."""

from io import StringIO

from django.contrib.auth.models import User
from django.core.management import call_command

from claims.management.commands.loaddemo import DEMO_DIR, read_demo
from claims.models import Article


def run() -> str:
    out = StringIO()
    call_command("loaddemo", stdout=out)
    return out.getvalue()


def counts():
    return User.objects.count(), Article.objects.count()


def test_demo_files_cover_the_tricky_cases():
    texts = [read_demo(p)["text"] for p in sorted(DEMO_DIR.glob("*.txt"))]
    assert 4 <= len(texts) <= 5
    joined = "\n".join(texts)
    assert "“putting troops on the ground”" in joined  # partial quote
    assert ",” she said." in joined  # pronoun speaker
    assert "Daniel Okafor" in joined and "Mr Okafor" in joined  # honorific after full name
    assert any("'Our energy bill" in t for t in texts)  # British single quotes
    # a paragraph that ends inside a quote, continued by a paragraph opening with “
    assert any(p.startswith("“") and p.count("“") > p.count("”") for t in texts for p in t.split("\n\n"))
    assert all(read_demo(p)["title"].startswith("[Demo]") for p in DEMO_DIR.glob("*.txt"))


def test_loaddemo_creates_users_and_articles(db, monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "s3cret-demo-pass")
    out = run()
    reviewer, editor, admin = (User.objects.get(username=n) for n in ("reviewer", "editor", "admin"))
    assert list(reviewer.groups.values_list("name", flat=True)) == ["reviewer"]
    assert list(editor.groups.values_list("name", flat=True)) == ["editor"]
    assert admin.is_superuser and admin.is_staff
    assert all(u.check_password("s3cret-demo-pass") for u in (reviewer, editor, admin))
    assert "s3cret-demo-pass" in out and "reviewer" in out
    articles = Article.objects.select_related("outlet")
    assert articles.count() == len(list(DEMO_DIR.glob("*.txt")))
    assert {a.outlet.name for a in articles} == {"Demo Gazette"}
    assert all(a.title.startswith("[Demo]") and a.published_at for a in articles)


def test_loaddemo_is_idempotent(db, monkeypatch):
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)
    run()
    first = counts()
    out = run()
    assert counts() == first
    assert out.count("Already existed") == first[1] + 3
    assert "Ingested" not in out and "Created" not in out
    assert User.objects.get(username="reviewer").check_password("quotecheck-demo")
