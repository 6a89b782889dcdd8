"""Backups and restores of the whole installation, and automatic backups.

A restore never touches the live database until the archive has been checked
and a complete replacement has been built beside it through the real
migrations; then one ``os.replace`` swaps it in. The old file is kept as
``<name>.before-restore`` until the new one has been opened and counted, and
is put back if that check fails. A process killed at any point leaves either
the old database or the new one, never a mix.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import shutil
import tempfile
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow.parquet as pq

from refresh_core import __version__
from refresh_core.db import DUCKDB_CONFIG, Connection, DatabaseError, connect, schema_version
from refresh_core.db.postgres import PgConnection
from refresh_core.errors import StorageError, ValidationError
from refresh_core.hosting.archive import (
    MANIFEST,
    BackupError,
    Manifest,
    advance_sequences,
    extract_tables,
    file_sha256,
    member,
    migrate_to,
    read_manifest,
    table_order,
)
from refresh_core.schema import problems

BACKUP_DIR_ENV = "REFRESH_BACKUP_DIR"
KEEP = 14
_AUTO_NAME = re.compile(r"^pulse-(\d{8}T\d{12})Z-([a-z0-9-]+)\.zip$")
_STAMP = "%Y%m%dT%H%M%S%f"


def backup(conn: Connection, *, path: Path, now: dt.datetime | None = None) -> Manifest:
    """Write every table (Parquet) and a manifest to the zip ``path``, from one consistent snapshot."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    snapshot = conn.cursor()
    try:
        with tempfile.TemporaryDirectory(prefix="pulse-backup-") as work:
            snapshot.execute("BEGIN TRANSACTION READ ONLY")
            try:
                tables = table_order(snapshot)
                counts = {}
                for table in tables:
                    out = Path(work) / f"{table}.parquet"
                    _write_table(snapshot, table, out)
                    row = snapshot.execute(f'SELECT count(*) FROM "{table}"').fetchone()
                    counts[table] = int(row[0]) if row else 0
                version = schema_version(snapshot)
            finally:
                snapshot.execute("ROLLBACK")
            created = (now or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds")
            sums = {t: file_sha256(Path(work) / f"{t}.parquet") for t in tables}
            manifest = Manifest(version, __version__, created, counts, sums)
            partial = path.with_name(path.name + ".partial")
            with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as zf:
                zf.writestr(MANIFEST, json.dumps(manifest.to_json(), indent=2))
                for table in tables:
                    zf.write(Path(work) / f"{table}.parquet", member(table))
            os.replace(partial, path)
    except DatabaseError as exc:
        raise StorageError(f"The backup could not be written: {exc}. Nothing was changed.") from exc
    except OSError as exc:
        raise StorageError(f"The backup could not be written to {path}: {exc.strerror}. "
                           "Check the folder exists and has free space.") from exc
    finally:
        snapshot.close()
    return manifest


def _write_table(snapshot: Connection, table: str, out: Path) -> None:
    """One table as Parquet: DuckDB writes it itself; from PostgreSQL it goes through Arrow."""
    if isinstance(snapshot, PgConnection):
        pq.write_table(snapshot.execute(f'SELECT * FROM "{table}"').arrow(), out)
    else:
        snapshot.execute(f'COPY (SELECT * FROM "{table}") TO \'{out}\' (FORMAT parquet)')


def backup_bytes(conn: Connection, *, now: dt.datetime | None = None) -> bytes:
    """A backup as bytes (for a download button)."""
    with tempfile.TemporaryDirectory(prefix="pulse-download-") as work:
        path = Path(work) / "backup.zip"
        backup(conn, path=path, now=now)
        return path.read_bytes()


def _swap_in(db_path: Path, built: Path, manifest: Manifest) -> None:
    """Replace ``db_path`` by ``built`` atomically; keep the old file beside until the new one checks out."""
    before = db_path.with_name(db_path.name + ".before-restore")
    if db_path.exists():
        try:  # takes the lock (fails if another process holds the file) and folds the WAL into the file
            live = duckdb.connect(str(db_path), config=DUCKDB_CONFIG)
            live.execute("CHECKPOINT")
            live.close()
        except duckdb.Error as exc:
            raise StorageError(f"The database {db_path} is in use by another process: stop the app or "
                               "command using it, then restore again. Nothing was changed.") from exc
        if Path(str(db_path) + ".wal").exists():
            raise StorageError("The database still has unsaved changes open in another connection. "
                               "Stop the app, then restore again. Nothing was changed.")
        before.unlink(missing_ok=True)
        os.link(db_path, before)
    os.replace(built, db_path)
    _fsync_dir(db_path.parent)
    try:
        _check_counts(db_path, manifest)
    except Exception:
        if before.exists():
            os.replace(before, db_path)
        raise
    before.unlink(missing_ok=True)


def _fsync_dir(directory: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _check_counts(db_path: Path, manifest: Manifest) -> None:
    """Open ``db_path`` afresh and check every table holds the manifest's row count."""
    try:
        conn = duckdb.connect(str(db_path), config=DUCKDB_CONFIG)
        try:
            for table, expected in manifest.tables.items():
                row = conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()
                if row is None or int(row[0]) != expected:
                    raise StorageError(
                        f"After the restore, {table} holds {row and row[0]} rows instead of {expected}. "
                        "The previous database was put back. Close every open connection to it and retry.")
        finally:
            conn.close()
    except duckdb.Error as exc:
        raise StorageError(f"The restored database could not be opened ({exc}); the previous one was put "
                           "back. Close every open connection to it (stop the app) and retry.") from exc


def build_replacement(target: Path, work: Path, archive: Path, manifest: Manifest) -> None:
    """A complete database at ``target`` holding the archive's rows, at the current schema."""
    work.mkdir()
    extract_tables(archive, manifest, work)
    raw = duckdb.connect(str(target), config=DUCKDB_CONFIG)
    try:
        migrate_to(raw, manifest.schema_version)
        tables = table_order(raw)
        unknown = sorted(set(manifest.tables) ^ set(tables))
        if unknown:
            raise BackupError(f"The backup's tables do not match schema version "
                              f"{manifest.schema_version} (for example {unknown[0]}): it is damaged.")
        raw.execute("BEGIN TRANSACTION")
        for table in reversed(tables):  # clear anything a migration seeded, children first
            raw.execute(f'DELETE FROM "{table}"')
        for table in tables:
            raw.execute(f'INSERT INTO "{table}" BY NAME SELECT * FROM read_parquet(?)',
                        [str(work / f"{table}.parquet")])
        advance_sequences(raw)
        raw.execute("COMMIT")
    finally:
        raw.close()
    built = connect(target)  # the real migrations bring an older backup up to date
    try:
        broken = problems(built)
    finally:
        built.close()
    if not broken.empty:
        first = broken.iloc[0]
        raise BackupError(
            f"The backup's rows do not fit together: {int(broken['rows'].sum())} rows point at rows that are "
            f"not there (for example {first['table_name']}.{first['column_name']} = {first['missing_id']}). "
            "It is damaged or was altered; nothing was changed. Pick another backup.")


def _clear(built: Path, work: Path) -> None:
    """Remove what a restore builds beside the database (also what a killed restore left)."""
    for leftover in (built, Path(str(built) + ".wal")):
        leftover.unlink(missing_ok=True)
    shutil.rmtree(work, ignore_errors=True)


def restore(db_path: Path, *, archive: Path) -> Manifest:
    """Replace the database at ``db_path`` by the backup ``archive`` (checked first; atomic swap).

    Every connection to ``db_path`` in this process must be closed first.
    """
    db_path = Path(db_path)
    if str(db_path) == ":memory:":
        raise ValidationError("Restore needs a database file, not an in-memory database.")
    manifest = read_manifest(Path(archive))
    built = db_path.with_name(db_path.name + ".restoring")
    work = db_path.with_name(db_path.name + ".restoring-files")
    _clear(built, work)
    try:
        try:
            build_replacement(built, work, Path(archive), manifest)
        except duckdb.Error as exc:
            raise BackupError(f"The backup could not be loaded ({exc}); it is damaged or inconsistent. "
                              "Nothing was changed.") from exc
        _swap_in(db_path, built, manifest)
    finally:
        _clear(built, work)
    return manifest


# ---- automatic backups ------------------------------------------------------------------------------

@dataclass(frozen=True)
class BackupStatus:
    directory: Path
    count: int
    latest: dt.datetime | None  # UTC
    latest_path: Path | None


def backup_dir_from_env(env: Mapping[str, str] = os.environ) -> Path | None:
    """``$REFRESH_BACKUP_DIR`` when set (automatic backups are off otherwise)."""
    value = env.get(BACKUP_DIR_ENV, "").strip()
    return Path(value) if value else None


def _automatic(directory: Path) -> list[tuple[dt.datetime, Path]]:
    """Automatic backups in ``directory``, newest first (other files are never touched)."""
    found = []
    if directory.is_dir():
        for path in directory.iterdir():
            match = _AUTO_NAME.match(path.name)
            if match:
                found.append((dt.datetime.strptime(match.group(1), _STAMP), path))
    return sorted(found, reverse=True)


def backup_status(directory: Path) -> BackupStatus:
    """How many automatic backups there are and when the newest was taken."""
    found = _automatic(Path(directory))
    latest = found[0] if found else None
    return BackupStatus(Path(directory), len(found), latest and latest[0], latest and latest[1])


def auto_backup(conn: Connection, *, directory: Path, keep: int = KEEP, reason: str,
                now: dt.datetime | None = None) -> Path:
    """Write a timestamped backup to ``directory`` and delete all but the newest ``keep``."""
    if keep < 1:
        raise ValidationError("Keep at least one automatic backup.")
    at = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(tzinfo=None)
    tag = re.sub(r"[^a-z0-9]+", "-", reason.lower()).strip("-") or "manual"
    path = Path(directory) / f"pulse-{at.strftime(_STAMP)}Z-{tag}.zip"
    backup(conn, path=path, now=at.replace(tzinfo=dt.UTC))
    for _, old in _automatic(Path(directory))[keep:]:
        old.unlink(missing_ok=True)
    return path


def daily_backup_if_due(conn: Connection, *, directory: Path,
                        now: dt.datetime | None = None) -> Path | None:
    """An automatic backup when the newest one is a day old or more (call it at app start)."""
    at = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(tzinfo=None)
    latest = backup_status(directory).latest
    if latest is not None and at - latest < dt.timedelta(days=1):
        return None
    return auto_backup(conn, directory=directory, reason="daily", now=at.replace(tzinfo=dt.UTC))
