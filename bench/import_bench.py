"""Benchmark: import a seeded 100,000-row sign-in CSV (parse, plan, apply) into a fresh database.

Reports medians of five runs for DuckDB's bare ``read_csv`` of the file (the floor), ``parse_file``,
and the full import (parse + plan + apply, with its CPU time: on a busy machine wall time overstates
it), plus the process's peak memory. Run from the project root:
``.venv/bin/python bench/import_bench.py [--rows N] [--runs N]``.
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import duckdb

from refresh_core.db import connect
from refresh_core.imports.apply import apply_import, file_digest, plan_import
from refresh_core.ingest import parse_file
from refresh_core.partnerships import ensure_partnership

FIRST = [
    "Ana",
    "Ben",
    "Chloe",
    "Dev",
    "Elena",
    "Farid",
    "Grace",
    "Hiro",
    "Ines",
    "Jamal",
    "Kofi",
    "Lena",
    "Marco",
    "Nadia",
    "Omar",
    "Priya",
    "Quinn",
    "Rosa",
    "Sami",
    "Tara",
    "Uma",
    "Victor",
    "Wen",
    "Yusuf",
]
LAST = [
    "Alvarez",
    "Brooks",
    "Chen",
    "Diaz",
    "Evans",
    "Fischer",
    "Garcia",
    "Haddad",
    "Ito",
    "Jensen",
    "Khan",
    "Lopez",
    "Moreau",
    "Novak",
    "Okafor",
    "Patel",
    "Quist",
    "Rossi",
    "Singh",
    "Tanaka",
]
TITLES = ["CEO", "Plant Manager", "HR Director", "Engineer", "Owner", "Dean", "Coordinator", "VP Operations"]


def make_csv(path: Path, rows: int, seed: int = 7) -> None:
    """``rows`` sign-ins: 20,000 people at 400 organisations over 120 dated meetings."""
    rng = random.Random(seed)
    orgs = [
        (f"Company {i} {'College' if i % 10 == 0 else 'Manufacturing'}", f"company{i}.com")
        for i in range(400)
    ]
    people = []
    for i in range(20_000):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}-{i}"
        org, domain = orgs[i % len(orgs)]
        people.append((name, f"p{i}@{domain}", org, rng.choice(TITLES), f"0{rng.randrange(10**8, 10**9)}"))
    meetings = [
        (f"{(d % 12) + 1}/{(d % 27) + 1}/20{20 + d // 12}", f"Quarterly meeting {d}") for d in range(120)
    ]
    pairs = set()
    while len(pairs) < rows:
        pairs.add((rng.randrange(len(people)), rng.randrange(len(meetings))))
    lines = ["Name,Email,Organization,Title,Date,Meeting,Phone"]
    for p, m in sorted(pairs, key=lambda x: (x[1], x[0])):
        name, email, org, title, phone = people[p]
        lines.append(f"{name},{email},{org},{title},{meetings[m][0]},{meetings[m][1]},{phone}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def timed(work: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def full_import(data: bytes) -> dict[str, float]:
    """Parse, plan and apply into a fresh in-memory database; the seconds each step took."""
    conn = connect(":memory:")
    pid = ensure_partnership(conn, name="Bench").id
    c0, t0 = time.process_time(), time.perf_counter()
    parsed = parse_file(data, file_name="bench.csv")
    t1 = time.perf_counter()
    plan = plan_import(conn, partnership_id=pid, parsed=parsed, sha256=file_digest(data))
    t2 = time.perf_counter()
    result = apply_import(conn, plan=plan)
    t3, c3 = time.perf_counter(), time.process_time()
    assert result.status == "imported" and result.attendance_added == len(parsed.rows), result
    conn.close()
    return {"parse": t1 - t0, "plan": t2 - t1, "apply": t3 - t2, "total": t3 - t0, "cpu": c3 - c0}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "signin.csv"
        make_csv(path, args.rows)
        data = path.read_bytes()
        floor = timed(
            lambda: (
                duckdb.connect()
                .execute("SELECT count(*) FROM read_csv(?, all_varchar=true)", [str(path)])
                .fetchall()
            ),
            args.runs,
        )
        parse = timed(lambda: parse_file(data, file_name="bench.csv"), args.runs)
        steps = [full_import(data) for _ in range(args.runs)]
        full = {k: statistics.median(s[k] for s in steps) for k in steps[0]}
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{args.rows:,} sign-in rows, {len(data) / 1e6:.1f} MB, median of {args.runs} runs")
    print(f"{'step':<40}{'seconds':>10}")
    print(f"{'DuckDB read_csv (floor)':<40}{floor:>10.2f}")
    print(f"{'parse_file':<40}{parse:>10.2f}")
    print(f"{'full import (parse + plan + apply)':<40}{full['total']:>10.2f}")
    print(f"{'  of which plan (match, preview)':<40}{full['plan']:>10.2f}")
    print(f"{'  of which apply (one transaction)':<40}{full['apply']:>10.2f}")
    print(f"{'full import, CPU seconds (all threads)':<40}{full['cpu']:>10.2f}")
    print(f"{'peak memory (MB, whole process)':<40}{peak_mb:>10.0f}")


if __name__ == "__main__":
    main()
