"""The module graph: no import cycles, imports at the top (but for the tasks' one pattern), no spaCy in web processes.

`make lint` checks the layering with import-linter's contracts (pyproject.toml); these tests check the
same promises from first principles, on the source, so they hold even where the contracts are edited.
"""

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("claims", "factcheck")
# The one place a function-level import of our own code is allowed: tasks import their service inside the body.
LAZY_IMPORTS_ALLOWED = {"claims.tasks"}
# Heavy libraries a web worker never or rarely needs, imported where they are used (CONTRIBUTING.md, "Imports").
LAZY_LIBRARIES = {"claims.services.cleaning": {"trafilatura"}, "claims.services.feeds": {"feedparser"}}
# What a web worker must not hold in memory after loading every page, API and admin module.
NOT_IN_WEB = ("spacy", "sklearn", "thinc", "trafilatura", "feedparser", "lxml")


def modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            parts = path.relative_to(ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            found[name] = path
    return found


def _resolve(module: str, node: ast.ImportFrom, is_package: bool) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".") if is_package else module.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def imports_of(name: str, path: Path, known: set[str]) -> tuple[set[str], list[int]]:
    """(project modules imported at module level, line numbers of imports inside functions)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    is_package = path.name == "__init__.py"
    top: set[str] = set()
    lazy: list[int] = []

    def targets(node: ast.Import | ast.ImportFrom) -> set[str]:
        if isinstance(node, ast.Import):
            names = {alias.name for alias in node.names}
        else:
            base = _resolve(name, node, is_package)
            names = {f"{base}.{alias.name}" for alias in node.names} | {base}
        return {n for n in names if n in known}

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Import | ast.ImportFrom):
                if in_function:
                    lazy.append(child.lineno)
                else:
                    top.update(targets(child))
            elif isinstance(child, ast.If) and _is_type_checking(child):
                continue  # typing-only imports never run
            else:
                visit(child, in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef))

    visit(tree, False)
    return top - {name}, lazy


def _is_type_checking(node: ast.If) -> bool:
    return isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"


def graph() -> tuple[dict[str, set[str]], dict[str, list[int]]]:
    found = modules()
    edges, lazy = {}, {}
    for name, path in found.items():
        edges[name], lazy[name] = imports_of(name, path, set(found))
    return edges, lazy


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(edges.get(node, ())):
            if nxt not in index:
                connect(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            connect(node)
    return found


def test_the_graph_sees_the_layers():
    edges, _ = graph()
    assert "claims.services.articles" in edges and "claims.web.reader" in edges
    assert "claims.models" in edges["claims.services.review"]  # the parser really resolves imports


def test_no_import_cycles():
    edges, _ = graph()
    assert cycles(edges) == []


def test_the_cycle_finder_finds_a_planted_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_function_level_imports_but_in_tasks():
    _, lazy = graph()
    offenders = {
        name: lines
        for name, lines in lazy.items()
        if lines and name not in LAZY_IMPORTS_ALLOWED and not _only_lazy_libraries(name, lines)
    }
    assert offenders == {}


def _only_lazy_libraries(name: str, lines: list[int]) -> bool:
    """Every function-level import in `name` (at `lines`) is of a library LAZY_LIBRARIES allows it."""
    allowed = LAZY_LIBRARIES.get(name, set())
    tree = ast.parse(modules()[name].read_text(encoding="utf-8"))
    found = [node for node in ast.walk(tree) if isinstance(node, ast.Import | ast.ImportFrom) and node.lineno in lines]
    names = {alias.name if isinstance(node, ast.Import) else node.module for node in found for alias in node.names}
    return bool(allowed) and names <= allowed


def test_tasks_import_services_only_inside_their_bodies():
    edges, lazy = graph()
    assert not {m for m in edges["claims.tasks"] if m.startswith("claims.services")}
    assert lazy["claims.tasks"], "the tasks should import their services lazily"


@pytest.mark.parametrize("entry", ["factcheck.wsgi", "factcheck.celery"])
def test_a_web_process_never_imports_spacy_or_sklearn(entry):
    """Load every page and API module in a fresh interpreter, as gunicorn would, then look at sys.modules."""
    code = (
        "import importlib, json, sys, django\n"
        "import os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'factcheck.settings')\n"
        f"importlib.import_module({entry!r}); django.setup()\n"
        "from django.urls import get_resolver\n"
        "def walk(patterns):\n"
        "    for p in patterns:\n"
        "        walk(p.url_patterns) if hasattr(p, 'url_patterns') else p.callback\n"
        "walk(get_resolver().url_patterns)\n"
        "import claims.admin, claims.tasks, claims.services.jobs\n"
        f"print(json.dumps(sorted(m for m in sys.modules if m in {NOT_IN_WEB!r} or m.split('.')[0] in {NOT_IN_WEB!r})))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == []
