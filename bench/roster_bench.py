"""Benchmark a roster upload that places guests who came without an email.

A partnership with GUESTS people who joined video calls by name only (no email, no company) gets a
roster of ROWS people: half of them those guests, half new. Prints the upload's time and what it did.

Run: ``.venv/bin/python bench/roster_bench.py [GUESTS] [ROWS]`` (defaults 5000 and 2000).
"""

from __future__ import annotations

import random
import string
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from refresh_core.db import connect  # noqa: E402
from refresh_core.imports.roster import import_roster  # noqa: E402
from refresh_core.partnerships import ensure_partnership  # noqa: E402


def word(rng: random.Random) -> str:
    return "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(4, 9)))


def main() -> None:
    guests, rows = (int(a) for a in (sys.argv[1:3] if len(sys.argv) > 2 else ("5000", "2000")))
    rng = random.Random(7)
    conn = connect(":memory:")
    pid = ensure_partnership(conn, name="Bench").id
    names = sorted({f"{word(rng)} {word(rng)}" for _ in range(guests)})
    conn.execute(
        "INSERT INTO person (partnership_id, full_name, name_key) SELECT ?, n, n FROM unnest(?) t(n)",
        [pid, names],
    )
    listed = rng.sample(names, rows // 2) + [f"{word(rng)} {word(rng)}" for _ in range(rows - rows // 2)]
    csv = "Organisation,Kind,Name,Email\n" + "".join(
        f"Company {i % 300},Industry,{n.title()},p{i}@company{i % 300}.example\n"
        for i, n in enumerate(listed)
    )
    start = time.perf_counter()
    result = import_roster(conn, partnership_id=pid, data=csv.encode(), file_name="roster.csv")
    took = time.perf_counter() - start
    print(f"{len(names)} guests without email, {rows} roster rows: {took * 1000:.0f} ms")
    print(result.sentence())


if __name__ == "__main__":
    main()
