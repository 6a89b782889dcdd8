"""Benchmark the meetings list, a merge plan, the Health notes and the Meetings page on a large deployment.

Run: ``.venv/bin/python bench/meetings_bench.py`` (prints medians in milliseconds).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.health_bench import median_ms  # noqa: E402
from bench.large import END, build_large  # noqa: E402
from refresh_core.meeting.merging import plan_merge  # noqa: E402
from refresh_core.meeting.rhythm import gap_note, uncounted_note  # noqa: E402
from refresh_core.meeting.schedule import meetings_table  # noqa: E402
from refresh_core.partnerships import get_partnership, list_partnerships  # noqa: E402


def main() -> None:
    path = Path(tempfile.mkdtemp()) / "large.duckdb"
    conn = build_large(path)
    pid = get_partnership(conn, name="Partnership 25").id
    ids = meetings_table(conn, partnership_id=pid, as_of=END)["id"].tolist()
    print(f"{len(ids)} meetings in one partnership")
    for label, fn in (
        ("meetings list", lambda: meetings_table(conn, partnership_id=pid, as_of=END)),
        ("merge plan", lambda: plan_merge(conn, partnership_id=pid, keep_id=ids[0], remove_id=ids[1])),
        ("gap note", lambda: gap_note(conn, partnership_id=pid, as_of=END)),
        ("uncounted note", lambda: uncounted_note(conn, partnership_id=pid, as_of=END)),
        ("partnerships list (50)", lambda: list_partnerships(conn)),
    ):
        print(f"{label + ':':28}{median_ms(fn, 15):8.1f} ms")
    conn.close()

    os.environ["REFRESH_DB"] = str(path)
    from bench.apptest import page_run_ms

    alone, with_scan = page_run_ms("pages/meetings.py", {"partnership": "Partnership 25"})
    print(f"Meetings page server run:   {alone:8.1f} ms  (AppTest incl. its component scan: "
          f"{with_scan:.1f} ms)")


if __name__ == "__main__":
    main()
