"""Restore refuses a backup whose references are broken, or whose zip holds entries outside its own
names (issue 13, "Restore"): exit 2, nothing changed."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest

from refresh_core.cli import main
from refresh_core.db import connect
from refresh_core.hosting.backup import backup

pytestmark = pytest.mark.filterwarnings("ignore:Duplicate name")


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def live(demo_db: Path, tmp_path: Path) -> Path:
    path = tmp_path / "live.duckdb"
    path.write_bytes(demo_db.read_bytes())
    return path


def _backup_of(tmp_path: Path, name: str, damage: str | None = None) -> Path:
    """A backup of a small database, optionally with a reference broken before it was taken."""
    db = tmp_path / f"{name}.duckdb"
    conn = connect(db)
    conn.execute("INSERT INTO partnership (name) VALUES ('P')")
    conn.execute("INSERT INTO person (partnership_id, full_name, name_key) VALUES (1, 'Ann Lee', 'ann lee')")
    conn.execute("INSERT INTO meeting (partnership_id, date, title, kind) VALUES (1, DATE '2026-03-12', 'Q', "
                 "'quarterly')")  # fmt: skip
    conn.execute("INSERT INTO attendance (meeting_id, person_id) VALUES (1, 1)")
    if damage:
        conn.execute(damage)
    archive = tmp_path / f"{name}.zip"
    backup(conn, path=archive)
    conn.close()
    return archive


def _restore(live: Path, archive: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["--db", str(live), "restore", str(archive)])
    out, err = capsys.readouterr()
    return code, out + err


def test_backup_with_broken_references_is_refused(
    live: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The reported case: a backup whose attendance points at people who are not there (it restored with
    exit 0 and 192 integrity problems). Now: exit 2, the reason, the live database untouched."""
    before = _digest(live)
    archive = _backup_of(tmp_path, "broken", "UPDATE attendance SET person_id = 999")
    code, text = _restore(live, archive, capsys)
    assert code == 2
    assert "point at rows that are not there" in text and "attendance.person_id = 999" in text
    assert _digest(live) == before


def test_sound_backup_still_restores(live: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The reference check does not refuse a sound backup."""
    code, text = _restore(live, _backup_of(tmp_path, "sound"), capsys)
    assert code == 0, text
    conn = connect(live)
    assert conn.execute("SELECT name FROM partnership").fetchall() == [("P",)]
    conn.close()


@pytest.mark.parametrize("entry", ["../escaped.txt", "/etc/evil.txt", "tables/../../x.parquet", "notes.txt"])
def test_zip_entries_outside_the_archives_names_are_refused(
    live: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], entry: str
) -> None:
    """A backup with an extra entry ('../', an absolute path, or any name that is not one of its tables)
    is refused with exit 2 and nothing changed (no file is written outside, either)."""
    archive = _backup_of(tmp_path, "sound")
    with zipfile.ZipFile(archive, "a") as z:
        z.writestr(zipfile.ZipInfo(entry), b"x")
    before = _digest(live)
    code, text = _restore(live, archive, capsys)
    assert code == 2 and "should not" in text
    assert _digest(live) == before
    assert not (tmp_path.parent / "escaped.txt").exists()
