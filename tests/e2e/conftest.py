"""Real-browser fixtures: a `streamlit run` server on a free port and headless Debian Chromium.

The server serves a private copy of the demo database. Share links are made
through the core before it starts (DuckDB lets one process hold the file).
Set E2E_APP_DIR to serve another checkout of the app (default: this one).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from refresh_core.db import connect
from refresh_core.hosting.access import PASSWORD_HASH_ENV, create_share_link, hash_password, revoke_share_link
from refresh_core.hosting.demo import load_demo
from refresh_core.partnerships import get_partnership
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
    db: Path

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


def demo_with_links(path: Path, url: str) -> tuple[str, str]:
    """The demo database at ``path`` with a live and a revoked share link for Three Rivers."""
    conn = connect(path)
    load_demo(conn)
    pid = get_partnership(conn, name=THREE_RIVERS).id
    _, live = create_share_link(conn, partnership_id=pid, label="Champions (e2e)", base_url=url)
    dead, revoked = create_share_link(conn, partnership_id=pid, label="Old link (e2e)", base_url=url)
    revoke_share_link(conn, link_id=dead.id)
    conn.close()
    return live, revoked


@contextmanager
def running_app(db: Path, port: int, log: Path, extra_env: dict[str, str] | None = None) -> Iterator[str]:
    """`streamlit run streamlit_app.py` on 127.0.0.1:port over ``db``; yields its URL once healthy."""
    url = f"http://127.0.0.1:{port}/"
    app_dir = Path(os.environ.get("E2E_APP_DIR", ROOT))
    env = {k: v for k, v in os.environ.items()
           if k not in ("REFRESH_CONVENER_PASSWORD_HASH", "REFRESH_BACKUP_DIR", "REFRESH_BASE_URL")}
    env["REFRESH_DB"] = str(db)
    env.update(extra_env or {})
    SHOTS.mkdir(parents=True, exist_ok=True)
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "streamlit_app.py", "--server.port", str(port),
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


@pytest.fixture(scope="session")
def server(chromium: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One server for the suite, over a copy of the demo with two share links made before it starts."""
    port = free_port()
    db = tmp_path_factory.mktemp("e2e") / "demo.duckdb"
    live, revoked = demo_with_links(db, f"http://127.0.0.1:{port}/")
    with running_app(db, port, SHOTS / "server.log") as url:
        yield Server(url, live, revoked, db)


@pytest.fixture
def own_server(chromium: Path, tmp_path: Path) -> Iterator[Server]:
    """A server of its own over a fresh demo copy, for a test that changes data (so no other test's
    expectations depend on whether it ran before them)."""
    port = free_port()
    live, revoked = demo_with_links(tmp_path / "own.duckdb", f"http://127.0.0.1:{port}/")
    with running_app(tmp_path / "own.duckdb", port, SHOTS / "own-server.log") as url:
        yield Server(url, live, revoked, tmp_path / "own.duckdb")


@pytest.fixture
def fresh_server(chromium: Path, tmp_path: Path) -> Iterator[Server]:
    """A password-protected server nobody has visited yet (for first-request checks)."""
    port = free_port()
    live, revoked = demo_with_links(tmp_path / "fresh.duckdb", f"http://127.0.0.1:{port}/")
    hashed = {PASSWORD_HASH_ENV: hash_password(PASSWORD)}
    with running_app(tmp_path / "fresh.duckdb", port, SHOTS / "fresh-server.log", hashed) as url:
        yield Server(url, live, revoked, tmp_path / "fresh.duckdb")


@pytest.fixture(scope="session")
def browser(chromium: Path) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh browser context (own cookies and session) and page."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    yield tab
    context.close()
