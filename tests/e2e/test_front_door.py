"""The front door against a running server: rebinding-shaped Hosts, proxy headers, rotating
X-Forwarded-For, and a champion's first visit after a restart.

A real browser where it can send the request (Chromium told to resolve ``attacker.example``
to this computer is exactly a DNS-rebinding visit); Streamlit's own WebSocket protocol
(:mod:`tests.e2e.streamlit_ws`) where a browser cannot set the header, and for the sixty
guesses. Screenshots go to test-output/e2e/.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from refresh_core.errors import NEUTRAL_MESSAGE
from refresh_core.hosting.frontdoor import PROXY_HEADERS
from tests.e2e.conftest import CHROMIUM_ARGS, Server, nav_labels, settle, shot
from tests.e2e.streamlit_ws import visit
from tests.e2e.test_browser import EMAIL

pytestmark = pytest.mark.browser

REFUSED = "No sign-in is configured"
ADMITTED = "Health overview"
# A value each header could carry from a real proxy (even a local-looking one is refused).
HEADER_VALUES = {"forwarded": "for=203.0.113.9;proto=http", "via": "1.1 proxy.example",
                 "x-forwarded-proto": "http", "x-forwarded-host": "localhost"}


def port_of(server: Server) -> int:
    return int(urlsplit(server.url).port or 0)


@pytest.fixture(scope="module")
def rebinding_browser(browser: Any, chromium: Path) -> Iterator[Any]:
    """Chromium that resolves attacker.example to this computer, as a rebound DNS name would."""
    launched = browser.browser_type.launch(executable_path=str(chromium), args=[
        *CHROMIUM_ARGS, "--host-resolver-rules=MAP attacker.example 127.0.0.1"])
    yield launched
    launched.close()


def test_rebinding_shaped_visit_gets_nothing_in_a_browser(server: Server, rebinding_browser: Any) -> None:
    """A page at attacker.example:PORT that reaches the local app sees only the refusal: no partnership,
    no prospect's email (the reported case was admitted as a convener)."""
    page = rebinding_browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    page.goto(f"http://attacker.example:{port_of(server)}/")
    settle(page, REFUSED)
    body = page.inner_text("body")
    assert ADMITTED not in body and "Lakeshore" not in body and not EMAIL.search(body)
    assert nav_labels(page) == []
    shot(page, "30-rebinding-host-refused")
    page.context.close()


def test_rebinding_shaped_host_over_the_websocket(server: Server) -> None:
    """Host and Origin attacker.example:PORT on a loopback connection: refused, and nothing of the
    partnerships is ever sent; the same connection naming localhost is let in."""
    port = port_of(server)
    rebound = visit(server.url, host=f"attacker.example:{port}", origin=f"http://attacker.example:{port}")
    assert rebound.shows(REFUSED)
    assert not any(EMAIL.search(t) or "Lakeshore" in t for t in rebound.texts)
    local = visit(server.url, host=f"localhost:{port}", origin=f"http://localhost:{port}")
    assert local.shows(ADMITTED) and not local.shows(REFUSED)


BROWSER_SENDS = [h for h in PROXY_HEADERS if h != "via"]  # Chromium drops a made-up Via: raw test below


@pytest.mark.parametrize("header", BROWSER_SENDS)
def test_each_proxy_header_is_refused_in_a_browser(server: Server, browser: Any, header: str) -> None:
    """A browser whose requests carry any one proxy header (as a proxy in front of the app would add)
    is refused in open local mode."""
    value = HEADER_VALUES.get(header, "203.0.113.9")
    context = browser.new_context(viewport={"width": 1400, "height": 1000},
                                  extra_http_headers={header: value})
    page = context.new_page()
    page.goto(server.url)
    settle(page, REFUSED)
    assert ADMITTED not in page.inner_text("body") and nav_labels(page) == []
    if header == "true-client-ip":
        shot(page, "31-proxy-header-refused")
    context.close()


@pytest.mark.parametrize("header", PROXY_HEADERS)
def test_each_proxy_header_is_refused_over_the_websocket(server: Server, header: str) -> None:
    """The same over a raw connection, with the header exactly as named (no browser in between)."""
    port = port_of(server)
    seen = visit(server.url, host=f"localhost:{port}",
                 headers={header: HEADER_VALUES.get(header, "203.0.113.9")})
    assert seen.shows(REFUSED)
    assert not any("Lakeshore" in t for t in seen.texts)


def test_rotating_forwarded_for_is_locked_out_after_the_cap(fresh_server: Server) -> None:
    """The reported case: 60 bad share tokens, each with a new X-Forwarded-For. Now the live link sent
    the same way is refused too (locked out), while the same link without proxy headers still opens."""
    port = port_of(fresh_server)
    for i in range(60):
        guess = visit(fresh_server.url, query=f"share=guess{i:040d}", host=f"localhost:{port}",
                      headers={"X-Forwarded-For": f"198.51.100.{i}"})
        assert guess.shows(NEUTRAL_MESSAGE)
    token = fresh_server.token(fresh_server.live_link)
    rotated = visit(fresh_server.url, query=f"share={token}", host=f"localhost:{port}",
                    headers={"X-Forwarded-For": "198.51.100.200"})
    assert rotated.shows(NEUTRAL_MESSAGE) and not rotated.shows("Three Rivers")
    direct = visit(fresh_server.url, query=f"share={token}", host=f"localhost:{port}")
    assert direct.shows("Health overview: Three Rivers")


def test_first_visit_with_a_share_link_after_restart_shows_the_champions_view(fresh_server: Server,
                                                                              page: Any) -> None:
    """The first visit to a server that just started, with ?share=, opens the champion's Health
    overview, not the convener's password form."""
    page.goto(fresh_server.live_link)
    settle(page, "The four signs")
    assert page.get_by_role("heading", name=re.compile("Health overview: Three Rivers")).count() == 1
    assert page.get_by_label("Convener password").count() == 0
    assert fresh_server.token(fresh_server.live_link) in page.url
    shot(page, "32-share-first-visit-after-restart")


def test_first_visit_to_a_page_with_a_share_link_after_restart(fresh_server: Server, page: Any) -> None:
    """The reported case: a champion reloads /plan?share=... just after a restart. The plan opens,
    read-only, and the address keeps the link."""
    token = fresh_server.token(fresh_server.live_link)
    page.goto(f"{fresh_server.url}plan?share={token}")
    settle(page, "Priorities and action teams")
    assert page.get_by_label("Convener password").count() == 0
    assert "Settings" not in nav_labels(page)
    assert token in page.url and "/plan" in page.url
    shot(page, "33-share-deep-link-after-restart")


def test_first_visit_to_a_convener_page_after_restart_sends_nothing_of_it(fresh_server: Server) -> None:
    """Straight to /agenda on a server that just started: only the password form comes back; not even
    the agenda page's title was sent before the redirect to the sign-in."""
    seen = visit(fresh_server.url, page="agenda", host=f"localhost:{port_of(fresh_server)}")
    assert seen.shows("Convener password")
    assert not seen.ever_sent("Refresh meeting agenda") and not seen.ever_sent("Lakeshore")
