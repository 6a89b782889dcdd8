"""Benchmark the portfolio (core and page) at 50 and 500 partnerships, beside one Health page.

Run: ``.venv/bin/python bench/portfolio_bench.py`` (prints medians in milliseconds). Half the
partnerships are recruiting for a refresh meeting (40 prospects, half confirmed) and a third have
overdue follow-through, so every column of the portfolio is computed.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import ui  # noqa: E402
from bench.apptest import page_run_ms  # noqa: E402
from bench.large import END, build_large  # noqa: E402
from refresh_core.reports.portfolio import portfolio  # noqa: E402


def median_ms(fn: Callable[[], object], runs: int) -> float:
    fn()  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def add_recruiting(conn: duckdb.DuckDBPyConnection) -> None:
    """Set-based: a planned refresh meeting with prospects for even partnerships, overdue items for
    every third."""
    conn.execute("BEGIN")
    conn.execute("""INSERT INTO meeting (id, partnership_id, date, title, kind)
                    SELECT 20000000 + id, id, $end::DATE + 45, 'Refresh meeting', 'refresh'
                    FROM partnership WHERE id % 2 = 0""", {"end": END})
    conn.execute("""INSERT INTO prospect (meeting_id, person_id)
                    SELECT m.id, x.id FROM meeting m JOIN person x USING (partnership_id)
                    WHERE m.id >= 20000000 AND x.id % 300 < 40""")
    conn.execute("""INSERT INTO prospect_step (prospect_id, status, on_date)
                    SELECT id, 'identified', $end::DATE - 20 FROM prospect
                    UNION ALL SELECT id, 'confirmed', $end::DATE - 5 FROM prospect WHERE id % 2 = 0""",
                 {"end": END})
    conn.execute("""INSERT INTO followup (partnership_id, meeting_id, kind, item, due_on)
                    SELECT m.partnership_id, m.id, 'survey', 'Survey to all participants', $end::DATE - 10
                    FROM meeting m WHERE m.partnership_id % 3 = 0 AND m.kind = 'quarterly'
                    AND m.date = $end::DATE""", {"end": END})
    conn.execute("COMMIT")


def main() -> None:
    for count in (50, 500):
        path = Path(tempfile.mkdtemp()) / f"portfolio-{count}.duckdb"
        start = time.perf_counter()
        conn = build_large(path, partnerships=count)
        add_recruiting(conn)
        rows = conn.execute("SELECT count(*) FROM attendance").fetchone()
        print(f"{count} partnerships: built {rows[0] if rows else 0:,} attendance rows "
              f"in {time.perf_counter() - start:.1f} s")
        core = median_ms(lambda c=conn: portfolio(c, as_of=END), 11)  # type: ignore[misc]
        print(f"  portfolio(), all {count}:      {core:8.1f} ms")
        conn.close()
        os.environ["REFRESH_DB"] = str(path)
        ui._connection.clear()  # the pages open this database, not the previous one
        state = {"role": "convener", "allowed_partnership_ids": None, "as_of": END}
        alone, with_scan = page_run_ms("pages/portfolio.py", state)
        print(f"  Portfolio page server run:    {alone:8.1f} ms  (with AppTest's component scan: "
              f"{with_scan:.1f} ms)")
        name = f"Partnership {count // 2:0{max(2, len(str(count)))}d}"
        alone, with_scan = page_run_ms("pages/health.py", {"partnership": name, "as_of": END})
        print(f"  Health page server run (one): {alone:8.1f} ms  (with AppTest's component scan: "
              f"{with_scan:.1f} ms)")


if __name__ == "__main__":
    main()
