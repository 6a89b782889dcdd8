"""The follow-through clock started by a refresh meeting's outcomes.

From the guide: within two weeks, a survey to all participants and a first
follow-up meeting for each action team; a second full-partnership meeting
within 90 days; one-on-one conversations to keep new champions engaged (the
guide gives no deadline for these; 30 days is this product's default).
Survey and 90-day meeting are started by refresh and launch meetings; a team
chartered at any full meeting gets its first-meeting item.
An item is overdue when it is not done and its due date is before "as of".
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import TYPE_CHECKING, Any

import pandas as pd

from refresh_core import deferred, words
from refresh_core.db import Connection, registered, transaction
from refresh_core.enums import FULL_KINDS, MeetingKind
from refresh_core.errors import ValidationError
from refresh_core.meetings import Meeting, get_meeting, label_sql
from refresh_core.tables import blank, day, text, to_safe_csv

if TYPE_CHECKING:  # loaded by the calendar export only (see refresh_core.deferred)
    import icalendar
else:
    icalendar = deferred("icalendar")


class FollowupKind(StrEnum):
    SURVEY = "survey"
    TEAM_MEETING = "team_meeting"
    ONE_ON_ONE = "one_on_one"
    FULL_MEETING = "full_meeting"


DUE_DAYS = {
    FollowupKind.SURVEY: 14,
    FollowupKind.TEAM_MEETING: 14,
    FollowupKind.ONE_ON_ONE: 30,
    FollowupKind.FULL_MEETING: 90,
}
CLOCK_MEETING_KINDS = frozenset({MeetingKind.REFRESH, MeetingKind.LAUNCH})

_CHAMPIONS = """(SELECT string_agg(x.full_name, ', ' ORDER BY x.full_name) FROM team_member tm
                 JOIN person x ON x.id = tm.person_id WHERE tm.team_id = t.id AND tm.role = 'champion')"""


def sync_clock_in_transaction(conn: Connection, meeting: Meeting) -> None:
    """Add the clock items this meeting's outcomes call for and that do not exist yet (edits are kept)."""
    p = {"m": meeting.id, "p": meeting.partnership_id, "d": meeting.date}
    if meeting.kind in CLOCK_MEETING_KINDS:
        for kind, item in (
            (FollowupKind.SURVEY, "Survey to all participants"),
            (FollowupKind.FULL_MEETING, "Second full-partnership meeting"),
        ):
            conn.execute(
                """INSERT INTO followup (partnership_id, meeting_id, kind, item, due_on)
                            SELECT $p, $m, $k::VARCHAR, $i, $d + $n WHERE NOT EXISTS (SELECT 1 FROM followup
                            WHERE meeting_id = $m AND kind = $k)""",
                {**p, "k": kind.value, "i": item, "n": DUE_DAYS[kind]},
            )
    conn.execute(
        f"""INSERT INTO followup (partnership_id, meeting_id, kind, team_id, item, owner, due_on)
                    SELECT $p, $m, 'team_meeting', t.id, 'First ' || t.name || ' action-team meeting',
                           'Convener with ' || coalesce({_CHAMPIONS}, 'the champions'), $d + $n
                    FROM action_team t WHERE t.status = 'active' AND t.id IN
                         (SELECT team_id FROM commitment WHERE meeting_id = $m)
                    AND t.id NOT IN (SELECT team_id FROM followup WHERE meeting_id = $m
                                     AND kind = 'team_meeting' AND team_id IS NOT NULL)""",
        {**p, "n": DUE_DAYS[FollowupKind.TEAM_MEETING]},
    )
    conn.execute(
        """INSERT INTO followup (partnership_id, meeting_id, kind, person_id, item, due_on)
                    SELECT $p, $m, 'one_on_one', x.id,
                           'One-on-one with new champion ' || x.full_name, $d + $n
                    FROM person x WHERE x.id IN (SELECT person_id FROM commitment
                                                 WHERE meeting_id = $m AND new_champion)
                    AND x.id NOT IN (SELECT person_id FROM followup WHERE meeting_id = $m
                                     AND kind = 'one_on_one' AND person_id IS NOT NULL)""",
        {**p, "n": DUE_DAYS[FollowupKind.ONE_ON_ONE]},
    )


def sync_clock(conn: Connection, *, meeting_id: int) -> None:
    """Start (or complete) the follow-through clock for a meeting whose outcomes are saved."""
    meeting = get_meeting(conn, meeting_id=meeting_id)
    with transaction(conn):
        sync_clock_in_transaction(conn, meeting)


# When the records show an item was done: the team's first action-team meeting after the
# meeting, the first full-partnership meeting after it, survey results recorded. Only what
# happened by "as of" counts. One-on-ones are ticked by hand.
_CLOSED_SQL = """
SELECT f.id,
       CASE f.kind
         WHEN 'team_meeting' THEN (SELECT min(x.date) FROM meeting x WHERE x.partnership_id = f.partnership_id
              AND x.kind = 'action_team' AND x.action_team_id = f.team_id
              AND x.date > m.date AND x.date <= $d)
         WHEN 'full_meeting' THEN (SELECT min(x.date) FROM meeting x WHERE x.partnership_id = f.partnership_id
              AND (x.kind = ANY($full)) AND x.date > m.date AND x.date <= $d)
         WHEN 'survey' THEN (SELECT min(s.recorded_on) FROM survey_result s
              WHERE s.meeting_id = f.meeting_id AND s.recorded_on <= $d)
       END AS auto_on,
       CASE f.kind
         WHEN 'team_meeting' THEN (SELECT (array_agg(x.title ORDER BY x.date))[1] FROM meeting x
              WHERE x.partnership_id = f.partnership_id AND x.kind = 'action_team'
              AND x.action_team_id = f.team_id AND x.date > m.date AND x.date <= $d)
         WHEN 'full_meeting' THEN (SELECT (array_agg(x.title ORDER BY x.date))[1] FROM meeting x
              WHERE x.partnership_id = f.partnership_id AND (x.kind = ANY($full))
              AND x.date > m.date AND x.date <= $d)
         WHEN 'survey' THEN 'Survey results recorded'
       END AS auto_what
FROM followup f JOIN meeting m ON m.id = f.meeting_id
WHERE (f.partnership_id = ANY($ids)) AND ($m::INTEGER IS NULL OR f.meeting_id = $m)
"""

# Each item with ``done``: the date ticked by hand when that came first, else the date the records
# closed it. Parameters: $ids (partnerships), $d (as of), $m (one meeting, or NULL), $full.
_SETTLED_SQL = f"""WITH closed AS ({_CLOSED_SQL}),
items AS (
  SELECT f.*, c.auto_on, c.auto_what,
         f.done_on IS NOT NULL AND (c.auto_on IS NULL OR f.done_on <= c.auto_on) AS by_hand
  FROM followup f JOIN closed c ON c.id = f.id),
settled AS (SELECT *, CASE WHEN by_hand THEN done_on ELSE auto_on END AS done FROM items)
"""

#: Overdue items per partnership, for a set of partnerships at once, by the clock's own rules (the
#: portfolio's count agrees with the Health page's list). Parameters as for the clock.
OVERDUE_COUNTS_SQL = (
    _SETTLED_SQL
    + "SELECT partnership_id, count(*) AS overdue FROM settled "
    "WHERE (done IS NULL OR done > $d) AND due_on < $d GROUP BY partnership_id"
)


def clock(
    conn: Connection, *, partnership_id: int, as_of: dt.date, meeting_id: int | None = None
) -> pd.DataFrame:
    """Clock items by due date: id, meeting, kind, item, owner, due, done, overdue, closed_by
    (what closed it: a meeting, survey results, or a tick by hand) and auto_done (the date the
    records close it, if they do).

    The records close an item by themselves (R22/R23): a team's follow-up when the team meets
    after the meeting, the second-meeting item at the next full-partnership meeting, the survey
    when its results are recorded. A date ticked by hand stays, and wins when it is earlier.
    """
    return conn.execute(
        f"""{_SETTLED_SQL}
           SELECT i.id, i.meeting_id, {label_sql(conn, date="m.date", title="m.title")} AS meeting,
                  i.kind, i.item, i.owner, i.due_on AS due, i.done,
                  (i.done IS NULL OR i.done > $d) AND i.due_on < $d AS overdue,
                  CASE WHEN i.by_hand THEN 'Ticked by hand'
                       WHEN i.auto_on IS NOT NULL THEN i.auto_what END AS closed_by,
                  i.auto_on AS auto_done
           FROM settled i JOIN meeting m ON m.id = i.meeting_id
           ORDER BY i.due_on, i.kind = 'one_on_one', i.id""",
        {"ids": [partnership_id], "d": as_of, "m": meeting_id, "full": list(FULL_KINDS)},
    ).df()


def overdue_items(conn: Connection, *, partnership_id: int, as_of: dt.date) -> pd.DataFrame:
    """Open clock items past their due date (for the Health page): item, owner, due, days_late."""
    items = clock(conn, partnership_id=partnership_id, as_of=as_of)
    late = items[items["overdue"]].copy()
    late["days_late"] = [(as_of - (day(d) or as_of)).days for d in late["due"]]
    return late[["id", "meeting", "item", "owner", "due", "days_late"]].reset_index(drop=True)


STATE_LABELS = {"done": "Done", "overdue": "Overdue", "open": "Open"}  # an item's state, in words


def states(items: pd.DataFrame) -> list[str]:
    """Each clock item's state as shown in tables: "Done", "Overdue" or "Open"."""
    return [STATE_LABELS["done" if d else ("overdue" if o else "open")]
            for d, o in zip(items["done"].notna(), items["overdue"], strict=True)]


def clock_takeaway(items: pd.DataFrame) -> str:
    """One sentence: how much is done and what is late."""
    if items.empty:
        return (
            "No follow-through items yet: they appear when a refresh meeting's priorities and "
            "champions are saved on the Meeting day page."
        )
    done = int(items["done"].notna().sum())
    late = items[items["overdue"]]
    head = f"{done} of {len(items)} follow-through items done"
    if late.empty:
        return head + "; nothing is overdue."
    first = late.iloc[0]
    return (
        f'{head}; {len(late)} overdue, starting with "{first["item"]}" '
        f"(due {words.day(pd.Timestamp(first['due']))})."
    )


def save_clock(conn: Connection, *, partnership_id: int, frame: pd.DataFrame) -> None:
    """Owners, due dates and done dates from an edited clock table (columns id, owner, due, done)."""
    dues = [day(v) for v in frame["due"]]
    if any(d is None for d in dues):
        raise ValidationError("Every follow-through item needs a due date; put one back before saving.")
    done = [day(v) for v in frame["done"]]
    auto = [day(v) for v in frame["auto_done"]] if "auto_done" in frame else [None] * len(frame)
    edits = pd.DataFrame(
        {
            "id": [int(i) for i in frame["id"]],
            "owner": [text(o) or "Convener" for o in frame["owner"]],
            "due": pd.to_datetime(pd.Series(dues)),
            "done": pd.to_datetime(pd.Series(done)),
            # a done date the records set is not a tick by hand: leave the stored one alone
            "keep": [d is not None and d == a for d, a in zip(done, auto, strict=True)],
        }
    )
    with transaction(conn), registered(conn, "clock_edits", edits):
        conn.execute(
            """UPDATE followup SET owner = e.owner, due_on = e.due::DATE,
                            done_on = CASE WHEN e.keep THEN followup.done_on ELSE e.done::DATE END
                            FROM clock_edits e WHERE followup.id = e.id AND followup.partnership_id = ?""",
            [partnership_id],
        )


def clock_json(items: pd.DataFrame) -> list[dict[str, object]]:
    """The ``followups --json`` contract."""
    return [
        {
            "item": str(r["item"]),
            "owner": str(r["owner"]),
            "due": _iso(r["due"]),
            "done": None if blank(r["done"]) else _iso(r["done"]),
            "overdue": bool(r["overdue"]),
            "closed_by": None if blank(r["closed_by"]) else str(r["closed_by"]),
        }
        for r in items.to_dict("records")
    ]


def _iso(value: Any) -> str:
    found = day(value)
    assert found is not None
    return found.isoformat()


def clock_ics(items: pd.DataFrame, *, partnership: str, stamp: dt.datetime | None = None) -> bytes:
    """An iCalendar file with one all-day event per open item, on its due date."""
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Partnership Pulse//follow-through//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"{partnership}: follow-through")
    now = stamp or dt.datetime.now(dt.UTC)
    for r in items[items["done"].isna()].itertuples():
        due = day(r.due)
        assert due is not None
        event = icalendar.Event()
        event.add("uid", f"followup-{r.id}@partnership-pulse")
        event.add("dtstamp", now)
        event.add("summary", f"Due: {r.item}")
        event.add("dtstart", due)
        event.add("dtend", due + dt.timedelta(days=1))
        event.add("description", f"{partnership}. Owner: {r.owner}. From the meeting {r.meeting}.")
        cal.add_component(event)
    return bytes(cal.to_ical())


def survey_participants(
    conn: Connection, *, meeting_id: int, survey_link: str = ""
) -> pd.DataFrame:
    """Everyone recorded at the meeting, for the survey: name, organisation, kind, email, survey_link."""
    frame = conn.execute(
        """SELECT DISTINCT x.full_name AS name, o.name AS organisation,
                  CASE coalesce(o.kind, 'unclassified') WHEN 'industry' THEN 'industry leader'
                       WHEN 'public_partner' THEN 'public partner' ELSE 'not classified yet' END AS kind,
                  x.email
           FROM attendance a JOIN person raw ON raw.id = a.person_id
           JOIN person x ON x.id = coalesce(raw.merged_into_id, raw.id)
           LEFT JOIN organisation o ON o.id = x.organisation_id
           WHERE a.meeting_id = ? ORDER BY kind, name""",
        [meeting_id],
    ).df()
    frame["survey_link"] = survey_link.strip()
    return frame


SURVEY_HEADINGS = {"name": "Name", "organisation": "Organisation", "email": "Email",
                   "kind": "Industry leader or public partner", "survey_link": "Survey link"}


def survey_csv(conn: Connection, *, meeting_id: int, survey_link: str = "") -> bytes:
    """The survey list as a spreadsheet-safe CSV (formulas neutralised), headed in words."""
    frame = survey_participants(conn, meeting_id=meeting_id, survey_link=survey_link)
    return to_safe_csv(frame.rename(columns=SURVEY_HEADINGS))
