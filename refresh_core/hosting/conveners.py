"""Conveners allowed to sign in with OpenID Connect, and the partnerships each may open.

Admins open every partnership and manage this list; other conveners open the
partnerships listed for them. (Password and open local modes have a single
convener who is treated as an admin.)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from refresh_core.db import Connection, registered, transaction
from refresh_core.emails import parse_email
from refresh_core.errors import AccessDenied, NotFoundError, ValidationError


@dataclass(frozen=True)
class Convener:
    id: int
    email: str
    is_admin: bool
    partnership_ids: tuple[int, ...]


def normalise_email(email: str) -> str:
    """Trimmed, lower-case address; a ValidationError when it is not an address."""
    clean = parse_email(email)
    if clean is None:
        raise ValidationError(f"{email!r} is not an email address. Use the address the convener "
                              "signs in with, for example maria@workforceboard.org.")
    return clean


def find_convener(conn: Connection, *, email: str) -> Convener | None:
    """The convener signing in with ``email``, or None."""
    row = conn.execute("SELECT id, email, is_admin FROM convener WHERE email = ?",
                       [email.strip().lower()]).fetchone()
    if row is None:
        return None
    ids = conn.execute("SELECT partnership_id FROM convener_partnership WHERE convener_id = ? "
                       "ORDER BY partnership_id", [row[0]]).fetchall()
    return Convener(int(row[0]), str(row[1]), bool(row[2]), tuple(int(r[0]) for r in ids))


def allowed_partnership_ids(conn: Connection, *, email: str) -> frozenset[int] | None:
    """Partnerships this convener may open (None = all, for admins); AccessDenied for a stranger."""
    convener = find_convener(conn, email=email)
    if convener is None:
        raise AccessDenied(f"{email} is not on this installation's list of conveners. Ask an admin "
                           "convener to add you, then sign in again.")
    return None if convener.is_admin else frozenset(convener.partnership_ids)


def _check_partnerships(conn: Connection, ids: Iterable[int]) -> list[int]:
    wanted = sorted(set(ids))
    known = {int(r[0]) for r in conn.execute("SELECT id FROM partnership").fetchall()}
    missing = [i for i in wanted if i not in known]
    if missing:
        raise NotFoundError(f"No partnership with id {missing[0]}; pick partnerships that exist.")
    return wanted


def add_convener(conn: Connection, *, email: str, is_admin: bool = False,
                 partnership_ids: Iterable[int] = ()) -> Convener:
    """Allow a new convener to sign in (admins see every partnership)."""
    clean = normalise_email(email)
    if find_convener(conn, email=clean) is not None:
        raise ValidationError(f"{clean} is already a convener. Remove them first to change their access.")
    wanted = _check_partnerships(conn, partnership_ids)
    with transaction(conn):
        row = conn.execute("INSERT INTO convener (email, is_admin) VALUES (?, ?) RETURNING id",
                           [clean, is_admin]).fetchone()
        assert row is not None
        if wanted:
            frame = pd.DataFrame({"convener_id": row[0], "partnership_id": wanted})
            with registered(conn, "new_convener_partnerships", frame):
                conn.execute("INSERT INTO convener_partnership SELECT convener_id, partnership_id "
                             "FROM new_convener_partnerships")
    found = find_convener(conn, email=clean)
    assert found is not None
    return found


def remove_convener(conn: Connection, *, email: str) -> None:
    """Stop a convener signing in; the last admin cannot be removed (add another admin first)."""
    convener = find_convener(conn, email=email)
    if convener is None:
        raise NotFoundError(f"{email} is not a convener. Run `conveners list` to see who is.")
    if convener.is_admin:
        admins = conn.execute("SELECT count(*) FROM convener WHERE is_admin").fetchone()
        if admins is not None and int(admins[0]) <= 1:
            raise ValidationError(f"{convener.email} is the last admin convener. Add another admin first, "
                                  "so someone can still manage access.")
    with transaction(conn):
        conn.execute("DELETE FROM convener_partnership WHERE convener_id = ?", [convener.id])
        conn.execute("DELETE FROM convener WHERE id = ?", [convener.id])


def list_conveners(conn: Connection) -> pd.DataFrame:
    """Every convener: email, admin, and the partnerships they may open (admins: all)."""
    return conn.execute(
        """
        SELECT c.email, c.is_admin AS admin,
               CASE WHEN c.is_admin THEN 'all partnerships'
                    ELSE coalesce(string_agg(p.name, '; ' ORDER BY p.name), 'none yet') END AS partnerships
        FROM convener c
        LEFT JOIN convener_partnership cp ON cp.convener_id = c.id
        LEFT JOIN partnership p ON p.id = cp.partnership_id
        GROUP BY c.id, c.email, c.is_admin ORDER BY c.email
        """
    ).df()


def visible_partnerships(conn: Connection, *, allowed: frozenset[int] | None,
                         include_archived: bool = False) -> list[tuple[int, str]]:
    """(id, name) of the partnerships a convener may open (``allowed`` None = all), by name;
    archived ones only when asked."""
    rows = conn.execute("SELECT id, name FROM partnership WHERE ? OR archived_at IS NULL ORDER BY name",
                        [include_archived]).fetchall()
    return [(int(i), str(n)) for i, n in rows if allowed is None or int(i) in allowed]


def grant_partnership(conn: Connection, *, email: str,
                      partnership_id: int) -> frozenset[int] | None:
    """Let a convener open one more partnership (one they created); their partnerships afterwards
    (None for an admin, who opens every partnership anyway)."""
    convener = find_convener(conn, email=email)
    if convener is None:
        raise NotFoundError(f"{email} is not a convener. Ask an admin convener to add you.")
    if convener.is_admin:
        return None
    _check_partnerships(conn, [partnership_id])
    if partnership_id not in convener.partnership_ids:
        with transaction(conn):
            conn.execute("INSERT INTO convener_partnership (convener_id, partnership_id) VALUES (?, ?)",
                         [convener.id, partnership_id])
    return frozenset({*convener.partnership_ids, partnership_id})
