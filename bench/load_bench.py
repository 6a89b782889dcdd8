"""Load test: two app servers on one PostgreSQL, 50 sessions, and a 10,000-row import at the same time.

Everything runs on this computer's loopback and is bounded (a fixed number of sessions, at most
``--concurrency`` at a time, every wait with a deadline). In one run:

1. A throwaway PostgreSQL cluster (``tools/with_postgres.sh``: initdb as a non-root user, a free
   loopback port, removed afterwards) with the demo loaded, and a DuckDB file with the same demo.
2. **DuckDB, one process**: one ``streamlit run`` over the DuckDB file; ``--sessions`` simulated
   sessions (default 50, ``--concurrency`` 10 at a time) each open Health, then Recruitment, over
   the app's own WebSocket (``tests/e2e/streamlit_ws.py``'s protocol: one script run per page,
   timed from the request to the server's "script finished").
3. **PostgreSQL, two servers, idle**: two ``streamlit run`` on the PostgreSQL database; the same
   sessions, alternating between the servers.
4. **PostgreSQL, two servers, during an import**: the same again while a third process runs
   ``python -m refresh_core import`` of a 10,000-row sign-in file (``bench/import_bench.py``'s
   generator: 10,000 distinct person-meeting pairs over 120 meetings) into a new partnership.

Checked and printed: no page drew an exception box or an error message, and every page drew its
title (a session that failed counts as an error); the import added exactly one batch and, for the
file's meetings, as many attendance rows as the file's distinct person-meeting pairs, none twice;
and per page per server, the median and 90th-percentile seconds, beside the single-process DuckDB
figures. Every server starts with one untimed warm-up session (its first run imports the app).
Exit status 0 when every check holds, 1 when one fails, 77 when PostgreSQL cannot be had.

Run from the project root (a few minutes on two cores):
``.venv/bin/python bench/load_bench.py`` (``--sessions 20`` for a quicker look).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import psycopg  # noqa: E402
from psycopg.conninfo import conninfo_to_dict  # noqa: E402
from streamlit.proto.Alert_pb2 import Alert  # noqa: E402
from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402
from websockets.sync.client import ClientConnection  # noqa: E402
from websockets.sync.client import connect as ws_connect  # noqa: E402

from bench.import_bench import make_csv  # noqa: E402
from refresh_core.db import connect  # noqa: E402
from refresh_core.hosting.demo import load_demo  # noqa: E402
from tests.e2e.streamlit_ws import _strings  # noqa: E402

CLUSTER_FLAG = "PULSE_LOAD_BENCH_CLUSTER"  # set when this script runs inside its throwaway cluster
PAGES = {"health": "Health overview", "recruitment": "Recruitment"}  # URL path -> the title it draws
IMPORTED = "Load Test Partnership"
VISIT_TIMEOUT = 180.0


@dataclass
class Tally:
    """Page times and failures, by (server, page)."""

    times: dict[tuple[str, str], list[float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    alerts: dict[str, set[str]] = field(default_factory=dict)  # page -> red messages it drew
    during_import: int = 0  # page runs that started while the import was running
    lock: threading.Lock = field(default_factory=threading.Lock)  # sessions run on several threads

    def add(self, server: str, page: str, seconds: float | None, errors: list[str], during: bool) -> None:
        with self.lock:
            self.errors += [f"{server} {page}: {e}" for e in errors]
            if seconds is not None:
                self.times.setdefault((server, page), []).append(seconds)
                self.during_import += during


def run_page(ws: ClientConnection, page: str) -> tuple[float, list[str], list[str], list[str]]:
    """One script run of ``page`` on an open session: (seconds, texts, exception boxes, red messages)."""
    request = BackMsg()
    request.rerun_script.page_name = page
    started = time.monotonic()
    ws.send(request.SerializeToString())
    texts: list[str] = []
    errors: list[str] = []
    alerts: list[str] = []
    while True:
        message = ForwardMsg()
        message.ParseFromString(ws.recv(timeout=max(0.1, started + VISIT_TIMEOUT - time.monotonic())))
        if message.HasField("new_session"):
            texts = []
        if message.HasField("delta") and message.delta.HasField("new_element"):
            element = message.delta.new_element
            kind = element.WhichOneof("type")
            if kind == "exception":
                errors.append(f"exception box: {element.exception.type}: {element.exception.message}")
            elif kind == "alert" and element.alert.format == Alert.ERROR:
                alerts.append(element.alert.body)
            texts += _strings(message.delta)
        if message.HasField("script_finished") and \
                message.script_finished != ForwardMsg.ScriptFinishedStatus.FINISHED_EARLY_FOR_RERUN:
            return time.monotonic() - started, texts, errors, alerts


def session(url: str, server: str, tally: Tally, importing: subprocess.Popen[bytes] | None,
            *, reference: dict[str, set[str]], timed: bool = True) -> None:
    """One simulated convener: one connection, Health then Recruitment, each timed and checked.

    A red message counts as an error unless the reference run (the DuckDB server's first session,
    alone) drew the same on that page: Health's "A refresh is recommended" verdict is red."""
    host = url.split("//", 1)[1].rstrip("/")
    try:
        with ws_connect(f"ws://{host}/_stcore/stream", subprotocols=["streamlit"],  # type: ignore[list-item]
                        open_timeout=VISIT_TIMEOUT, max_size=None) as ws:
            for page, title in PAGES.items():
                during = importing is not None and importing.poll() is None
                seconds, texts, errors, alerts = run_page(ws, page)
                with tally.lock:
                    tally.alerts.setdefault(page, set()).update(alerts)
                errors += [f"red message: {a}" for a in alerts if a not in reference.get(page, set())]
                if not any(title in t for t in texts):
                    errors.append(f"the page never drew its title {title!r}")
                tally.add(server, page, seconds if timed else None, errors, during)
    except Exception as exc:  # a refused or broken connection is a failed session, reported
        tally.add(server, "session", None, [f"failed: {exc.__class__.__name__}: {exc}"], False)


@contextmanager
def app_server(name: str, port: int, env: dict[str, str], logs: Path) -> Iterator[str]:
    """`streamlit run streamlit_app.py` on 127.0.0.1:port; yields its URL once healthy."""
    url = f"http://127.0.0.1:{port}/"
    with open(logs / f"{name}.log", "wb") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "ui.serve", "--server.port", str(port),
             "--server.address", "127.0.0.1", "--server.headless", "true", "--server.fileWatcherType",
             "none", "--browser.gatherUsageStats", "false"], cwd=ROOT, env=env, stdout=log,
            stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 120
        while True:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{name} did not start: {(logs / f'{name}.log').read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(url + "_stcore/health", timeout=2):
                    break
            except OSError:
                time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def server_env(**store: str) -> dict[str, str]:
    """This environment without any database setting, plus ``store`` (REFRESH_DB or the URL)."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("REFRESH_DB", "REFRESH_DATABASE_URL", "REFRESH_CONVENER_PASSWORD_HASH",
                        "REFRESH_BACKUP_DIR", "REFRESH_BASE_URL", CLUSTER_FLAG)}
    return {**env, **store}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def phase(servers: dict[str, str], sessions: int, concurrency: int, reference: dict[str, set[str]],
          importing: subprocess.Popen[bytes] | None = None) -> Tally:
    """``sessions`` sessions, alternating between ``servers``, ``concurrency`` at a time."""
    tally = Tally()
    names = list(servers)
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        for _ in pool.map(lambda i: session(servers[names[i % len(names)]], names[i % len(names)], tally,
                                            importing, reference=reference), range(sessions)):
            pass
    return tally


def warm(servers: dict[str, str], reference: dict[str, set[str]] | None = None) -> dict[str, set[str]]:
    """One untimed session per server (its first run imports the app's modules). Without a
    ``reference`` this is the reference run: the red messages each page drew are returned, not
    judged. Any other failure stops the benchmark."""
    tally = Tally()
    for name, url in servers.items():
        session(url, name, tally, None, reference=reference or {}, timed=False)
    failed = [e for e in tally.errors if reference is not None or "red message" not in e]
    if failed:
        raise RuntimeError(f"the warm-up session failed: {failed}")
    return tally.alerts if reference is None else reference


def expected_pairs(path: Path) -> int:
    """Distinct (person's email, meeting date, meeting title) in the sign-in file."""
    with open(path, newline="", encoding="utf-8") as f:
        return len({(r["Email"].lower(), r["Date"], r["Meeting"]) for r in csv.DictReader(f)})


def attendance_check(url: str) -> dict[str, int]:
    """What the import left: its batches, and attendance rows (all, and distinct pairs) at its meetings."""
    with psycopg.connect(url) as admin:
        found = admin.execute(
            "SELECT (SELECT count(*) FROM import_batch b JOIN partnership p ON p.id = b.partnership_id "
            "        WHERE p.name = %s),"
            "       count(*), count(DISTINCT (a.meeting_id, a.person_id)) "
            "FROM attendance a JOIN meeting m ON m.id = a.meeting_id "
            "JOIN partnership p ON p.id = m.partnership_id WHERE p.name = %s",
            [IMPORTED, IMPORTED]).fetchone()
    batches, rows, distinct = found or (0, 0, 0)
    return {"batches": batches, "rows": rows, "distinct": distinct}


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def report(rows: list[tuple[str, Tally]]) -> None:
    print(f"\n{'page':<13}{'run':<44}{'runs':>5}{'median s':>10}{'p90 s':>8}")
    for page in PAGES:
        for label, tally in rows:
            for (server, p), times in sorted(tally.times.items()):
                if p == page:
                    print(f"{page:<13}{label + ': ' + server:<44}{len(times):>5}"
                          f"{statistics.median(times):>10.2f}{percentile(times, 0.9):>8.2f}")


def databases(tmp: Path) -> tuple[str, Path]:
    """A new PostgreSQL database and a DuckDB file, each holding the demo."""
    admin = os.environ["REFRESH_DATABASE_URL"]
    with psycopg.connect(admin, autocommit=True) as server:
        server.execute("CREATE DATABASE pulse_load")
    params = conninfo_to_dict(admin)
    url = f"postgresql://{params['user']}@{params['host']}:{params['port']}/pulse_load"
    for target in (url, str(tmp / "load.duckdb")):
        conn = connect(target)
        load_demo(conn)
        conn.close()
    return url, tmp / "load.duckdb"


def measure(args: argparse.Namespace) -> int:
    """(long: the three phases in order, then the checks)"""
    with tempfile.TemporaryDirectory() as folder, ExitStack() as stack:
        tmp = Path(folder)
        url, duck = databases(tmp)
        sheet = tmp / "signin-10000.csv"
        make_csv(sheet, args.rows)
        want = expected_pairs(sheet)
        print(f"demo loaded in PostgreSQL and DuckDB; import file: {args.rows:,} rows, {want:,} distinct "
              f"person-meeting pairs; {args.sessions} sessions, {args.concurrency} at a time; load average "
              f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores", flush=True)
        results: list[tuple[str, Tally]] = []
        with app_server("duckdb", free_port(), server_env(REFRESH_DB=str(duck)), tmp) as one:
            reference = warm({"server": one})
            print(f"reference red messages (DuckDB, one session alone): {reference}", flush=True)
            results.append(("DuckDB, one process", phase({"server": one}, args.sessions, args.concurrency,
                                                         reference)))
        print("DuckDB phase done", flush=True)
        pg_env = server_env(REFRESH_DATABASE_URL=url)
        servers = {f"server {n}": stack.enter_context(app_server(f"pg{n}", free_port(), pg_env, tmp))
                   for n in (1, 2)}
        warm(servers, reference)
        results.append(("PostgreSQL, idle", phase(servers, args.sessions, args.concurrency, reference)))
        print("PostgreSQL idle phase done", flush=True)
        started = time.monotonic()
        importing = subprocess.Popen(
            [sys.executable, "-m", "refresh_core", "--db", url, "import", str(sheet), "--partnership",
             IMPORTED, "--json"], cwd=ROOT, env=server_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        busy = phase(servers, args.sessions, args.concurrency, reference, importing)
        out, err = importing.communicate(timeout=600)
        import_seconds = time.monotonic() - started
        results.append(("PostgreSQL, during the import", busy))
    return verdict(results, importing.returncode, out, err, import_seconds, want, attendance_check(url))


def verdict(results: list[tuple[str, Tally]], code: int, out: bytes, err: bytes, seconds: float,
            want: int, found: dict[str, int]) -> int:
    """Print the table and the checks; 0 when all hold."""
    report(results)
    print(f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    failures = [e for _, tally in results for e in tally.errors]
    busy = results[-1][1]
    added = json.loads(out)["files"][0]["attendance_added"] if code == 0 else None
    print(f"\nimport: exit {code} in {seconds:.1f} s, {added} attendance added; "
          f"{busy.during_import} page runs started while it ran")
    print(f"attendance at the imported meetings: {found['rows']:,} rows, {found['distinct']:,} distinct "
          f"person-meeting pairs, expected {want:,}; import batches: {found['batches']}")
    if code != 0:
        failures.append(f"the import failed: {err.decode(errors='replace')[-500:]}")
    if found["batches"] != 1 or found["rows"] != want or found["distinct"] != want:
        failures.append("attendance lost or duplicated (see the line above)")
    for failure in failures[:20]:
        print("FAILED:", failure)
    print("all checks passed: no page error, no lost or duplicated attendance" if not failures
          else f"{len(failures)} failures")
    return 1 if failures else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sessions", type=int, default=50)
    parser.add_argument("--concurrency", type=int, default=10)
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()
    if not 1 <= args.sessions <= 500 or not 1 <= args.concurrency <= 50:
        parser.error("--sessions must be 1..500 and --concurrency 1..50 (the test is bounded)")
    if os.environ.get(CLUSTER_FLAG) != "1":  # start the throwaway cluster, run this script inside it
        script = str(ROOT / "tools" / "with_postgres.sh")
        code = subprocess.run([script, sys.executable, __file__, *sys.argv[1:]], cwd=ROOT,
                              env={**os.environ, CLUSTER_FLAG: "1"}).returncode
        if code == 77:
            print("load_bench: PostgreSQL cannot be had here (its server binaries are missing: "
                  "apt-get install postgresql); nothing was measured.", file=sys.stderr)
        return code
    return measure(args)


if __name__ == "__main__":
    sys.exit(main())
