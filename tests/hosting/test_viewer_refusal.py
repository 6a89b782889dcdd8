"""Viewers cannot change anything: every write function of the core, called as a viewer, is refused.

The write functions are discovered, not listed, so modules added later are
covered too: every public function of every ``refresh_core`` module that takes
the connection first and (directly or through a helper of its module) opens a
``transaction(`` or runs INSERT/UPDATE/DELETE/CREATE/DROP/ALTER.
"""

from __future__ import annotations

import datetime as dt
import enum
import importlib
import inspect
import pkgutil
import re
import types
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pytest

import refresh_core
from refresh_core import db, guard
from refresh_core.db import Connection, DatabaseError
from refresh_core.errors import PermissionDenied, RefreshError, StorageError
from refresh_core.guard import viewer_session
from refresh_core.hosting import access
from refresh_core.hosting.archive import table_order
from refresh_core.partnerships import Partnership, get_partnership
from tests.conftest import LAKESHORE, TODAY

_WRITES = re.compile(r"transaction\(|\b(INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+|DROP\s+|"
                     r"ALTER\s+TABLE)", re.IGNORECASE)
_READ_ONLY_REFUSAL = re.compile(r"read-only|transaction within a transaction|Cannot write", re.IGNORECASE)
# Functions that must be refused with PermissionDenied once transaction() checks the viewer mark.
# The guards themselves mention transaction( but change nothing.
NOT_WRITERS = {"refresh_core.db.transaction", "refresh_core.guard.ensure_writable"}
MUST_REFUSE = {"refresh_core.partnerships.ensure_partnership", "refresh_core.partnerships.set_date_order",
               "refresh_core.health.reflections.add_reflection",
               "refresh_core.hosting.access.create_share_link",
               "refresh_core.hosting.conveners.add_convener", "refresh_core.hosting.demo.load_demo"}


def core_modules() -> list[types.ModuleType]:
    """Every module of refresh_core except the command line (whose handlers call these functions)."""
    names = [m.name for m in pkgutil.walk_packages(refresh_core.__path__, "refresh_core.")
             if not m.name.startswith("refresh_core.cli") and not m.name.endswith("__main__")]
    return [importlib.import_module(n) for n in sorted(names)]


def _takes_connection_first(fn: Callable[..., Any]) -> bool:
    params = list(inspect.signature(fn).parameters.values())
    return bool(params) and params[0].name in ("conn", "connection", "con", "cursor")


def write_functions() -> dict[str, Callable[..., Any]]:
    """Public conn-first functions that write, directly or through a same-module helper."""
    found: dict[str, Callable[..., Any]] = {}
    for module in core_modules():
        local = {n: f for n, f in vars(module).items()
                 if inspect.isfunction(f) and f.__module__ == module.__name__}
        source = {n: inspect.getsource(f) for n, f in local.items()}
        writers = {n for n, s in source.items() if _WRITES.search(s)}
        grew = True
        while grew:  # a function calling a writer of its own module writes too
            more = {n for n, s in source.items() if n not in writers
                    and any(re.search(rf"\b{w}\(", s) for w in writers)}
            writers |= more
            grew = bool(more)
        for name in writers:
            qualified = f"{module.__name__}.{name}"
            public = not name.startswith("_") and qualified not in NOT_WRITERS
            if public and _takes_connection_first(local[name]):
                found[qualified] = local[name]
    return found


class Uncallable(Exception):
    """No plausible argument could be made for a parameter."""


def plausible(name: str, hint: Any, context: dict[str, Any]) -> Any:
    """A value of the hinted type that would make the function try its write."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        return plausible(name, options[0], context) if options else None
    if origin in (list, tuple, set, frozenset) or (origin is not None and "collections.abc" in str(origin)):
        return (origin or list)() if origin in (list, tuple, set, frozenset) else []
    if hint is Partnership:
        return context["partnership"]
    if hint is bool:
        return True
    if hint is int:
        return context["ids"].get(name, context["partnership"].id)
    if hint is float:
        return 1.0
    if hint is str:
        by_name = {"url": "http://localhost:8501/", "email": "viewer.probe@example.org",
                   "date_order": "day_first"}
        return next((v for k, v in by_name.items() if k in name), f"Viewer probe {name}")
    if hint is dt.datetime:
        return dt.datetime(2026, 11, 27, 12, 0)
    if hint is dt.date:
        return TODAY
    if hint is dt.time:
        return dt.time(9, 0)
    if hint is dt.timedelta:
        return dt.timedelta(days=1)
    if hint is Path:
        return context["tmp"] / f"{name}.probe"
    if hint is bytes:
        return b"Name,Email\nViewer Probe,probe@example.org\n"
    if hint is pd.DataFrame:
        return pd.DataFrame()
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return next(iter(hint))
    raise Uncallable(f"{name}: {hint!r}")


def arguments(fn: Callable[..., Any], context: dict[str, Any]) -> tuple[list[Any], dict[str, Any]]:
    """Positional and keyword arguments after the connection."""
    try:
        hints = typing.get_type_hints(fn)
    except Exception as exc:
        raise Uncallable(f"type hints: {exc}") from exc
    args: list[Any] = []
    kwargs: dict[str, Any] = {}
    for param in list(inspect.signature(fn).parameters.values())[1:]:
        if param.kind in (param.VAR_POSITIONAL, param.VAR_KEYWORD):
            continue
        if param.default is not param.empty and param.name not in ("reset",):
            continue
        value = plausible(param.name, hints.get(param.name, Any), context)
        if param.kind == param.KEYWORD_ONLY:
            kwargs[param.name] = value
        else:
            args.append(value)
    return args, kwargs


def fingerprint(conn: Connection) -> dict[str, tuple[int, str | None]]:
    """Row count and content hash of every table (each row as text, in either store)."""
    return {t: conn.execute(f'SELECT count(*), md5(string_agg(x::VARCHAR, \',\' ORDER BY x::VARCHAR)) '
                            f'FROM "{t}" x').fetchone()  # type: ignore[misc]
            for t in [*table_order(conn), "schema_version"]}


@pytest.fixture
def context(demo_conn: duckdb.DuckDBPyConnection, tmp_path: Path) -> dict[str, Any]:
    partnership = get_partnership(demo_conn, name=LAKESHORE)
    first = {t: demo_conn.execute(f"SELECT min(id) FROM {t} WHERE partnership_id = ?",
                                  [partnership.id]).fetchone()[0]
             for t in ("meeting", "person", "priority", "action_team", "organisation")}
    ids = {f"{t}_id": v for t, v in first.items() if v is not None}
    link, _ = access.create_share_link(demo_conn, partnership_id=partnership.id, label="Champions",
                                       base_url="http://localhost:8501/")
    ids.update({"team_id": ids.get("action_team_id"), "partnership_id": partnership.id, "link_id": link.id,
                "days": 30})
    known = {k: v for k, v in ids.items() if v is not None}
    return {"partnership": partnership, "ids": known, "tmp": tmp_path}


def call_as_viewer(conn: duckdb.DuckDBPyConnection, fn: Callable[..., Any], context: dict[str, Any]) -> str:
    """Call ``fn`` through a fresh viewer cursor; say how it ended."""
    try:
        args, kwargs = arguments(fn, context)
    except Uncallable:
        return "uncallable"
    cursor = conn.cursor()
    try:
        with viewer_session(cursor, partnership_id=context["partnership"].id):
            fn(cursor, *args, **kwargs)
        return "returned"
    except PermissionDenied:
        return "refused"
    except (*DatabaseError, StorageError) as exc:
        return "refused by the database" if _READ_ONLY_REFUSAL.search(str(exc)) else f"error: {exc}"
    except RefreshError:
        return "rejected its input"
    except Exception as exc:
        return f"could not call: {type(exc).__name__}"
    finally:
        cursor.close()


def transaction_checks_viewers() -> bool:
    return "ensure_writable" in inspect.getsource(db.transaction)


def test_discovery_finds_the_known_writers() -> None:
    """The discovery sees the write functions we know of, and no read-only query function."""
    found = write_functions()
    assert set(found) >= MUST_REFUSE
    assert "refresh_core.health.overview.health_overview" not in found
    assert "refresh_core.hosting.access.resolve_share_token" in found  # it stamps last_used


def test_every_write_function_is_refused_under_a_viewer(demo_conn: duckdb.DuckDBPyConnection,
                                                        context: dict[str, Any]) -> None:
    """Called as a viewer, no write function changes a single row; the known writers are refused outright."""
    before = fingerprint(demo_conn)
    found = sorted(write_functions().items())
    outcomes = {name: call_as_viewer(demo_conn, fn, context) for name, fn in found}
    assert fingerprint(demo_conn) == before
    raw_errors = {n: o for n, o in outcomes.items() if o.startswith("error")}
    assert raw_errors == {}
    refused = {n for n, o in outcomes.items() if o.startswith("refused")}
    assert refused >= MUST_REFUSE, {n: outcomes[n] for n in MUST_REFUSE}
    if transaction_checks_viewers():
        assert {n for n in MUST_REFUSE if outcomes[n] != "refused"} == set()
    called = [n for n, o in outcomes.items() if o != "uncallable"]
    assert len(refused) >= len(called) // 3, outcomes  # the harness really reaches the writes


def test_transaction_refuses_a_viewer_with_a_clear_message(demo_conn: duckdb.DuckDBPyConnection) -> None:
    """`transaction()` on a viewer's cursor raises PermissionDenied (needs the one-line hook in db.py)."""
    cursor = demo_conn.cursor()
    with viewer_session(cursor, partnership_id=1), pytest.raises(PermissionDenied, match="read-only link"), \
            db.transaction(cursor):
        cursor.execute("DELETE FROM attendance")
    assert demo_conn.execute("SELECT count(*) FROM attendance").fetchone()[0] > 0


def test_the_database_refuses_raw_writes_to_every_table(demo_conn: duckdb.DuckDBPyConnection) -> None:
    """For every table (even ones added later), INSERT, UPDATE, DELETE, DROP fail in a viewer session."""
    cursor = demo_conn.cursor()
    tables = [*table_order(demo_conn), "schema_version"]
    assert {"person", "attendance", "share_link", "convener"} <= set(tables)
    for table in tables:
        column = demo_conn.execute("SELECT column_name FROM information_schema.columns WHERE table_name = ? "
                                   "AND table_schema = current_schema() ORDER BY ordinal_position LIMIT 1",
                                   [table]).fetchone()[0]
        for sql in (f'INSERT INTO "{table}" SELECT * FROM "{table}" WHERE false',
                    f'UPDATE "{table}" SET "{column}" = "{column}" WHERE false',
                    f'DELETE FROM "{table}" WHERE false', f'DROP TABLE "{table}"'):
            with pytest.raises(DatabaseError, match="read-only"), \
                    viewer_session(cursor, partnership_id=1):
                cursor.execute(sql)
    assert guard.viewer_scope(cursor) == 1
