"""Connecting to the database, applying numbered migrations, transactions, and query helpers.

Two stores behind one :data:`Connection`: the embedded DuckDB file (the default) and,
when ``$REFRESH_DATABASE_URL`` (or a ``postgresql://`` name) says so, PostgreSQL through
:mod:`refresh_core.db.postgres`. Migrations are the files ``migrations/NNN_name.sql`` (DuckDB)
and their twins ``migrations/postgres/NNN_name.sql``, applied in order at connect time (on
PostgreSQL under an advisory lock) and recorded in ``schema_version``. One import or edit is one
transaction (:func:`transaction`; a preview's is always rolled back: :func:`rehearsal`). :func:`one`
fetches a row leaving no result pending; :func:`registered` lends a data frame to queries by name.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb
import pandas as pd

from refresh_core import deferred
from refresh_core.db.postgres import PgConnection, close_pool, is_url
from refresh_core.db.refusals import refusals, refused_message
from refresh_core.errors import SchemaError, StorageError
from refresh_core.guard import ensure_writable

if TYPE_CHECKING:  # the driver loads with the first PostgreSQL connection (see refresh_core.deferred)
    import psycopg
else:
    psycopg = deferred("psycopg")

#: The connection every core function takes first: the embedded DuckDB connection or the
#: PostgreSQL adapter. A union, so mypy refuses any method only one of them has.
Connection = duckdb.DuckDBPyConnection | PgConnection
#: What either store raises when it refuses a statement (a tuple for ``except``); read from the module it
#: loads the PostgreSQL driver (``__getattr__`` below), so this module itself uses :func:`refusals`.
DatabaseError: tuple[type[Exception], ...]
DATABASE_URL_ENV = "REFRESH_DATABASE_URL"
_LOCK_KEY = 7_301_2026  # pg_advisory_xact_lock key: one migrator at a time per database

# DuckDB 2.0.1 replays a WAL holding an ALTER TABLE (a migration) on a table with a CHECK before it has
# loaded its built-in functions, then tries to download them and fails offline: a database whose
# process was killed before a checkpoint would never open again. Not auto-installing lets the
# replay use the built-in ones (tests/test_db.py kills such a process).
# UTC, as on PostgreSQL: DEFAULT current_timestamp stores UTC whatever the server's clock (see db.clock).
DUCKDB_CONFIG: dict[str, Any] = {"autoinstall_known_extensions": False, "TimeZone": "UTC"}
DEFAULT_DB = Path(__file__).resolve().parents[2] / "data" / "refresh.duckdb"  # the project's data/
_MIGRATION_NAME = re.compile(r"^(\d{3})_[a-z0-9_]+\.sql$")


def default_db_path() -> Path:
    """``$REFRESH_DB`` when set, else ``data/refresh.duckdb`` in the project."""
    env = os.environ.get("REFRESH_DB")
    return Path(env) if env else DEFAULT_DB


def default_target() -> str:
    """``$REFRESH_DATABASE_URL`` when set (PostgreSQL), else the DuckDB file."""
    return os.environ.get(DATABASE_URL_ENV) or str(default_db_path())


def is_postgres(conn: Connection) -> bool:
    """Whether this connection is on the PostgreSQL store."""
    return isinstance(conn, PgConnection)


def day_label(conn: Connection, column: str) -> str:
    """SQL for ``column`` (a DATE) as '12 Nov 2026', '8 Oct 2026' (no leading zero, as
    :func:`refresh_core.words.day` writes it) in this store's dialect (the one formatting function the
    two do not share: DuckDB's ``strftime``, PostgreSQL's ``to_char``)."""
    if isinstance(conn, PgConnection):
        return f"to_char({column}, 'FMDD Mon YYYY')"
    return f"strftime({column}, '%-d %b %Y')"


def _read(folder: Any) -> list[tuple[int, str, str]]:
    found = []
    for entry in folder.iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append((int(match.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    found.sort()
    versions = [v for v, _, _ in found]
    if len(set(versions)) != len(versions):
        raise SchemaError(f"Two migrations share a number: {versions}. Renumber one of them.")
    return found


def migrations(*, postgres: bool = False) -> list[tuple[int, str, str]]:
    """All migrations shipped with the package as (version, name, sql), in order.

    ``postgres``: the PostgreSQL twins, one per DuckDB migration (same number and name).
    """
    duck = _read(resources.files("refresh_core.migrations"))
    if not postgres:
        return duck
    return paired(duck, _read(resources.files("refresh_core.migrations") / "postgres"))


def paired(duck: list[tuple[int, str, str]], pg: list[tuple[int, str, str]]) -> list[tuple[int, str, str]]:
    """The PostgreSQL migrations, one twin per DuckDB migration; a SchemaError names a missing one."""
    twins = {v: (v, n, s) for v, n, s in pg}
    missing = [name for version, name, _ in duck if version not in twins or twins[version][1] != name]
    if missing:
        raise SchemaError(f"The migration {missing[0]} has no PostgreSQL twin: add "
                          f"refresh_core/migrations/postgres/{missing[0]} (same number and name).")
    return [twins[v] for v, _, _ in duck]


def latest_version() -> int:
    """The schema version this code expects."""
    return max((v for v, _, _ in migrations()), default=0)


def schema_version(conn: Connection) -> int:
    """The version recorded in the database (0 for an empty one)."""
    exists = conn.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
    ).fetchone()
    if not exists or not exists[0]:
        return 0
    row = conn.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()
    return int(row[0]) if row else 0


def migrate(conn: Connection) -> int:
    """Apply every migration newer than the database; return the new version.

    On PostgreSQL the whole run is one transaction under an advisory lock, so two servers
    starting together apply each migration once.
    """
    if isinstance(conn, PgConnection):
        return _migrate_postgres(conn)
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_version ("
        " version INTEGER PRIMARY KEY, name VARCHAR NOT NULL,"
        " applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)"
    )
    current = schema_version(conn)
    if current > latest_version():
        raise SchemaError(
            f"This database has schema version {current}, newer than this program "
            f"understands ({latest_version()}). Upgrade the program before opening it."
        )
    for version, name, sql in migrations():
        if version <= current:
            continue
        with transaction(conn):
            conn.execute(sql)
            conn.execute("INSERT INTO schema_version (version, name) VALUES (?, ?)", [version, name])
    return schema_version(conn)


def _migrate_postgres(conn: PgConnection) -> int:
    wanted = migrations(postgres=True)
    with transaction(conn):
        conn.execute("SELECT pg_advisory_xact_lock(?)", [_LOCK_KEY]).fetchall()
        conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_version ("
            " version INTEGER PRIMARY KEY, name VARCHAR NOT NULL,"
            " applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)"
        )
        current = schema_version(conn)
        if current > latest_version():
            raise SchemaError(
                f"This database has schema version {current}, newer than this program "
                f"understands ({latest_version()}). Upgrade the program before opening it."
            )
        for version, name, sql in wanted:
            if version > current:
                conn.execute(sql)
                conn.execute("INSERT INTO schema_version (version, name) VALUES (?, ?)", [version, name])
    return schema_version(conn)


def _connect_postgres(url: str, *, read_only: bool) -> Connection:
    try:
        conn = PgConnection(url)
        conn.execute("SELECT 1").fetchall()
    except psycopg.Error as exc:
        raise StorageError(f"Could not reach the PostgreSQL database: {exc.__class__.__name__}. Check "
                           f"{DATABASE_URL_ENV} and that the server is running.") from exc
    if not read_only:
        migrate(conn)
    elif schema_version(conn) != latest_version():
        raise SchemaError(f"The PostgreSQL database is at schema version {schema_version(conn)}, expected "
                          f"{latest_version()}. Open it once read-write to upgrade it.")
    return conn


def connect(path: str | Path | None = None, *, read_only: bool = False) -> Connection:
    """Open (creating if needed) the database at ``path`` and bring its schema up to date.

    ``":memory:"`` gives a private in-memory database (tests, benchmarks); a ``postgresql://``
    URL (or, with no ``path``, ``$REFRESH_DATABASE_URL``) opens the PostgreSQL store.
    """
    target = str(path) if path is not None else default_target()
    if is_url(target):
        return _connect_postgres(target, read_only=read_only)
    if target != ":memory:":
        Path(target).parent.mkdir(parents=True, exist_ok=True)
    try:
        conn = duckdb.connect(target, read_only=read_only, config=DUCKDB_CONFIG)
    except duckdb.Error as exc:
        raise StorageError(
            f"Could not open the database {target}: {exc}. If another copy of the app or a "
            "command is using it, stop that first (one process per database file)."
        ) from exc
    if not read_only:
        migrate(conn)
    elif schema_version(conn) != latest_version():
        raise SchemaError(
            f"The database {target} is at schema version {schema_version(conn)}, expected "
            f"{latest_version()}. Open it once read-write to upgrade it."
        )
    return conn


if not TYPE_CHECKING:  # hidden from mypy, which would otherwise accept any name of this module

    def __getattr__(name: str) -> Any:
        """``DatabaseError``, built on first use (it names psycopg's error, so it loads the driver)."""
        if name == "DatabaseError":
            return (duckdb.Error, psycopg.Error)
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@contextmanager
def transaction(conn: Connection) -> Iterator[Connection]:
    """One unit of work: committed together, or rolled back with nothing written. Raw database errors
    become :class:`StorageError`; :class:`RefreshError` subclasses pass through after the rollback."""
    ensure_writable(conn)
    conn.execute("BEGIN TRANSACTION")
    try:
        yield conn
    except refusals() as exc:
        conn.execute("ROLLBACK")
        raise StorageError(refused_message(exc)) from exc
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    else:
        try:
            conn.execute("COMMIT")  # PostgreSQL checks deferred foreign keys here
        except refusals() as exc:
            with suppress(*refusals()):
                conn.execute("ROLLBACK")
            raise StorageError(refused_message(exc)) from exc


@contextmanager
def rehearsal(conn: Connection) -> Iterator[Connection]:
    """A transaction always rolled back: writes made to be read back (a preview), then undone; raw
    database errors become :class:`StorageError`, as in :func:`transaction`."""
    ensure_writable(conn)
    conn.execute("BEGIN TRANSACTION")
    try:
        yield conn
    except refusals() as exc:
        raise StorageError(refused_message(exc)) from exc
    finally:
        conn.execute("ROLLBACK")


def release(target: str) -> None:
    """Let go of every pooled server connection to ``target`` (a PostgreSQL URL; no-op otherwise)."""
    if is_url(target):
        close_pool(target)


def one(conn: Connection, sql: str, params: Any = None) -> tuple[Any, ...] | None:
    """The first row of the query's result (None when empty), with the result read to the end."""
    rows = conn.execute(sql, params).fetchall()
    return rows[0] if rows else None


@contextmanager
def registered(conn: Connection, name: str, frame: pd.DataFrame) -> Iterator[None]:
    """Let queries in the block read ``frame`` as the table ``name``; unregistered afterwards.

    When the block fails inside a transaction, DuckDB refuses the unregister too; that second
    error is dropped so the first (the one that says what went wrong) reaches the caller.
    On PostgreSQL the frame becomes a TEMP table for the block.
    """
    if isinstance(conn, PgConnection):
        with conn.lend(name, frame):
            yield
        return
    conn.register(name, frame)
    try:
        yield
    except BaseException:
        with suppress(duckdb.Error):
            conn.unregister(name)
        raise
    conn.unregister(name)
