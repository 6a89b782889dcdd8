"""Sign 3: the sector (or the economy) has changed. Only the convener can answer it: a reflection.

:data:`FACTS_SQL` finds the latest reflection for a set of partnerships at once; :func:`judge` reads
one partnership's row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from refresh_core import words
from refresh_core.db import Connection
from refresh_core.enums import SignId, SignStatus
from refresh_core.guidance import CHANGE_LABELS, REFLECTION_QUESTIONS
from refresh_core.health.signs.common import Sign, facts, months_before
from refresh_core.health.thresholds import Thresholds

SID = SignId.SECTOR_CHANGED

# The latest reflection answered on or before $d, per partnership (none: no row).
FACTS_SQL = f"""
SELECT DISTINCT ON (partnership_id) partnership_id, answered_on, agenda_still_fits,
       {", ".join(REFLECTION_QUESTIONS)}
FROM sector_reflection WHERE answered_on <= $d AND (partnership_id = ANY($ids))
ORDER BY partnership_id, answered_on DESC, id DESC
"""


def sector_facts(
    conn: Connection, *, partnership_ids: Sequence[int], as_of: dt.date
) -> dict[int, dict[str, Any]]:
    """Sign 3's facts (the latest reflection) for every partnership in ``partnership_ids`` that has one."""
    return facts(conn, FACTS_SQL, {"ids": list(partnership_ids), "d": as_of})


def judge(f: Mapping[str, Any] | None, *, as_of: dt.date, th: Thresholds) -> Sign:
    """Sign 3 from the convener's latest reflection on or before ``as_of`` (``None``: none yet)."""
    if f is None:
        return Sign(
            SID,
            SignStatus.UNKNOWN,
            "Not answered yet: no reflection on how the sector has changed is recorded.",
            {},
        )
    answered_on: dt.date = f["answered_on"]
    changed = [k for k in REFLECTION_QUESTIONS if f[k]]
    on = words.day(answered_on)
    evidence = {
        "answered_on": answered_on.isoformat(),
        "age_days": (as_of - answered_on).days,
        "changes": changed,
        "agenda_still_fits": bool(f["agenda_still_fits"]),
    }
    if not f["agenda_still_fits"]:
        # Said of the convener, not "you": a champion reads the same sentence through a share link.
        text = f"On {on} the convener noted the agenda no longer fits the industry."
        return Sign(SID, SignStatus.FLAG, text, evidence)
    if changed:
        labels = ", ".join(CHANGE_LABELS[k] for k in changed)
        text = f"Changes noted on {on}: {labels}; the agenda still fits for now."
        return Sign(SID, SignStatus.WATCH, text, evidence)
    months = th.sector_changed.stale_months
    if answered_on < months_before(as_of, months):
        text = f"Last reflected on {on}, over {months} months ago: time to look again."
        return Sign(SID, SignStatus.WATCH, text, evidence)
    return Sign(SID, SignStatus.OK, f"No major change noted on {on}.", evidence)
