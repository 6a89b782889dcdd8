"""What the one-page report says about a partnership, gathered in one call (no layout here).

Names of people appear (champions lead priorities in the open); contact details
never do: nothing here reads an email address or a phone number, and the PDF
scrubs any that were typed into free text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from refresh_core.db import Connection
from refresh_core.health.overview import HealthOverview, health_overview
from refresh_core.meeting.followups import clock
from refresh_core.partnerships import Partnership
from refresh_core.reports.portfolio import PortfolioRow, portfolio

RECENT_ACCOMPLISHMENTS = 3
NEXT_ITEMS = 3


@dataclass(frozen=True)
class PriorityLine:
    title: str
    teams: str | None
    champions: str | None  # names, comma-separated; None when no industry champion yet


@dataclass(frozen=True)
class LastMeeting:
    date: dt.date
    title: str
    industry: int
    public_partner: int
    new_industry: int  # industry leaders at their first full-partnership meeting
    new_priorities: tuple[str, ...]  # priorities identified at it
    unclassified: int = 0  # attendees from organisations not classified yet (neither band)


@dataclass(frozen=True)
class PartnershipReport:
    partnership: Partnership
    as_of: dt.date
    overview: HealthOverview
    row: PortfolioRow  # the partnership's portfolio row: next meeting, expected turnout, overdue
    priorities: tuple[PriorityLine, ...]
    last_meeting: LastMeeting | None
    accomplishments: tuple[tuple[dt.date, str, str], ...]  # newest first: (date, team or "", text)
    open_items: tuple[tuple[dt.date, str, bool], ...]  # next follow-through: (due, item, overdue)


def active_priorities(
    conn: Connection, *, partnership_id: int, as_of: dt.date
) -> tuple[PriorityLine, ...]:
    """Active priorities, oldest first, with their active teams and industry champions."""
    rows = conn.execute(
        """SELECT p.title,
                  (SELECT string_agg(t.name, ', ' ORDER BY t.name) FROM action_team t
                     WHERE t.priority_id = p.id AND t.status = 'active'),
                  (SELECT string_agg(DISTINCT x.full_name, ', ' ORDER BY x.full_name)
                     FROM action_team t JOIN team_member tm ON tm.team_id = t.id AND tm.role = 'champion'
                     JOIN person x ON x.id = tm.person_id JOIN organisation o ON o.id = x.organisation_id
                     WHERE t.priority_id = p.id AND t.status = 'active' AND o.kind = 'industry')
           FROM priority p WHERE p.partnership_id = ? AND p.status = 'active' AND p.identified_on <= ?
           ORDER BY p.identified_on, p.id""",
        [partnership_id, as_of],
    ).fetchall()
    return tuple(PriorityLine(title=str(r[0]), teams=r[1], champions=r[2]) for r in rows)


def last_meeting(
    conn: Connection, *, overview: HealthOverview, partnership_id: int
) -> LastMeeting | None:
    """The latest full-partnership meeting with attendance: its room, newcomers and new priorities."""
    if overview.balance.empty:
        return None
    last = overview.balance.iloc[-1]
    day = pd.Timestamp(last["date"]).date()
    newcomers = overview.newcomers[overview.newcomers["meeting_id"] == last["meeting_id"]]
    titles = conn.execute(
        """SELECT title FROM priority WHERE partnership_id = ? AND
           (identified_meeting_id = ? OR (identified_meeting_id IS NULL AND identified_on = ?))
           ORDER BY id""",
        [partnership_id, int(last["meeting_id"]), day],
    ).fetchall()
    return LastMeeting(
        date=day,
        title=str(last["title"]),
        industry=int(last["industry"]),
        public_partner=int(last["public_partner"]),
        unclassified=int(last["unclassified"]),
        new_industry=int(newcomers["new"].sum()) if len(newcomers) else 0,
        new_priorities=tuple(str(t[0]) for t in titles),
    )


def partnership_report(
    conn: Connection, *, partnership: Partnership, as_of: dt.date | None = None
) -> PartnershipReport:
    """Everything the one-page report shows for ``partnership`` as of a date (default today)."""
    overview = health_overview(conn, partnership=partnership, as_of=as_of)
    day = overview.diagnosis.as_of
    pid = partnership.id
    wins = conn.execute(
        """SELECT a.date, coalesce(t.name, ''), a.text FROM accomplishment a
           LEFT JOIN action_team t ON t.id = a.team_id
           WHERE a.partnership_id = ? AND a.date <= ? ORDER BY a.date DESC, a.id DESC LIMIT ?""",
        [pid, day, RECENT_ACCOMPLISHMENTS],
    ).fetchall()
    items = clock(conn, partnership_id=pid, as_of=day)  # the Follow-through page's own rules
    done = pd.to_datetime(items["done"])
    pending = items[done.isna() | (done > pd.Timestamp(day))].head(NEXT_ITEMS)
    return PartnershipReport(
        partnership=partnership,
        as_of=day,
        overview=overview,
        row=portfolio(conn, partnership_ids=[pid], as_of=day).rows[0],
        priorities=active_priorities(conn, partnership_id=pid, as_of=day),
        last_meeting=last_meeting(conn, overview=overview, partnership_id=pid),
        accomplishments=tuple((d, str(t), str(x)) for d, t, x in wins),
        open_items=tuple((pd.Timestamp(d).date(), str(i), bool(late))
                         for d, i, late in zip(pending["due"], pending["item"], pending["overdue"],
                                               strict=True)),
    )
