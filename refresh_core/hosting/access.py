"""Who may do what: roles, sign-in modes, passwords and share links.

Two roles. A *convener* has full access to the partnerships they are allowed;
a *viewer* (a champion holding a share link) sees one partnership, read-only,
enforced by :mod:`refresh_core.guard`.

Share-link tokens carry 256 bits from :mod:`secrets` and are stored only as a
SHA-256 digest. Every failure to resolve one gives the same neutral message.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any
from urllib.parse import urlencode, urlsplit, urlunsplit

import pandas as pd
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from refresh_core import words
from refresh_core.db import Connection, transaction
from refresh_core.db.clock import utc_now
from refresh_core.errors import AccessDenied, NotFoundError, StorageError, ValidationError
from refresh_core.guard import viewer_scope
from refresh_core.hosting.frontdoor import open_mode_allowed as open_mode_allowed
from refresh_core.hosting.limits import RateLimiter
from refresh_core.schema import register_references

PASSWORD_HASH_ENV = "REFRESH_CONVENER_PASSWORD_HASH"
SHARE_PARAM = "share"
TOKEN_BYTES = 32  # 256 bits
MIN_PASSWORD_LENGTH = 12
LAST_USED_GRANULARITY = dt.timedelta(minutes=5)

register_references(("share_link", "partnership_id", "partnership"),
                    ("convener_partnership", "convener_id", "convener"),
                    ("convener_partnership", "partnership_id", "partnership"))


class SignInMode(StrEnum):
    OIDC = "oidc"          # st.login with an [auth] section in secrets
    PASSWORD = "password"  # one convener password, its argon2 hash in secrets or the environment
    OPEN = "open"          # nothing configured: local use only, bound to localhost


# ---- sign-in configuration ------------------------------------------------------------------

def password_hash_setting(*, secrets_map: Mapping[str, Any], env: Mapping[str, str]) -> str | None:
    """The configured convener password hash (secrets first, then the environment), if any."""
    value = str(secrets_map.get(PASSWORD_HASH_ENV) or env.get(PASSWORD_HASH_ENV) or "").strip()
    return value or None


def sign_in_mode(*, secrets_map: Mapping[str, Any], env: Mapping[str, str]) -> SignInMode:
    """OIDC when secrets hold an ``[auth]`` section, else password when a hash is set, else open."""
    if isinstance(secrets_map.get("auth"), Mapping):
        return SignInMode.OIDC
    if password_hash_setting(secrets_map=secrets_map, env=env):
        return SignInMode.PASSWORD
    return SignInMode.OPEN


def hash_password(password: str) -> str:
    """An argon2id hash of ``password`` to put in secrets or ``$REFRESH_CONVENER_PASSWORD_HASH``."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError(f"Choose a password of at least {MIN_PASSWORD_LENGTH} characters; "
                              "a short sentence is easy to remember and hard to guess.")
    return PasswordHasher().hash(password)


def verify_password(stored_hash: str, password: str) -> bool:
    """True when ``password`` matches the configured hash."""
    try:
        return PasswordHasher().verify(stored_hash, password)
    except VerifyMismatchError:
        return False
    except (InvalidHashError, VerificationError) as exc:
        raise ValidationError(
            "The configured convener password hash is not a valid argon2 hash. Make a new one with "
            f"`python -m refresh_core password-hash` and set it as {PASSWORD_HASH_ENV}.") from exc


# ---- share links --------------------------------------------------------------------------------

@dataclass(frozen=True)
class ShareLink:
    id: int
    partnership_id: int
    label: str
    created_at: dt.datetime
    expires_at: dt.datetime
    last_used_at: dt.datetime | None
    revoked_at: dt.datetime | None

    def is_live(self, now: dt.datetime) -> bool:
        """Not revoked and not yet expired."""
        return self.revoked_at is None and now < self.expires_at


# A link's state as ``list_share_links`` gives it (and ``share list --json`` prints it), in words.
STATE_LABELS = {"live": "Live", "expired": "Expired", "revoked": "Revoked"}
_LINK_COLUMNS = "id, partnership_id, label, created_at, expires_at, last_used_at, revoked_at"


def token_digest(token: str) -> str:
    """SHA-256 hex digest of a share token (tokens are random, so no salt is needed)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def share_url(base_url: str, token: str) -> str:
    """``base_url`` with ``?share=TOKEN`` as its only query parameter (and no fragment)."""
    parts = urlsplit(base_url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValidationError(f"{base_url!r} is not a web address. Give the app's address, for "
                              "example https://pulse.example.org/.")
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", urlencode({SHARE_PARAM: token}), ""))


def _live_labels(conn: Connection, partnership_id: int, at: dt.datetime) -> dict[str, tuple[Any, ...]]:
    """The labels of the partnership's live links (folded for comparison) -> (created, expires) of the
    newest link with it."""
    rows = conn.execute(
        "SELECT label, created_at, expires_at FROM share_link WHERE partnership_id = ? "
        "AND revoked_at IS NULL AND expires_at > ? ORDER BY created_at, id", [partnership_id, at],
    ).fetchall()
    return {str(label).casefold(): (created, expires) for label, created, expires in rows}


def free_label(conn: Connection, *, partnership_id: int, label: str, now: dt.datetime | None = None) -> str:
    """``label``, or ``label (2)``, ``label (3)``...: the first that no live link of the partnership has."""
    clean = " ".join(label.split())
    taken = _live_labels(conn, partnership_id, now or utc_now())
    candidate, n = clean, 1
    while candidate.casefold() in taken:  # at most one step more than there are live links
        n += 1
        candidate = f"{clean} ({n})"
    return candidate


def _refuse_a_twin(conn: Connection, partnership_id: int, label: str, at: dt.datetime) -> None:
    """Two live links with one label would be two rows nobody can tell apart (which one to revoke?)."""
    twin = _live_labels(conn, partnership_id, at).get(label.casefold())
    if twin is not None:
        other = free_label(conn, partnership_id=partnership_id, label=label, now=at)
        raise ValidationError(
            f"A live link for '{label}' already exists (created {words.day(twin[0])}, expires "
            f"{words.day(twin[1])}). Give this link another label, for example '{other}', or revoke "
            "the old link first if it is meant to replace it.")


def create_share_link(conn: Connection, *, partnership_id: int, label: str, days: int = 90,
                      base_url: str, now: dt.datetime | None = None) -> tuple[ShareLink, str]:
    """A new read-only link for one partnership; returns it and its full URL (shown once). A label that
    a live link of the partnership already has (in any case) is refused, so every live link reads apart."""
    clean = " ".join(label.split())
    if not clean:
        raise ValidationError("Give the link a label, for example 'Champions, spring 2027'.")
    if not 1 <= days <= 730:
        raise ValidationError("A link can last from 1 to 730 days; 90 is usual.")
    token = secrets.token_urlsafe(TOKEN_BYTES)
    url = share_url(base_url, token)
    created = now or utc_now()
    with transaction(conn):
        if not conn.execute("SELECT 1 FROM partnership WHERE id = ?", [partnership_id]).fetchone():
            raise NotFoundError(f"No partnership #{partnership_id}; pick one that exists.")
        _refuse_a_twin(conn, partnership_id, clean, created)
        row = conn.execute(
            f"INSERT INTO share_link (partnership_id, label, token_sha256, created_at, expires_at) "
            f"VALUES (?, ?, ?, ?, ?) RETURNING {_LINK_COLUMNS}",
            [partnership_id, clean, token_digest(token), created, created + dt.timedelta(days=days)],
        ).fetchone()
    assert row is not None
    return ShareLink(*row), url


def get_share_link(conn: Connection, *, link_id: int) -> ShareLink:
    """The link with this id."""
    row = conn.execute(f"SELECT {_LINK_COLUMNS} FROM share_link WHERE id = ?", [link_id]).fetchone()
    if row is None:
        raise NotFoundError(f"No share link #{link_id}. Run `share list` to see the links.")
    return ShareLink(*row)


def list_share_links(conn: Connection, *, partnership_id: int | None = None,
                     live_only: bool = True, now: dt.datetime | None = None) -> pd.DataFrame:
    """Links with partnership, label, created, expires, last used, revoked and status, newest first."""
    return conn.execute(
        """
        SELECT s.id, p.name AS partnership, s.label, s.created_at AS created, s.expires_at AS expires,
               s.last_used_at AS last_used, s.revoked_at AS revoked,
               CASE WHEN s.revoked_at IS NOT NULL THEN 'revoked'
                    WHEN s.expires_at <= $now THEN 'expired' ELSE 'live' END AS status
        FROM share_link s JOIN partnership p ON p.id = s.partnership_id
        WHERE ($pid::INTEGER IS NULL OR s.partnership_id = $pid)
          AND (NOT $live_only OR (s.revoked_at IS NULL AND s.expires_at > $now))
        ORDER BY s.created_at DESC, s.id DESC
        """,
        {"now": now or utc_now(), "pid": partnership_id, "live_only": live_only},
    ).df()


def revoke_share_link(conn: Connection, *, link_id: int, partnership_id: int | None = None,
                      now: dt.datetime | None = None) -> ShareLink:
    """Switch a link off at once (its holder sees the neutral message on their next click)."""
    link = get_share_link(conn, link_id=link_id)
    if partnership_id is not None and link.partnership_id != partnership_id:
        raise NotFoundError(f"No share link #{link_id} for this partnership.")
    if link.revoked_at is None:
        with transaction(conn):
            conn.execute("UPDATE share_link SET revoked_at = ? WHERE id = ?", [now or utc_now(), link_id])
    return get_share_link(conn, link_id=link_id)


def resolve_share_token(conn: Connection, *, token: str, now: dt.datetime | None = None,
                        limiter: RateLimiter | None = None, client_key: str = "") -> int:
    """The partnership a live token opens; :class:`AccessDenied` (one neutral message) otherwise."""
    if limiter is not None and limiter.is_locked(conn, client_key, now=now):
        raise AccessDenied()
    at = now or utc_now()
    row = conn.execute(
        "SELECT s.id, s.partnership_id, s.last_used_at FROM share_link s "
        "JOIN partnership p ON p.id = s.partnership_id "
        "WHERE s.token_sha256 = ? AND s.revoked_at IS NULL AND s.expires_at > ?",
        [token_digest(token), at],
    ).fetchone() if 20 <= len(token) <= 200 else None
    if row is None:
        if limiter is not None:
            limiter.record_failure(conn, client_key, now=now)
        raise AccessDenied()
    link_id, partnership_id, last_used = row
    if viewer_scope(conn) is None and (last_used is None or at - last_used >= LAST_USED_GRANULARITY):
        try:
            with transaction(conn):
                conn.execute("UPDATE share_link SET last_used_at = ? WHERE id = ?", [at, link_id])
        except StorageError:
            pass  # another viewer of the same link stamped it at the same moment: nothing lost
    return int(partnership_id)
