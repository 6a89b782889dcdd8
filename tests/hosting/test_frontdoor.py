"""The front door: open local mode's checks and the address a rate limit counts against."""

from __future__ import annotations

import pytest

from refresh_core.errors import ValidationError
from refresh_core.hosting import frontdoor
from refresh_core.hosting.frontdoor import (
    FORWARDED_CLIENT,
    PROXY_HEADERS,
    client_address,
    open_mode_allowed,
    parse_networks,
    trusted_proxies,
)

LOCAL = {"Host": "localhost:8501", "Origin": "http://localhost:8501"}
COMPOSE_PROXY = parse_networks("172.18.0.0/16")
SAME_HOST_PROXY = parse_networks("127.0.0.1,::1")


@pytest.mark.parametrize("host", ["localhost", "localhost:8501", "LOCALHOST:8501", "127.0.0.1:8501",
                                  "127.0.0.1", "[::1]:8501", "[::1]"])
def test_open_mode_admits_a_loopback_visit_to_a_local_host(host: str) -> None:
    """A browser on this computer, at localhost, 127.0.0.1 or [::1] (any port), is let in."""
    assert open_mode_allowed(remote_ip=None, headers={"Host": host, "Origin": f"http://{host}"})
    assert open_mode_allowed(remote_ip="::1", headers={"Host": host})


def test_open_mode_refuses_a_dns_rebinding_shaped_visit() -> None:
    """The reported case: a loopback connection whose Host and Origin are attacker.example:8501."""
    rebinding = {"Host": "attacker.example:8501", "Origin": "http://attacker.example:8501"}
    assert not open_mode_allowed(remote_ip=None, headers=rebinding)
    assert not open_mode_allowed(remote_ip="127.0.0.1", headers={"Host": "attacker.example:8501"})


@pytest.mark.parametrize("host", ["localhost.attacker.example", "127.0.0.1.nip.io:8501", "localhost:",
                                  "localhost:http", "localhost:99999", "[::1]evil", "0.0.0.0:8501", "",
                                  "localhost:8501, attacker.example"])
def test_open_mode_refuses_hosts_that_only_look_local(host: str) -> None:
    """Look-alikes, bad ports, an unspecified address, two Host values or none: refused."""
    assert not open_mode_allowed(remote_ip=None, headers={"Host": host})


def test_open_mode_refuses_a_foreign_origin_and_a_missing_host() -> None:
    """A local Host with a page from elsewhere as Origin, or no Host at all, is refused."""
    assert not open_mode_allowed(remote_ip=None, headers={"Host": "localhost:8501",
                                                          "Origin": "http://attacker.example"})
    assert not open_mode_allowed(remote_ip=None, headers={"Host": "localhost:8501", "Origin": "null"})
    assert not open_mode_allowed(remote_ip=None, headers={"Origin": "http://localhost:8501"})


def test_twelve_proxy_headers_are_known() -> None:
    """The four refused before, and the eight the issue found passing."""
    assert len(set(PROXY_HEADERS)) == 12
    assert {"x-client-ip", "true-client-ip", "cf-connecting-ip", "x-cluster-client-ip", "fastly-client-ip",
            "via", "x-forwarded-proto", "x-original-forwarded-for"} <= set(PROXY_HEADERS)


@pytest.mark.parametrize("header", PROXY_HEADERS)
def test_open_mode_refuses_every_proxy_header(header: str) -> None:
    """Any proxy header, in any case, means someone else's request: open mode refuses it."""
    for name in (header, header.title(), header.upper()):
        assert not open_mode_allowed(remote_ip=None, headers={**LOCAL, name: "203.0.113.9"})


def test_open_mode_refuses_a_remote_peer() -> None:
    """A connection from another machine is refused even with a local-looking Host."""
    assert not open_mode_allowed(remote_ip="203.0.113.9", headers=LOCAL)
    assert not open_mode_allowed(remote_ip="not an address", headers=LOCAL)


# ---- the address a rate limit counts against ----------------------------------------------------

def test_without_proxy_headers_the_peer_is_the_client() -> None:
    """No proxy in between: the connection's own address (loopback when Streamlit reports None)."""
    assert client_address(peer="203.0.113.9", headers=LOCAL, trusted=()) == "203.0.113.9"
    assert client_address(peer=None, headers=LOCAL, trusted=()) == "127.0.0.1"


def test_rotating_forwarded_for_with_no_trusted_proxy_is_one_client() -> None:
    """The reported case: 60 X-Forwarded-For values from loopback (which uvicorn puts in place of
    the peer) all count as one client when no proxy is trusted."""
    keys = {client_address(peer=f"198.51.100.{i}", headers={**LOCAL, "X-Forwarded-For": f"198.51.100.{i}"},
                           trusted=()) for i in range(60)}
    assert keys == {FORWARDED_CLIENT}


def test_any_proxy_header_without_a_trusted_proxy_is_the_forwarded_client() -> None:
    """X-Real-IP, Via and the rest are not believed either: one shared counter."""
    for header in PROXY_HEADERS:
        assert client_address(peer="203.0.113.9", headers={header: "1.2.3.4"}, trusted=()) == FORWARDED_CLIENT


def test_a_trusted_proxy_forwards_the_real_client() -> None:
    """Behind the compose proxy (172.18.0.0/16): the rightmost forwarded address that is not a proxy,
    however many addresses the client made up in front of it."""
    headers = {"X-Forwarded-For": "1.1.1.1, 2.2.2.2, 198.51.100.7"}
    assert client_address(peer="172.18.0.4", headers=headers, trusted=COMPOSE_PROXY) == "198.51.100.7"
    two_hops = {"X-Forwarded-For": "198.51.100.7, 172.18.0.9"}
    assert client_address(peer="172.18.0.4", headers=two_hops, trusted=COMPOSE_PROXY) == "198.51.100.7"
    unreadable = {"X-Forwarded-For": "unknown"}
    assert client_address(peer="172.18.0.4", headers=unreadable, trusted=COMPOSE_PROXY) == FORWARDED_CLIENT


def test_rotating_forwarded_for_from_loopback_is_not_believed_when_loopback_is_no_proxy() -> None:
    """A trusted proxy elsewhere does not make a local process's made-up addresses believable:
    uvicorn rewrote them from loopback, which is not a trusted proxy here."""
    keys = {client_address(peer=f"198.51.100.{i}", headers={"X-Forwarded-For": f"198.51.100.{i}"},
                           trusted=COMPOSE_PROXY) for i in range(20)}
    assert keys == {FORWARDED_CLIENT}


def test_a_proxy_on_the_same_computer_forwards_the_real_client() -> None:
    """nginx on this computer (loopback trusted): uvicorn's rewrite is the client, believed as such."""
    headers = {"X-Forwarded-For": "1.1.1.1, 198.51.100.7"}
    assert client_address(peer="198.51.100.7", headers=headers, trusted=SAME_HOST_PROXY) == "198.51.100.7"


def test_a_direct_client_adding_headers_is_counted_by_its_own_address() -> None:
    """Someone who is not our proxy sends X-Forwarded-For: counted by the address it connects from."""
    headers = {"X-Forwarded-For": "1.2.3.4"}
    assert client_address(peer="203.0.113.9", headers=headers, trusted=COMPOSE_PROXY) == "203.0.113.9"
    assert client_address(peer="203.0.113.9", headers={"X-Real-IP": "1.2.3.4"},
                          trusted=COMPOSE_PROXY) == "203.0.113.9"


def test_in_the_image_uvicorn_rewrites_nothing_and_the_proxy_is_seen() -> None:
    """FORWARDED_ALLOW_IPS="" (the Dockerfile's): the peer is the proxy itself, and the client is what it
    forwarded, even when that is the proxy's own address written first."""
    headers = {"X-Forwarded-For": "198.51.100.7"}
    assert client_address(peer="172.30.0.10", headers=headers, trusted=parse_networks("172.30.0.10"),
                          uvicorn_trusted="") == "198.51.100.7"
    assert client_address(peer="198.51.100.7", headers=headers, trusted=parse_networks("172.30.0.10"),
                          uvicorn_trusted="") == "198.51.100.7"  # a direct client naming itself


def test_when_uvicorn_trusts_everyone_nothing_forwarded_is_believed() -> None:
    """FORWARDED_ALLOW_IPS=* lets anyone set the peer address, so forwarded requests share one counter."""
    headers = {"X-Forwarded-For": "198.51.100.7"}
    assert client_address(peer="198.51.100.7", headers=headers, trusted=COMPOSE_PROXY,
                          uvicorn_trusted="*") == FORWARDED_CLIENT


def test_trusted_proxies_setting_is_read_and_checked() -> None:
    """Addresses and networks, comma-separated; a wrong entry is named with an example of a right one."""
    assert trusted_proxies({}) == ()
    assert [str(n) for n in trusted_proxies({frontdoor.TRUSTED_PROXIES_ENV: " 10.0.0.5, 172.18.0.0/16 ,"})] \
        == ["10.0.0.5/32", "172.18.0.0/16"]
    with pytest.raises(ValidationError, match=r"'proxy\.internal'.*172\.18\.0\.0/16"):
        trusted_proxies({frontdoor.TRUSTED_PROXIES_ENV: "10.0.0.5, proxy.internal"})
