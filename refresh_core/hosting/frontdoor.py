"""The front door: who is knocking, and may they come in without signing in?

Open local mode (no sign-in configured) serves only the computer the app runs
on. That takes three checks, because a browser can be made to reach a
loopback server from a web page (DNS rebinding) and a proxy can hand it
anybody's request:

- the connection comes from a loopback address;
- the ``Host`` (and ``Origin``, when sent) name this computer: ``localhost``,
  ``127.0.0.1`` or ``[::1]``, with or without a port;
- the request carries no proxy header at all (:data:`PROXY_HEADERS`).

Rate limits count failures per client. Behind a reverse proxy every request
comes from the proxy, so the client is the address the proxy forwarded; that
is believed only from the proxies named in ``$REFRESH_TRUSTED_PROXIES``
(addresses or networks, comma-separated). With none named, every request that
carries a proxy header counts as one client, ``forwarded``: rotating
``X-Forwarded-For`` values cannot spread guesses over many counters.

The web server under Streamlit (uvicorn) already replaces the peer address by
the ``X-Forwarded-For`` value when the peer is one of *its* trusted addresses
(``$FORWARDED_ALLOW_IPS``, loopback by default). :func:`client_address` works
out when that happened and then believes the result only if every address
uvicorn trusts is also a trusted proxy here.
"""

from __future__ import annotations

import functools
import ipaddress
from collections.abc import Iterable, Mapping, Sequence
from urllib.parse import urlsplit

from refresh_core.errors import ValidationError

TRUSTED_PROXIES_ENV = "REFRESH_TRUSTED_PROXIES"
UVICORN_TRUSTED_ENV = "FORWARDED_ALLOW_IPS"
UVICORN_DEFAULT = "127.0.0.1,::1"
FORWARDED_CLIENT = "forwarded"  # the one counter for forwarded requests nobody vouches for
LOOPBACK = "127.0.0.1"
PROXY_HEADERS = (
    "x-forwarded-for", "forwarded", "x-real-ip", "x-forwarded-host", "x-client-ip", "true-client-ip",
    "cf-connecting-ip", "x-cluster-client-ip", "fastly-client-ip", "via", "x-forwarded-proto",
    "x-original-forwarded-for",
)
LOCAL_HOSTNAMES = ("localhost", "127.0.0.1", "[::1]")
MAX_HOPS = 20  # forwarded chains longer than this are not walked (bounded work)

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def proxy_headers_in(headers: Iterable[str]) -> list[str]:
    """The proxy headers among these header names (any case), in :data:`PROXY_HEADERS` order."""
    names = {name.lower() for name in headers}
    return [name for name in PROXY_HEADERS if name in names]


def is_local_host(host: str | None) -> bool:
    """True for a Host value naming this computer: localhost, 127.0.0.1 or [::1], optionally with a port."""
    if not host:
        return False
    value = host.strip().lower()
    for name in LOCAL_HOSTNAMES:
        if value == name:
            return True
        if value.startswith(name + ":"):
            port = value[len(name) + 1:]
            return port.isdigit() and 0 < int(port) < 65536
    return False


def is_local_origin(origin: str) -> bool:
    """True for an Origin such as ``http://localhost:8501`` (a page served by this computer)."""
    parts = urlsplit(origin.strip())
    return parts.scheme in ("http", "https") and not parts.path.strip("/") and is_local_host(parts.netloc)


def _is_loopback(ip: str | None) -> bool:
    if ip is None:  # Streamlit reports a loopback peer as None
        return True
    try:
        return ipaddress.ip_address(ip).is_loopback
    except ValueError:
        return False


def open_mode_allowed(*, remote_ip: str | None, headers: Mapping[str, str]) -> bool:
    """Open (no sign-in) mode serves only this computer: loopback peer, local Host and Origin, no proxy."""
    lower = {name.lower(): value for name, value in headers.items()}
    if proxy_headers_in(lower):
        return False
    if not is_local_host(lower.get("host")):
        return False
    origin = lower.get("origin")
    if origin is not None and not is_local_origin(origin):
        return False
    return _is_loopback(remote_ip)


# ---- trusted proxies and the client address ---------------------------------------------------

@functools.lru_cache(maxsize=32)
def parse_networks(value: str, *, setting: str = TRUSTED_PROXIES_ENV) -> tuple[Network, ...]:
    """Addresses and networks from a comma-separated setting (an address is a one-address network)."""
    found = []
    for raw in value.split(","):
        entry = raw.strip()
        if not entry:
            continue
        try:
            found.append(ipaddress.ip_network(entry, strict=False))
        except ValueError as exc:
            raise ValidationError(
                f"{setting} holds {entry!r}, which is not an IP address or network. List the reverse "
                "proxy's addresses, comma-separated, for example 10.0.0.5 or 172.18.0.0/16.") from exc
    return tuple(found)


def trusted_proxies(env: Mapping[str, str]) -> tuple[Network, ...]:
    """The reverse proxies named in ``$REFRESH_TRUSTED_PROXIES`` (none by default)."""
    return parse_networks(env.get(TRUSTED_PROXIES_ENV, ""))


def _address(entry: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The IP address in one X-Forwarded-For entry (``1.2.3.4``, ``1.2.3.4:5``, ``[::1]:5``), if any."""
    value = entry.strip()
    if value.startswith("[") and "]" in value:
        value = value[1:value.index("]")]
    elif value.count(":") == 1:
        value = value.split(":", 1)[0]
    try:
        return ipaddress.ip_address(value)
    except ValueError:
        return None


def _within(ip: ipaddress.IPv4Address | ipaddress.IPv6Address | None, networks: Sequence[Network]) -> bool:
    return ip is not None and any(ip.version == net.version and ip in net for net in networks)


def _uvicorn_pick(hops: Sequence[str], uvicorn_trusted: str) -> str | None:
    """The address uvicorn puts in place of a trusted peer: the rightmost hop it does not trust."""
    if uvicorn_trusted.strip() == "*":
        return hops[0].strip() if hops else None
    trusted = parse_networks(uvicorn_trusted, setting=UVICORN_TRUSTED_ENV)
    for hop in reversed(hops):
        if not _within(_address(hop), trusted):
            return str(_address(hop) or hop.strip())
    return str(_address(hops[0]) or hops[0].strip()) if hops else None


def _same(a: str, b: str | None) -> bool:
    """Two addresses written alike or differently (``::1`` and ``0:0::1``)."""
    return b is not None and (a == b or (_address(a) is not None and _address(a) == _address(b)))


def _covers(trusted: Sequence[Network], uvicorn_trusted: str) -> bool:
    """True when every address uvicorn trusts is a trusted proxy here too."""
    if uvicorn_trusted.strip() == "*":
        return False
    return all(any(net.version == mine.version and net.subnet_of(mine) for mine in trusted)  # type: ignore[arg-type]
               for net in parse_networks(uvicorn_trusted, setting=UVICORN_TRUSTED_ENV))


def _forwarded_client(hops: Sequence[str], trusted: Sequence[Network]) -> str:
    """The rightmost forwarded address that is not one of our proxies (``forwarded`` if unreadable)."""
    for hop in list(reversed(hops))[:MAX_HOPS]:
        ip = _address(hop)
        if ip is None:
            return FORWARDED_CLIENT
        if not _within(ip, trusted):
            return str(ip)
    return FORWARDED_CLIENT


def client_address(*, peer: str | None, headers: Mapping[str, str], trusted: Sequence[Network],
                   uvicorn_trusted: str | None = None) -> str:
    """Who a rate limit counts against: the peer, or the address a trusted proxy forwarded.

    ``peer`` is the address the web server reports (None for loopback, as Streamlit gives it);
    ``uvicorn_trusted`` is ``$FORWARDED_ALLOW_IPS`` as the server saw it (uvicorn's default if None).
    """
    lower = {name.lower(): value for name, value in headers.items()}
    observed = peer or LOOPBACK
    if not proxy_headers_in(lower):
        return observed
    if not trusted:
        return FORWARDED_CLIENT
    hops = [h for h in lower.get("x-forwarded-for", "").split(",") if h.strip()]
    if not hops:  # a proxy header but no forwarded address: the peer itself, unless it is our proxy
        return FORWARDED_CLIENT if _within(_address(observed), trusted) else observed
    uv_trusted = UVICORN_DEFAULT if uvicorn_trusted is None else uvicorn_trusted
    rewritable = bool(uv_trusted.strip())  # FORWARDED_ALLOW_IPS="" (our image): uvicorn rewrites nothing
    if rewritable and _same(observed, _uvicorn_pick(hops, uv_trusted)):  # a forwarded value for its peer
        return _forwarded_client(hops, trusted) if _covers(trusted, uv_trusted) else FORWARDED_CLIENT
    if not _within(_address(observed), trusted):
        return observed  # a direct client adding proxy headers: counted by its own address
    return _forwarded_client(hops, trusted)
