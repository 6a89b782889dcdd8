"""The backup archive: its manifest, its checks, and the steps that rebuild a database from it.

A backup is a zip holding ``manifest.json`` (format, schema version, app
version, creation time, row count per table) and ``tables/<name>.parquet``
for every data table. :mod:`refresh_core.hosting.backup` makes and restores them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import shutil
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from refresh_core import words
from refresh_core.db import Connection, latest_version, migrations, schema_version, transaction
from refresh_core.errors import SchemaError, ValidationError

FORMAT = "partnership-pulse-backup"
MANIFEST = "manifest.json"
MAX_UNCOMPRESSED = 2 * 1024**3
_TABLE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
_NEXTVAL = re.compile(r"nextval\('([a-z0-9_]+)'")


class BackupError(ValidationError):
    """The file is not a usable backup; the live database was not touched."""


class NewerBackupError(SchemaError):
    """The backup comes from a newer version of the program."""


@dataclass(frozen=True)
class Manifest:
    schema_version: int
    app_version: str
    created_at: str
    tables: dict[str, int]  # table name -> row count
    sha256: dict[str, str]  # table name -> digest of its Parquet file

    def to_json(self) -> dict[str, Any]:
        return {"format": FORMAT, "schema_version": self.schema_version, "app_version": self.app_version,
                "created_at": self.created_at, "tables": self.tables, "sha256": self.sha256}

    def describe(self) -> str:
        """What the backup holds, as a convener reads it before restoring: "This backup was made
        30 Nov 2026 at 19:12 UTC and holds 1 partnership, 3 people and 2 meetings."."""
        try:
            made = dt.datetime.fromisoformat(self.created_at)
            made = made.replace(tzinfo=dt.UTC) if made.tzinfo is None else made.astimezone(dt.UTC)
            when = f"was made {words.day(made)} at {made:%H:%M} UTC"
        except ValueError:
            when = "does not say when it was made"
        held = self.tables
        return (f"This backup {when} and holds {words.count(held.get('partnership', 0), 'partnership')}, "
                f"{words.count(held.get('person', 0), 'person', 'people')} and "
                f"{words.count(held.get('meeting', 0), 'meeting')}.")


def member(table: str) -> str:
    """The zip member holding one table."""
    return f"tables/{table}.parquet"


def table_order(conn: Connection) -> list[str]:
    """The data tables (not ``schema_version``), parents before the tables that reference them.

    Deferrable foreign keys (all of PostgreSQL's here) are checked at commit, so they set no order.
    """
    names = sorted(r[0] for r in conn.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
        "AND table_type = 'BASE TABLE' AND table_catalog = current_database() "
        "AND table_name <> 'schema_version'").fetchall())
    parents: dict[str, set[str]] = {n: set() for n in names}
    for table, referenced in conn.execute(
            "SELECT tc.table_name, ccu.table_name FROM information_schema.table_constraints tc "
            "JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name "
            "AND ccu.constraint_schema = tc.constraint_schema "
            "WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = current_schema() "
            "AND tc.is_deferrable = 'NO'").fetchall():
        if table in parents and referenced != table:
            parents[table].add(referenced)
    ordered: list[str] = []
    while parents:
        ready = sorted(t for t, ps in parents.items() if not ps - set(ordered))
        if not ready:
            raise SchemaError("The tables' foreign keys form a cycle; a backup cannot order them.")
        ordered += ready
        for t in ready:
            del parents[t]
    return ordered


def _parse_manifest(raw: bytes) -> Manifest:
    try:
        data = json.loads(raw)
        tables = {str(k): int(v) for k, v in data["tables"].items()}
        sums = {str(k): str(v) for k, v in data["sha256"].items()}
        manifest = Manifest(int(data["schema_version"]), str(data.get("app_version", "?")),
                            str(data.get("created_at", "?")), tables, sums)
        ok = data.get("format") == FORMAT
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise BackupError("The backup's manifest is unreadable: the file is damaged or was not made by "
                          "this app. Pick another backup.") from exc
    names_ok = all(_TABLE_NAME.match(t) and n >= 0 for t, n in tables.items())
    if not ok or set(sums) != set(tables) or not names_ok:
        raise BackupError("This zip is not a backup made by this app. Pick a file made by "
                          "'Download backup' on the Settings page.")
    return manifest


def read_manifest(archive: Path) -> Manifest:
    """The archive's manifest, after checking the zip is intact and not from a newer version."""
    try:
        with zipfile.ZipFile(archive) as zf:
            if sum(i.file_size for i in zf.infolist()) > MAX_UNCOMPRESSED:
                raise BackupError("This backup unpacks to more than 2 GB, far larger than any real one; "
                                  "it is not a backup made by this app.")
            damaged = zf.testzip()
            if damaged is not None:
                raise BackupError(f"The backup is damaged ({damaged} fails its checksum). "
                                  "Pick another backup.")
            names = set(zf.namelist())
            if MANIFEST not in names:
                raise BackupError("The zip has no manifest.json: it is not a backup made by this app.")
            manifest = _parse_manifest(zf.read(MANIFEST))
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise BackupError("The file is not a readable zip: it is damaged or not a backup. "
                          "Pick another backup.") from exc
    except OSError as exc:
        raise BackupError(f"The backup file could not be read: {exc.strerror}.") from exc
    if manifest.schema_version > latest_version():
        raise NewerBackupError(
            f"This backup has schema version {manifest.schema_version}, newer than this program "
            f"understands ({latest_version()}). Upgrade the program, then restore it.")
    strangers = sorted(n for n in names if n != MANIFEST and n not in {member(t) for t in manifest.tables})
    if strangers:
        raise BackupError(
            f"The backup holds an entry it should not ({strangers[0][:80]!r}: "
            + ("a path outside the archive" if _outside(strangers[0]) else "not one of its tables")
            + "). It was not made by this app or was altered; nothing was changed. Pick another backup.")
    missing = sorted(t for t in manifest.tables if member(t) not in names)
    if missing:
        raise BackupError(f"The backup lacks the table {missing[0]}: it is incomplete. Pick another backup.")
    return manifest


def _outside(name: str) -> bool:
    """An entry that would land outside a folder it is unpacked into ('../x', '/etc/x', 'C:\\x')."""
    parts = name.replace("\\", "/").split("/")
    return name.startswith(("/", "\\")) or ".." in parts or (len(name) > 1 and name[1] == ":")


def file_sha256(path: Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def extract_tables(archive: Path, manifest: Manifest, work: Path) -> None:
    """Unpack each table (by the name we expect, never the zip's own paths) and check its row count."""
    counter = duckdb.connect()
    try:
        with zipfile.ZipFile(archive) as zf:
            for table, expected in manifest.tables.items():
                target = work / f"{table}.parquet"
                with zf.open(member(table)) as src, open(target, "wb") as dst:
                    shutil.copyfileobj(src, dst)
                if file_sha256(target) != manifest.sha256[table]:
                    raise BackupError(f"The table {table} in the backup is damaged (its checksum "
                                      "differs from the manifest's). Pick another backup.")
                try:
                    row = counter.execute("SELECT count(*) FROM read_parquet(?)", [str(target)]).fetchone()
                except duckdb.Error as exc:
                    raise BackupError(f"The table {table} in the backup is damaged. "
                                      "Pick another backup.") from exc
                if row is None or int(row[0]) != expected:
                    raise BackupError(f"The table {table} in the backup holds {row and row[0]} rows, but its "
                                      f"manifest says {expected}: the backup is damaged.")
    finally:
        counter.close()


def migrate_to(conn: Connection, version: int) -> None:
    """Apply the shipped migrations up to ``version`` only (a backup's own schema)."""
    conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
                 "name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)")
    for number, name, sql in migrations():
        if schema_version(conn) < number <= version:
            with transaction(conn):
                conn.execute(sql)
                conn.execute("INSERT INTO schema_version (version, name) VALUES (?, ?)", [number, name])


def advance_sequences(conn: Connection) -> None:
    """Move every id sequence past the largest id now stored, so new rows get fresh ids."""
    for table, column, default in conn.execute(
            "SELECT table_name, column_name, column_default FROM duckdb_columns() "
            "WHERE column_default LIKE 'nextval(%' AND database_name = current_database()").fetchall():
        match = _NEXTVAL.search(default)
        if not match:
            continue
        seq = match.group(1)
        top = conn.execute(f'SELECT coalesce(max("{column}"), 0) FROM "{table}"').fetchone()
        last = conn.execute("SELECT coalesce(last_value, 0) FROM duckdb_sequences() WHERE sequence_name = ?",
                            [seq]).fetchone()
        need = int(top[0]) - int(last[0]) if top and last else 0
        if need > 0:
            conn.execute(f"SELECT max(nextval('{seq}')) FROM range(?)", [need])
