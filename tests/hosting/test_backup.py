"""Backups and restores: every row comes back, bad files are refused, kills lose nothing committed."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from refresh_core.db import connect, latest_version, schema_version
from refresh_core.errors import StorageError
from refresh_core.hosting import access
from refresh_core.hosting.archive import BackupError, Manifest, NewerBackupError, migrate_to, table_order
from refresh_core.hosting.backup import auto_backup, backup, backup_status, daily_backup_if_due, restore
from refresh_core.hosting.conveners import add_convener
from refresh_core.partnerships import ensure_partnership
from tests.conftest import ROOT

NOW = dt.datetime(2026, 11, 27, 9, 30, tzinfo=dt.UTC)


def snapshot(conn: duckdb.DuckDBPyConnection) -> dict[str, pd.DataFrame]:
    """Every data table's rows, in a stable order."""
    return {t: conn.execute(f'SELECT * FROM "{t}" ORDER BY ALL').df() for t in table_order(conn)}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def full_db(demo_db: Path, tmp_path: Path) -> Path:
    """A copy of the demo with a share link and conveners, so access tables hold rows too."""
    path = tmp_path / "live.duckdb"
    path.write_bytes(demo_db.read_bytes())
    conn = connect(path)
    access.create_share_link(conn, partnership_id=1, label="Champions", base_url="http://localhost:8501/")
    add_convener(conn, email="boss@board.org", is_admin=True)
    add_convener(conn, email="maria@board.org", partnership_ids=[1, 2])
    conn.close()
    return path


@pytest.fixture
def archive(full_db: Path, tmp_path: Path) -> Path:
    conn = connect(full_db)
    backup(conn, path=tmp_path / "backup.zip")
    conn.close()
    return tmp_path / "backup.zip"


@pytest.fixture
def other_db(tmp_path: Path) -> Path:
    """A live install with different data ('Old'), to restore over."""
    path = tmp_path / "other.duckdb"
    conn = connect(path)
    ensure_partnership(conn, name="Old")
    conn.close()
    return path


def test_backup_restores_into_an_empty_install_with_every_row(full_db: Path, archive: Path,
                                                              tmp_path: Path) -> None:
    """A backup taken today, restored into a fresh install, holds exactly the same rows in every table."""
    conn = connect(full_db)
    before = snapshot(conn)
    conn.close()
    empty = tmp_path / "fresh" / "refresh.duckdb"
    connect(empty).close()
    manifest = restore(empty, archive=archive)
    restored = connect(empty)
    after = snapshot(restored)
    assert set(after) == set(before) == set(manifest.tables)
    for table, rows in before.items():
        assert len(after[table]) == manifest.tables[table], table
        pd.testing.assert_frame_equal(after[table], rows, check_dtype=False, obj=table)
    assert sum(manifest.tables.values()) > 1000
    assert schema_version(restored) == latest_version()
    restored.close()
    assert not (empty.parent / "refresh.duckdb.before-restore").exists()
    assert sorted(p.name for p in empty.parent.iterdir()) == ["refresh.duckdb"]


def test_inserts_after_restore_get_fresh_ids(archive: Path, other_db: Path) -> None:
    """Every id sequence is moved past the restored ids, so new rows never collide."""
    restore(other_db, archive=archive)
    conn = connect(other_db)
    sequences = conn.execute(
        "SELECT table_name, column_name, regexp_extract(column_default, 'nextval\\(''([a-z0-9_]+)''', 1) "
        "FROM duckdb_columns() WHERE column_default LIKE 'nextval(%'").fetchall()
    assert len(sequences) >= 10
    for table, column, seq in sequences:
        top = conn.execute(f'SELECT coalesce(max("{column}"), 0) FROM "{table}"').fetchone()[0]
        last = conn.execute("SELECT coalesce(last_value, 0) FROM duckdb_sequences() WHERE sequence_name = ?",
                            [seq]).fetchone()[0]
        assert last >= top, table  # the next value handed out is last + 1
    fresh = ensure_partnership(conn, name="Brand New")
    assert fresh.id == 3
    link, _ = access.create_share_link(conn, partnership_id=fresh.id, label="x", base_url="http://h/")
    assert link.id == 2
    conn.close()


def test_restore_from_an_older_schema_upgrades_it(tmp_path: Path) -> None:
    """A backup from schema version 1 restores and is brought up to date by the real migrations."""
    old = tmp_path / "v1.duckdb"
    raw = duckdb.connect(str(old))
    migrate_to(raw, 1)
    raw.execute("INSERT INTO partnership (name) VALUES ('Veteran')")
    backup(raw, path=tmp_path / "v1.zip")
    raw.close()
    target = tmp_path / "new.duckdb"
    manifest = restore(target, archive=tmp_path / "v1.zip")
    assert manifest.schema_version == 1
    conn = connect(target)
    assert schema_version(conn) == latest_version()
    assert conn.execute("SELECT name FROM partnership").fetchall() == [("Veteran",)]
    assert conn.execute("SELECT count(*) FROM share_link").fetchone() == (0,)
    conn.close()


def rewrite(src: Path, dst: Path, *, manifest: dict[str, object] | None = None,
            drop: str | None = None, corrupt: str | None = None) -> Path:
    """A copy of the archive with its manifest replaced, one member dropped, or one member's bytes changed."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == drop:
                continue
            if info.filename == "manifest.json" and manifest is not None:
                data = json.dumps(manifest).encode()
            if info.filename == corrupt:
                data = data[:100] + bytes(b ^ 0xFF for b in data[100:200]) + data[200:]
            zout.writestr(info, data)
    return dst


def bad_archives(archive: Path, tmp: Path) -> dict[str, tuple[Path, type[Exception], str]]:
    """Every way a backup can be unusable, with the error and message expected."""
    manifest = json.loads(zipfile.ZipFile(archive).read("manifest.json"))
    (tmp / "text.zip").write_text("not a zip at all")
    (tmp / "truncated.zip").write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    flipped = bytearray(archive.read_bytes())
    flipped[len(flipped) // 3] ^= 0xFF
    (tmp / "flipped.zip").write_bytes(bytes(flipped))
    newer = {**manifest, "schema_version": latest_version() + 1}
    wrong_count = {**manifest, "tables": {**manifest["tables"], "person": manifest["tables"]["person"] + 1}}
    foreign = {**manifest, "format": "something-else"}
    evil = {**manifest, "tables": {**manifest["tables"], "x; DROP TABLE person": 0}}
    return {
        "not a zip": (tmp / "text.zip", BackupError, "not a readable zip"),
        "truncated": (tmp / "truncated.zip", BackupError, "not a readable zip"),
        "flipped byte": (tmp / "flipped.zip", BackupError, "damaged|not a readable zip"),
        "no manifest": (rewrite(archive, tmp / "nomani.zip", drop="manifest.json"), BackupError,
                        "no manifest"),
        "missing table": (rewrite(archive, tmp / "notable.zip", drop="tables/person.parquet"), BackupError,
                          "lacks the table person"),
        "wrong count": (rewrite(archive, tmp / "count.zip", manifest=wrong_count), BackupError,
                        "person .* rows, but its manifest says"),
        "altered parquet": (rewrite(archive, tmp / "parquet.zip", corrupt="tables/attendance.parquet"),
                            BackupError, "attendance in the backup is damaged .its checksum"),
        "other format": (rewrite(archive, tmp / "foreign.zip", manifest=foreign), BackupError,
                         "not a backup made by this app. Pick a file made by 'Download backup' on the "
                         "Settings page"),
        "hostile name": (rewrite(archive, tmp / "evil.zip", manifest=evil), BackupError,
                         "not a backup made by this app"),
        "newer schema": (rewrite(archive, tmp / "newer.zip", manifest=newer), NewerBackupError,
                         "newer than this program"),
    }


def test_bad_backups_are_refused_and_the_database_is_unchanged(archive: Path, other_db: Path,
                                                               tmp_path: Path) -> None:
    """Damaged, foreign, incomplete or newer backups each get a clear message; the live file is untouched."""
    before = digest(other_db)
    cases = bad_archives(archive, tmp_path)
    for name, (path, error, message) in cases.items():
        with pytest.raises(error, match=message):
            restore(other_db, archive=path)
        assert digest(other_db) == before, name
    leftovers = sorted(p.name for p in other_db.parent.iterdir() if p.name.startswith("other"))
    assert leftovers == ["other.duckdb"]


def test_restore_puts_the_old_database_back_when_the_new_one_does_not_check_out(
        archive: Path, other_db: Path) -> None:
    """With a connection still open in this process (opened as the app opens it, so DuckDB shares it
    with the restore's), the swap is undone and the old data kept."""
    holder = connect(other_db)
    with pytest.raises(StorageError, match="put back"):
        restore(other_db, archive=archive)
    holder.close()
    conn = connect(other_db)
    assert conn.execute("SELECT name FROM partnership").fetchall() == [("Old",)]
    conn.close()
    assert not other_db.with_name("other.duckdb.before-restore").exists()


def test_restore_refuses_a_database_held_by_another_process(archive: Path, other_db: Path) -> None:
    """A database in use by another program is not swapped from under it."""
    hold = ("import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
            "print('ready', flush=True); time.sleep(60)")
    holder = subprocess.Popen([sys.executable, "-c", hold, str(other_db)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        before = digest(other_db)
        with pytest.raises(StorageError, match="in use by another process"):
            restore(other_db, archive=archive)
        assert digest(other_db) == before
    finally:
        holder.kill()
        holder.wait()


def test_automatic_backups_keep_the_newest_fourteen(full_db: Path, tmp_path: Path) -> None:
    """Daily and after-import backups are timestamped; only the 14 newest stay; other files are left alone."""
    folder = tmp_path / "backups"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    conn = connect(full_db)
    made = [auto_backup(conn, directory=folder, reason="import" if i % 2 else "daily",
                        now=NOW + dt.timedelta(hours=i)) for i in range(17)]
    conn.close()
    kept = sorted(p.name for p in folder.glob("pulse-*.zip"))
    assert kept == sorted(p.name for p in made[-14:])
    assert (folder / "notes.txt").read_text() == "mine"
    status = backup_status(folder)
    assert status.count == 14
    assert status.latest == (NOW + dt.timedelta(hours=16)).replace(tzinfo=None)
    assert status.latest_path == made[-1]


def test_daily_backup_runs_once_a_day(full_db: Path, tmp_path: Path) -> None:
    """The first call of a day writes a backup; calls within 24 hours do nothing."""
    folder = tmp_path / "daily"
    conn = connect(full_db)
    first = daily_backup_if_due(conn, directory=folder, now=NOW)
    assert first is not None and first.exists() and "daily" in first.name
    assert daily_backup_if_due(conn, directory=folder, now=NOW + dt.timedelta(hours=23)) is None
    assert daily_backup_if_due(conn, directory=folder, now=NOW + dt.timedelta(hours=24)) is not None
    conn.close()
    assert backup_status(folder).count == 2


WRITER = """
import sys
from refresh_core.db import connect, transaction
conn = connect(sys.argv[1])
pid = conn.execute("SELECT id FROM partnership WHERE name = 'Load'").fetchone()[0]
batch = 0
while True:
    with transaction(conn):
        conn.execute("INSERT INTO person (partnership_id, full_name, name_key, email) "
                     "SELECT ?, 'P' || i, 'p' || i, 'p' || i || '@x.org' FROM range(500) t(i)", [pid])
        conn.execute("INSERT INTO meeting (partnership_id, date, title, kind) "
                     "VALUES (?, DATE '2026-01-01', 'Batch ' || ?, 'quarterly')", [pid, batch])
    batch += 1
    print(batch * 500, flush=True)
"""


def test_killed_writer_loses_nothing_committed_and_leaves_no_partial_work(tmp_path: Path) -> None:
    """SIGKILL mid-import: every committed batch is intact and no half-written batch is visible."""
    db = tmp_path / "import.duckdb"
    conn = connect(db)
    ensure_partnership(conn, name="Load")
    conn.close()
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(db)], stdout=subprocess.PIPE, text=True,
                            cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.stdout is not None
    committed = 0
    for _ in range(8):
        committed = int(proc.stdout.readline())
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    conn = connect(db)
    people = conn.execute("SELECT count(*) FROM person").fetchone()[0]
    batches = conn.execute("SELECT count(*) FROM meeting").fetchone()[0]
    conn.close()
    assert people >= committed >= 8 * 500
    assert people == batches * 500  # whole batches only: both inserts of a batch, or neither


def kill_restore_when(db: Path, archive: Path, ready: Callable[[], bool]) -> bool:
    """Run ``restore`` in a subprocess and SIGKILL it as soon as ``ready()``; True if it was killed."""
    command = [sys.executable, "-m", "refresh_core", "--db", str(db), "restore", str(archive)]
    proc = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while proc.poll() is None and not ready() and time.monotonic() < deadline:
        time.sleep(0.001)
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    return proc.wait() == -signal.SIGKILL


def test_killed_restore_leaves_either_the_old_or_the_new_database(archive: Path, other_db: Path) -> None:
    """SIGKILL while unpacking, while building, and at timed moments: the database opens whole, old or new."""
    demo_names = [("Lakeshore Advanced Manufacturing Partnership",), ("Three Rivers Healthcare Partnership",)]
    files = other_db.with_name("other.duckdb.restoring-files")
    built = other_db.with_name("other.duckdb.restoring")
    started = time.monotonic()
    moments: list[Callable[[], bool]] = [files.exists, built.exists]
    moments += [lambda d=d: time.monotonic() - started > d for d in sorted(random.Random(6).uniform(0.5, 1.5)
                                                                           for _ in range(4))]
    outcomes = []
    for ready in moments:
        started = time.monotonic()
        killed = kill_restore_when(other_db, archive, ready)
        conn = connect(other_db)
        names = conn.execute("SELECT name FROM partnership ORDER BY name").fetchall()
        people = conn.execute("SELECT count(*) FROM person").fetchone()[0]
        conn.close()
        assert names in ([("Old",)], demo_names)
        if names == demo_names:
            assert people == json.loads(zipfile.ZipFile(archive).read("manifest.json"))["tables"]["person"]
            break
        outcomes.append("old" if killed else "old, not killed")
    assert outcomes[:2] == ["old", "old"]  # killed while unpacking and while building: old database whole
    restore(other_db, archive=archive)  # leftovers of killed runs never block the next restore
    conn = connect(other_db)
    assert conn.execute("SELECT name FROM partnership ORDER BY name").fetchall() == demo_names
    conn.close()
    assert sorted(p.name for p in other_db.parent.iterdir() if p.name.startswith("other")) == ["other.duckdb"]


@pytest.mark.parametrize(("created", "tables", "expected"), [
    ("2026-11-30T19:12:40+00:00", {"partnership": 1, "person": 1, "meeting": 1},
     "This backup was made 30 Nov 2026 at 19:12 UTC and holds 1 partnership, 1 person and 1 meeting."),
    ("2026-03-07T01:05:00-05:00", {"partnership": 2, "person": 40, "meeting": 0},
     "This backup was made 7 Mar 2026 at 06:05 UTC and holds 2 partnerships, 40 people and 0 meetings."),
    ("?", {}, "This backup does not say when it was made and holds 0 partnerships, 0 people and 0 meetings."),
])
def test_a_backup_describes_itself_in_a_conveners_words(created: str, tables: dict[str, int],
                                                        expected: str) -> None:
    """Before a restore the convener reads the day as people write it and every plural right."""
    manifest = Manifest(schema_version=1, app_version="x", created_at=created, tables=tables, sha256={})
    assert manifest.describe() == expected
