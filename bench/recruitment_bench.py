"""Benchmark the Recruitment page with 2,000 prospects (target: a server run under 300 ms).

The Lakeshore demo partnership gets a refresh meeting six weeks out, 2,000 prospects loaded
from a CSV (1,500 industry, 500 public partners), six askers with the calls balanced, and a
mix of dated statuses. Also times the core status computation alone.
Run: ``.venv/bin/python bench/recruitment_bench.py`` (prints medians in milliseconds).
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from refresh_core.db import connect  # noqa: E402
from refresh_core.hosting.demo import load_demo  # noqa: E402
from refresh_core.meetings import add_meeting  # noqa: E402
from refresh_core.partnerships import get_partnership  # noqa: E402
from refresh_core.recruitment.askers import add_askers, balance_calls, suggested_askers  # noqa: E402
from refresh_core.recruitment.prospect_import import import_prospects  # noqa: E402
from refresh_core.recruitment.status import recruitment_status  # noqa: E402

LAKESHORE = "Lakeshore Advanced Manufacturing Partnership"
PROSPECTS = 2000
TARGET_MS = 300.0
STATUSES = ("identified", "asked", "asked", "called", "confirmed", "confirmed", "declined", "no_response")


def prospect_csv(n: int) -> bytes:
    lines = ["name,email,phone,company,title,affiliation,channel,status"]
    for i in range(n):
        public = i % 4 == 3
        company = f"County Agency {i // 8}" if public else f"Maker {i // 3} Inc"
        domain = f"agency{i // 8}.gov" if public else f"maker{i // 3}.com"
        title = "Operations Manager" if i % 5 == 0 else "President"
        channel = "flyer" if i % 50 == 0 else "Personal ask by phone"
        lines.append(f"Prospect{i:04d} Person,p{i:04d}@{domain},0{i:04d} 555,{company},{title},"
                     f"{'public' if public else 'industry'},{channel},{STATUSES[i % len(STATUSES)]}")
    return ("\n".join(lines) + "\n").encode()


def build(path: Path) -> int:
    conn = connect(path)
    today = dt.date.today()
    load_demo(conn, today=today)
    partnership = get_partnership(conn, name=LAKESHORE)
    meeting = add_meeting(conn, partnership_id=partnership.id, date=today + dt.timedelta(days=42),
                          start_time="07:30", minutes=120, location="Lakeshore Community College")
    start = time.perf_counter()
    import_prospects(conn, meeting_id=meeting, data=prospect_csv(PROSPECTS), file_name="bench.csv",
                     on=today - dt.timedelta(days=7))
    print(f"loaded {PROSPECTS:,} prospects from CSV in {time.perf_counter() - start:.1f} s")
    champions = suggested_askers(conn, meeting_id=meeting)["person_id"][:6]
    add_askers(conn, meeting_id=meeting, person_ids=champions)
    balance_calls(conn, meeting_id=meeting, as_of=today)
    runs = []
    for _ in range(11):
        begin = time.perf_counter()
        recruitment_status(conn, meeting_id=meeting, as_of=today)
        runs.append((time.perf_counter() - begin) * 1000)
    print(f"recruitment_status, {PROSPECTS:,} prospects: {statistics.median(runs):8.1f} ms (median of 11)")
    conn.close()
    return meeting


def main() -> None:
    path = Path(tempfile.mkdtemp()) / "recruitment.duckdb"
    meeting = build(path)
    os.environ["REFRESH_DB"] = str(path)
    from bench.apptest import page_run_ms

    state = {"partnership": LAKESHORE, "recruit_meeting": meeting}
    alone, with_scan = page_run_ms("pages/recruitment.py", state)
    verdict = "OK" if alone < TARGET_MS else "OVER TARGET"
    print(f"Recruitment page server run (convener): {alone:8.1f} ms  [{verdict}, target {TARGET_MS:.0f} ms]"
          f"  (AppTest incl. its per-run component scan: {with_scan:.1f} ms)")
    viewer, _ = page_run_ms("pages/recruitment.py", {**state, "role": "viewer"}, runs=7)
    print(f"Recruitment page server run (viewer):   {viewer:8.1f} ms")
    panel = {**state, "recruit_section": "Invitations and call sheets"}
    invites, _ = page_run_ms("pages/recruitment.py", panel, runs=5)
    print(f"Recruitment page server run (invitations panel; files made when clicked): {invites:8.1f} ms")


if __name__ == "__main__":
    main()
