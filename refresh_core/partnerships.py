"""Partnerships: the regional groups one installation holds."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from refresh_core.db import transaction
from refresh_core.enums import Cadence
from refresh_core.errors import PartnershipNotFound, ValidationError

_COLUMNS = "id, name, sector, region, date_order, coalesce(cadence, 'quarterly')"


@dataclass(frozen=True)
class Partnership:
    id: int
    name: str
    sector: str | None
    region: str | None
    date_order: str
    cadence: str = Cadence.QUARTERLY.value  # how often the whole partnership meets (enums.Cadence)


def list_partnerships(conn: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every partnership with its people and meeting counts, by name."""
    return conn.execute(
        """
        SELECT p.id, p.name, p.sector, p.region, coalesce(p.cadence, 'quarterly') AS cadence,
               (SELECT count(*) FROM meeting m WHERE m.partnership_id = p.id) AS meetings,
               (SELECT count(*) FROM person x WHERE x.partnership_id = p.id
                  AND x.merged_into_id IS NULL) AS people,
               (SELECT max(m.date) FROM meeting m WHERE m.partnership_id = p.id) AS last_meeting
        FROM partnership p ORDER BY p.name
        """
    ).df()


def partnership_names(conn: duckdb.DuckDBPyConnection) -> list[str]:
    """Names of all partnerships, sorted."""
    return [r[0] for r in conn.execute("SELECT name FROM partnership ORDER BY name").fetchall()]


def get_partnership(conn: duckdb.DuckDBPyConnection, *, name: str) -> Partnership:
    """The partnership called ``name`` (exact, then case-insensitive match)."""
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM partnership "
        "WHERE name = ? OR lower(name) = lower(?) ORDER BY name = ? DESC LIMIT 1",
        [name, name, name],
    ).fetchall()
    if not rows:
        raise PartnershipNotFound(name, partnership_names(conn))
    return Partnership(*rows[0])


def get_partnership_by_id(conn: duckdb.DuckDBPyConnection, *, partnership_id: int) -> Partnership:
    """The partnership with this id."""
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM partnership WHERE id = ?",
        [partnership_id],
    ).fetchall()
    if not rows:
        raise PartnershipNotFound(f"#{partnership_id}", partnership_names(conn))
    return Partnership(*rows[0])


def ensure_partnership(
    conn: duckdb.DuckDBPyConnection,
    *,
    name: str,
    sector: str | None = None,
    region: str | None = None,
) -> Partnership:
    """The partnership called ``name``, created when it does not exist yet."""
    clean = " ".join(name.split())
    if not clean:
        raise ValidationError("A partnership needs a name. Type one, for example 'Tri-County Healthcare'.")
    try:
        return get_partnership(conn, name=clean)
    except PartnershipNotFound:
        pass
    with transaction(conn):
        conn.execute(
            "INSERT INTO partnership (name, sector, region) VALUES (?, ?, ?)", [clean, sector, region]
        )
    return get_partnership(conn, name=clean)


def set_date_order(conn: duckdb.DuckDBPyConnection, *, partnership_id: int, date_order: str) -> None:
    """How ambiguous dates in this partnership's files are read (month_first or day_first)."""
    if date_order not in ("month_first", "day_first"):
        raise ValidationError("Date order must be 'month_first' (3/4 = March 4) or 'day_first'.")
    with transaction(conn):
        conn.execute("UPDATE partnership SET date_order = ? WHERE id = ?", [date_order, partnership_id])


def set_cadence(conn: duckdb.DuckDBPyConnection, *, partnership_id: int, cadence: str) -> None:
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
