"""Backups move an installation between the stores (PostgreSQL pass only).

A DuckDB install's backup restored into an empty PostgreSQL database gives the same ``export``
CSVs; a backup taken on PostgreSQL is the same zip (every table as Parquet plus the manifest) and
restores into a DuckDB file with the same rows.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from tests import pg
from tests.conftest import run_cli

pytestmark = pytest.mark.skipif(not pg.enabled(), reason="PostgreSQL pass only (tools/with_postgres.sh)")


def _export(capsys: pytest.CaptureFixture[str], db: str, out: Path) -> dict[str, str]:
    code, _, err = run_cli(capsys, "--db", db, "export", str(out))
    assert code == 0, err
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(out.glob("*.csv"))}


def _versions(text: str) -> list[str]:
    return [",".join(line.split(",")[:2]) for line in text.splitlines()]


def test_a_duckdb_backup_restored_into_postgres_exports_the_same_csvs(
    capsys: pytest.CaptureFixture[str], demo_db: Path, tmp_path: Path
) -> None:
    """Move to PostgreSQL: backup on DuckDB, restore into an empty PostgreSQL, every CSV identical."""
    duck = tmp_path / "from.duckdb"
    duck.write_bytes(demo_db.read_bytes())
    archive = tmp_path / "move.zip"
    assert run_cli(capsys, "--db", str(duck), "backup", str(archive))[0] == 0
    url = pg.fresh()
    try:
        code, out, err = run_cli(capsys, "--db", url, "restore", str(archive))
        assert code == 0, err
        assert "PostgreSQL" in out
        before = _export(capsys, str(duck), tmp_path / "duck-export")
        after = _export(capsys, url, tmp_path / "pg-export")
        assert sorted(after) == sorted(before)
        for name, text in before.items():
            if name == "schema_version.csv":  # when each migration ran in *this* database differs
                text, after[name] = _versions(text), _versions(after[name])
            assert after[name] == text, name
        assert len(before["attendance.csv"].splitlines()) > 1000
        # new rows get fresh ids after the restore (the sequences moved past the restored ones)
        code, _, err = run_cli(capsys, "--db", url, "partnership", "add", "--name", "After the move")
        assert code == 0, err
    finally:
        pg.drop(url)


def test_a_postgres_backup_is_the_same_zip_and_comes_back_to_duckdb(
    capsys: pytest.CaptureFixture[str], db: str, demo_db: Path, tmp_path: Path
) -> None:
    """Back from PostgreSQL: its backup lists every table with its rows, and a DuckDB restore holds them."""
    archive = tmp_path / "pg.zip"
    assert run_cli(capsys, "--db", db, "backup", str(archive))[0] == 0
    with zipfile.ZipFile(archive) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        members = set(zf.namelist())
    assert {f"tables/{t}.parquet" for t in manifest["tables"]} <= members
    duck_archive = tmp_path / "duck.zip"
    duck = tmp_path / "d.duckdb"
    duck.write_bytes(demo_db.read_bytes())
    assert run_cli(capsys, "--db", str(duck), "backup", str(duck_archive))[0] == 0
    with zipfile.ZipFile(duck_archive) as zf:
        assert json.loads(zf.read("manifest.json"))["tables"] == manifest["tables"]
    back = tmp_path / "back.duckdb"
    code, _, err = run_cli(capsys, "--db", str(back), "restore", str(archive))
    assert code == 0, err
    restored = _export(capsys, str(back), tmp_path / "back-export")
    original = _export(capsys, db, tmp_path / "pg-export")
    assert _versions(restored.pop("schema_version.csv")) == _versions(original.pop("schema_version.csv"))
    assert restored == original
