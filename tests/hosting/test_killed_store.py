"""A database file whose process was killed before DuckDB folded its log into it (a migration's
ALTER TABLE still in the log) opens again offline through ``refresh_core.db.connect`` (its
``DUCKDB_CONFIG``; tests/test_db.py). A restore opens the file itself, so it needs the same config:
without it, DuckDB replaying that log tried to download its built-in functions and the restore
failed offline, blaming "another process".
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from refresh_core.db import connect
from refresh_core.hosting.backup import backup, restore
from tests.conftest import ROOT

KILL_AFTER_WRITING = (
    "import os, signal, sys\nfrom refresh_core.db import connect\n"
    "conn = connect(sys.argv[1])\n"
    "conn.execute(\"INSERT INTO partnership (name) VALUES ('Kept')\")\n"
    "os.kill(os.getpid(), signal.SIGKILL)\n"
)


def killed_database(path: Path) -> Path:
    """A new database at ``path`` whose process wrote one partnership and was killed before any
    checkpoint: its log (with the migrations' ALTER TABLEs) is still beside it, waiting to be replayed."""
    killed = subprocess.run([sys.executable, "-c", KILL_AFTER_WRITING, str(path)], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert Path(f"{path}.wal").exists()
    return path


@pytest.fixture
def archive(demo_db: Path, tmp_path: Path) -> Path:
    """A backup of the demo."""
    conn = connect(demo_db)
    backup(conn, path=tmp_path / "demo.zip")
    conn.close()
    return tmp_path / "demo.zip"


def test_a_backup_restores_over_a_database_whose_process_was_killed(archive: Path, tmp_path: Path) -> None:
    """The reported case: restoring over a killed app's database replaces it by the backup (every
    person of the backup there), instead of refusing with "in use by another process"."""
    db = killed_database(tmp_path / "killed.duckdb")
    restore(db, archive=archive)
    conn = connect(db)
    names = [r[0] for r in conn.execute("SELECT name FROM partnership ORDER BY name").fetchall()]
    people = conn.execute("SELECT count(*) FROM person").fetchone()
    conn.close()
    assert names == ["Lakeshore Advanced Manufacturing Partnership", "Three Rivers Healthcare Partnership"]
    assert people == (json.loads(zipfile.ZipFile(archive).read("manifest.json"))["tables"]["person"],)
    assert not Path(f"{db}.before-restore").exists()
