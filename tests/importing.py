"""Helpers for import tests: small sign-in sheets written on the fly, fixture files, table snapshots."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import duckdb

from refresh_core.imports.apply import ImportResult, import_files

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "import"
PARTNERSHIP = "Test Partnership"
CORE_TABLES = (
    "organisation",
    "person",
    "meeting",
    "attendance",
    "import_batch",
    "person_review",
    "import_change",
    "team_member",
)


def sheet(
    rows: list[tuple[str, ...]],
    header: tuple[str, ...] = ("Name", "Email", "Organization", "Date", "Meeting"),
) -> bytes:
    """A sign-in CSV with these rows."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def load(
    conn: duckdb.DuckDBPyConnection,
    data: bytes,
    name: str = "sheet.csv",
    partnership: str = PARTNERSHIP,
    **options: object,
) -> ImportResult:
    """Import one file through the same path as the command line."""
    return import_files(conn, partnership=partnership, files=[(name, data)], **options)[0]  # type: ignore[arg-type]


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def snapshot(
    conn: duckdb.DuckDBPyConnection, tables: tuple[str, ...] = CORE_TABLES
) -> dict[str, list[tuple]]:
    """Every row of the given tables, sorted (for before/after comparisons)."""
    return {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in tables}


def count(conn: duckdb.DuckDBPyConnection, sql: str, params: list[object] | None = None) -> int:
    row = conn.execute(sql, params or []).fetchone()
    assert row is not None
    return int(row[0])
