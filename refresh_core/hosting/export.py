"""Take the data out: every table as a spreadsheet-safe CSV, plus a manifest.

Each table becomes ``<table>.csv`` (UTF-8 with BOM so Excel shows accents; cells
that a spreadsheet would run as formulas are neutralised). ``manifest.json``
says the schema version, when, which partnership, and each file's row count.
With a partnership, only its rows are written (tables that hold no partnership
rows, such as ``schema_version``, are written whole).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from refresh_core.db import Connection, schema_version
from refresh_core.errors import StorageError
from refresh_core.partnerships import get_partnership
from refresh_core.schema import partnership_tables
from refresh_core.tables import to_safe_csv


@dataclass(frozen=True)
class ExportResult:
    directory: Path
    row_counts: dict[str, int]
    manifest: Path


def table_names(conn: Connection) -> list[str]:
    """Every base table of the database, sorted."""
    rows = conn.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
        "AND table_type = 'BASE TABLE' ORDER BY table_name"
    ).fetchall()
    return [str(r[0]) for r in rows]


def _frame(conn: Connection, table: str, where: str | None, pid: int | None) -> pd.DataFrame:
    order = _order(conn, table)
    if where is None or pid is None:
        return conn.execute(f"SELECT * FROM {table} ORDER BY {order}").df()
    params = [pid] * where.count("?")
    return conn.execute(f"SELECT * FROM {table} WHERE {where} ORDER BY {order}", params).df()


def _order(conn: Connection, table: str) -> str:
    """Order by every column, so two exports of the same data are byte-for-byte equal."""
    cols = conn.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = ? "
        "AND table_schema = current_schema() ORDER BY ordinal_position",
        [table],
    ).fetchall()
    return ", ".join(f'"{c[0]}"' for c in cols) or "1"


def export_all(
    conn: Connection, *, directory: Path, partnership: str | None = None
) -> ExportResult:
    """Write every table as CSV into ``directory`` (created if needed) plus ``manifest.json``."""
    pid = get_partnership(conn, name=partnership).id if partnership else None
    scoped = dict(partnership_tables())
    try:
        directory.mkdir(parents=True, exist_ok=True)
        counts: dict[str, int] = {}
        for table in table_names(conn):
            frame = _frame(conn, table, scoped.get(table), pid)
            (directory / f"{table}.csv").write_bytes(to_safe_csv(frame))
            counts[table] = len(frame)
        manifest = directory / "manifest.json"
        manifest.write_text(
            json.dumps(
                {
                    "schema_version": schema_version(conn),
                    "exported_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                    "partnership": partnership,
                    "tables": {t: {"file": f"{t}.csv", "rows": n} for t, n in counts.items()},
                },
                indent=2,
                ensure_ascii=False,
            ),
            encoding="utf-8",
        )
    except OSError as exc:
        raise StorageError(
            f"Could not write the export to {directory}: {exc.strerror or exc}. "
            "Choose a folder you can write to."
        ) from exc
    return ExportResult(directory, counts, manifest)
