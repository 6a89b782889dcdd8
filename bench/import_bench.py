"""Benchmark: importing a seeded sign-in CSV at several sizes, against a bare DuckDB ``read_csv``.

For each size (default 10,000 / 100,000 / 1,000,000 rows) this process makes the file and fresh ones
measure in the same run: the CPU seconds of a bare ``read_csv`` of the file (all columns as text: the
floor; in a process of its own), of the full import through the command line's path (``import_files``
given the file's path, as the command line gives it since 1 December 2026: digest, parse, plan, one
transaction; until then the command line read the file's bytes into memory first, and so did this
benchmark) into a database already made (making it, with its migrations, is timed apart: "new db s";
the import's ratio counted it until 30 November 2026), of importing the same file again, of importing
the same sign-ins saved again with Windows line ends (a second file, made by the parent; "overlap":
other bytes, so parsed and planned, every attendance already recorded, each one's batch list
extended), and the process's peak memory after the import and its re-import ("peak MB", against the
target) and after the overlap too ("+overlap MB"). CPU time (all threads) is used because wall time on
a shared machine overstates the work. Also: the command line's start-up (``diagnose --json``) against
``python -c "import duckdb, pandas"``.

The parse alone (``parse_file``: DuckDB's reader for regular files, then cleaning) is measured too,
in the same process before the import, so the split parse / plan+write shows where the time goes; so
is the process's peak memory once the parse is done ("parse peak": the parse's own share of the peak).

For reference only, the "full read" column: a bare ``read_csv`` that hands every cell over (to Arrow),
measured with the floor: the floor's ``count(*)`` lets DuckDB skip making the
cells, which any import must read; the targets stay judged against the floor.

Targets (issue 13): import <= 5x the floor at 100k rows and <= 8x at 1M; peak memory <= 4x the file
+ 200 MB; re-import <= 0.3x the import; start-up <= 2x the bare imports. Run from the project root:
``.venv/bin/python bench/import_bench.py`` (10k and 100k rows, about a minute) or with ``--full`` to add
the 1M-row case (115 MB; a few minutes and about 1.5 GB of memory), or ``--sizes 10000,250000``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import duckdb

from refresh_core.db import connect
from refresh_core.imports.apply import import_files
from refresh_core.ingest import parse_file

ROOT = Path(__file__).resolve().parent.parent

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


def bare_read(path: Path, runs: int = 3) -> float:
    """The floor: CPU seconds of DuckDB's ``read_csv`` of the file, all columns as text; the least of
    ``runs`` after one untimed warm-up (DuckDB's first start in a process, and a busy machine, would
    otherwise inflate the floor and flatter the ratio)."""
    times = []
    for run in range(runs + 1):
        c0 = time.process_time()
        floor = duckdb.connect()
        floor.execute("SELECT count(*) FROM read_csv(?, all_varchar=true)", [str(path)]).fetchall()
        floor.close()
        if run:
            times.append(time.process_time() - c0)
    return min(times)


def full_read(path: Path, runs: int = 3) -> float:
    """For reference (no target is judged against it): CPU seconds of a bare ``read_csv`` that hands
    every cell over (to Arrow), as any import must read them; the floor's ``count(*)`` lets DuckDB skip
    making the cells' values. Least of ``runs`` after one warm-up, as :func:`bare_read`."""
    times = []
    for run in range(runs + 1):
        c0 = time.process_time()
        reader = duckdb.connect()
        reader.sql("SELECT * FROM read_csv($p, all_varchar=true)", params={"p": str(path)}).to_arrow_table()
        reader.close()
        if run:
            times.append(time.process_time() - c0)
    return min(times)


def one_size(rows: int, path: Path) -> dict[str, float]:
    """Measure one size in this process: a fresh one per size, started by a parent that stays small.
    The file is made in a process of its own: Linux carries a process's peak memory across ``exec`` to
    the program it starts, so until 1 December 2026, when the parent made the file (making a million rows
    in Python takes 680 MB), every peak measured here was at least the parent's. The bare reads run in
    a process of their own too."""
    size = path.stat().st_size
    limit = 2 * size + 1  # (the CR LF copy is larger)
    c1 = time.process_time()
    parse_file(path, file_name="bench.csv", max_bytes=limit)
    parse_cpu = time.process_time() - c1
    parse_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    c0 = time.process_time()
    conn = connect(":memory:")  # (timed apart: an import goes into a database that exists)
    c1 = time.process_time()
    first = import_files(conn, partnership="Bench", files=[("bench.csv", path)], max_bytes=limit)
    c2 = time.process_time()
    again = import_files(conn, partnership="Bench", files=[("bench.csv", path)], max_bytes=limit)
    c3 = time.process_time()
    import_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # before the overlap
    crlf = path.with_name("crlf.csv")  # the same sign-ins saved again: other bytes, all recorded
    overlap = import_files(conn, partnership="Bench", files=[("crlf.csv", crlf)], max_bytes=limit)
    c4 = time.process_time()
    assert first[0].status == "imported" and again[0].status == "already_imported", (first, again)
    assert overlap[0].status == "imported" and overlap[0].attendance_added == 0, overlap
    conn.close()
    overlap_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "rows": rows,
        "file_mb": size / 1e6,
        "parse_cpu": parse_cpu,
        "new_db_cpu": c1 - c0,
        "import_cpu": c2 - c1,
        "reimport_cpu": c3 - c2,
        "overlap_cpu": c4 - c3,
        "parse_peak_mb": parse_peak,
        "peak_mb": import_peak,
        "overlap_peak_mb": overlap_peak,
    }


def _child(argv: list[str]) -> dict[str, float]:
    """Run this script in a fresh process (its peak memory its own) and read the JSON it prints."""
    out = subprocess.run(
        [sys.executable, __file__, *argv],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    found: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return found


def child_cpu(argv: list[str]) -> float:
    """User + system CPU seconds of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(argv, cwd=ROOT, check=True, capture_output=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def startup(runs: int = 3) -> tuple[float, float]:
    """Median CPU seconds of ``diagnose --json`` on the demo, and of importing duckdb and pandas."""
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "demo.duckdb")
        subprocess.run(
            [sys.executable, "-m", "refresh_core", "--db", db, "demo"],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        cli = [
            sys.executable,
            "-m",
            "refresh_core",
            "--db",
            db,
            "diagnose",
            "--json",
            "--partnership",
            "Lakeshore Advanced Manufacturing Partnership",
        ]
        bare = [sys.executable, "-c", "import duckdb, pandas"]
        pairs = sorted((child_cpu(cli), child_cpu(bare)) for _ in range(runs))
    return pairs[len(pairs) // 2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--full", action="store_true", help="add the 1,000,000-row case (minutes)")
    parser.add_argument("--one", type=int, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--reads", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--make", type=int, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--file", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.make is not None:
        make_csv(args.file, args.make)
        args.file.with_name("crlf.csv").write_bytes(args.file.read_bytes().replace(b"\n", b"\r\n"))
        return
    if args.reads:
        print(json.dumps({"floor_cpu": bare_read(args.file), "full_read_cpu": full_read(args.file)}))
        return
    if args.one is not None:
        print(json.dumps(one_size(args.one, args.file)))
        return
    print(
        f"{'rows':>10}{'MB':>7}{'read_csv s':>12}{'parse s':>9}{'x floor':>9}{'new db s':>10}{'import s':>10}"
        f"{'x floor':>9}"
        f"{'re-import':>11}{'x import':>10}{'overlap s':>11}{'x import':>10}"
        f"{'parse peak':>12}{'peak MB':>9}{'limit MB':>10}{'+overlap MB':>13}"
    )
    sizes = [int(n) for n in args.sizes.split(",")] + ([1_000_000] if args.full else [])
    for rows in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "signin.csv"
            subprocess.run([sys.executable, __file__, "--make", str(rows), "--file", str(path)], check=True)
            reads = _child(["--reads", "--file", str(path)])
            r = {**reads, **_child(["--one", str(rows), "--file", str(path)])}
        limit = 4 * r["file_mb"] + 200
        print(
            f"{rows:>10,}{r['file_mb']:>7.1f}{r['floor_cpu']:>12.2f}{r['parse_cpu']:>9.2f}"
            f"{r['parse_cpu'] / r['floor_cpu']:>9.1f}{r['new_db_cpu']:>10.2f}{r['import_cpu']:>10.2f}"
            f"{r['import_cpu'] / r['floor_cpu']:>9.1f}{r['reimport_cpu']:>11.2f}"
            f"{r['reimport_cpu'] / r['import_cpu']:>10.2f}{r['overlap_cpu']:>11.2f}"
            f"{r['overlap_cpu'] / r['import_cpu']:>10.2f}{r['parse_peak_mb']:>12.0f}"
            f"{r['peak_mb']:>9.0f}{limit:>10.0f}{r['overlap_peak_mb']:>13.0f}{r['full_read_cpu']:>13.2f}"
            f"{r['import_cpu'] / r['full_read_cpu']:>8.1f}",
            flush=True,
        )
    cli, bare = startup()
    print("(full read: a bare read_csv handing every cell over, for reference; the targets are judged")
    print(" against the floor, a count(*) that need not make the cells.)")
    print(f"start-up CPU: diagnose --json {cli:.2f} s, import duckdb+pandas {bare:.2f} s ({cli / bare:.1f}x)")


if __name__ == "__main__":
    main()
