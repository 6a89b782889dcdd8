"""Every page's read-only tables read as words (AppTest, demo data): no "None", "nan", "NaT" or
"00:00:00" in a cell, no snake_case column label; as a convener for both demo partnerships, and
as a champion on the pages a share link opens."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

import ui
from refresh_core.db import connect
from refresh_core.meeting import stickywall
from refresh_core.meetings import add_meeting
from refresh_core.partnerships import get_partnership
from tests.conftest import LAKESHORE, ROOT, THREE_RIVERS
from tests.importing import sheet
from tests.pages.conftest import Serve

PAGES = sorted(p.name for p in (ROOT / "pages").glob("*.py"))
VIEWER_PAGES = ["health.py", "recruitment.py", "plan.py", "meeting_summary.py"]
BAD_TEXT = re.compile(r"^(None|nan|NaN|NaT|null)$|00:00:00")
WORDS = re.compile(r"^[A-Z0-9\"'(]")  # a label a person reads starts like a sentence


@pytest.fixture
def app_db(serve: Serve) -> str:
    """A private copy of the demo database served to the pages."""
    copy = serve("demo")
    return copy


@pytest.fixture
def history_app_db(serve: Serve) -> str:
    """A private copy of the demo's history without its refresh stories (no meeting planned), for tests
    that plan their own meeting."""
    copy = serve("history")
    return copy


def run(name: str, *, partnership: str, role: str = ui.CONVENER, db: str | None = None) -> AppTest:
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
def test_a_conveners_tables_read_as_words(app_db: str, name: str, partnership: str) -> None:
    """No table a convener sees on any page shows None, nan, NaT, 00:00:00 or a snake_case label."""
    at = run(name, partnership=partnership)
    assert problems(at) == []


@pytest.mark.parametrize("name", VIEWER_PAGES)
def test_a_champions_tables_read_as_words(app_db: str, name: str) -> None:
    """The same for a champion opening the pages of a share link, read-only."""
    at = run(name, partnership=THREE_RIVERS, role=ui.VIEWER, db=app_db)
    assert problems(at) == []


def all_text(at: AppTest) -> str:
    """Every sentence on the page, unescaped."""
    kinds = ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error", "success")
    return "\n".join(str(e.value) for kind in kinds for e in getattr(at, kind)).replace("\\", "")


@pytest.mark.parametrize("name", PAGES)
def test_no_page_gives_command_line_advice(app_db: str, name: str) -> None:
    """A convener reads no "python -m" or "on the command line" anywhere in the app."""
    text = all_text(run(name, partnership=LAKESHORE))
    assert "python -m" not in text and "command line" not in text


def test_the_import_preview_reads_as_words(app_db: str) -> None:
    """After an upload, the preview's tables (people, look-alikes, rows read) have plain labels and
    blank cells: no candidate_new, full_name or None."""
    at = run("import_data.py", partnership=LAKESHORE)
    upload = sheet([("Jon Smithers", "", "Acme Tools", "3/12/2026", "Spring Quarterly Meeting"),
                    ("John Smithers", "john@acmetools.com", "", "3/12/2026", "Spring Quarterly Meeting")])
    at.file_uploader[0].set_value(("spring.csv", upload, "text/csv")).run()
    assert not at.exception
    tables = [d for d in at.dataframe if d.editing_mode == "read_only"]
    labels = {label for d in tables for _, label, _ in shown_columns(d)}
    assert {"Name", "Email", "Organisation", "Meeting date"} <= labels
    assert problems(at) == []


def test_evidence_values_are_never_cut_off(app_db: str) -> None:
    """Each sign's evidence is a table that wraps, with every value in full (dates as "21 Mar 2024")."""
    at = run("health.py", partnership=LAKESHORE)
    evidence = [m.value for m in at.markdown if m.value.startswith("| What | Value |")]
    assert len(evidence) == 4
    assert any(re.search(r"\| \d{2} [A-Z][a-z]{2} \d{4} \|", e) for e in evidence)


def test_health_notes_a_partnership_that_has_not_met_for_twice_its_rhythm(app_db: str) -> None:
    """Judged three years on, Lakeshore's Health overview says it has not met for much longer than
    its usual gap."""
    at = run("health.py", partnership=LAKESHORE)
    assert not any("No full-partnership meeting since" in w.value.replace("\\", "") for w in at.warning)
    at.sidebar.date_input[0].set_value(dt.date.today() + dt.timedelta(days=3 * 365)).run()
    warned = [w.value.replace("\\", "") for w in at.warning]
    notes = [n for n in warned if "No full-partnership meeting since" in n]
    assert len(notes) == 1 and "more than twice its usual gap" in notes[0]


def test_meeting_day_warns_before_capturing_a_future_meeting(history_app_db: str) -> None:
    """A refresh meeting planned in two weeks: Meeting day says it has not happened yet before any capture."""
    conn = connect(history_app_db)
    add_meeting(conn, partnership_id=get_partnership(conn, name=LAKESHORE).id,
                date=dt.date.today() + dt.timedelta(days=14), title="Refresh meeting")
    conn.close()
    at = run("meeting_day.py", partnership=LAKESHORE)
    assert at.selectbox[0].value.endswith("Refresh meeting")
    warned = [w.value for w in at.warning if "14 days from now" in w.value]
    assert len(warned) == 1 and "on the day or after" in warned[0]
    at.selectbox[0].select_index(1).run()  # a meeting that has been held: no such warning
    assert not any("days from now" in w.value for w in at.warning)


def test_meeting_day_counts_one_idea_in_the_singular(history_app_db: str) -> None:
    """A wall with one idea in one category says "1 idea" and "1 idea · 0 dot votes", never "1 ideas"."""
    conn = connect(history_app_db)
    meeting = add_meeting(conn, partnership_id=get_partnership(conn, name=LAKESHORE).id,
                          date=dt.date.today(), title="Refresh meeting")
    stickywall.add_ideas(conn, meeting_id=meeting, ideas=["Shared CNC cohort"], groups=["Apprenticeships"])
    conn.close()
    at = run("meeting_day.py", partnership=LAKESHORE)
    text = all_text(at)
    assert "1 idea, 0 not sorted yet" in text
    assert "Apprenticeships** · 1 idea · 0 dot votes" in text
    assert "1 ideas" not in text


def test_only_the_convener_is_told_to_import_a_meetings_attendance(app_db: str) -> None:
    """A meeting with nobody recorded: the convener is pointed to Import attendance; a champion reads
    "No attendance recorded yet" with no instruction meant for someone else."""
    conn = connect(app_db)
    add_meeting(conn, partnership_id=get_partnership(conn, name=THREE_RIVERS).id,
                date=dt.date.today() - dt.timedelta(days=1), title="Refresh meeting")
    conn.close()
    convener = all_text(run("meeting_summary.py", partnership=THREE_RIVERS))
    champion = all_text(run("meeting_summary.py", partnership=THREE_RIVERS, role=ui.VIEWER, db=app_db))
    for text in (convener, champion):
        assert text.count("No attendance recorded yet;") == 1 and "(import" not in text
    assert "on Import attendance" in convener and "Import attendance" not in champion
