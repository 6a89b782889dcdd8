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
