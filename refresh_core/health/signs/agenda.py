"""Sign 4: the agenda is stale.

The guide expects new priorities "regularly at quarterly meetings"; a refresh or
launch meeting is where priorities are set too, so all three kinds count. The
meetings looked at span about the same months whatever the cadence.
:data:`FACTS_SQL` gathers the facts for a set of partnerships at once; :func:`judge`
reads one partnership's row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from refresh_core import words
from refresh_core.db import Connection
from refresh_core.enums import FULL_KINDS, SignId, SignStatus
from refresh_core.health.agenda_fresh import AgendaFreshness
from refresh_core.health.signs.common import CADENCE_N, Sign, by_cadence, facts, months_before
from refresh_core.health.thresholds import Thresholds

SID = SignId.AGENDA_STALE

# Per partnership: priorities identified up to $d, the active ones, those with action-team meetings
# after $s, those from the last n full meetings (n by cadence), and when a full meeting (recorded at
# one, or identified the day one was held) last produced a new priority.
FACTS_SQL = f"""
WITH ps AS (SELECT p.id AS partnership_id, {CADENCE_N} AS n FROM partnership p
            WHERE (p.id = ANY($ids))),
pr AS (SELECT id, partnership_id, status, identified_on, identified_meeting_id FROM priority
       WHERE identified_on <= $d AND (partnership_id = ANY($ids))),
full_m AS (
    SELECT m.partnership_id, m.id, m.date,
           row_number() OVER (PARTITION BY m.partnership_id ORDER BY m.date DESC, m.id DESC) AS back
    FROM meeting m WHERE (m.partnership_id = ANY($ids)) AND (m.kind = ANY($full))
      AND m.date <= $d),
recent_q AS (SELECT full_m.* FROM full_m JOIN ps USING (partnership_id) WHERE back <= ps.n),
busy AS (SELECT DISTINCT t.priority_id FROM action_team t
         JOIN meeting m ON m.action_team_id = t.id AND m.kind = 'action_team'
         WHERE (t.partnership_id = ANY($ids)) AND m.date > $s AND m.date <= $d),
recent_new AS (SELECT DISTINCT pr.id FROM pr JOIN recent_q q ON q.partnership_id = pr.partnership_id
               AND (q.id = pr.identified_meeting_id OR q.date = pr.identified_on)),
full_new AS (SELECT DISTINCT pr.id, pr.partnership_id, pr.identified_on FROM pr
             JOIN full_m q ON q.partnership_id = pr.partnership_id
             AND (q.id = pr.identified_meeting_id OR q.date = pr.identified_on)),
counts AS (
    SELECT partnership_id, count(*) AS priorities, count(*) FILTER (WHERE status = 'active') AS active,
           count(*) FILTER (WHERE status = 'active' AND id IN (SELECT priority_id FROM busy)) AS busy,
           count(*) FILTER (WHERE id IN (SELECT id FROM recent_new)) AS new_recent,
           max(identified_on) AS last_new
    FROM pr GROUP BY partnership_id)
SELECT ps.partnership_id, coalesce(counts.priorities, 0) AS priorities, coalesce(counts.active, 0) AS active,
       coalesce(counts.busy, 0) AS busy, coalesce(counts.new_recent, 0) AS new_recent,
       (SELECT count(*) FROM recent_q WHERE recent_q.partnership_id = ps.partnership_id) AS recent_full,
       counts.last_new,
       (SELECT min(date) FROM full_m WHERE full_m.partnership_id = ps.partnership_id) AS first_full,
       (SELECT max(identified_on) FROM full_new WHERE full_new.partnership_id = ps.partnership_id)
           AS last_new_full
FROM ps LEFT JOIN counts USING (partnership_id)
"""


def agenda_facts(
    conn: Connection, *, partnership_ids: Sequence[int], as_of: dt.date, th: Thresholds
) -> dict[int, dict[str, Any]]:
    """Sign 4's facts for every partnership in ``partnership_ids`` as of a date, in one query."""
    t = th.agenda_stale
    params = {
        "ids": list(partnership_ids), "d": as_of, "full": list(FULL_KINDS),
        "s": as_of - dt.timedelta(days=t.activity_days), **by_cadence(t.recent_months),
    }
    return facts(conn, FACTS_SQL, params)


def judge(f: Mapping[str, Any], *, as_of: dt.date, th: Thresholds) -> Sign:
    """Sign 4 for one partnership from its row of :data:`FACTS_SQL`: new priorities at recent
    full-partnership meetings; team activity on active ones. (long: the sign's four outcomes read in
    the guide's order, each with its sentence)"""
    t = th.agenda_stale
    total, active, busy = int(f["priorities"]), int(f["active"]), int(f["busy"])
    new_recent, quarterlies, last_new = int(f["new_recent"]), int(f["recent_full"]), f["last_new"]
    since = months_before(as_of, t.new_priority_months)
    first_full = f["first_full"]
    fresh = AgendaFreshness(
        since=since, judged=first_full is not None and first_full <= since, last_new=f["last_new_full"]
    )
    evidence = {
        "priorities": total,
        "active": active,
        "active_with_team_activity": busy,
        "new_at_recent_quarterlies": new_recent,
        "recent_quarterlies": quarterlies,
        "last_new_priority": last_new.isoformat() if last_new else None,
        "last_new_from_full_meeting": fresh.last_new.isoformat() if fresh.last_new else None,
    }
    if total == 0:
        text = "No priorities recorded yet (they are kept on the Priorities & teams page)."
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
        last = f" (the last on {words.day(fresh.last_new)})" if fresh.last_new else ""
        text = (f"No new priority has come from a full-partnership meeting in {t.new_priority_months} "
                f"months{last}, however busy the current ones are.")
        return Sign(SID, SignStatus.FLAG, text, evidence)
    if active == 1:
        return Sign(SID, SignStatus.WATCH, "The partnership is down to a single active priority.", evidence)
    text = f"{active} active priorities, {busy} with recent action-team work."
    return Sign(SID, SignStatus.OK, text, evidence)
