"""Export: every table as spreadsheet-safe CSV plus a manifest, whole or for one partnership."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import duckdb
import pytest

from refresh_core.db import latest_version
from refresh_core.errors import PartnershipNotFound
from refresh_core.hosting.export import export_all, table_names
from tests.conftest import LAKESHORE, THREE_RIVERS
from tests.importing import fixture, load, sheet


def _rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))


def test_every_table_written_with_manifest(conn: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    """One CSV per table and a manifest with schema version, time, partnership and row counts."""
    load(conn, fixture("signin_spring.csv"))
    result = export_all(conn, directory=tmp_path / "out")
    files = {p.name for p in (tmp_path / "out").iterdir()}
    assert files == {f"{t}.csv" for t in table_names(conn)} | {"manifest.json"}
    manifest = json.loads(result.manifest.read_text(encoding="utf-8"))
    assert manifest["schema_version"] == latest_version() and manifest["partnership"] is None
    assert manifest["tables"]["person"] == {"file": "person.csv", "rows": 5}
    assert "exported_at" in manifest


def test_export_is_formula_safe_and_keeps_leading_zeros(
    conn: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    """A name that looks like a formula is neutralised; a phone with a leading zero stays as written."""
    load(conn, sheet([('=HYPERLINK("http://x")', "a@a.com", "A Co", "3/12/2026", "Q")]))
    load(conn, fixture("signin_spring.csv"), "s.csv")
    export_all(conn, directory=tmp_path)
    people = {r["email"]: r for r in _rows(tmp_path / "person.csv")}
    assert people["a@a.com"]["full_name"].startswith("'=")
    assert people["maria.lopez@harborprecision.com"]["phone"] == "02134"
    assert (tmp_path / "person.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_partnership_export_holds_only_its_rows(demo_conn: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    """Exporting one partnership leaves the other partnership's people and meetings out."""
    export_all(demo_conn, directory=tmp_path, partnership=LAKESHORE)
    names = {r["name"] for r in _rows(tmp_path / "partnership.csv")}
    assert names == {LAKESHORE}
    pid = demo_conn.execute("SELECT id FROM partnership WHERE name = ?", [THREE_RIVERS]).fetchone()
    assert pid is not None
    assert all(r["partnership_id"] != str(pid[0]) for r in _rows(tmp_path / "person.csv"))
    assert json.loads((tmp_path / "manifest.json").read_text())["partnership"] == LAKESHORE


def test_two_exports_of_same_data_are_identical(demo_conn: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    """Rows are written in a stable order, so exports can be compared file by file."""
    export_all(demo_conn, directory=tmp_path / "a")
    export_all(demo_conn, directory=tmp_path / "b")
    for path in (tmp_path / "a").glob("*.csv"):
        assert path.read_bytes() == (tmp_path / "b" / path.name).read_bytes(), path.name


def test_unknown_partnership_is_refused(conn: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    """Naming a partnership that does not exist says which ones do, and writes no files."""
    with pytest.raises(PartnershipNotFound):
        export_all(conn, directory=tmp_path / "x", partnership="Nope")
    assert not (tmp_path / "x").exists()
