"""Sign 2: the same core group, no new members.

New industry leaders (first full-partnership meeting ever) and new companies
(an organisation not seen before at a full meeting, counted by the organisation
people came with that day) over the last months.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from refresh_core.enums import SignId, SignStatus
from refresh_core.health.signs.common import Sign, months_before, undecided
from refresh_core.health.thresholds import Thresholds

SID = SignId.SAME_CORE_GROUP


def _judge(rows: pd.DataFrame, *, start: dt.date, th: Thresholds) -> Sign:
    t = th.same_core_group
    window = rows[rows["date"] > pd.Timestamp(start)]
    people = int(window["person_id"].nunique())
    new_people = int(window[window["person_first"] > pd.Timestamp(start)]["person_id"].nunique())
    new_orgs = int(window[window["org_first"] > pd.Timestamp(start)]["organisation_id"].nunique())
    top = window["person_id"].value_counts().head(t.core_size).sum()
    evidence = {
        "window_start": start.isoformat(),
        "industry_people": people,
        "new_industry_people": new_people,
        "new_companies": new_orgs,
        "core_share": round(float(top) / len(window), 2) if len(window) else None,
        "mid_level_engaged": int(window[window["level"] == "mid_level"]["person_id"].nunique()),
    }
    months = t.window_months
    if new_people == 0 and new_orgs == 0:
        text = f"No new industry leader or company has joined a full meeting in {months} months."
        return Sign(SID, SignStatus.FLAG, text, evidence)
    if (new_people / people if people else 0.0) < t.watch_new_share:
        text = f"Only {new_people} of {people} industry attendees in the last {months} months were new."
        return Sign(SID, SignStatus.WATCH, text, evidence)
    text = (
        f"{new_people} new industry leaders and {new_orgs} new companies joined in the last {months} months."
    )
    return Sign(SID, SignStatus.OK, text, evidence)


def same_core_group(
    rows: pd.DataFrame,
    *,
    first_meeting: dt.date | None,
    as_of: dt.date,
    th: Thresholds,
    unclassified: pd.DataFrame | None = None,
) -> Sign:
    """Sign 2 from industry attendance at full meetings (``rows``, see
    :func:`~refresh_core.health.attendance.industry_attendance`); ``unclassified``: the same rows for
    people from unclassified organisations, who would change the reading if they were industry."""
    t = th.same_core_group
    start = months_before(as_of, t.window_months)
    if first_meeting is None or first_meeting > start:
        return Sign(
            SID,
            SignStatus.UNKNOWN,
            f"Needs {t.window_months} months of meetings to tell newcomers from founders.",
            {"first_meeting": str(first_meeting)},
        )
    base = _judge(rows, start=start, th=th)
    extra = unclassified if unclassified is not None else rows.iloc[:0]
    extra = extra[extra["date"] > pd.Timestamp(start)]
    count = int(extra["person_id"].nunique())
    as_industry = _judge(pd.concat([rows, extra]), start=start, th=th) if count else base
    who = f"{count} {'attendee' if count == 1 else 'attendees'} in the last {t.window_months} months"
    return undecided(
        base,
        if_industry=as_industry,
        if_public=base,
        count=count,
        key="unclassified_attendees",
        who=who,
        since=start.isoformat(),
    )
