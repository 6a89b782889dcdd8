"""The core stays free of UI code."""

from __future__ import annotations

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parent.parent / "refresh_core"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_no_streamlit_import_in_core() -> None:
    """No module of refresh_core imports streamlit, so the core runs anywhere (CLI, tests, jobs)."""
    offenders = [str(p.relative_to(CORE)) for p in CORE.rglob("*.py") if "streamlit" in imported_modules(p)]
    assert offenders == []


def test_pages_hold_no_sql() -> None:
    """Pages compose core calls; none of them talks SQL to the database itself."""
    pages = Path(__file__).resolve().parent.parent / "pages"
    offenders = [
        p.name
        for p in pages.glob("*.py")
        if ".execute(" in p.read_text(encoding="utf-8") or "SELECT " in p.read_text(encoding="utf-8")
    ]
    assert offenders == []


def file_opens_without_config(source: str) -> list[int]:
    """Lines where ``duckdb.connect`` opens a file (any first argument but ``":memory:"``) without
    ``config=`` (refresh_core.db.DUCKDB_CONFIG)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr == "connect" and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "duckdb"):
            continue
        named = next((k.value for k in node.keywords if k.arg == "database"), None)
        target = node.args[0] if node.args else named
        private = target is None or (isinstance(target, ast.Constant) and target.value == ":memory:")
        if not private and not any(k.arg == "config" for k in node.keywords):
            found.append(node.lineno)
    return found


def test_the_scan_finds_a_file_opened_without_the_config() -> None:
    """The rule itself: a file path without config= is caught; in-memory databases and config= are fine."""
    source = ("import duckdb\n"
              "a = duckdb.connect(str(path))\n"
              "b = duckdb.connect()\n"
              "c = duckdb.connect(':memory:')\n"
              "d = duckdb.connect(str(path), read_only=True, config=DUCKDB_CONFIG)\n"
              "e = duckdb.connect(database=path)\n")
    assert file_opens_without_config(source) == [2, 6]


def test_every_store_file_is_opened_with_the_duckdb_config() -> None:
    """Every ``duckdb.connect`` of a file in refresh_core passes ``config=DUCKDB_CONFIG``: without it
    a file whose process was killed mid-write cannot be reopened offline
    (tests/hosting/test_killed_store.py)."""
    offenders = {str(p.relative_to(CORE)): lines for p in sorted(CORE.rglob("*.py"))
                 if (lines := file_opens_without_config(p.read_text(encoding="utf-8")))}
    assert offenders == {}
