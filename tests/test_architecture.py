"""The core's shape, drawn from its own imports: domains in one direction, no circles,
nothing hidden inside functions, and a small base."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

CORE = Path(__file__).resolve().parent.parent / "refresh_core"
BASE = {"__init__", "__main__", "db", "emails", "errors", "enums", "guard", "guidance", "meetings",
        "partnerships", "schema", "tables", "words", "migrations"}
# Which domains each domain may import (the base is open to all; nothing in it imports a domain).
ALLOWED = {
    "ingest": set(),
    "printing": set(),
    "people": set(),
    "meeting": set(),
    "imports": {"people", "ingest"},
    "recruitment": {"imports", "people", "ingest", "printing"},
    "health": {"meeting"},
    "reports": {"health", "meeting", "recruitment", "people", "imports", "ingest", "printing"},
    "hosting": {"health", "imports", "meeting", "people", "recruitment", "ingest", "reports", "printing"},
    "cli": {"health", "hosting", "imports", "ingest", "meeting", "people", "recruitment", "reports",
            "printing"},
}


def module_name(path: Path) -> str:
    parts = path.relative_to(CORE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def is_module(name: str) -> bool:
    path = CORE.parent.joinpath(*name.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def imports_of(path: Path) -> Iterator[tuple[ast.stmt, str]]:
    """Every refresh_core module this file imports (``from package import module`` gives the module)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("refresh_core"):
            for alias in node.names:
                inner = f"{node.module}.{alias.name}"
                yield node, inner if is_module(inner) else node.module
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("refresh_core"):
                    yield node, alias.name


def area(module: str) -> str:
    """``base`` for the shared modules, else the domain package's name."""
    parts = module.split(".")
    if len(parts) == 1:
        return "base"
    return "base" if parts[1] in BASE or parts[1] == "__version__" else parts[1]


FILES = sorted(CORE.rglob("*.py"))
GRAPH = {module_name(p): {m for _, m in imports_of(p)} for p in FILES}


def test_no_function_level_imports() -> None:
    """Every dependency is visible at the top of its module."""
    hidden = []
    for path in FILES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for fn in ast.walk(tree):
            if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
                hidden += [f"{path.relative_to(CORE)}:{n.lineno}" for n in ast.walk(fn)
                           if isinstance(n, ast.Import | ast.ImportFrom)]
    assert hidden == []


def test_no_import_circles() -> None:
    """No module reaches itself through its imports."""
    known = set(GRAPH)

    def resolve(name: str) -> str | None:
        while name and name not in known:
            name = name.rpartition(".")[0]
        return name or None

    edges = {m: {r for d in deps if (r := resolve(d)) and r != m and r != "refresh_core"}
             for m, deps in GRAPH.items()}
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                cycles.append([*trail[trail.index(nxt):], nxt] if nxt in trail else [node, nxt])
            elif nxt not in state:
                visit(nxt, [*trail, nxt])
        state[node] = 2

    for start in sorted(edges):
        if start not in state:
            visit(start, [start])
    assert cycles == []


@pytest.mark.parametrize("module", sorted(GRAPH))
def test_domains_depend_one_way(module: str) -> None:
    """The base imports no domain, and each domain imports only the domains below it."""
    mine = area(module)
    reached = {area(d) for d in GRAPH[module]} - {mine, "base"}
    allowed = {"cli"} if module == "refresh_core.__main__" else set() if mine == "base" else ALLOWED[mine]
    assert reached <= allowed, f"{module} imports {sorted(reached - allowed)}"


def test_base_is_small_and_every_domain_says_what_it_owns() -> None:
    """About a dozen top-level modules; each domain package opens with a docstring."""
    top = sorted(p.stem for p in CORE.glob("*.py"))
    assert len(top) <= 12, top
    for package in (p for p in CORE.iterdir() if (p / "__init__.py").exists() and p.name != "migrations"):
        doc = ast.get_docstring(ast.parse((package / "__init__.py").read_text(encoding="utf-8")))
        assert doc and len(doc) > 80, f"{package.name}/__init__.py needs a docstring saying what it owns"


def test_no_bare_register() -> None:
    """Frames are lent to queries only through ``db.registered`` (unregistered even on error)."""
    offenders = [f"{p.relative_to(CORE)}" for p in FILES
                 if ".register(" in p.read_text(encoding="utf-8") and p.parent.name != "db"
                 and p.parent.name != "cli"]
    assert offenders == []
