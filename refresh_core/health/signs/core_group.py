"""Sign 2: the same core group, no new members.

New industry leaders (first full-partnership meeting ever) and new companies
(an organisation not seen before at a full meeting, counted by the organisation
people came with that day) over the last months. :data:`FACTS_SQL` gathers the
facts for a set of partnerships at once; :func:`judge` reads one partnership's row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from refresh_core.db import Connection
from refresh_core.enums import FULL_KINDS, SignId, SignStatus
from refresh_core.health.signs.common import Sign, facts, months_before, undecided
from refresh_core.health.thresholds import Thresholds

SID = SignId.SAME_CORE_GROUP

# Per partnership, over attendance at full meetings after $start (up to $d): industry attendees, new ones
# (first full meeting after $start), new companies, the attendances of the $core most regular, and the
# same counts with the attendees from unclassified organisations taken as industry ("_if_industry").
FACTS_SQL = """
WITH fa AS MATERIALIZED (  -- attendance at full meetings up to $d, by the organisation of the day
    SELECT m.partnership_id, m.date, a.person_id, p.level,
           coalesce(a.organisation_id, p.organisation_id) AS organisation_id,
           coalesce(o.kind, 'unclassified') AS org_kind
    FROM meeting m JOIN attendance a ON a.meeting_id = m.id JOIN person p ON p.id = a.person_id
    LEFT JOIN organisation o ON o.id = coalesce(a.organisation_id, p.organisation_id)
    WHERE (m.partnership_id = ANY($ids)) AND m.date <= $d AND (m.kind = ANY($full))),
people AS (  -- each attendee: new when their first full meeting is after $start; their kind in the window
    SELECT person_id, min(partnership_id) AS partnership_id, min(date) > $start AS new,
           bool_or(date > $start AND org_kind = 'industry') AS ind,
           bool_or(date > $start AND org_kind = 'unclassified') AS unc,
           bool_or(date > $start AND org_kind = 'industry' AND level = 'mid_level') AS mid,
           count(*) FILTER (WHERE date > $start AND org_kind = 'industry') AS times
    FROM fa GROUP BY person_id),
orgs AS (  -- each organisation people came with: new when first seen after $start; its kind in the window
    SELECT organisation_id, min(partnership_id) AS partnership_id, min(date) > $start AS new,
           bool_or(date > $start AND org_kind = 'industry') AS ind,
           bool_or(date > $start AND org_kind = 'unclassified') AS unc
    FROM fa WHERE organisation_id IS NOT NULL GROUP BY organisation_id),
regulars AS (  -- industry attendances per person, most first
    SELECT partnership_id, times,
           row_number() OVER (PARTITION BY partnership_id ORDER BY times DESC, person_id) AS rank
    FROM people WHERE ind),
core AS (
    SELECT partnership_id, sum(times) FILTER (WHERE rank <= $core) AS core_attendances,
           sum(times) AS attendances
    FROM regulars GROUP BY partnership_id),
counts AS (
    SELECT partnership_id,
           count(*) FILTER (WHERE ind) AS people,
           count(*) FILTER (WHERE ind AND new) AS new_people,
           count(*) FILTER (WHERE mid) AS mid_level,
           count(*) FILTER (WHERE unc) AS unclassified_people,
           count(*) FILTER (WHERE ind OR unc) AS people_if_industry,
           count(*) FILTER (WHERE (ind OR unc) AND new) AS new_people_if_industry
    FROM people GROUP BY partnership_id),
new_orgs AS (
    SELECT partnership_id, count(*) FILTER (WHERE ind AND new) AS new_orgs,
           count(*) FILTER (WHERE (ind OR unc) AND new) AS new_orgs_if_industry
    FROM orgs GROUP BY partnership_id),
started AS (SELECT partnership_id, min(date) AS first_meeting FROM meeting
            WHERE (partnership_id = ANY($ids)) GROUP BY partnership_id),
recent AS (  -- full meetings held in the window: without one, nobody could have joined
    SELECT partnership_id, count(*) AS window_meetings FROM meeting
    WHERE (partnership_id = ANY($ids)) AND (kind = ANY($full)) AND date > $start AND date <= $d
    GROUP BY partnership_id)
SELECT p.id AS partnership_id, started.first_meeting,
       coalesce(recent.window_meetings, 0) AS window_meetings,
       coalesce(core.attendances, 0) AS attendances, coalesce(counts.people, 0) AS people,
       coalesce(counts.new_people, 0) AS new_people, coalesce(new_orgs.new_orgs, 0) AS new_orgs,
       coalesce(counts.mid_level, 0) AS mid_level, coalesce(core.core_attendances, 0) AS core_attendances,
       coalesce(counts.unclassified_people, 0) AS unclassified_people,
       coalesce(counts.people_if_industry, 0) AS people_if_industry,
       coalesce(counts.new_people_if_industry, 0) AS new_people_if_industry,
       coalesce(new_orgs.new_orgs_if_industry, 0) AS new_orgs_if_industry
FROM partnership p LEFT JOIN started ON started.partnership_id = p.id
LEFT JOIN counts ON counts.partnership_id = p.id LEFT JOIN core ON core.partnership_id = p.id
LEFT JOIN new_orgs ON new_orgs.partnership_id = p.id LEFT JOIN recent ON recent.partnership_id = p.id
WHERE (p.id = ANY($ids))
"""


def core_group_facts(
    conn: Connection, *, partnership_ids: Sequence[int], as_of: dt.date, th: Thresholds
) -> dict[int, dict[str, Any]]:
    """Sign 2's facts for every partnership in ``partnership_ids`` as of a date, in one query."""
    t = th.same_core_group
    params = {
        "ids": list(partnership_ids), "d": as_of, "full": list(FULL_KINDS),
        "start": months_before(as_of, t.window_months), "core": t.core_size,
    }
    return facts(conn, FACTS_SQL, params)


def _status(people: int, new_people: int, new_orgs: int, *, th: Thresholds) -> SignStatus:
    if new_people == 0 and new_orgs == 0:
        return SignStatus.FLAG
    if (new_people / people if people else 0.0) < th.same_core_group.watch_new_share:
        return SignStatus.WATCH
    return SignStatus.OK


def _judge(f: Mapping[str, Any], *, start: dt.date, th: Thresholds) -> Sign:
    months = th.same_core_group.window_months
    people, new_people, new_orgs = int(f["people"]), int(f["new_people"]), int(f["new_orgs"])
    attendances = int(f["attendances"])
    evidence = {
        "window_start": start.isoformat(),
        "counted_from": (start + dt.timedelta(days=1)).isoformat(),  # attendance after start counts
        "industry_people": people,
        "new_industry_people": new_people,
        "new_companies": new_orgs,
        "core_share": round(float(f["core_attendances"]) / attendances, 2) if attendances else None,
        "mid_level_engaged": int(f["mid_level"]),
    }
    status = _status(people, new_people, new_orgs, th=th)
    if status == SignStatus.FLAG:
        text = f"No new industry leader or company has joined a full meeting in {months} months."
    elif status == SignStatus.WATCH:
        text = f"Only {new_people} of {people} industry attendees in the last {months} months were new."
    else:
        text = (f"{new_people} new industry leaders and {new_orgs} new companies joined in the last "
                f"{months} months.")
    return Sign(SID, status, text, evidence)


def judge(f: Mapping[str, Any], *, as_of: dt.date, th: Thresholds) -> Sign:
    """Sign 2 for one partnership from its row of :data:`FACTS_SQL`; attendees from unclassified
    organisations would change the reading if they were industry leaders."""
    t = th.same_core_group
    start = months_before(as_of, t.window_months)
    first_meeting: dt.date | None = f["first_meeting"]
    if first_meeting is None or first_meeting > start:
        return Sign(
            SID,
            SignStatus.UNKNOWN,
            f"Needs {t.window_months} months of meetings to tell newcomers from founders.",
            {"first_meeting": first_meeting.isoformat() if first_meeting else None},
        )
    if not int(f["window_meetings"]):
        return Sign(
            SID,
            SignStatus.UNKNOWN,
            f"No full-partnership meeting in the last {t.window_months} months, so nobody could have "
            "joined one: hold a full meeting, then look again.",
            {"window_start": start.isoformat(),
             "counted_from": (start + dt.timedelta(days=1)).isoformat(), "full_meetings_in_window": 0},
        )
    base = _judge(f, start=start, th=th)
    count = int(f["unclassified_people"])
    as_industry = _status(
        int(f["people_if_industry"]), int(f["new_people_if_industry"]), int(f["new_orgs_if_industry"]), th=th
    )
    who = f"{count} {'attendee' if count == 1 else 'attendees'} in the last {t.window_months} months"
    return undecided(
        base,
        if_industry=Sign(SID, as_industry if count else base.status, ""),
        if_public=base,
        count=count,
        key="unclassified_attendees",
        who=who,
        since=(start + dt.timedelta(days=1)).isoformat(),  # the first day counted: attendance after start
    )
