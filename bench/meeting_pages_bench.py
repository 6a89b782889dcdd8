"""Benchmark the agenda and meeting-day pages on the demo database (target: under 300 ms a run).

The Lakeshore demo partnership gets a refresh meeting with 30 sticky notes in 5 categories,
3 of them championed (so the recap, clock and call-for-champions forms are all drawn).
Run: ``.venv/bin/python bench/meeting_pages_bench.py`` (prints medians in milliseconds).
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from refresh_core.db import connect  # noqa: E402
from refresh_core.hosting.demo import load_demo  # noqa: E402
from refresh_core.partnerships import get_partnership  # noqa: E402
from tests.refresh_scenario import hold_refresh_meeting, thirty_notes  # noqa: E402

LAKESHORE = "Lakeshore Advanced Manufacturing Partnership"
TARGET_MS = 300.0


def build(path: Path) -> None:
    """The demo plus a held refresh meeting (30 notes, 5 categories, 3 with champions, 2 parked)."""
    conn = connect(path)
    load_demo(conn)
    ideas, groups = thirty_notes()
    pid = get_partnership(conn, name=LAKESHORE).id
    hold_refresh_meeting(
        conn, partnership_id=pid, day=dt.date.today(), ideas=ideas, groups=groups, champions=3
    )
    conn.close()


def main() -> None:
    path = Path(tempfile.mkdtemp()) / "meeting.duckdb"
    build(path)
    os.environ["REFRESH_DB"] = str(path)
    from bench.apptest import page_run_ms

    for page in ("pages/agenda.py", "pages/meeting_day.py"):
        alone, with_scan = page_run_ms(page, {"partnership": LAKESHORE})
        verdict = "ok" if alone < TARGET_MS else f"OVER the {TARGET_MS:.0f} ms target"
        print(
            f"{page:<24} {alone:8.1f} ms  {verdict}  (AppTest incl. its per-run component scan: "
            f"{with_scan:.1f} ms)"
        )


if __name__ == "__main__":
    main()
