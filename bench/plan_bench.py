"""Benchmark: the plan and write side of an import (everything after the parse), step by step.

For each size a fresh process makes the seeded sign-in CSV of ``bench/import_bench.py``, parses it
once (not timed), then imports the parsed file into a fresh in-memory database and reports the CPU
seconds (all threads) of the whole plan+write and of its main steps: who is who in the file
(``keyed_with_rows``), look-alike names (``review_pairs``), meetings and attendance, organisations,
and the writes. The import_bench table gives the end-to-end numbers; this one says where the time
after the parse goes. Run from the project root: ``.venv/bin/python bench/plan_bench.py`` (100k rows)
or ``--sizes 10000,1000000``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.import_bench import make_csv
from refresh_core.db import connect
from refresh_core.imports import apply, meetings, plan, write
from refresh_core.ingest import parse_file

STEPS = {
    plan: ["keyed_with_rows", "resolve_for", "org_refs", "match_people", "review_pairs", "_against_database",
           "_affiliations"],
    meetings: ["groups", "meetings", "attendance"],
    write: ["_people", "_attendance"],
    apply: ["compute", "write"],
}  # fmt: skip


def _timed(spent: dict[str, float], name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    def run(*args: Any, **kwargs: Any) -> Any:
        started = time.process_time()
        try:
            return func(*args, **kwargs)
        finally:
            spent[name] = spent.get(name, 0.0) + time.process_time() - started

    return run


def one_size(rows: int) -> dict[str, float]:
    """Parse once, then time one import of the parsed rows (in this process)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "signin.csv"
        make_csv(path, rows)
        data = path.read_bytes()
    parsed = parse_file(data, file_name="bench.csv", max_bytes=len(data) + 1)
    spent: dict[str, float] = {}
    for module, names in STEPS.items():
        for name in names:
            setattr(module, name, _timed(spent, name, getattr(module, name)))
    setattr(apply, "parse_upload", lambda conn, **kwargs: parsed)  # noqa: B010 (the parse is not timed)
    conn = connect(":memory:")
    started = time.process_time()
    done = apply.import_files(conn, partnership="Bench", files=[("bench.csv", data)], max_bytes=len(data) + 1)
    total = time.process_time() - started
    assert done[0].status == "imported", done
    return {"rows": rows, "plan_write": total, **spent}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="100000")
    parser.add_argument("--one", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one is not None:
        print(json.dumps(one_size(args.one)))
        return
    for rows in (int(n) for n in args.sizes.split(",")):
        out = subprocess.run(
            [sys.executable, __file__, "--one", str(rows)], check=True, capture_output=True, text=True,
            env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)},
        )  # fmt: skip
        result = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"{rows:,} rows: plan+write {result.pop('plan_write'):.2f} s CPU (after the parse)")
        result.pop("rows")
        for name, seconds in sorted(result.items(), key=lambda kv: -kv[1]):
            print(f"  {name:<20}{seconds:>7.3f}")


if __name__ == "__main__":
    main()
