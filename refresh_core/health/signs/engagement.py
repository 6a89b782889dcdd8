"""Sign 1: industry engagement is waning.

Fewer industry leaders at the regular full-partnership meetings (a trend over
months, so a monthly partnership is judged on the same span as a quarterly
one; launch and refresh meetings are events and stay out of it), public
partners outnumbering industry leaders at the latest full meeting, and active
action teams without an industry participant.

A person counts by the kind of the organisation they came with to that meeting
(:mod:`refresh_core.health.attendance`); people from unclassified organisations
are their own band. :data:`FACTS_SQL` gathers the facts for a set of
partnerships at once; :func:`judge` reads one partnership's row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from refresh_core.db import Connection
from refresh_core.enums import FULL_KINDS, REGULAR_KIND, SignId, SignStatus
from refresh_core.health.signs.common import CADENCE_N, Sign, by_cadence, facts, sentence, undecided
from refresh_core.health.thresholds import Thresholds

SID = SignId.INDUSTRY_ENGAGEMENT_WANING

# An attendee's kind: by the organisation they came with that day (else their current one).
_KIND = """coalesce(o.kind, 'unclassified') AS org_kind
    FROM meeting m JOIN attendance a ON a.meeting_id = m.id JOIN person p ON p.id = a.person_id
    LEFT JOIN organisation o ON o.id = coalesce(a.organisation_id, p.organisation_id)"""

FACTS_SQL = f"""
WITH ps AS (SELECT p.id AS partnership_id, {CADENCE_N} AS n FROM partnership p
            WHERE (p.id = ANY($ids))),
att AS (  -- attendance at full meetings up to $d, by the kind of the organisation of the day
    SELECT m.partnership_id, m.id AS meeting_id, m.date, m.kind, a.person_id, {_KIND}
    WHERE (m.partnership_id = ANY($ids)) AND m.date <= $d AND (m.kind = ANY($full))),
team_att AS (  -- the same at action-team meetings after $team_since
    SELECT m.action_team_id, a.person_id, {_KIND}
    WHERE (m.partnership_id = ANY($ids)) AND m.date <= $d AND m.kind = 'action_team'
      AND m.date > $team_since),
fm AS (  -- full meetings: attendees by kind (a person attends a meeting once: the attendance key)
    SELECT meeting_id, min(partnership_id) AS partnership_id, min(date) AS date,
           min(kind) = $regular AS regular,
           count(*) FILTER (WHERE org_kind = 'industry') AS industry,
           count(*) FILTER (WHERE org_kind = 'public_partner') AS public_partner,
           count(*) FILTER (WHERE org_kind = 'unclassified') AS unclassified
    FROM att GROUP BY meeting_id),
ranked AS (  -- the full meetings with attendance, counted back from the latest (regular ones apart)
    SELECT fm.*, ps.n,
           row_number() OVER (PARTITION BY fm.partnership_id ORDER BY date DESC, meeting_id DESC) AS back,
           row_number() OVER (PARTITION BY fm.partnership_id, regular ORDER BY date DESC, meeting_id DESC)
               AS back_kind
    FROM fm JOIN ps USING (partnership_id)
    WHERE industry + public_partner + unclassified > 0),
spans AS (  -- the earlier window's first regular meeting
    SELECT *, max(date) FILTER (WHERE regular AND back_kind = 2 * n)
                  OVER (PARTITION BY partnership_id) AS prior_start
    FROM ranked),
room AS (
    SELECT partnership_id, count(*) AS full_meetings, count(*) FILTER (WHERE regular) AS regular_meetings,
           max(date) FILTER (WHERE back = 1) AS latest_meeting,
           max(industry) FILTER (WHERE back = 1) AS latest_industry,
           max(public_partner) FILTER (WHERE back = 1) AS latest_public_partner,
           max(unclassified) FILTER (WHERE back = 1) AS latest_unclassified,
           sum(industry) FILTER (WHERE regular AND back_kind <= n) AS recent_industry,
           sum(industry) FILTER (WHERE regular AND back_kind > n AND back_kind <= 2 * n) AS prior_industry,
           sum(unclassified) FILTER (WHERE regular AND back_kind <= n) AS recent_unclassified,
           sum(unclassified) FILTER (WHERE regular AND back_kind > n AND back_kind <= 2 * n)
               AS prior_unclassified,
           max(prior_start) AS prior_start,
           sum(unclassified) FILTER (WHERE date >= prior_start) AS unclassified_since_prior_start,
           array_agg(industry ORDER BY date, meeting_id) FILTER (WHERE back <= 3) AS industry_last_three
    FROM spans GROUP BY partnership_id),
teams AS (  -- active teams: distinct attendees by kind at their meetings of the last days
    SELECT t.partnership_id, t.id, t.name, t.chartered_on <= $team_since AS settled,
           count(DISTINCT a.person_id) FILTER (WHERE a.org_kind = 'industry') AS industry,
           count(DISTINCT a.person_id) FILTER (WHERE a.org_kind = 'unclassified') AS unclassified
    FROM action_team t
    LEFT JOIN team_att a ON a.action_team_id = t.id
    WHERE (t.partnership_id = ANY($ids)) AND t.status = 'active' AND t.chartered_on <= $d
    GROUP BY t.partnership_id, t.id, t.name, t.chartered_on),
team_facts AS (
    SELECT partnership_id, sum(unclassified) AS team_unclassified,
           array_agg(name) FILTER (WHERE settled AND industry = 0) AS idle_teams,
           array_agg(name) FILTER (WHERE settled AND industry + unclassified = 0) AS idle_teams_if_industry
    FROM teams GROUP BY partnership_id)
SELECT ps.partnership_id, ps.n, coalesce(room.full_meetings, 0) AS full_meetings,
       coalesce(room.regular_meetings, 0) AS regular_meetings, room.latest_meeting, room.latest_industry,
       room.latest_public_partner, room.latest_unclassified, room.recent_industry, room.prior_industry,
       room.recent_unclassified, room.prior_unclassified, room.prior_start,
       room.unclassified_since_prior_start, room.industry_last_three,
       coalesce(team_facts.team_unclassified, 0) AS team_unclassified,
       team_facts.idle_teams, team_facts.idle_teams_if_industry
FROM ps LEFT JOIN room USING (partnership_id) LEFT JOIN team_facts USING (partnership_id)
"""


def engagement_facts(
    conn: Connection, *, partnership_ids: Sequence[int], as_of: dt.date, th: Thresholds
) -> dict[int, dict[str, Any]]:
    """Sign 1's facts for every partnership in ``partnership_ids`` as of a date, in one query."""
    t = th.industry_engagement
    params = {
        "ids": list(partnership_ids), "d": as_of, "full": list(FULL_KINDS), "regular": REGULAR_KIND.value,
        "team_since": as_of - dt.timedelta(days=t.team_activity_days), **by_cadence(t.window_months),
    }
    return facts(conn, FACTS_SQL, params)


@dataclass(frozen=True)
class Trend:
    share: float | None  # recent mean / prior mean of industry leaders at regular meetings
    meetings: int  # regular meetings per window
    evidence: dict[str, Any]


def trend(*, recent: int, prior: int, regular_meetings: int, n: int, months: int) -> Trend:
    """Industry leaders at the last ``n`` regular meetings (sum ``recent``) against the ``n`` before
    (sum ``prior``): no trend until there are ``2 n`` regular meetings and someone came to the earlier."""
    evidence: dict[str, Any] = {"window_months": months, "window_meetings": n}
    if regular_meetings < 2 * n or prior / n <= 0:
        return Trend(None, n, evidence)
    recent_mean, prior_mean = recent / n, prior / n
    share = recent_mean / prior_mean
    evidence |= {
        "recent_mean": round(recent_mean, 1),
        "prior_mean": round(prior_mean, 1),
        "change_pct": round((share - 1) * 100),
    }
    return Trend(share, n, evidence)


@dataclass(frozen=True)
class Reading:
    """One way of counting the room: the latest meeting, the trend and the teams without industry."""

    industry: int
    public: int
    found: Trend
    idle: list[str]


def _judge(latest: dt.date, reading: Reading, *, th: Thresholds) -> Sign:
    """The sign from one reading of the facts."""
    t = th.industry_engagement
    industry, public, found = reading.industry, reading.public, reading.found
    ratio = round(industry / public, 2) if public else None
    evidence: dict[str, Any] = {
        "latest_meeting": latest.isoformat(), "latest_industry": industry, "latest_public_partner": public,
        "industry_per_public": ratio,
    }
    evidence |= found.evidence
    evidence["teams_without_industry"] = reading.idle
    flag, watch, span = [], [], f"the last {found.meetings} regular meetings ({t.window_months} months)"
    if public > industry:
        flag.append(
            f"public partners outnumbered industry leaders ({public} to {industry}) at the latest meeting"
        )
    elif ratio is not None and t.watch_ratio_low <= ratio < t.watch_ratio_high:
        watch.append(f"industry leaders barely outnumber public partners ({industry} to {public})")
    if found.share is not None and found.share <= t.flag_share:
        flag.append(f"industry attendance fell {round((1 - found.share) * 100)}% over {span}")
    elif found.share is not None and found.share < t.watch_share:
        watch.append(f"industry attendance dipped {round((1 - found.share) * 100)}% over {span}")
    if reading.idle:
        flag.append(f"no industry leader joined {', '.join(reading.idle)} in {t.team_activity_days} days")
    if flag or watch:
        return Sign(SID, SignStatus.FLAG if flag else SignStatus.WATCH, sentence(flag or watch), evidence)
    ok = f"Industry leaders outnumber public partners ({industry} to {public}) and attendance is holding."
    return Sign(SID, SignStatus.OK, ok, evidence)


def _readings(f: Mapping[str, Any], *, months: int) -> tuple[Reading, Reading, Reading]:
    """The facts read as counted, with every unclassified attendee as industry, and as public partners."""
    n, regular = int(f["n"]), int(f["regular_meetings"])
    ind, pub, unc = int(f["latest_industry"]), int(f["latest_public_partner"]), int(f["latest_unclassified"])
    recent, prior = int(f["recent_industry"] or 0), int(f["prior_industry"] or 0)
    recent_unc, prior_unc = int(f["recent_unclassified"] or 0), int(f["prior_unclassified"] or 0)
    found = trend(recent=recent, prior=prior, regular_meetings=regular, n=n, months=months)
    idle = sorted(f["idle_teams"] or [])
    as_industry = Reading(
        ind + unc, pub,
        trend(recent=recent + recent_unc, prior=prior + prior_unc, regular_meetings=regular, n=n,
              months=months),
        sorted(f["idle_teams_if_industry"] or []),
    )
    return Reading(ind, pub, found, idle), as_industry, Reading(ind, pub + unc, found, idle)


def judge(f: Mapping[str, Any], *, th: Thresholds) -> Sign:
    """Sign 1 for one partnership from its row of :data:`FACTS_SQL`."""
    t = th.industry_engagement
    if f["full_meetings"] < t.min_meetings:
        text = (f"Needs at least {t.min_meetings} full-partnership meetings with attendance; "
                f"{f['full_meetings']} recorded so far.")
        return Sign(SID, SignStatus.UNKNOWN, text, {"full_meetings": int(f["full_meetings"])})
    latest: dt.date = f["latest_meeting"]
    counted, as_industry, as_public = _readings(f, months=t.window_months)
    base = _judge(latest, counted, th=th)
    trended = counted.found.share is not None
    unclassified = int((f["unclassified_since_prior_start"] if trended else f["latest_unclassified"]) or 0)
    unclassified += int(f["team_unclassified"])
    day = (f["prior_start"] if trended else latest).isoformat()
    who = f"{unclassified} {'attendance' if unclassified == 1 else 'attendances'} at the meetings judged"
    return undecided(
        base,
        if_industry=_judge(latest, as_industry, th=th) if unclassified else base,
        if_public=_judge(latest, as_public, th=th) if unclassified else base,
        count=unclassified,
        key="unclassified_attendances",
        who=who,
        since=day,
    )
