"""Sign-in modes, passwords, conveners, share links and the viewer guard."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, urlsplit

import duckdb
import pytest

from refresh_core import guard
from refresh_core.db import DatabaseError
from refresh_core.errors import (
    NEUTRAL_MESSAGE,
    AccessDenied,
    NotFoundError,
    PermissionDenied,
    ValidationError,
)
from refresh_core.hosting import access
from refresh_core.hosting.access import (
    RateLimiter,
    SignInMode,
    create_share_link,
    list_share_links,
    resolve_share_token,
    revoke_share_link,
)
from refresh_core.hosting.conveners import (
    add_convener,
    allowed_partnership_ids,
    list_conveners,
    remove_convener,
)
from refresh_core.partnerships import ensure_partnership
from tests.builders import Builder

NOW = dt.datetime(2026, 11, 27, 12, 0)
BASE = "https://pulse.example.org/app"


def token_of(url: str) -> str:
    return parse_qs(urlsplit(url).query)["share"][0]


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, start: dt.datetime) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now


# ---- sign-in configuration -----------------------------------------------------------------

def test_sign_in_mode_prefers_oidc_then_password_then_open() -> None:
    """An [auth] section wins; else a password hash (secrets or env); else open local mode."""
    auth = {"auth": {"redirect_uri": "https://x/oauth2callback", "cookie_secret": "s"}}
    hashed = {access.PASSWORD_HASH_ENV: "$argon2id$..."}
    assert access.sign_in_mode(secrets_map=auth, env=hashed) is SignInMode.OIDC
    assert access.sign_in_mode(secrets_map=hashed, env={}) is SignInMode.PASSWORD
    assert access.sign_in_mode(secrets_map={}, env=hashed) is SignInMode.PASSWORD
    assert access.sign_in_mode(secrets_map={}, env={access.PASSWORD_HASH_ENV: "  "}) is SignInMode.OPEN
    assert access.sign_in_mode(secrets_map={}, env={}) is SignInMode.OPEN


def test_password_hash_round_trip_and_wrong_password() -> None:
    """A hash made by hash_password accepts its password and nothing else."""
    hashed = access.hash_password("correct horse battery")
    assert hashed.startswith("$argon2id$")
    assert access.verify_password(hashed, "correct horse battery")
    assert not access.verify_password(hashed, "correct horse batterY")


def test_short_password_and_broken_hash_are_explained() -> None:
    """A too-short password is refused, and a mangled configured hash says how to make a new one."""
    with pytest.raises(ValidationError, match="at least 12"):
        access.hash_password("short")
    with pytest.raises(ValidationError, match="password-hash"):
        access.verify_password("not-a-hash", "whatever password")


def test_open_mode_only_for_a_direct_local_client() -> None:
    """Open mode serves localhost only: a remote address, a foreign Host or any proxy header refuses it."""
    local = {"Host": "localhost:8501"}
    assert access.open_mode_allowed(remote_ip=None, headers=local)
    assert access.open_mode_allowed(remote_ip="127.0.0.1", headers={"Host": "localhost"})
    assert not access.open_mode_allowed(remote_ip="203.0.113.9", headers=local)
    assert not access.open_mode_allowed(remote_ip=None, headers={**local, "X-Forwarded-For": "203.0.113.9"})
    assert not access.open_mode_allowed(remote_ip="garbage", headers=local)
    assert not access.open_mode_allowed(remote_ip=None, headers={})


# ---- conveners ----------------------------------------------------------------------------------

def test_conveners_see_their_partnerships_admins_see_all(conn: duckdb.DuckDBPyConnection) -> None:
    """A listed convener opens only their partnerships; an admin opens all; a stranger none."""
    a = ensure_partnership(conn, name="Alpha")
    ensure_partnership(conn, name="Beta")
    add_convener(conn, email=" Boss@Board.org ", is_admin=True)
    add_convener(conn, email="maria@board.org", partnership_ids=[a.id])
    assert allowed_partnership_ids(conn, email="boss@board.org") is None
    assert allowed_partnership_ids(conn, email="MARIA@board.org") == frozenset({a.id})
    with pytest.raises(AccessDenied, match="not on this installation's list"):
        allowed_partnership_ids(conn, email="stranger@x.org")
    table = list_conveners(conn)
    assert table["email"].tolist() == ["boss@board.org", "maria@board.org"]
    assert table["partnerships"].tolist() == ["all partnerships", "Alpha"]


def test_convener_list_rules(conn: duckdb.DuckDBPyConnection) -> None:
    """Bad addresses, duplicates, unknown partnerships and removing the last admin are refused."""
    add_convener(conn, email="boss@board.org", is_admin=True)
    with pytest.raises(ValidationError, match="not an email"):
        add_convener(conn, email="boss at board")
    with pytest.raises(ValidationError, match="already a convener"):
        add_convener(conn, email="BOSS@board.org")
    with pytest.raises(NotFoundError):
        add_convener(conn, email="new@board.org", partnership_ids=[999])
    with pytest.raises(ValidationError, match="last admin"):
        remove_convener(conn, email="boss@board.org")
    add_convener(conn, email="deputy@board.org", is_admin=True)
    remove_convener(conn, email="boss@board.org")
    assert list_conveners(conn)["email"].tolist() == ["deputy@board.org"]


# ---- share links --------------------------------------------------------------------------------

def test_share_link_url_token_and_storage(build: Builder) -> None:
    """The URL is the base with ?share=TOKEN only; the token is >= 256 bits and never stored."""
    link, url = create_share_link(build.conn, partnership_id=build.pid, label="Champions, spring 2027",
                                  base_url=BASE + "?old=1#frag", now=NOW)
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "pulse.example.org", "/app")
    assert parts.fragment == ""
    assert list(parse_qs(parts.query)) == ["share"]
    token = token_of(url)
    assert len(token) >= 43  # 32 random bytes in URL-safe base64
    stored = build.conn.execute("SELECT * FROM share_link").fetchall()
    assert token not in repr(stored)
    assert link.expires_at == NOW + dt.timedelta(days=90)
    assert resolve_share_token(build.conn, token=token, now=NOW) == build.pid


def test_two_links_never_share_a_token(build: Builder) -> None:
    """Each link gets its own random token."""
    urls = {create_share_link(build.conn, partnership_id=build.pid, label=f"L{i}", base_url=BASE)[1]
            for i in range(20)}
    assert len(urls) == 20


def test_share_link_input_rules(build: Builder) -> None:
    """A blank label, a silly expiry, a non-web base URL or an unknown partnership are refused."""
    with pytest.raises(ValidationError, match="label"):
        create_share_link(build.conn, partnership_id=build.pid, label="  ", base_url=BASE)
    with pytest.raises(ValidationError, match="1 to 730"):
        create_share_link(build.conn, partnership_id=build.pid, label="x", days=0, base_url=BASE)
    with pytest.raises(ValidationError, match="web address"):
        create_share_link(build.conn, partnership_id=build.pid, label="x", base_url="javascript:alert(1)")
    with pytest.raises(NotFoundError):
        create_share_link(build.conn, partnership_id=999, label="x", base_url=BASE)
    assert build.conn.execute("SELECT count(*) FROM share_link").fetchone() == (0,)


def test_a_second_live_link_with_the_same_label_is_refused(build: Builder) -> None:
    """Regression (walk-through): two links labelled "Champions" gave two rows a convener could not tell
    apart, and "revoke the Champions link" was ambiguous. The second is refused (in any case and spacing)
    with the first one's dates and a free label to use instead; nothing is written."""
    conn = build.conn
    first, _ = create_share_link(conn, partnership_id=build.pid, label="Champions", base_url=BASE, now=NOW)
    with pytest.raises(ValidationError) as caught:
        create_share_link(conn, partnership_id=build.pid, label="  champions ", base_url=BASE,
                          now=NOW + dt.timedelta(hours=1))
    assert str(caught.value) == (
        "A live link for 'champions' already exists (created 27 Nov 2026, expires 25 Feb 2027). Give this "
        "link another label, for example 'champions (2)', or revoke the old link first if it is meant to "
        "replace it.")
    assert list_share_links(conn, partnership_id=build.pid, now=NOW)["id"].tolist() == [first.id]


def test_a_label_is_free_again_once_its_link_is_revoked_or_expired(build: Builder) -> None:
    """Only live links hold their label: after revoking (or once expired) the label can be used again; another
    partnership may use the same label; free_label counts on past the labels in use."""
    conn = build.conn
    old, _ = create_share_link(conn, partnership_id=build.pid, label="Board", base_url=BASE, now=NOW)
    create_share_link(conn, partnership_id=build.pid, label="Board (2)", base_url=BASE, now=NOW)
    assert access.free_label(conn, partnership_id=build.pid, label="board", now=NOW) == "board (3)"
    revoke_share_link(conn, link_id=old.id, now=NOW)
    create_share_link(conn, partnership_id=build.pid, label="Board", base_url=BASE, now=NOW)
    create_share_link(conn, partnership_id=build.pid, label="Short", days=1, base_url=BASE, now=NOW)
    later = NOW + dt.timedelta(days=2)
    create_share_link(conn, partnership_id=build.pid, label="Short", base_url=BASE, now=later)
    other = ensure_partnership(conn, name="Elsewhere")
    create_share_link(conn, partnership_id=other.id, label="Board", base_url=BASE, now=NOW)
    live = list_share_links(conn, partnership_id=build.pid, now=later)
    assert sorted(live["label"]) == ["Board", "Board (2)", "Short"]


def test_every_failure_gives_the_same_neutral_message(build: Builder) -> None:
    """Unknown, expired, revoked and deleted-partnership tokens are indistinguishable."""
    conn = build.conn
    _, live = create_share_link(conn, partnership_id=build.pid, label="live", days=1, base_url=BASE, now=NOW)
    revoked, dead = create_share_link(conn, partnership_id=build.pid, label="dead", base_url=BASE, now=NOW)
    revoke_share_link(conn, link_id=revoked.id, now=NOW)
    other = ensure_partnership(conn, name="Gone")
    _, orphan = create_share_link(conn, partnership_id=other.id, label="gone", base_url=BASE, now=NOW)
    conn.execute("DELETE FROM share_link WHERE partnership_id = ?", [other.id])
    conn.execute("DELETE FROM partnership WHERE id = ?", [other.id])
    attempts = [("unknown", "A" * 43, NOW), ("expired", token_of(live), NOW + dt.timedelta(days=1)),
                ("revoked", token_of(dead), NOW), ("no partnership", token_of(orphan), NOW),
                ("empty", "", NOW), ("huge", "x" * 5000, NOW)]
    messages = set()
    for _, token, when in attempts:
        with pytest.raises(AccessDenied) as caught:
            resolve_share_token(conn, token=token, now=when)
        messages.add(str(caught.value))
    assert messages == {NEUTRAL_MESSAGE}
    assert "partnership" not in NEUTRAL_MESSAGE.lower()


def test_resolving_stamps_last_used_and_lists_live_links(build: Builder) -> None:
    """Using a link records when; the list shows live links only unless asked for all."""
    _, url = create_share_link(build.conn, partnership_id=build.pid, label="Champions", base_url=BASE,
                               now=NOW)
    dead, _ = create_share_link(build.conn, partnership_id=build.pid, label="Old", base_url=BASE, now=NOW)
    revoke_share_link(build.conn, link_id=dead.id, now=NOW)
    later = NOW + dt.timedelta(hours=3)
    resolve_share_token(build.conn, token=token_of(url), now=later)
    live = list_share_links(build.conn, partnership_id=build.pid, now=later)
    assert live["label"].tolist() == ["Champions"]
    assert live["last_used"].iloc[0].to_pydatetime() == later
    every = list_share_links(build.conn, live_only=False, now=later)
    assert sorted(every["status"]) == ["live", "revoked"]


def test_revoke_takes_effect_at_once_and_checks_partnership(build: Builder) -> None:
    """After revoke the very next resolve fails; revoking through another partnership is refused."""
    link, url = create_share_link(build.conn, partnership_id=build.pid, label="x", base_url=BASE)
    with pytest.raises(NotFoundError):
        revoke_share_link(build.conn, link_id=link.id, partnership_id=build.pid + 1)
    assert resolve_share_token(build.conn, token=token_of(url)) == build.pid
    revoke_share_link(build.conn, link_id=link.id)
    with pytest.raises(AccessDenied):
        resolve_share_token(build.conn, token=token_of(url))
    with pytest.raises(NotFoundError):
        revoke_share_link(build.conn, link_id=12345)


def test_failed_attempts_are_rate_limited_per_client(build: Builder) -> None:
    """Five bad tokens in a minute lock that client out (even with a good token) for 15 minutes."""
    _, url = create_share_link(build.conn, partnership_id=build.pid, label="x", base_url=BASE)
    limiter = RateLimiter(scope="share", max_failures=5, window=dt.timedelta(minutes=1),
                          lockout=dt.timedelta(minutes=15))
    for _ in range(5):
        with pytest.raises(AccessDenied):
            resolve_share_token(build.conn, token="B" * 43, now=NOW, limiter=limiter, client_key="attacker")
    with pytest.raises(AccessDenied):
        resolve_share_token(build.conn, token=token_of(url), now=NOW, limiter=limiter, client_key="attacker")
    assert resolve_share_token(build.conn, token=token_of(url), now=NOW, limiter=limiter,
                               client_key="champion") == build.pid
    later = NOW + dt.timedelta(minutes=15)
    assert resolve_share_token(build.conn, token=token_of(url), now=later, limiter=limiter,
                               client_key="attacker") == build.pid


def test_slow_failures_are_not_locked_out(conn: duckdb.DuckDBPyConnection) -> None:
    """Failures spread wider than the window never add up to a lockout."""
    clock = Clock(NOW)
    limiter = RateLimiter(scope="password", max_failures=3, window=dt.timedelta(minutes=1), clock=clock)
    for _ in range(10):
        limiter.record_failure(conn, "typo-prone")
        clock.now += dt.timedelta(seconds=31)
    assert not limiter.is_locked(conn, "typo-prone")


# ---- viewer guard -------------------------------------------------------------------------------

def test_viewer_session_refuses_raw_writes_and_keeps_data(build: Builder) -> None:
    """Inside a viewer session the database itself refuses INSERT, UPDATE and DELETE."""
    cursor = build.conn.cursor()
    for sql in ("INSERT INTO partnership (name) VALUES ('Sneaky')",
                "UPDATE partnership SET name = 'Renamed'", "DELETE FROM share_link"):
        with pytest.raises(DatabaseError, match="read-only"), \
                guard.viewer_session(cursor, partnership_id=build.pid):
            cursor.execute(sql)
    assert build.conn.execute("SELECT name FROM partnership").fetchall() == [("Test Partnership",)]


def test_viewer_marking_is_permanent_and_scoped(build: Builder) -> None:
    """A viewer cursor stays a viewer's, sees one partnership, and cannot be re-pointed."""
    cursor = build.conn.cursor()
    assert guard.viewer_scope(cursor) is None
    guard.ensure_writable(cursor)  # a convener's cursor may write
    with guard.viewer_session(cursor, partnership_id=build.pid):
        assert guard.viewer_scope(cursor) == build.pid
    assert guard.viewer_scope(cursor) == build.pid
    with pytest.raises(PermissionDenied, match="read-only link"):
        guard.ensure_writable(cursor)
    guard.ensure_scope(cursor, partnership_id=build.pid)
    with pytest.raises(AccessDenied):
        guard.ensure_scope(cursor, partnership_id=build.pid + 1)
    with pytest.raises(AccessDenied):
        guard.mark_viewer(cursor, partnership_id=build.pid + 1)
    assert guard.viewer_scope(build.conn) is None  # the parent connection is untouched


def test_viewer_resolving_does_not_write(build: Builder) -> None:
    """A viewer's own cursor can re-check its token without attempting a write."""
    _, url = create_share_link(build.conn, partnership_id=build.pid, label="x", base_url=BASE)
    cursor = build.conn.cursor()
    with guard.viewer_session(cursor, partnership_id=build.pid):
        assert resolve_share_token(cursor, token=token_of(url)) == build.pid
