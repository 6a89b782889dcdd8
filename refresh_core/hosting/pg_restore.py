"""Restore a backup into the PostgreSQL store (from either store's backup: the zip is the same).

The archive is checked and brought to the current schema exactly as for a DuckDB restore (a
replacement DuckDB file built beside, in a temporary folder), then copied into PostgreSQL table by
table in **one** transaction: every row replaced, the id sequences moved past the largest id, the
deferred foreign keys checked at commit. Any failure rolls back and leaves the database as it was.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import duckdb

from refresh_core.db import DUCKDB_CONFIG, Connection, connect, registered, transaction
from refresh_core.db.postgres import is_url
from refresh_core.hosting.archive import _NEXTVAL, BackupError, Manifest, read_manifest, table_order
from refresh_core.hosting.backup import build_replacement, restore


def restore_postgres(url: str, *, archive: Path) -> Manifest:
    """Replace everything in the PostgreSQL database at ``url`` by the backup ``archive``."""
    manifest = read_manifest(Path(archive))
    with tempfile.TemporaryDirectory(prefix="pulse-restore-") as work:
        built = Path(work) / "built.duckdb"
        try:
            build_replacement(built, Path(work) / "files", Path(archive), manifest)
        except duckdb.Error as exc:
            raise BackupError(f"The backup could not be loaded ({exc}); it is damaged or inconsistent. "
                              "Nothing was changed.") from exc
        source = duckdb.connect(str(built), read_only=True, config=DUCKDB_CONFIG)
        conn = connect(url)
        try:
            _copy(source, conn)
        finally:
            conn.close()
            source.close()
    return manifest


def _copy(source: duckdb.DuckDBPyConnection, conn: Connection) -> None:
    tables = table_order(conn)
    with transaction(conn):
        for table in reversed(tables):
            conn.execute(f'DELETE FROM "{table}"')
        for table in tables:
            frame = source.execute(f'SELECT * FROM "{table}"').df()
            if frame.empty:
                continue
            columns = ", ".join(f'"{c}"' for c in frame.columns)
            with registered(conn, "_restoring", frame):
                conn.execute(f'INSERT INTO "{table}" ({columns}) SELECT {columns} FROM _restoring')
        _advance_sequences(conn)


def _advance_sequences(conn: Connection) -> None:
    """Every id sequence continues after the largest id now stored."""
    for table, column, default in conn.execute(
            "SELECT table_name, column_name, column_default FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND column_default LIKE 'nextval(%'").fetchall():
        match = _NEXTVAL.search(str(default))
        if match:
            conn.execute(f"SELECT setval('{match.group(1)}', "
                         f'coalesce((SELECT max("{column}") FROM "{table}"), 0) + 1, false)').fetchall()


def restore_target(target: str, *, archive: Path) -> Manifest:
    """Restore into whichever store ``target`` names: a PostgreSQL URL or a DuckDB file."""
    if is_url(target):
        return restore_postgres(target, archive=archive)
    return restore(Path(target), archive=archive)
