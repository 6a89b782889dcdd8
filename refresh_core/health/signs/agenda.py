"""Sign 4: the agenda is stale.

The guide expects new priorities "regularly at quarterly meetings"; a refresh or
launch meeting is where priorities are set too, so all three kinds count. The
meetings looked at span about the same months whatever the cadence.
"""

from __future__ import annotations

import datetime as dt

from refresh_core.db import Connection, one
from refresh_core.enums import FULL_KINDS, Cadence, SignId, SignStatus
from refresh_core.health.agenda_fresh import agenda_freshness
from refresh_core.health.signs.common import Sign, months_before
from refresh_core.health.thresholds import Thresholds, meetings_in

SID = SignId.AGENDA_STALE
_COUNTS = """
    WITH pr AS (SELECT * FROM priority WHERE partnership_id = $p AND identified_on <= $d),
    recent_q AS (SELECT id, date FROM meeting WHERE partnership_id = $p
                 AND (kind = ANY($full))
                 AND date <= $d ORDER BY date DESC LIMIT $n),
    busy AS (SELECT DISTINCT t.priority_id FROM action_team t
             JOIN meeting m ON m.action_team_id = t.id AND m.kind = 'action_team'
             WHERE t.partnership_id = $p AND m.date > $s AND m.date <= $d)
    SELECT (SELECT count(*) FROM pr),
           (SELECT count(*) FROM pr WHERE status = 'active'),
           (SELECT count(*) FROM pr WHERE status = 'active' AND id IN (SELECT priority_id FROM busy)),
           (SELECT count(*) FROM pr WHERE identified_meeting_id IN (SELECT id FROM recent_q)
               OR identified_on IN (SELECT date FROM recent_q)),
           (SELECT count(*) FROM recent_q),
           (SELECT max(identified_on) FROM pr)
"""


def agenda_stale(
    conn: Connection,
    *,
    partnership_id: int,
    as_of: dt.date,
    th: Thresholds,
    cadence: str = Cadence.QUARTERLY.value,
) -> Sign:
    """Sign 4: new priorities at recent full-partnership meetings; team activity on active ones.
    (long: the sign's four outcomes read in the guide's order, each with its sentence)"""
    t = th.agenda_stale
    start = as_of - dt.timedelta(days=t.activity_days)
    n = meetings_in(t.recent_months, cadence)
    params = {"p": partnership_id, "d": as_of, "s": start, "n": n, "full": list(FULL_KINDS)}
    row = one(conn, _COUNTS, params)
    assert row is not None
    total, active, busy, new_recent, quarterlies, last_new = row
    evidence = {
        "priorities": total,
        "active": active,
        "active_with_team_activity": busy,
        "new_at_recent_quarterlies": new_recent,
        "recent_quarterlies": quarterlies,
        "last_new_priority": last_new.isoformat() if last_new else None,
    }
    fresh = agenda_freshness(
        conn, partnership_id=partnership_id, since=months_before(as_of, t.new_priority_months), as_of=as_of
    )
    evidence["last_new_from_full_meeting"] = fresh.last_new.isoformat() if fresh.last_new else None
    if total == 0:
        text = "No priorities recorded yet: add them on the Priorities page."
        return Sign(SID, SignStatus.UNKNOWN, text, evidence)
    if new_recent == 0 and (active == 1 or busy == 0):
        what = (
            "a single active priority"
            if active == 1
            else f"no action-team activity in {t.activity_days} days"
        )
        text = f"No new priority at the last {quarterlies} full-partnership meetings, and {what}."
        return Sign(SID, SignStatus.FLAG, text, evidence)
    if fresh.stale:
        last = f" (the last on {fresh.last_new:%d %b %Y})" if fresh.last_new else ""
        text = (f"No new priority has come from a full-partnership meeting in {t.new_priority_months} "
                f"months{last}, however busy the current ones are.")
        return Sign(SID, SignStatus.FLAG, text, evidence)
    if active == 1:
        return Sign(SID, SignStatus.WATCH, "The partnership is down to a single active priority.", evidence)
    text = f"{active} active priorities, {busy} with recent action-team work."
    return Sign(SID, SignStatus.OK, text, evidence)
