"""Every page's read-only tables read as words (AppTest, demo data): no "None", "nan", "NaT" or
"00:00:00" in a cell, no snake_case column label; as a convener for both demo partnerships, and
as a champion on the pages a share link opens."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

import ui
from refresh_core.db import connect
from refresh_core.partnerships import get_partnership
from tests.conftest import LAKESHORE, ROOT, THREE_RIVERS

PAGES = sorted(p.name for p in (ROOT / "pages").glob("*.py"))
VIEWER_PAGES = ["health.py", "recruitment.py", "plan.py", "meeting_summary.py"]
BAD_TEXT = re.compile(r"^(None|nan|NaN|NaT|null)$|00:00:00")
WORDS = re.compile(r"^[A-Z0-9\"'(]")  # a label a person reads starts like a sentence


@pytest.fixture
def app_db(demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A private copy of the demo database served to the pages."""
    copy = tmp_path / "app.duckdb"
    copy.write_bytes(demo_db.read_bytes())
    monkeypatch.setenv("REFRESH_DB", str(copy))
    ui._connection.clear()
    yield copy
    ui._connection.clear()


def run(name: str, *, partnership: str, role: str = ui.CONVENER, db: Path | None = None) -> AppTest:
    """The page ``name`` run once for ``partnership`` as ``role``."""
    at = AppTest.from_file(str(ROOT / "pages" / name), default_timeout=60)
    at.session_state["role"] = role
    at.session_state["partnership"] = partnership
    if role == ui.VIEWER and db is not None:
        conn = connect(db)
        at.session_state["viewer_partnership_id"] = get_partnership(conn, name=partnership).id
        conn.close()
    return at.run()


def shown_columns(element: Any) -> list[tuple[str, str, dict[str, Any]]]:
    """(column, label a person sees, its config) for each visible column of a table element."""
    config = json.loads(element.proto.columns or "{}")
    frame: pd.DataFrame = element.value
    order = list(element.proto.column_order) or [str(c) for c in frame.columns]
    out = []
    for name in order:
        cfg = config.get(f"col:name:{name}") or config.get(name) or {}
        if cfg.get("hidden"):
            continue
        out.append((name, str(cfg.get("label") or name), cfg))
    return out


def problems(at: AppTest) -> list[str]:
    """What reads wrong in the page's read-only tables: raw labels, "None" cells, midnight times."""
    found = [f"error: {e.value}" for e in at.exception]
    for element in at.dataframe:
        if element.editing_mode != "read_only":
            continue
        frame: pd.DataFrame = element.value
        for name, label, cfg in shown_columns(element):
            if "_" in label or not WORDS.match(label):
                found.append(f"column label {label!r}")
            if name not in frame.columns:
                continue
            column = frame[name]
            date_typed = (cfg.get("type_config") or {}).get("type") in {"date", "datetime"}
            if pd.api.types.is_datetime64_any_dtype(column) and not date_typed:
                found.append(f"{label!r} shows dates with 00:00:00")
            cells = [v for v in column if not isinstance(v, (list, tuple, dict, np.ndarray))]
            if any(v is None or (not isinstance(v, str) and pd.isna(v)) for v in cells):
                found.append(f"{label!r} shows None for an empty cell")
            bad = [v for v in cells if isinstance(v, str) and BAD_TEXT.search(v)]
            if bad:
                found.append(f"{label!r} shows {bad[0]!r}")
    return found


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("partnership", [LAKESHORE, THREE_RIVERS])
def test_a_conveners_tables_read_as_words(app_db: Path, name: str, partnership: str) -> None:
    """No table a convener sees on any page shows None, nan, NaT, 00:00:00 or a snake_case label."""
    at = run(name, partnership=partnership)
    assert problems(at) == []


@pytest.mark.parametrize("name", VIEWER_PAGES)
def test_a_champions_tables_read_as_words(app_db: Path, name: str) -> None:
    """The same for a champion opening the pages of a share link, read-only."""
    at = run(name, partnership=THREE_RIVERS, role=ui.VIEWER, db=app_db)
    assert problems(at) == []
