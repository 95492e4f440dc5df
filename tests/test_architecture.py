"""The one-way rule: questions <- scoring <- reports <- survey, checked by walking imports."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FORBIDDEN = {
    "questions": {"scoring", "reports", "survey", "flask", "yaml"},
    "scoring": {
        "flask",
        "wtforms",
        "flask_wtf",
        "sqlite_utils",
        "plotly",
        "weasyprint",
        "jinja2",
        "reports",
        "survey",
    },
    "reports": {"flask", "flask_wtf", "survey", "sqlite_utils"},
}


def imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    roots = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_imports_only_what_the_layering_allows(package):
    files = list((ROOT / package).rglob("*.py"))
    assert files
    for path in files:
        bad = imported_roots(path) & FORBIDDEN[package]
        assert not bad, f"{path.relative_to(ROOT)} imports {sorted(bad)}"


# The store package holds the app's SQL; the connection, migrations (DDL) and backup
# (integrity checks and counts of what was copied) are the database's own.
DATABASE_MODULES = {"db.py", "migrations.py", "backup.py"}


def test_no_sql_outside_the_store_and_migrations():
    store = ROOT / "survey" / "store"
    assert (store / "__init__.py").is_file()
    for path in (ROOT / "survey").rglob("*.py"):
        if path.is_relative_to(store) or (
            path.parent == ROOT / "survey" and path.name in DATABASE_MODULES
        ):
            continue
        text = path.read_text(encoding="utf-8")
        for keyword in ("SELECT ", "INSERT ", "UPDATE ", "DELETE FROM"):
            assert keyword not in text, f"{path.name} has SQL ({keyword.strip()})"


def test_nothing_reads_os_environ_directly():
    for package in ("survey", "scoring", "reports", "questions"):
        for path in (ROOT / package).rglob("*.py"):
            assert "os.environ" not in path.read_text(encoding="utf-8"), path


MAX_LINES = 400


def test_no_code_file_over_400_lines():
    """Files that are mostly data (migration DDL, the OpenAPI document) may be longer if
    they say so in their docstring ("data literal")."""
    for package in ("survey", "scoring", "reports", "questions"):
        for path in (ROOT / package).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            if len(text.splitlines()) > MAX_LINES:
                docstring = ast.get_docstring(ast.parse(text)) or ""
                assert "data literal" in docstring, f"{path.relative_to(ROOT)} is too long"


def test_the_cli_imports_no_view():
    for path in (ROOT / "survey" / "cli").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        modules = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        assert not {m for m in modules if m and m.startswith("survey.views")}, path
