"""Closing the meeting: the recap the facilitator reads out, and the follow-up email draft.

The guide: "Close the meeting with a recap of what you discussed and an
outline of next steps", then follow up promptly (survey and team meetings
within two weeks, the next full-partnership meeting within 90 days).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from refresh_core import words
from refresh_core.db import Connection
from refresh_core.meeting.followups import FollowupKind, clock
from refresh_core.meetings import Meeting, get_meeting
from refresh_core.partnerships import get_partnership_by_id


@dataclass(frozen=True)
class Recap:
    meeting: Meeting
    decisions: pd.DataFrame  # priority_id, title, status, team, champions, members
    clock: pd.DataFrame
    read_out: str
    email_subject: str
    email_body: str
    recipients: tuple[str, ...]


def decisions(conn: Connection, *, meeting_id: int) -> pd.DataFrame:
    """Priorities set or continued at the meeting, with their team, champions and member count."""
    return conn.execute(
        """WITH here AS (SELECT id FROM priority WHERE identified_meeting_id = $m
                         UNION SELECT priority_id FROM commitment WHERE meeting_id = $m
                         UNION SELECT priority_id FROM idea_category WHERE meeting_id = $m
                               AND priority_id IS NOT NULL),
                team AS (SELECT DISTINCT ON (priority_id) id, priority_id, name, status FROM action_team
                         ORDER BY priority_id, status = 'active' DESC, chartered_on DESC)
           SELECT p.id AS priority_id, p.title, p.status, t.name AS team,
                  (SELECT string_agg(x.full_name, ', ' ORDER BY x.full_name) FROM team_member tm
                     JOIN person x ON x.id = tm.person_id WHERE tm.team_id = t.id AND tm.role = 'champion')
                     AS champions,
                  (SELECT count(*) FROM team_member tm WHERE tm.team_id = t.id AND tm.role = 'member')
                     AS members
           FROM priority p JOIN here ON here.id = p.id
           LEFT JOIN team t ON t.priority_id = p.id AND p.status = 'active'
           ORDER BY p.status <> 'active', p.id""",
        {"m": meeting_id},
    ).df()


def _due(items: pd.DataFrame, kind: FollowupKind) -> dt.date | None:
    rows = items[items["kind"] == kind.value]
    return pd.Timestamp(rows["due"].min()).date() if len(rows) else None


def _lines(found: pd.DataFrame, items: pd.DataFrame) -> tuple[list[str], list[str], list[str]]:
    """(agreed, parked, next steps) as plain lines."""
    active = found[found["status"] == "active"]
    agreed = [
        (r["title"] if r["team"] in (None, r["title"]) else f"{r['title']} ({r['team']} team)")
        + f", championed by {r['champions'] or 'its champions'}"
        + (f", with {r['members']} member{'s' if r['members'] != 1 else ''}" if r["members"] else "")
        for r in active.to_dict("records")
    ]
    parked = found[found["status"] == "on_hold"]["title"].tolist()
    steps = []
    survey, team, full = (
        _due(items, k) for k in (FollowupKind.SURVEY, FollowupKind.TEAM_MEETING, FollowupKind.FULL_MEETING)
    )
    if survey:
        steps.append(f"By {words.day(survey, '%B %Y')}: a short survey to everyone who came today.")
    if team:
        steps.append(f"By {words.day(team, '%B %Y')}: a first meeting for each action team, set up with its "
                     "champions.")
    if len(items[items["kind"] == FollowupKind.ONE_ON_ONE.value]):
        steps.append("In the coming weeks: a one-on-one conversation with each new champion.")
    if full:
        steps.append(f"By {words.day(full, '%B %Y')}: our next full-partnership meeting, where teams report "
                     "back.")
    return agreed, parked, steps


def read_out_text(agreed: list[str], parked: list[str], steps: list[str], *, email: bool = False) -> str:
    """What the facilitator says to close the meeting (or, with ``email``, writes afterwards)."""
    parts = ["Thank you all. Here is what we agreed today."]
    parts += (
        ["Priorities going forward, each with an action team:"] + [f"- {a}." for a in agreed]
        if agreed
        else ["No priority found a champion today, so no action team goes forward yet."]
    )
    if parked:
        parts.append(
            "Parked for now, because no one has stepped up to champion them: "
            + ", ".join(parked)
            + ". This partnership only moves an initiative forward when it has champions: if you "
            + (
                "would champion one of these, reply to this email."
                if email
                else "would champion one of these, tell us today or reply to the follow-up email."
            )
        )
    if steps:
        parts += ["Next steps:"] + [f"- {s}" for s in steps]
    return "\n".join(parts)


def recap(conn: Connection, *, meeting_id: int, as_of: dt.date | None = None) -> Recap:
    """The closing summary and the follow-up email draft for a meeting."""
    meeting = get_meeting(conn, meeting_id=meeting_id)
    found = decisions(conn, meeting_id=meeting_id)
    items = clock(
        conn, partnership_id=meeting.partnership_id, as_of=as_of or meeting.date, meeting_id=meeting_id
    )
    agreed, parked, steps = _lines(found, items)
    text = read_out_text(agreed, parked, steps)
    partnership = get_partnership_by_id(conn, partnership_id=meeting.partnership_id)
    subject = f"{partnership.name}: thank you, and what we agreed on {words.day(meeting.date, '%B %Y')}"
    body = "\n\n".join(
        [
            "Dear colleagues,",
            f"Thank you for joining us at \u201c{meeting.title}\u201d on {words.day(meeting.date, '%B %Y')}. "
            "Your ideas and commitments set the partnership's direction.",
            read_out_text(agreed, parked, steps, email=True).replace(
                "Thank you all. Here is what we agreed today.\n", "What we agreed:\n"
            ),
            "Please take five minutes to tell us how the meeting went: [survey link]",
            "With thanks,\n[your name], on behalf of the champions",
        ]
    )
    emails = conn.execute(
        """SELECT DISTINCT x.email FROM attendance a JOIN person x ON x.id = a.person_id
           WHERE a.meeting_id = ? AND x.email IS NOT NULL AND x.email <> '' ORDER BY 1""",
        [meeting_id],
    ).fetchall()
    return Recap(meeting, found, items, text, subject, body, tuple(e[0] for e in emails))
