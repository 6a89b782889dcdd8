"""Real-browser fixtures and helpers: a `streamlit run` server on a free port, headless Debian
Chromium, and the page helpers every e2e test uses (wait for a script run, screenshot, no error box).

Servers serve a private database: the demo (share links are made through the core before the server
starts, since DuckDB lets one process hold the file) or an empty one. On DuckDB that is a file in the
test's folder; on the PostgreSQL pass (``REFRESH_DATABASE_URL`` set by tools/with_postgres.sh) it is a
fresh database copied from a template (tests/pg.py), which the server finds through
``REFRESH_DATABASE_URL`` and which is dropped when the server stops. Every test's server is started by
:func:`serve` (the two behind a proxy in test_several_servers share a database made for both, so
they use its building block :func:`running_app`). Set E2E_APP_DIR to serve another checkout of the
app (default: this one).

Waiting is always on a condition, never a fixed pause: the app's root element carries Streamlit's
script state (``data-test-script-state``), and :func:`after_run` waits for the server's message
that a run has finished.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from refresh_core.db import DATABASE_URL_ENV, Connection, connect
from refresh_core.hosting.access import PASSWORD_HASH_ENV, create_share_link, hash_password, revoke_share_link
from refresh_core.hosting.demo import load_demo
from refresh_core.partnerships import get_partnership
from tests import pg
from tests.conftest import ROOT, THREE_RIVERS

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SHOTS = ROOT / "test-output" / "e2e"
PASSWORD = "correct horse battery staple"


@dataclass(frozen=True)
class Server:
    url: str          # http://127.0.0.1:PORT/
    live_link: str    # a share link for Three Rivers
    revoked_link: str
    db: Path | str    # the DuckDB file, or the PostgreSQL URL on that pass (either opens with connect())

    def token(self, link: str) -> str:
        return parse_qs(urlsplit(link).query)["share"][0]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_healthy(url: str, proc: subprocess.Popen[bytes], log: Path, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited early:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url + "_stcore/health", timeout=2) as reply:
                if reply.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"streamlit did not become healthy in {timeout}s:\n{log.read_text()[-3000:]}")


@pytest.fixture(scope="session")
def chromium() -> Path:
    """Debian's Chromium, or a skip that says how to get it."""
    if not CHROMIUM.exists():
        pytest.skip("real-browser tests need Debian's Chromium at /usr/bin/chromium "
                    "(`make browser` installs it when run as root; CI installs it)")
    pytest.importorskip("playwright.sync_api", reason="playwright is not installed (requirements-dev.txt)")
    return CHROMIUM


def demo_with_links(path: Path | str, url: str, *, loaded: bool = False) -> tuple[str, str]:
    """The demo database at ``path`` (a file, or a PostgreSQL URL) with a live and a revoked share link
    for Three Rivers; ``loaded`` when the demo is already in it (a copy of the demo template)."""
    conn = connect(path)
    if not loaded:
        load_demo(conn)
    pid = get_partnership(conn, name=THREE_RIVERS).id
    _, live = create_share_link(conn, partnership_id=pid, label="Champions (e2e)", base_url=url)
    dead, revoked = create_share_link(conn, partnership_id=pid, label="Old link (e2e)", base_url=url)
    revoke_share_link(conn, link_id=dead.id)
    conn.close()
    return live, revoked


@contextmanager
def running_app(db: Path, port: int, log: Path, extra_env: dict[str, str] | None = None) -> Iterator[str]:
    """The app (its launcher, `python -m ui.serve`) on 127.0.0.1:port over ``db``; yields its URL once
    healthy.
    The server serves that DuckDB file unless ``extra_env`` names a PostgreSQL database with
    ``REFRESH_DATABASE_URL`` (as :func:`serve` does on the PostgreSQL pass); the variable of the
    test run itself (the cluster's admin URL) is never passed on."""
    url = f"http://127.0.0.1:{port}/"
    app_dir = Path(os.environ.get("E2E_APP_DIR", ROOT))
    env = {k: v for k, v in os.environ.items()
           if k not in ("REFRESH_CONVENER_PASSWORD_HASH", "REFRESH_BACKUP_DIR", "REFRESH_BASE_URL",
                        DATABASE_URL_ENV)}
    env["REFRESH_DB"] = str(db)
    env.update(extra_env or {})
    SHOTS.mkdir(parents=True, exist_ok=True)
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "ui.serve", "--server.port", str(port),
             "--server.address", "127.0.0.1", "--server.headless", "true",
             "--browser.gatherUsageStats", "false"],
            cwd=app_dir, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_healthy(url, proc, log)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _load_demo(conn: Connection) -> None:
    load_demo(conn)  # dated from today, as on DuckDB


@contextmanager
def serve(folder: Path, name: str, *, demo: bool = True, env: dict[str, str] | None = None,
          prepare: Callable[[Path | str, str], None] | None = None,
          host: str = "127.0.0.1") -> Iterator[Server]:
    """The one way an e2e test starts the app: a free port, a private database (the demo with two share
    links, or empty), ``prepare(db, url)`` for anything more before the server holds it, then
    `streamlit run` until the block ends (its log in test-output/e2e). The database is the file
    ``folder/name.duckdb``, or on the PostgreSQL pass a fresh database (dropped afterwards).
    ``host`` names the server in its URL (``localhost`` where a sign-in redirect must match)."""
    port = free_port()
    url = f"http://{host}:{port}/"
    file = folder / f"{name}.duckdb"
    env = dict(env or {})
    db: Path | str = file
    if pg.enabled():
        db = pg.fresh("e2e_demo", _load_demo) if demo else pg.fresh()
        env[DATABASE_URL_ENV] = db
    try:
        live, revoked = demo_with_links(db, url, loaded=pg.enabled()) if demo else ("", "")
        if prepare is not None:
            prepare(db, url)
        with running_app(file, port, SHOTS / f"{name}-server.log", env):
            yield Server(url, live, revoked, db)
    finally:
        if isinstance(db, str):
            pg.drop(db)


@pytest.fixture(scope="session")
def server(chromium: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One server for the suite, over a copy of the demo with two share links made before it starts."""
    with serve(tmp_path_factory.mktemp("e2e"), "demo") as started:
        yield started


@pytest.fixture
def own_server(chromium: Path, tmp_path: Path) -> Iterator[Server]:
    """A server of its own over a fresh demo copy, for a test that changes data (so no other test's
    expectations depend on whether it ran before them)."""
    with serve(tmp_path, "own") as started:
        yield started


@pytest.fixture
def fresh_server(chromium: Path, tmp_path: Path) -> Iterator[Server]:
    """A password-protected server nobody has visited yet (for first-request checks)."""
    with serve(tmp_path, "fresh", env={PASSWORD_HASH_ENV: hash_password(PASSWORD)}) as started:
        yield started


@pytest.fixture
def empty_server(chromium: Path, tmp_path: Path) -> Iterator[Server]:
    """A server over a database with no partnership at all (a new convener's first start)."""
    with serve(tmp_path, "empty", demo=False) as started:
        yield started


@pytest.fixture(scope="session")
def browser(chromium: Path) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """Keep each phase's report on the test, so the page fixture knows whether the test failed."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def page(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A fresh browser context (own cookies and session) and page; a screenshot of it when the
    test fails (test-output/e2e/failed-TEST.png)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    RUNS[id(tab)] = Runs(tab)
    yield tab
    RUNS.pop(id(tab), None)
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        shot(tab, "failed-" + re.sub(r"\W+", "-", request.node.name).strip("-").lower())
    context.close()


# --- page helpers -------------------------------------------------------------------------------

ERRORS = "[data-testid='stException'], [data-testid='stAlertContentError']"
CRASH = "This app has encountered an error"
IDLE = ("() => { const app = document.querySelector(\"[data-testid='stApp']\");"
        " return !!app && app.getAttribute('data-test-connection-state') === 'CONNECTED'"
        " && app.getAttribute('data-test-script-state') === 'notRunning'"
        " && !document.querySelector(\"[data-stale='true']\"); }")
FLUSH = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => done(true))))"


class Runs:
    """Watches a page's connection to the app and knows when a script run has really ended.

    The app's script state on screen is not enough: a quick run's "running" can be batched away
    before it is ever drawn, and a page that reruns itself (``st.rerun``) is idle for a moment
    between its two runs. The server's own "script finished" message says it exactly; one that
    finished early for a rerun is not the end."""

    def __init__(self, page: Any) -> None:
        self.socket: Any = None
        page.on("websocket", self._connected)

    def _connected(self, socket: Any) -> None:
        if "_stcore/stream" in socket.url:
            self.socket = socket

    @staticmethod
    def finished(payload: str | bytes) -> bool:
        """Whether one message from the server ends a script run (not one cut short for a rerun)."""
        if isinstance(payload, str):
            return False
        message = ForwardMsg()
        try:
            message.ParseFromString(payload)
        except Exception:  # not a message of the app's protocol: not the end of a run
            return False
        return (message.WhichOneof("type") == "script_finished"
                and message.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN)


RUNS: dict[int, Runs] = {}  # by id(page), for the pages the `page` fixture made


def shot(page: Any, name: str) -> None:
    """A full-page screenshot in test-output/e2e/NAME.png."""
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def idle(page: Any) -> None:
    """Wait until the app is connected, no script run is under way and nothing on screen is stale."""
    page.wait_for_function(IDLE, timeout=60_000)


def settle(page: Any, text: str) -> None:
    """Wait for ``text``, then for the script run to finish (a screenshot is kept if it never comes).
    After a click whose result may already be on screen, use :func:`after_run` instead."""
    try:
        page.get_by_text(text).first.wait_for()
    except Exception:
        shot(page, "failed-waiting-for-" + re.sub(r"\W+", "-", text).strip("-").lower())
        raise
    idle(page)


def after_run(page: Any, action: Callable[[], object]) -> None:
    """Do ``action`` (a click, an upload, a key) and wait until the script run it starts, and any
    rerun the page asks for, has ended and been drawn. For pages made by the `page` fixture."""
    runs = RUNS[id(page)]
    assert runs.socket is not None, "the page is not connected to the app yet: open it first"
    with runs.socket.expect_event("framereceived", predicate=Runs.finished, timeout=60_000):
        action()
    idle(page)
    page.wait_for_function(FLUSH)  # the frame after the last message has been painted
    idle(page)


def gone(page: Any, text: str) -> None:
    """Wait until ``text`` is nowhere on the page, then for the script run to finish."""
    try:
        page.get_by_text(text).first.wait_for(state="detached")
    except Exception:
        shot(page, "failed-waiting-for-no-" + re.sub(r"\W+", "-", text).strip("-").lower())
        raise
    idle(page)


def no_errors(page: Any) -> None:
    """No traceback, no red error box and no crash page anywhere."""
    found = page.locator(ERRORS)
    assert found.count() == 0, found.first.inner_text()
    assert CRASH not in page.inner_text("body")


def nav(page: Any, label: str) -> None:
    """Open a page from the sidebar navigation and wait for it to be drawn."""
    after_run(page, page.locator("[data-testid='stSidebarNav'] a", has_text=label).first.click)


def nav_labels(page: Any) -> list[str]:
    """The page names in the sidebar navigation (without their icon names)."""
    links = page.locator("[data-testid='stSidebarNav'] a").all_inner_texts()
    return [t.strip().splitlines()[-1] for t in links]


def grid_text(page: Any, n: int = 0) -> str:
    """The cells of the page's ``n``-th table (drawn on a canvas; read from its accessible copy)."""
    grid = page.locator("[data-testid='stDataFrame']").nth(n)
    grid.locator("td").first.wait_for(state="attached")
    return " | ".join(grid.locator("td").all_text_contents())


def pick_in_grid(page: Any, *, column: int, row: int, option: str) -> None:
    """Open the editor of one cell of the page's first editable table (by keyboard, each move waited
    for on the grid's accessible copy) and choose ``option``. Column and row count from 0."""
    grid = page.locator("[data-testid='stDataFrame']").first
    grid.locator("td").first.wait_for(state="attached")

    def selected(col: int, line: int) -> None:
        grid.locator(f"tr[aria-rowindex='{line + 2}'] td[aria-colindex='{col + 1}'][aria-selected='true']"
                     ).wait_for(state="attached")

    box = grid.bounding_box()
    page.mouse.click(box["x"] + 20, box["y"] + 35 + 17)  # the first body cell
    selected(0, 0)
    for col in range(1, column + 1):
        page.keyboard.press("ArrowRight")
        selected(col, 0)
    for line in range(1, row + 1):
        page.keyboard.press("ArrowDown")
        selected(column, line)
    page.keyboard.press("Enter")
    # Chosen by keyboard, each step waited for: under load a click on the option could land while the
    # list was still being drawn and only hover it (the cell kept its old value; seen in CI).
    page.wait_for_function("document.activeElement && document.activeElement.tagName === 'INPUT'")
    page.keyboard.type(option)  # the list keeps the options that match, the first one focused
    page.get_by_role("option", name=option, exact=True).first.wait_for(state="visible")
    page.wait_for_function("document.querySelectorAll('[role=option]').length === 1")
    page.keyboard.press("Enter")
    # the choice is in the cell before the editor is left (Escape on a busy page could cancel it)
    grid.locator("td", has_text=re.compile("^" + re.escape(option) + "$")).first.wait_for(state="attached")
    page.keyboard.press("Escape")
