"""One meeting at a glance: who came, what was said, what was decided, what follows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from refresh_core import words
from refresh_core.db import Connection, one
from refresh_core.enums import FULL_KINDS
from refresh_core.meeting.followups import clock
from refresh_core.meeting.principles import PrincipleReview, latest_review
from refresh_core.meeting.recap import decisions
from refresh_core.meeting.stickywall import categories
from refresh_core.meetings import Meeting, get_meeting


@dataclass(frozen=True)
class Attendance:
    industry: int
    public_partner: int
    unknown: int
    observers: int
    new_industry_leaders: tuple[str, ...]  # at their first full-partnership meeting
    new_companies: tuple[str, ...]


@dataclass(frozen=True)
class MeetingSummary:
    meeting: Meeting
    attendance: Attendance
    ideas: int
    categories: pd.DataFrame  # name, votes, ideas, priority, outcome
    decisions: pd.DataFrame  # title, status, team, champions, members
    commitments: pd.DataFrame  # person, organisation, role, priority, new_champion
    clock: pd.DataFrame
    takeaway: str
    principles_review: PrincipleReview | None = None  # the core principles reaffirmed or changed here


def attendance(conn: Connection, *, meeting: Meeting) -> Attendance:
    """Distinct attendees by the kind of the organisation they came with that day, observers, and
    industry newcomers (people and companies)."""
    frame = conn.execute(
        """WITH firsts AS (
             SELECT a.person_id, coalesce(a.organisation_id, x.organisation_id) AS organisation_id,
                    min(m.date) OVER (PARTITION BY a.person_id) AS pf,
                    min(m.date) OVER (PARTITION BY coalesce(a.organisation_id, x.organisation_id)) AS of
             FROM attendance a JOIN meeting m ON m.id = a.meeting_id JOIN person x ON x.id = a.person_id
             WHERE m.partnership_id = $p AND (m.kind = ANY($full)))
           SELECT DISTINCT x.full_name, coalesce(o.kind, 'unclassified') AS kind, a.role, o.name AS org,
                  (SELECT min(pf) FROM firsts f WHERE f.person_id = x.id) AS person_first,
                  (SELECT min(of) FROM firsts f WHERE f.organisation_id = o.id) AS org_first
           FROM attendance a JOIN person x ON x.id = a.person_id
           LEFT JOIN organisation o ON o.id = coalesce(a.organisation_id, x.organisation_id)
           WHERE a.meeting_id = $m""",
        {"p": meeting.partnership_id, "m": meeting.id, "full": list(FULL_KINDS)},
    ).df()
    industry = frame[frame["kind"] == "industry"]
    day = pd.Timestamp(meeting.date)
    new_people = industry[industry["person_first"] == day]["full_name"]
    new_orgs = industry[industry["org_first"] == day]["org"].dropna().unique()
    return Attendance(
        len(industry),
        int((frame["kind"] == "public_partner").sum()),
        int((frame["kind"] == "unclassified").sum()),
        int((frame["role"] == "observer").sum()),
        tuple(sorted(new_people)),
        tuple(sorted(new_orgs)),
    )


def commitments(conn: Connection, *, meeting_id: int) -> pd.DataFrame:
    """Who stepped up at the meeting (names and companies only)."""
    return conn.execute(
        """SELECT x.full_name AS person, o.name AS organisation, c.role, p.title AS priority, c.new_champion
           FROM commitment c JOIN person x ON x.id = c.person_id
           LEFT JOIN organisation o ON o.id = x.organisation_id JOIN priority p ON p.id = c.priority_id
           WHERE c.meeting_id = ? ORDER BY p.title, c.role, x.full_name""",
        [meeting_id],
    ).df()


def _room(att: Attendance) -> str:
    """Who outnumbered whom (a tie called a tie), the attendees from organisations not classified yet
    (neither industry nor public partners), and how many industry leaders were new."""
    industry = words.count(att.industry, "industry leader")
    public = words.count(att.public_partner, "public partner")
    if att.industry == att.public_partner == 0:  # nobody classified yet: nothing to call even
        who = ("The one attendee came from an organisation" if att.unknown == 1
               else f"All {att.unknown:,} attendees came from organisations")
        return f"{who} not classified yet, so no balance of industry leaders and public partners shows"
    if att.industry > att.public_partner:
        room = f"{industry} outnumbered {public}"
    elif att.industry == att.public_partner:
        room = f"Industry leaders and public partners were even, {att.industry} to {att.public_partner}"
    else:
        room = f"{public} outnumbered {industry}"
    if att.unknown:  # their own band, so the numbers add up to the attendance
        room += f" (and {att.unknown} not classified yet)"
    new = len(att.new_industry_leaders)
    return room + ", " + (words.count(new, "new industry leader") if new else "no new industry leader")


def summary_takeaway(att: Attendance, found: pd.DataFrame, ideas: int) -> str:
    """One sentence on the meeting."""
    if att.industry + att.public_partner + att.unknown == 0:
        room = "No attendance recorded yet"
    else:
        room = _room(att)
    teams = int((found["status"] == "active").sum()) if len(found) else 0
    parked = int((found["status"] == "on_hold").sum()) if len(found) else 0
    outcomes = (words.count(teams, "priority", "priorities") + " with champions" if teams
                else "no priority with champions")
    outcomes += f", {parked} parked" if parked else ""
    wall = f"{words.count(ideas, 'idea')} on the wall" if ideas else "no sticky wall"
    return f"{room}; {wall}; {outcomes}."


def meeting_summary(
    conn: Connection, *, meeting_id: int, partnership_id: int, as_of: dt.date
) -> MeetingSummary:
    """Everything the meeting summary page shows for one meeting."""
    meeting = get_meeting(conn, meeting_id=meeting_id, partnership_id=partnership_id)
    att = attendance(conn, meeting=meeting)
    row = one(conn, "SELECT count(*) FROM idea WHERE meeting_id = ?", [meeting_id])
    ideas = int(row[0]) if row else 0
    found = decisions(conn, meeting_id=meeting_id)
    cats = categories(conn, meeting_id=meeting_id)[["name", "votes", "ideas", "priority", "outcome"]]
    return MeetingSummary(
        meeting,
        att,
        ideas,
        cats,
        found,
        commitments(conn, meeting_id=meeting_id),
        clock(conn, partnership_id=partnership_id, as_of=as_of, meeting_id=meeting_id),
        summary_takeaway(att, found, ideas),
        latest_review(conn, partnership_id=partnership_id, meeting_id=meeting_id),
    )
