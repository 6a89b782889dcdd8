"""Benchmark the health diagnostics and the Health page on a large deployment.

Run: ``.venv/bin/python bench/health_bench.py`` (prints medians in milliseconds).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.large import END, build_large  # noqa: E402
from refresh_core.health.diagnosis import diagnose  # noqa: E402
from refresh_core.partnerships import get_partnership, partnership_names  # noqa: E402


def median_ms(fn: Callable[[], object], runs: int) -> float:
    fn()  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    path = Path(tempfile.mkdtemp()) / "large.duckdb"
    start = time.perf_counter()
    conn = build_large(path)
    rows = conn.execute("SELECT count(*) FROM attendance").fetchone()
    print(f"built {rows[0] if rows else 0:,} attendance rows in {time.perf_counter() - start:.1f} s")
    one = get_partnership(conn, name="Partnership 25")
    everyone = [get_partnership(conn, name=n) for n in partnership_names(conn)]
    print(
        "diagnose, one partnership: "
        f"{median_ms(lambda: diagnose(conn, partnership=one, as_of=END), 21):8.1f} ms"
    )
    print(
        f"diagnose, all {len(everyone)}:          "
        f"{median_ms(lambda: [diagnose(conn, partnership=p, as_of=END) for p in everyone], 5):8.1f} ms"
    )
    conn.close()

    os.environ["REFRESH_DB"] = str(path)
    from bench.apptest import page_run_ms

    alone, with_scan = page_run_ms("pages/health.py", {"partnership": "Partnership 25"})
    print(
        f"Health page server run:      {alone:8.1f} ms  (AppTest incl. its per-run component scan: "
        f"{with_scan:.1f} ms)"
    )


if __name__ == "__main__":
    main()
