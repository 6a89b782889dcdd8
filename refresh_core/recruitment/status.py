"""Is the meeting going to reach 20? The recruitment status of one meeting on a day.

The goal (G = the practitioner guide, "Goals of a Refresh Meeting"): "A successful
relaunch meeting engages at least 20 business leaders". Public partners do not count:
a confirmed or attended prospect counts only when their organisation is industry.
"Confirmed" counts everyone who confirmed, including those who have since attended.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from refresh_core import words
from refresh_core.db import Connection, one
from refresh_core.enums import Level, OrgKind
from refresh_core.meetings import Meeting, get_meeting
from refresh_core.recruitment.askers import askers
from refresh_core.recruitment.goal import GOAL, GoalMeter
from refresh_core.recruitment.guide_checks import guide_warnings
from refresh_core.recruitment.pipeline import COMMITTED_STATUSES, OPEN_STATUSES, WEAK_CHANNELS, ProspectStatus
from refresh_core.recruitment.prospects import prospect_table
from refresh_core.recruitment.turnout import ShowRate, show_rate, sync_attendance

FOLLOW_UP_DAYS = 5  # issue 4: an ask with no follow-up call after 5 days is overdue
CRUNCH_DAYS = 14  # issue 4: warn when under the goal this close to the meeting
_COMMITTED = [s.value for s in COMMITTED_STATUSES]
_OPEN = [s.value for s in OPEN_STATUSES]


@dataclass(frozen=True)
class RecruitmentStatus:
    meeting: Meeting
    as_of: dt.date
    goal: int
    prospects: int
    industry_confirmed: int  # confirmed or attended, industry only: the goal meter
    industry_attended: int
    public_confirmed: int  # shown, never counted
    unknown_confirmed: int  # organisation kind not known yet: not counted
    civic_entrepreneurs_confirmed: int
    new_companies_confirmed: int  # distinct companies never at a full meeting before this one
    mid_level_confirmed: int
    by_status: dict[str, int]
    unassigned: int  # open prospects with no asker
    overdue_calls: int
    show_rate: ShowRate
    expected_turnout: int  # industry leaders expected in the room, in whole people (meter.expected)
    days_to_meeting: int
    funnel: pd.DataFrame  # status, label, people, open
    funnel_takeaway: str
    goal_takeaway: str
    per_asker: pd.DataFrame  # asker, role, assigned, asked, called, confirmed, overdue
    warnings: tuple[str, ...]
    meter: GoalMeter  # the goal meter on turnout (R7)

    @property
    def progress(self) -> float:
        """Share of the goal reached (0..1) for a progress bar: expected turnout before the
        meeting, industry leaders who attended after it."""
        return self.meter.progress


def recruitment_status(
    conn: Connection, *, meeting_id: int, as_of: dt.date, sync: bool = True
) -> RecruitmentStatus:
    """The meeting's recruitment as of ``as_of``. With ``sync`` (the default), attendance
    recorded for the meeting first marks its prospects attended (a write only when needed);
    read-only callers pass ``sync=False`` and see the same counts."""
    if sync:
        sync_attendance(conn, meeting_id=meeting_id)
    meeting = get_meeting(conn, meeting_id=meeting_id)
    table = prospect_table(conn, meeting_id=meeting_id, as_of=as_of, meeting=meeting)
    return status_from_table(conn, meeting=meeting, as_of=as_of, table=table)


@dataclass(frozen=True)
class _Columns:
    """The prospect table's columns the status needs, as numpy arrays (fast on a few thousand rows)."""

    prospect_id: np.ndarray
    status: np.ndarray
    kind: np.ndarray
    asker_id: np.ndarray  # float, NaN when nobody asks
    asker: np.ndarray
    channel: np.ndarray
    overdue: np.ndarray  # bool
    called: np.ndarray  # bool

    @classmethod
    def of(cls, table: pd.DataFrame, as_of: dt.date) -> _Columns:
        status = table["status"].to_numpy(dtype=object)
        asked_on = pd.to_datetime(table["asked_on"]).to_numpy(dtype="datetime64[D]")
        age = (np.datetime64(as_of, "D") - asked_on).astype("timedelta64[D]").astype(float)
        return cls(table["prospect_id"].to_numpy(dtype="int64"), status,
                   table["org_kind"].to_numpy(dtype=object),
                   table["asker_id"].to_numpy(dtype="float64", na_value=np.nan),
                   table["asker"].to_numpy(dtype=object), table["channel"].to_numpy(dtype=object),
                   (status == ProspectStatus.ASKED.value) & (np.nan_to_num(age) > FOLLOW_UP_DAYS),
                   table["called_on"].notna().to_numpy())


def status_from_table(
    conn: Connection, *, meeting: Meeting, as_of: dt.date, table: pd.DataFrame,
    roster: pd.DataFrame | None = None,
) -> RecruitmentStatus:
    """The status computed from an already-read prospect table (same ``as_of``) and, when the
    caller has it, the meeting's askers.
    (long: every figure of the goal meter from one table, in the page's order)"""
    cols = _Columns.of(table, as_of)
    committed = np.isin(cols.status, _COMMITTED)
    industry = committed & (cols.kind == OrgKind.INDUSTRY.value)
    open_ = np.isin(cols.status, _OPEN)
    rate = show_rate(conn, partnership_id=meeting.partnership_id, before=meeting.date)
    attended = int((industry & (cols.status == ProspectStatus.ATTENDED.value)).sum())
    days = (meeting.date - as_of).days
    recorded, in_room = _in_the_room(conn, meeting) if days < 0 else (False, 0)
    meter = GoalMeter(goal=GOAL, confirmed=int(industry.sum()), attended=attended, rate=rate,
                      meeting_day=meeting.date, days_to_meeting=days, attendance_recorded=recorded,
                      in_room=in_room)
    by_status = {s.value: int((cols.status == s.value).sum()) for s in ProspectStatus}
    roster = askers(conn, meeting_id=meeting.id) if roster is None else roster
    new_company = table["new_company"].to_numpy(dtype=bool)
    counts = {
        "industry_confirmed": int(industry.sum()),
        "industry_attended": attended,
        "new_companies_confirmed": int(table["organisation_id"][industry & new_company].nunique()),
        "unassigned": int((open_ & np.isnan(cols.asker_id)).sum()),
        "unknown_confirmed": int((committed & (cols.kind == OrgKind.UNKNOWN.value)).sum()),
        "weak_channel": int((open_ & np.isin(cols.channel, [c.value for c in WEAK_CHANNELS])).sum()),
        "overdue_calls": int(cols.overdue.sum()),
    }
    per_asker = _per_asker(cols, roster)
    civic = int((industry & table["civic"].to_numpy(dtype=bool)).sum())
    return RecruitmentStatus(
        meeting=meeting, as_of=as_of, goal=GOAL, prospects=len(table),
        industry_confirmed=counts["industry_confirmed"], industry_attended=attended,
        public_confirmed=int((committed & (cols.kind == OrgKind.PUBLIC_PARTNER.value)).sum()),
        unknown_confirmed=counts["unknown_confirmed"],
        civic_entrepreneurs_confirmed=civic,
        new_companies_confirmed=counts["new_companies_confirmed"],
        mid_level_confirmed=int((industry & (table["level"].to_numpy(dtype=object)
                                             == Level.MID_LEVEL.value)).sum()),
        by_status=by_status, unassigned=counts["unassigned"], overdue_calls=counts["overdue_calls"],
        show_rate=rate, expected_turnout=meter.expected, days_to_meeting=days, funnel=_funnel(by_status),
        funnel_takeaway=describe_funnel(by_status), goal_takeaway=meter.takeaway, per_asker=per_asker,
        warnings=(*_warnings(cols, roster, counts, days),
                  *guide_warnings(meter, civic_confirmed=civic, prospects=len(table), per_asker=per_asker)),
        meter=meter,
    )


def _in_the_room(conn: Connection, meeting: Meeting) -> tuple[bool, int]:
    """Is attendance recorded for the meeting's day (full meetings of the partnership), and how many
    distinct industry leaders does it hold?"""
    row = one(conn, """SELECT count(*), count(DISTINCT coalesce(x.merged_into_id, x.id))
                                           FILTER (WHERE o.kind = 'industry')
                       FROM attendance a JOIN meeting m ON m.id = a.meeting_id
                       JOIN person x ON x.id = a.person_id
                       LEFT JOIN organisation o ON o.id = x.organisation_id
                       WHERE m.partnership_id = ? AND m.date = ? AND m.kind <> 'action_team'""",
              [meeting.partnership_id, meeting.date])
    return (bool(row[0]), int(row[1])) if row else (False, 0)


def _funnel(by_status: dict[str, int]) -> pd.DataFrame:
    rows = [{"status": s.value, "label": s.label, "people": by_status[s.value],
             "open": s in OPEN_STATUSES} for s in ProspectStatus]
    return pd.DataFrame(rows)


def describe_funnel(by_status: dict[str, int]) -> str:
    """The funnel in one sentence, clauses that would say "0" left out: "None of the 3 prospects has
    confirmed or attended yet; 2 still need an ask, a follow-up call or an answer; 1 declined."."""
    total = sum(by_status.values())
    if total == 0:
        return "No prospects yet: build the list from the suggestions, by hand, or from a CSV file."
    s = ProspectStatus
    done = by_status[s.CONFIRMED] + by_status[s.ATTENDED]
    waiting = by_status[s.IDENTIFIED] + by_status[s.ASKED] + by_status[s.CALLED]
    if done == total:
        head = "The one prospect has" if total == 1 else f"All {total:,} prospects have"
    elif done:
        head = f"{done:,} of {words.count(total, 'prospect')} have"
    else:
        head = "The one prospect has not" if total == 1 else f"None of the {total:,} prospects has"
    clauses = [head + " confirmed or attended" + ("" if done else " yet")]
    if waiting:
        clauses.append(f"{waiting:,} still {words.plural(waiting, 'needs', 'need')} an ask, a follow-up call "
                       "or an answer")
    ended = [f"{n:,} {what}" for n, what in ((by_status[s.DECLINED], "declined"),
                                              (by_status[s.NO_RESPONSE], "did not respond")) if n]
    if ended:
        clauses.append(" and ".join(ended))
    return "; ".join(clauses) + "."


def _per_asker(cols: _Columns, roster: pd.DataFrame) -> pd.DataFrame:
    """Per asker (the roster, then anyone else assigned): assigned, asked (asked or further along),
    called (a follow-up call recorded), confirmed (or attended), overdue."""
    has = ~np.isnan(cols.asker_id)
    flags = pd.DataFrame({
        "asker_id": cols.asker_id[has].astype("int64"), "assigned": 1,
        "asked": cols.status[has] != ProspectStatus.IDENTIFIED.value, "called": cols.called[has],
        "confirmed": np.isin(cols.status[has], _COMMITTED), "overdue": cols.overdue[has],
    })
    stats = flags.groupby("asker_id").sum()
    people = pd.DataFrame({"asker_id": roster["person_id"].to_numpy(dtype="int64"),
                           "asker": roster["name"].to_numpy(dtype=object),
                           "role": roster["role"].to_numpy(dtype=object)})
    names = dict(zip(cols.asker_id[has].astype("int64").tolist(), cols.asker[has].tolist(), strict=True))
    extra = [(a, names[a], "Asker") for a in sorted(names) if a not in set(people["asker_id"].tolist())]
    out = pd.concat([people, pd.DataFrame(extra, columns=["asker_id", "asker", "role"])], ignore_index=True)
    counts = ["assigned", "asked", "called", "confirmed", "overdue"]
    out = out.join(stats, on="asker_id")
    out[counts] = out[counts].fillna(0).astype(int)
    return out[["asker_id", "asker", "role", *counts]]


def _warnings(cols: _Columns, roster: pd.DataFrame, counts: dict[str, int], days: int) -> list[str]:
    out = []
    if counts["weak_channel"]:
        invited = words.count(counts["weak_channel"], "prospect is", "prospects are")
        out.append(f"{invited} being invited only "
                   "by flyer or mass email. The guide: flyers and marketing material work poorly; the best "
                   "way to get business leaders to turn out is a personal, peer-to-peer ask.")
    if counts["unassigned"]:
        unasked = words.count(counts["unassigned"], "prospect has", "prospects have")
        out.append(f"{unasked} nobody to ask "
                   "them. The guide: divide up the asks and follow-up calls among your public partner "
                   "team and industry champions (try 'Balance the calls').")
    busy = set(cols.asker_id[~np.isnan(cols.asker_id)].astype("int64").tolist())
    idle = [str(n) for p, n in zip(roster["person_id"].tolist(), roster["name"].tolist(), strict=True)
            if int(p) not in busy]
    if idle:
        out.append(f"{words.count(len(idle), 'asker has', 'askers have')} nobody assigned yet "
                   f"({', '.join(idle)}). Share the calls among champions and the public partner team.")
    if counts["overdue_calls"]:
        overdue = words.count(counts["overdue_calls"], "ask is", "asks are")
        out.append(f"{overdue} more than {FOLLOW_UP_DAYS} "
                   "days old with no follow-up call yet. The guide: a follow-up phone call goes a long "
                   "way to encourage attendance.")
    if 0 <= days <= CRUNCH_DAYS and counts["industry_confirmed"] < GOAL:
        when = "today" if days == 0 else f"in {words.count(days, 'day')}"
        confirmed = words.count(counts["industry_confirmed"], "industry leader has", "industry leaders have")
        out.append(f"The meeting is {when} and only {confirmed} confirmed, short of the {GOAL} "
                   "the guide recommends. Make the remaining follow-up calls now; don't take shortcuts "
                   "at this step.")
    if counts["industry_confirmed"] and not counts["new_companies_confirmed"]:
        out.append("No new company is among the industry leaders who have confirmed. A refresh "
                   "meeting is for bringing in new companies that have not yet plugged in: ask some.")
    if counts["unknown_confirmed"]:
        unknown = words.count(counts["unknown_confirmed"], "confirmed prospect has",
                              "confirmed prospects have")
        out.append(f"{unknown} no organisation type yet, so they do not count toward the 20 (only "
                   "industry leaders count). Set their organisation's type on the roster.")
    return out


def recruitment_json(status: RecruitmentStatus) -> dict[str, Any]:
    """The command line's JSON contract."""
    return {
        "meeting": {"date": status.meeting.date.isoformat(), "title": status.meeting.title},
        "goal": status.goal,
        "industry_confirmed": status.industry_confirmed,
        "industry_attended": status.industry_attended,
        "civic_entrepreneurs_confirmed": status.civic_entrepreneurs_confirmed,
        "new_companies_confirmed": status.new_companies_confirmed,
        "mid_level_confirmed": status.mid_level_confirmed,
        "by_status": dict(status.by_status),
        "unassigned": status.unassigned,
        "overdue_calls": status.overdue_calls,
        "warnings": list(status.warnings),
        "expected_industry_turnout": round(status.meter.expected_exact, 1),
    }
