"""Rate limits kept in the database: per client, a global cap, shared by every app server."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, urlsplit

import duckdb
import pytest

from refresh_core.errors import AccessDenied
from refresh_core.hosting.access import create_share_link, resolve_share_token
from refresh_core.hosting.frontdoor import client_address
from refresh_core.hosting.limits import RateLimiter
from tests.builders import Builder

NOW = dt.datetime(2026, 11, 27, 12, 0)


def test_rotating_forwarded_for_is_locked_out_after_the_cap(build: Builder) -> None:
    """The reported case: 60 bad guesses, each with a new X-Forwarded-For, used to be never locked out.
    Now the sixth is refused, and so is a good link sent the same way."""
    _, url = create_share_link(build.conn, partnership_id=build.pid, label="x", base_url="http://localhost/")
    limiter = RateLimiter(scope="share")
    refused_unchecked = 0
    for i in range(60):
        key = client_address(peer=f"198.51.100.{i}", headers={"X-Forwarded-For": f"198.51.100.{i}"},
                             trusted=())
        with pytest.raises(AccessDenied):
            resolve_share_token(build.conn, token=f"guess-{i:040d}", now=NOW, limiter=limiter, client_key=key)
        refused_unchecked += limiter.is_locked(build.conn, key, now=NOW)
    assert refused_unchecked == 56  # locked from the fifth failure on
    token = parse_qs(urlsplit(url).query)["share"][0]
    fresh = client_address(peer="198.51.100.99", headers={"X-Forwarded-For": "198.51.100.99"}, trusted=())
    with pytest.raises(AccessDenied):
        resolve_share_token(build.conn, token=token, now=NOW, limiter=limiter, client_key=fresh)
    count = build.conn.execute("SELECT count(*) FROM access_failure").fetchone()
    assert count == (5,)  # nothing more is even recorded while locked out


def test_global_cap_stops_guesses_spread_over_many_addresses(conn: duckdb.DuckDBPyConnection) -> None:
    """100 failures a minute from 100 addresses refuse everyone for the rest of that minute;
    the password counter is separate, so the convener can still sign in."""
    share = RateLimiter(scope="share", global_cap=100)
    for i in range(100):
        assert not share.is_locked(conn, f"203.0.113.{i}", now=NOW)
        share.record_failure(conn, f"203.0.113.{i}", now=NOW + dt.timedelta(seconds=i * 0.5))
    later = NOW + dt.timedelta(seconds=55)
    assert share.is_locked(conn, "198.51.100.1", now=later)  # never failed, still refused
    assert share.retry_after(conn, "198.51.100.1", now=later) == dt.timedelta(seconds=5)
    assert not RateLimiter(scope="password").is_locked(conn, "198.51.100.1", now=later)
    assert not share.is_locked(conn, "198.51.100.1", now=NOW + dt.timedelta(minutes=1, seconds=1))


def test_two_servers_share_the_counts(conn: duckdb.DuckDBPyConnection) -> None:
    """Failures recorded by one server's limiter lock the client out on another's."""
    server_a, server_b = RateLimiter(scope="password"), RateLimiter(scope="password")
    cursor_a, cursor_b = conn.cursor(), conn.cursor()
    for i in range(5):
        (server_a if i % 2 else server_b).record_failure(cursor_a if i % 2 else cursor_b, "203.0.113.5",
                                                         now=NOW)
    assert server_a.is_locked(cursor_a, "203.0.113.5", now=NOW)
    assert server_b.retry_after(cursor_b, "203.0.113.5", now=NOW) == dt.timedelta(minutes=15)


def test_only_a_digest_is_kept_and_old_rows_go(conn: duckdb.DuckDBPyConnection) -> None:
    """The address itself is never stored, and failures older than lockout plus window are deleted."""
    limiter = RateLimiter(scope="share")
    limiter.record_failure(conn, "203.0.113.5", now=NOW)
    stored = conn.execute("SELECT client_sha256 FROM access_failure").fetchall()
    assert len(stored) == 1 and "203.0.113.5" not in stored[0][0] and len(stored[0][0]) == 64
    limiter.record_failure(conn, "198.51.100.1", now=NOW + dt.timedelta(minutes=17))
    assert conn.execute("SELECT count(*) FROM access_failure").fetchone() == (1,)


def test_lockout_ends_after_its_time(conn: duckdb.DuckDBPyConnection) -> None:
    """Locked for 15 minutes after the fifth failure, then free; one more failure does not relock."""
    limiter = RateLimiter(scope="password")
    for i in range(5):
        limiter.record_failure(conn, "203.0.113.5", now=NOW + dt.timedelta(seconds=i))
    assert limiter.is_locked(conn, "203.0.113.5", now=NOW + dt.timedelta(minutes=15))
    free_at = NOW + dt.timedelta(minutes=15, seconds=4)
    assert not limiter.is_locked(conn, "203.0.113.5", now=free_at)
    limiter.record_failure(conn, "203.0.113.5", now=free_at)
    assert not limiter.is_locked(conn, "203.0.113.5", now=free_at)
