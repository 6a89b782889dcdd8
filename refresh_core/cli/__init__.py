"""The command line: ``python -m refresh_core [--db PATH] COMMAND``.

Each command group lives in its own module of this package with a
``register(subparsers)`` function; handlers take ``(conn, args)`` and return an
exit code. Typed errors become a message on stderr and exit code 2 here, at the
one edge. Start-up imports only the module of the command being run
(:data:`COMMANDS` says which; ``--help`` and an unknown command load them all,
so the help lists every command and a typo gets argparse's own message), and a command module
imports its domain modules through :func:`refresh_core.deferred`, so building its parser costs nothing and a
command loads only the modules (and their libraries: openpyxl, rapidfuzz, the PDF writer...) that
its own handler uses.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
import pkgutil
import sys
from collections.abc import Sequence
from typing import Any

from refresh_core.db import connect, default_db_path
from refresh_core.errors import RefreshError

# command -> the module of this package that registers it (tests check this against the modules)
COMMANDS: dict[str, str] = {
    "share": "access", "backup": "access", "restore": "access", "conveners": "access",
    "password-hash": "access",
    "demo": "health", "partnership-cadence": "health", "diagnose": "health",
    "partnerships": "partnerships", "partnership": "partnerships",
    "organisations": "organisations",
    "portfolio": "reports", "report": "reports",
    "import": "imports", "export": "imports", "import-history": "imports", "undo-import": "imports",
    "agenda": "meeting_day", "followups": "meeting_day",
    "meeting": "recruitment", "prospects": "recruitment", "recruitment": "recruitment",
}  # fmt: skip


def command_modules() -> list[str]:
    """Every module of this package (each registers its own commands), by name."""
    return sorted(
        f"{__name__}.{m.name}" for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_")
    )


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser with every command, or only those of the module ``only`` (a fast start-up)."""
    parser = argparse.ArgumentParser(
        prog="python -m refresh_core",
        description="Partnership refresh dashboard: health diagnostics, imports, planning.",
    )
    parser.add_argument(
        "--db",
        default=None,
        help=f"database file (default: $REFRESH_DB, else {default_db_path()})",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in [f"{__name__}.{only}"] if only else command_modules():
        importlib.import_module(name).register(sub)
    return parser


def _module_for(argv: Sequence[str]) -> str | None:
    """The module registering the command in ``argv`` (after ``--db PATH``), or None to load them all."""
    rest = list(argv)
    while rest and rest[0].startswith("-"):
        flag = rest.pop(0)
        if flag == "--db" and rest:
            rest.pop(0)
        elif not flag.startswith("--db="):
            return None  # --help, -h or something argparse should judge
    return COMMANDS.get(rest[0]) if rest else None


def iso_date(text: str) -> dt.date:
    """argparse type: a YYYY-MM-DD date."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date; use YYYY-MM-DD") from exc


def print_json(payload: Any) -> None:
    """Print one strict JSON document (dates as ISO strings; NaN or infinity is a bug, refused)."""
    print(json.dumps(payload, indent=2, ensure_ascii=False, default=str, allow_nan=False))


def main(argv: Sequence[str] | None = None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    args = build_parser(_module_for(words)).parse_args(words)
    try:
        if not getattr(args, "needs_db", True):  # e.g. `agenda`: pure arithmetic
            return int(args.func(None, args))
        conn = connect(args.db)
        try:
            code: int = args.func(conn, args)
        finally:
            conn.close()
    except RefreshError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return code
