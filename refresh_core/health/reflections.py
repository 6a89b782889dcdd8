"""The convener's dated reflection on how the sector has changed (sign 3)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from refresh_core.db import Connection, transaction
from refresh_core.guidance import REFLECTION_QUESTIONS


@dataclass(frozen=True)
class Reflection:
    answered_on: dt.date
    changed: tuple[str, ...]  # keys of REFLECTION_QUESTIONS answered yes
    agenda_still_fits: bool
    notes: str | None


def add_reflection(
    conn: Connection,
    *,
    partnership_id: int,
    answered_on: dt.date,
    changed: set[str] | frozenset[str],
    agenda_still_fits: bool,
    notes: str | None = None,
) -> None:
    """Record the convener's answers to the five questions on this date."""
    unknown = set(changed) - set(REFLECTION_QUESTIONS)
    if unknown:
        raise ValueError(f"Unknown reflection questions: {sorted(unknown)}")
    flags = [key in changed for key in REFLECTION_QUESTIONS]
    with transaction(conn):
        conn.execute(
            f"""INSERT INTO sector_reflection (partnership_id, answered_on,
                {", ".join(REFLECTION_QUESTIONS)}, agenda_still_fits, notes)
                VALUES (?, ?, {", ".join("?" for _ in REFLECTION_QUESTIONS)}, ?, ?)""",
            [partnership_id, answered_on, *flags, agenda_still_fits, (notes or "").strip() or None],
        )


def latest_reflection(
    conn: Connection, *, partnership_id: int, as_of: dt.date
) -> Reflection | None:
    """The most recent reflection answered on or before ``as_of``."""
    row = conn.execute(
        f"""SELECT answered_on, {", ".join(REFLECTION_QUESTIONS)}, agenda_still_fits, notes
            FROM sector_reflection WHERE partnership_id = ? AND answered_on <= ?
            ORDER BY answered_on DESC, id DESC LIMIT 1""",
        [partnership_id, as_of],
    ).fetchone()
    if row is None:
        return None
    keys = list(REFLECTION_QUESTIONS)
    changed = tuple(k for k, flag in zip(keys, row[1 : 1 + len(keys)], strict=True) if flag)
    return Reflection(row[0], changed, bool(row[-2]), row[-1])
