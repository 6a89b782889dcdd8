"""No page draws anything (not even its title) before it has asked who the visitor is.

The check is what sends a visit that skipped the sign-in gate back through it
(``ui.front_door``), so anything drawn before it would show to a visitor who was
never admitted (the first request after a restart, straight to a page's address).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

PAGES = sorted((ROOT / "pages").glob("*.py"))
# Calls that ask for the role (each goes through ui.front_door first).
CHECKS = {"role", "require_partnership", "current_partnership", "choose_partnership", "conn", "front_door"}
# st.<name> uses that read state or configure, and draw nothing.
QUIET = {"session_state", "query_params", "column_config", "cache_data", "cache_resource", "context",
         "secrets", "fragment", "dialog"}


def _chain(node: ast.expr) -> list[str]:
    """``st.sidebar.title`` -> ["st", "sidebar", "title"] (empty for anything else)."""
    names: list[str] = []
    while isinstance(node, ast.Attribute):
        names.insert(0, node.attr)
        node = node.value
    return [node.id, *names] if isinstance(node, ast.Name) else []


def _calls(node: ast.AST) -> list[list[str]]:
    return [_chain(n.func) for n in ast.walk(node) if isinstance(n, ast.Call)]


def _draws(node: ast.AST) -> bool:
    return any(c[:1] == ["st"] and len(c) > 1 and c[1] not in QUIET for c in _calls(node))


def _checks(node: ast.AST) -> bool:
    return any(c[:1] == ["ui"] and len(c) == 2 and c[1] in CHECKS for c in _calls(node))


def drawn_before_check(path: Path) -> list[int]:
    """Line numbers of module-level statements that draw before the first role check."""
    found = []
    for stmt in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(stmt, ast.FunctionDef | ast.ClassDef | ast.Import | ast.ImportFrom):
            continue
        first = stmt.test if isinstance(stmt, ast.If) else stmt
        if _checks(first):
            return found
        if _draws(stmt):
            found.append(stmt.lineno)
    return [*found, 0]  # 0: the page never checks at all


def test_the_check_finds_a_title_drawn_first(tmp_path: Path) -> None:
    """The rule itself: a title before ui.require_partnership() is caught; after it is fine."""
    bad, good = tmp_path / "bad.py", tmp_path / "good.py"
    head = "import streamlit as st\nimport ui\n"
    bad.write_text(head + 'st.title("X")\np = ui.require_partnership()\n')
    good.write_text(head + 'p = ui.require_partnership(title="X")\nst.title("X")\n')
    assert drawn_before_check(bad) == [3]
    assert drawn_before_check(good) == []


@pytest.mark.parametrize("path", PAGES, ids=[p.stem for p in PAGES])
def test_page_asks_for_the_role_before_drawing(path: Path) -> None:
    """Every page's first drawing comes after ui.role(), ui.require_partnership() or the like."""
    assert drawn_before_check(path) == []
