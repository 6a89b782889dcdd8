"""Two app servers behind the compose file's reverse proxy (Caddy, deploy/Caddyfile), all on loopback.

The proxy's configuration is the shipped one with the upstream addresses and the listening port
changed. The servers run as the image does (``FORWARDED_ALLOW_IPS=""``) and trust only the proxy.

On the PostgreSQL pass (``REFRESH_DATABASE_URL`` set by tools/with_postgres.sh) both servers serve
ONE fresh PostgreSQL database, as compose.yaml's replicas do: what a convener does on one server
(a share link, a new partnership) is seen on the other at its next rerun, and the share-link rate
limit lives in that database. On DuckDB each server has its own copy of the demo (one process per
file); the second copy's partnership is renamed, so a page says which server drew it. On both stores
each server has its own background shade (one unit of blue apart, set by Streamlit's theme), so the
sticky-session test can tell which server drew a page.
Skipped when Caddy is not installed (``apt-get install caddy``).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from refresh_core.db import DATABASE_URL_ENV, connect
from refresh_core.errors import NEUTRAL_MESSAGE
from tests import pg
from tests.conftest import ROOT, THREE_RIVERS
from tests.e2e.conftest import (
    RUNS,
    SHOTS,
    Runs,
    after_run,
    demo_with_links,
    free_port,
    grid_text,
    nav,
    no_errors,
    running_app,
    settle,
    shot,
)
from tests.e2e.streamlit_ws import visit

pytestmark = pytest.mark.browser

SECOND = "Three Rivers Healthcare Partnership (second server)"
# Each server's page background (Streamlit's theme, sent with the session): which server drew a page.
SHADES = {1: ("#ffffff", "rgb(255, 255, 255)"), 2: ("#fffffe", "rgb(255, 255, 254)")}
BACKGROUND = "() => getComputedStyle(document.querySelector(\"[data-testid='stApp']\")).backgroundColor"


@dataclass(frozen=True)
class Cluster:
    proxy: str                 # http://127.0.0.1:PORT/
    token: str                 # a live share link's token, valid on both servers
    servers: tuple[str, str]   # each app server's own address, http://127.0.0.1:PORT/ (no proxy)


def caddyfile_for(upstreams: list[int], port: int) -> str:
    """The shipped Caddyfile, listening on ``port`` and proxying to these loopback ports."""
    text = (ROOT / "deploy" / "Caddyfile").read_text(encoding="utf-8")
    text = re.sub(r"^:80 \{", f"http://127.0.0.1:{port} {{", text, flags=re.M)
    text = text.replace("app1:8501 app2:8501", " ".join(f"127.0.0.1:{p}" for p in upstreams))
    return "{\n\tadmin off\n}\n" + text  # no admin port: several test runs may share this computer


def wait_for(url: str, proc: subprocess.Popen[bytes], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("caddy exited early")
        try:
            with urllib.request.urlopen(url + "_stcore/health", timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"the proxy did not answer in {timeout}s")


@pytest.fixture(scope="module")
def cluster(chromium: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    caddy = shutil.which("caddy")
    if caddy is None:
        pytest.skip("Caddy is not installed (apt-get install caddy); the compose proxy is not exercised")
    folder = tmp_path_factory.mktemp("cluster")
    proxy_port, ports = free_port(), [free_port(), free_port()]
    env = {"FORWARDED_ALLOW_IPS": "", "REFRESH_TRUSTED_PROXIES": "127.0.0.1"}
    shared = pg.fresh() if pg.enabled() else None
    if shared is not None:
        live, _ = demo_with_links(shared, f"http://127.0.0.1:{proxy_port}/")
        env[DATABASE_URL_ENV] = shared
    else:
        live, _ = demo_with_links(folder / "one.duckdb", f"http://127.0.0.1:{proxy_port}/")
        shutil.copy(folder / "one.duckdb", folder / "two.duckdb")
        conn = connect(folder / "two.duckdb")
        conn.execute("UPDATE partnership SET name = ? WHERE name = ?", [SECOND, THREE_RIVERS])
        conn.close()
    (folder / "Caddyfile").write_text(caddyfile_for(ports, proxy_port), encoding="utf-8")
    with ExitStack() as stack:
        if shared is not None:
            stack.callback(pg.drop, shared)
        for n, port in enumerate(ports, start=1):
            shade = {"STREAMLIT_THEME_BACKGROUND_COLOR": SHADES[n][0]}
            stack.enter_context(running_app(folder / ("one.duckdb" if n == 1 else "two.duckdb"), port,
                                            SHOTS / f"cluster-app{n}.log", env | shade))
        log = stack.enter_context(open(SHOTS / "cluster-caddy.log", "wb"))
        command = [caddy, "run", "--config", str(folder / "Caddyfile"), "--adapter", "caddyfile"]
        proc = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT,
                                env={"HOME": str(folder), "PATH": "/usr/bin"})
        try:
            wait_for(f"http://127.0.0.1:{proxy_port}/", proc)
            yield Cluster(f"http://127.0.0.1:{proxy_port}/", live.split("share=")[1],
                          (f"http://127.0.0.1:{ports[0]}/", f"http://127.0.0.1:{ports[1]}/"))
        finally:
            proc.terminate()
            proc.wait(timeout=15)


def server_cookie(cluster: Cluster) -> str:
    """The proxy's sticky cookie for a new visitor (as a browser would keep it)."""
    with urllib.request.urlopen(cluster.proxy, timeout=10) as reply:
        cookies = reply.headers.get_all("Set-Cookie") or []
    found = [c.split(";", 1)[0] for c in cookies if c.startswith("pulse_server=")]
    assert found, f"the proxy set no sticky cookie: {cookies}"
    return found[0]


def test_a_browser_stays_on_the_server_it_started_on(cluster: Cluster, browser: Any) -> None:
    """Through the proxy a champion's page works (WebSocket included), the proxy sets its sticky
    cookie, and every reload is drawn by the same app server (its background shade, and on DuckDB
    its partnership's name, stay those of the first visit)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(f"{cluster.proxy}?share={cluster.token}")
    settle(page, "The four signs")
    first = page.locator("[data-testid='stMain'] h1").first.inner_text()
    shade = page.evaluate(BACKGROUND)
    assert "Three Rivers" in first
    assert shade in {css for _, css in SHADES.values()}, f"a page drawn by neither server: {shade}"
    assert any(c["name"] == "pulse_server" for c in context.cookies())
    shot(page, "50-through-the-proxy")
    for _ in range(4):
        page.reload()
        settle(page, "The four signs")
        assert page.locator("[data-testid='stMain'] h1").first.inner_text() == first
        assert page.evaluate(BACKGROUND) == shade
    for n, server in enumerate(cluster.servers, start=1):  # the shade does tell the servers apart
        page.goto(f"{server}?share={cluster.token}")
        settle(page, "The four signs")
        assert page.evaluate(BACKGROUND) == SHADES[n][1]
    context.close()


def test_rotating_forwarded_for_through_the_proxy_locks_out_only_that_client(cluster: Cluster) -> None:
    """A client at 127.0.0.5 sends 60 bad tokens through the proxy with made-up X-Forwarded-For values:
    the proxy replaces them with the address it saw, so that client is locked out (its live link is
    refused too) while another client, at 127.0.0.6 on the same server, opens the same link."""
    cookie = server_cookie(cluster)
    for i in range(60):
        guess = visit(cluster.proxy, query=f"share=guess{i:040d}", source="127.0.0.5",
                      headers={"Cookie": cookie, "X-Forwarded-For": f"198.51.100.{i}"})
        assert guess.shows(NEUTRAL_MESSAGE)
    locked = visit(cluster.proxy, query=f"share={cluster.token}", source="127.0.0.5",
                   headers={"Cookie": cookie, "X-Forwarded-For": "198.51.100.200"})
    assert locked.shows(NEUTRAL_MESSAGE)
    other = visit(cluster.proxy, query=f"share={cluster.token}", source="127.0.0.6",
                  headers={"Cookie": cookie})
    assert other.shows("Health overview: Three Rivers")


@pytest.mark.skipif(not pg.enabled(), reason="two servers share one database only on PostgreSQL "
                    "(tools/with_postgres.sh); on DuckDB each has its own file")
def test_what_a_convener_does_on_one_server_the_other_shows_at_its_next_rerun(cluster: Cluster,
                                                                               browser: Any) -> None:
    """Two conveners, one on each app server (open local mode, straight to the server). A share link made
    on the first server opens the champion's view on the second; a partnership created on the first is
    in the second convener's list at their session's next rerun, with no restart and no reload."""
    one, two = cluster.servers
    tabs = [browser.new_context(viewport={"width": 1400, "height": 1000}).new_page() for _ in range(3)]
    first, second, champion = tabs
    try:
        for tab, server in ((first, one), (second, two)):
            tab.set_default_timeout(30_000)
            RUNS[id(tab)] = Runs(tab)
            tab.goto(server + "partnerships")
            settle(tab, "Create a partnership")
        assert "Made on server one" not in grid_text(second)

        first.goto(one + "share_links")
        settle(first, "Live links")
        first.get_by_label("Who is it for?").fill("Board chairs (server one)")
        after_run(first, first.get_by_role("button", name=re.compile("Create link")).click)
        settle(first, "Copy it now")
        link = first.locator("[data-testid='stCode'] code").inner_text().strip()
        assert link.startswith(one + "?share=")
        champion.goto(link.replace(one, two))
        settle(champion, "The four signs")
        assert champion.get_by_role("heading", name=re.compile("Health overview: Lakeshore")).count() == 1
        shot(champion, "51-link-from-server-one-on-server-two")

        nav(first, "Partnerships")
        settle(first, "Create a partnership")
        first.get_by_placeholder("e.g. Tri-County Healthcare Partnership").fill("Made on server one")
        after_run(first, first.get_by_role("button", name=re.compile("Create partnership")).click)
        settle(first, "It is now the partnership every page shows")
        nav(second, "Portfolio")  # the second convener's session moves on: its next reruns
        nav(second, "Partnerships")
        assert "Made on server one" in grid_text(second)
        shot(second, "52-partnership-from-server-one-on-server-two")
        no_errors(second)
    finally:
        for tab in tabs:
            RUNS.pop(id(tab), None)
            tab.context.close()
