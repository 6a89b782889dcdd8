"""Sign 3: the sector (or the economy) has changed. Only the convener can answer it: a reflection."""

from __future__ import annotations

import datetime as dt

from refresh_core.db import Connection
from refresh_core.enums import SignId, SignStatus
from refresh_core.guidance import CHANGE_LABELS
from refresh_core.health.reflections import latest_reflection
from refresh_core.health.signs.common import Sign, months_before
from refresh_core.health.thresholds import Thresholds

SID = SignId.SECTOR_CHANGED


def sector_changed(
    conn: Connection, *, partnership_id: int, as_of: dt.date, th: Thresholds
) -> Sign:
    """Sign 3 from the convener's latest reflection on or before ``as_of``."""
    found = latest_reflection(conn, partnership_id=partnership_id, as_of=as_of)
    if found is None:
        return Sign(
            SID,
            SignStatus.UNKNOWN,
            "Not answered yet: record a reflection on how the sector has changed.",
            {},
        )
    on = f"{found.answered_on:%d %b %Y}"
    changes = [CHANGE_LABELS[k] for k in found.changed]
    evidence = {
        "answered_on": found.answered_on.isoformat(),
        "age_days": (as_of - found.answered_on).days,
        "changes": list(found.changed),
        "agenda_still_fits": found.agenda_still_fits,
    }
    if not found.agenda_still_fits:
        return Sign(
            SID, SignStatus.FLAG, f"On {on} you noted the agenda no longer fits the industry.", evidence
        )
    if changes:
        text = f"Changes noted on {on}: {', '.join(changes)}; the agenda still fits for now."
        return Sign(SID, SignStatus.WATCH, text, evidence)
    months = th.sector_changed.stale_months
    if found.answered_on < months_before(as_of, months):
        text = f"Last reflected on {on}, over {months} months ago: time to look again."
        return Sign(SID, SignStatus.WATCH, text, evidence)
    return Sign(SID, SignStatus.OK, f"No major change noted on {on}.", evidence)
