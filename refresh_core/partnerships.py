"""Partnerships: the regional groups one installation holds.

A convener creates, renames and edits a partnership (sector, region, how its
files write dates), and archives one that has ended: an archived partnership
keeps every row but leaves the sidebar and the default lists until restored.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from refresh_core.db import Connection, transaction
from refresh_core.enums import Cadence
from refresh_core.errors import PartnershipNotFound, ValidationError
from refresh_core.meetings import held_sql

DATE_ORDERS = ("month_first", "day_first")
MAX_NAME = 120
_COLUMNS = ("id, name, sector, region, date_order, archived_at IS NOT NULL AS archived, "
            "coalesce(cadence, 'quarterly')")


@dataclass(frozen=True)
class Partnership:
    id: int
    name: str
    sector: str | None
    region: str | None
    date_order: str
    archived: bool = False
    cadence: str = Cadence.QUARTERLY.value  # how often the whole partnership meets (enums.Cadence)


# A meeting has been held by day $d when its date has passed, or it is that day and its attendance is
# recorded; any other meeting is still planned (the meetings list's "planned": on or after the day).
_HELD = held_sql("m", "$d")


def list_partnerships(
    conn: Connection, *, include_archived: bool = False, as_of: dt.date | None = None
) -> pd.DataFrame:
    """Partnerships with their people and meeting counts, by name (archived ones only when asked), with
    the last meeting held by ``as_of`` (default today) and the next one planned after it."""
    return conn.execute(
        f"""
        SELECT p.id, p.name, p.sector, p.region, coalesce(p.cadence, 'quarterly') AS cadence,
               (SELECT count(*) FROM meeting m WHERE m.partnership_id = p.id) AS meetings,
               (SELECT count(*) FROM person x WHERE x.partnership_id = p.id
                  AND x.merged_into_id IS NULL) AS people,
               (SELECT max(m.date) FROM meeting m WHERE m.partnership_id = p.id AND {_HELD}) AS last_meeting,
               (SELECT min(m.date) FROM meeting m WHERE m.partnership_id = p.id
                  AND NOT {_HELD}) AS next_meeting,
               p.date_order, p.archived_at IS NOT NULL AS archived, p.archived_at::DATE AS archived_on
        FROM partnership p WHERE $all OR p.archived_at IS NULL ORDER BY p.name
        """,
        {"all": include_archived, "d": as_of or dt.date.today()},
    ).df()


def partnership_names(conn: Connection, *, include_archived: bool = True) -> list[str]:
    """Names of the partnerships (archived ones too unless told otherwise), sorted."""
    return [r[0] for r in conn.execute(
        "SELECT name FROM partnership WHERE ? OR archived_at IS NULL ORDER BY name", [include_archived]
    ).fetchall()]


def _to_partnership(row: tuple[object, ...]) -> Partnership:
    pid, name, sector, region, order, archived, cadence = row
    return Partnership(int(str(pid)), str(name), None if sector is None else str(sector),
                       None if region is None else str(region), str(order), bool(archived), str(cadence))


def get_partnership(conn: Connection, *, name: str) -> Partnership:
    """The partnership called ``name`` (exact, then case-insensitive match), archived or not."""
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM partnership "
        "WHERE name = ? OR lower(name) = lower(?) ORDER BY name = ? DESC LIMIT 1",
        [name, name, name],
    ).fetchall()
    if not rows:
        raise PartnershipNotFound(name, partnership_names(conn))
    return _to_partnership(rows[0])


def get_partnership_by_id(conn: Connection, *, partnership_id: int) -> Partnership:
    """The partnership with this id."""
    rows = conn.execute(f"SELECT {_COLUMNS} FROM partnership WHERE id = ?", [partnership_id]).fetchall()
    if not rows:
        raise PartnershipNotFound(f"#{partnership_id}", partnership_names(conn))
    return _to_partnership(rows[0])


def clean_name(name: str) -> str:
    """A partnership name with spacing tidied; a ValidationError when it is empty or too long."""
    clean = " ".join(str(name or "").split())
    if not clean:
        raise ValidationError("A partnership needs a name. Type one, for example 'Tri-County Healthcare'.")
    if len(clean) > MAX_NAME:
        raise ValidationError(f"That name has {len(clean)} characters; keep it to {MAX_NAME} or fewer.")
    return clean


def _optional(text: str | None) -> str | None:
    clean = " ".join(str(text or "").split())
    return clean or None


def _check_free(conn: Connection, name: str, *, other_than: int | None = None) -> None:
    rows = conn.execute(
        "SELECT name, archived_at IS NOT NULL FROM partnership WHERE lower(name) = lower(?) AND id <> ?",
        [name, -1 if other_than is None else other_than],
    ).fetchall()
    if rows:
        where = " (archived: restore it on the Partnerships page)" if rows[0][1] else ""
        raise ValidationError(f"There is already a partnership called {rows[0][0]!r}{where}. "
                              "Pick it in the partnership list, or choose another name.")


def _check_order(date_order: str) -> None:
    if date_order not in DATE_ORDERS:
        raise ValidationError("Date order must be 'month_first' (3/4 = March 4) or 'day_first' "
                              "(3/4 = 3 April).")


def create_partnership(
    conn: Connection,
    *,
    name: str,
    sector: str | None = None,
    region: str | None = None,
    date_order: str = "month_first",
) -> Partnership:
    """A new partnership; refused when one of that name (any case) exists already."""
    clean = clean_name(name)
    _check_order(date_order)
    with transaction(conn):
        _check_free(conn, clean)
        conn.execute("INSERT INTO partnership (name, sector, region, date_order) VALUES (?, ?, ?, ?)",
                     [clean, _optional(sector), _optional(region), date_order])
    return get_partnership(conn, name=clean)


def ensure_partnership(
    conn: Connection,
    *,
    name: str,
    sector: str | None = None,
    region: str | None = None,
) -> Partnership:
    """The partnership called ``name``, created when it does not exist yet."""
    clean = clean_name(name)
    try:
        return get_partnership(conn, name=clean)
    except PartnershipNotFound:
        pass
    return create_partnership(conn, name=clean, sector=sector, region=region)


def edit_partnership(
    conn: Connection,
    *,
    partnership_id: int,
    name: str,
    sector: str | None,
    region: str | None,
    date_order: str,
) -> Partnership:
    """Set a partnership's name, sector, region and date order (blank sector or region: none)."""
    get_partnership_by_id(conn, partnership_id=partnership_id)
    clean = clean_name(name)
    _check_order(date_order)
    with transaction(conn):
        _check_free(conn, clean, other_than=partnership_id)
        conn.execute("UPDATE partnership SET name = ?, sector = ?, region = ?, date_order = ? WHERE id = ?",
                     [clean, _optional(sector), _optional(region), date_order, partnership_id])
    return get_partnership_by_id(conn, partnership_id=partnership_id)


def rename_partnership(conn: Connection, *, partnership_id: int, name: str) -> Partnership:
    """Give a partnership a new name (its meetings, people and links stay with it)."""
    current = get_partnership_by_id(conn, partnership_id=partnership_id)
    return edit_partnership(conn, partnership_id=partnership_id, name=name, sector=current.sector,
                            region=current.region, date_order=current.date_order)


def set_archived(conn: Connection, *, partnership_id: int, archived: bool) -> Partnership:
    """Archive a partnership (kept whole, hidden from the sidebar and lists) or restore it."""
    current = get_partnership_by_id(conn, partnership_id=partnership_id)
    if current.archived == archived:
        state = "archived" if archived else "active"
        raise ValidationError(f"{current.name!r} is already {state}; nothing to change.")
    with transaction(conn):
        conn.execute("UPDATE partnership SET archived_at = CASE WHEN ? THEN current_timestamp END "
                     "WHERE id = ?", [archived, partnership_id])
    return get_partnership_by_id(conn, partnership_id=partnership_id)


def set_date_order(conn: Connection, *, partnership_id: int, date_order: str) -> None:
    """How ambiguous dates in this partnership's files are read (month_first or day_first)."""
    _check_order(date_order)
    with transaction(conn):
        conn.execute("UPDATE partnership SET date_order = ? WHERE id = ?", [date_order, partnership_id])


def set_cadence(conn: Connection, *, partnership_id: int, cadence: str) -> None:
    """How often the whole partnership meets: monthly, bimonthly (every two months) or quarterly.
    The health trends compare the same span of months whatever the cadence."""
    if cadence not in {c.value for c in Cadence}:
        raise ValidationError(
            f"Cadence {cadence!r} is not one of monthly, bimonthly (every two months) or quarterly."
        )
    with transaction(conn):
        found = conn.execute(
            "UPDATE partnership SET cadence = ? WHERE id = ? RETURNING id", [cadence, partnership_id]
        ).fetchall()
    if not found:
        raise PartnershipNotFound(f"#{partnership_id}", partnership_names(conn))
