"""Everything the Health overview page shows, in one call, with plain-language takeaways."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from refresh_core import words
from refresh_core.db import Connection
from refresh_core.health import attendance as mt
from refresh_core.health.diagnosis import Diagnosis, diagnose
from refresh_core.health.thresholds import load_thresholds
from refresh_core.meeting.followups import overdue_items
from refresh_core.partnerships import Partnership


@dataclass(frozen=True)
class HealthOverview:
    diagnosis: Diagnosis
    balance: pd.DataFrame  # per full meeting: date, kind, title, industry, public_partner, unclassified,
    # ratio
    newcomers: pd.DataFrame  # per full meeting: date, title, new, returning, new_companies
    teams: pd.DataFrame  # per active team: team, meetings, industry, public_partner
    balance_takeaway: str
    newcomers_takeaway: str
    teams_takeaway: str
    overdue: pd.DataFrame  # follow-through items past due: item, owner, due, days_late
    unclassified_takeaway: str = ""  # a sentence on the grey band ("" when everyone is classified)
    ratio_takeaway: str = ""  # why the ratio line has gaps or no line at all ("" when every meeting has one)


def ratio_takeaway(balance: pd.DataFrame) -> str:
    """Why the industry-per-public-partner line has no point for some meetings, or none at all: a
    meeting without public partners has no ratio ("" when every meeting has one)."""
    missing = int((balance["public_partner"] == 0).sum()) if len(balance) else 0
    if missing == 0:
        return ""
    if missing == len(balance):
        return ("No public partner came to any full-partnership meeting yet, so there is no ratio of "
                "industry leaders to public partners to draw.")
    verb = "meeting" if len(balance) == 1 else "meetings"
    return (f"{missing} of {len(balance)} {verb} had no public partner, so "
            f"{'it has' if missing == 1 else 'they have'} no point on this line.")


def unclassified_takeaway(balance: pd.DataFrame, *, waiting: int) -> str:
    """One sentence on attendees from unclassified organisations ("" when there are none)."""
    total = int(balance["unclassified"].sum()) if len(balance) else 0
    if total == 0:
        return ""
    meetings = int((balance["unclassified"] > 0).sum())
    head = (
        f"Grey: {total} {'attendance' if total == 1 else 'attendances'} at {meetings} "
        f"{'meeting' if meetings == 1 else 'meetings'} came from organisations nobody has classified yet; "
        "they count neither as industry leaders nor as public partners"
    )
    if waiting:
        signs = "sign waits" if waiting == 1 else "signs wait"
        return head + f", and {waiting} {signs} for them to be classified."
    return head + "."


def balance_takeaway(balance: pd.DataFrame) -> str:
    """One sentence on industry leaders versus public partners (a tie is even, not "outnumbered")."""
    if balance.empty:
        return "No full-partnership meeting attendance yet: import a sign-in sheet to see the balance."
    last = balance.iloc[-1]
    ind, pub = int(last["industry"]), int(last["public_partner"])
    day = pd.Timestamp(last["date"])
    when = words.day(day)
    below = int((balance["industry"] < balance["public_partner"]).sum())
    unsure = int(last["unclassified"]) if "unclassified" in balance else 0
    if pub == ind == 0:  # nobody classified in the room: nothing to call even
        who = ("the one attendee came from an organisation" if unsure == 1
               else f"all {unsure:,} attendees came from organisations")
        head = (f"At the latest meeting ({when}) {who} not classified yet, so it shows no balance of "
                "industry leaders and public partners")
        unsure = 0
    elif pub > ind:
        head = f"At the latest meeting ({when}) public partners outnumbered industry leaders, {pub} to {ind}"
    elif ind > pub:
        head = f"At the latest meeting ({when}) industry leaders outnumbered public partners, {ind} to {pub}"
    else:
        head = f"At the latest meeting ({when}) industry leaders and public partners were even, {ind} each"
    if len(balance) == 1:
        tail = "; it is the only full-partnership meeting so far."
    elif below:
        tail = f"; {below} of {len(balance)} meetings fell below 1:1."
    else:
        tail = f"; none of the {len(balance)} meetings fell below 1:1."
    if unsure:
        head += f" ({unsure} more from organisations not classified yet)"
    return head + tail


def newcomers_takeaway(newcomers: pd.DataFrame, *, as_of: dt.date) -> str:
    """One sentence on new versus returning industry leaders over the last year."""
    if newcomers.empty:
        return "No industry attendance yet: newcomers will show here once meetings are imported."
    year = newcomers[newcomers["date"] > pd.Timestamp(as_of - dt.timedelta(days=365))]
    if year.empty:  # nobody came at all: not "the same group keeps coming"
        return ("No full-partnership meeting with industry leaders in the last 12 months, so nobody could "
                "come for the first time: hold one, then look again.")
    new = int(year["new"].sum())
    companies = int(year["new_companies"].sum())
    if new == 0:
        return (
            "No industry leader has come for the first time in the last 12 months: "
            "the same group keeps coming."
        )
    return (
        f"{new} industry leaders came for the first time in the last 12 months, "
        f"{companies} of them from companies new to the partnership."
    )


def teams_takeaway(teams: pd.DataFrame, *, days: int) -> str:
    """One sentence on industry participation in action teams."""
    if teams.empty:
        return "No active action teams: teams are formed around priorities at a refresh meeting."
    idle = teams[teams["industry"] == 0]["team"].tolist()
    if idle:
        return (
            f"{', '.join(idle)} had no industry leader at a meeting in the last {days} days; "
            "a team only moves with industry champions."
        )
    return (
        f"All {len(teams)} active action teams had industry leaders at their meetings "
        f"in the last {days} days."
    )


def health_overview(
    conn: Connection, *, partnership: Partnership, as_of: dt.date | None = None
) -> HealthOverview:
    """The diagnosis plus the three charts' data and takeaways."""
    th = load_thresholds()
    result = diagnose(conn, partnership=partnership, as_of=as_of, thresholds=th)
    day = result.as_of
    days = th.industry_engagement.team_activity_days
    counts = result.meetings
    balance = counts[counts[list(mt.KIND_COLUMNS)].sum(axis=1) > 0].copy()
    balance["ratio"] = balance["industry"] / balance["public_partner"].where(balance["public_partner"] > 0)
    att = result.attendance
    newcomers = mt.new_vs_returning(conn, partnership_id=partnership.id, as_of=day, attended=att)
    teams = mt.team_participation(conn, partnership_id=partnership.id, as_of=day, days=days, attended=att)
    return HealthOverview(
        diagnosis=result,
        balance=balance,
        newcomers=newcomers,
        teams=teams,
        balance_takeaway=balance_takeaway(balance),
        newcomers_takeaway=newcomers_takeaway(newcomers, as_of=day),
        teams_takeaway=teams_takeaway(teams, days=days),
        overdue=overdue_items(conn, partnership_id=partnership.id, as_of=day),
        unclassified_takeaway=unclassified_takeaway(balance, waiting=len(result.waiting_for_classification)),
        ratio_takeaway=ratio_takeaway(balance),
    )
