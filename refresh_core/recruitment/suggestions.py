"""Prospects the data already suggests for a meeting, in four groups.

The guide: a refresh meeting "brings together existing sector partnership
participants with new companies that have not yet plugged in", and a
partnership should keep attracting "both mid-level managers within existing
companies and new companies that have not yet participated".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable
from enum import StrEnum
from typing import Any

import pandas as pd

from refresh_core import words
from refresh_core.db import Connection
from refresh_core.enums import FULL_KINDS
from refresh_core.meetings import Meeting, get_meeting
from refresh_core.tables import blank

LOOKBACK_DAYS = 365  # "the last 12 months"
REGULAR_MIN_MEETINGS = 2  # full-partnership meetings in the last 12 months


class SuggestionGroup(StrEnum):
    REGULAR = "regular"
    LAPSED = "lapsed"
    SINGLE_CONTACT = "single_contact"
    OTHER_MEETINGS = "other_meetings"
    NEVER_ATTENDED = "never_attended"


GROUP_TITLES: dict[SuggestionGroup, str] = {
    SuggestionGroup.REGULAR: "Current regulars",
    SuggestionGroup.LAPSED: "Lapsed industry leaders (came before, not in the last 12 months)",
    SuggestionGroup.SINGLE_CONTACT: "Companies engaged through one person",
    SuggestionGroup.OTHER_MEETINGS: "Companies seen only at other meetings",
    SuggestionGroup.NEVER_ATTENDED: "Companies that have not come to any meeting yet",
}
GROUP_ADVICE: dict[SuggestionGroup, str] = {
    SuggestionGroup.REGULAR: "Industry leaders who came to at least two full meetings in the last "
    "12 months: a refresh brings existing participants together with new companies.",
    SuggestionGroup.LAPSED: "They know the partnership; a personal ask from a peer can bring them back.",
    SuggestionGroup.SINGLE_CONTACT: "Only one person comes from each of these companies. When you ask "
    "them, ask them to bring a mid-level manager too: the guide wants new mid-level managers from "
    "companies already involved.",
    SuggestionGroup.OTHER_MEETINGS: "Nobody from these companies has come to a full-partnership meeting, "
    "but these people came to an action-team or other meeting: invite them to the whole partnership.",
    SuggestionGroup.NEVER_ATTENDED: "Companies on your roster or added by hand that nobody has come to any "
    "meeting from: exactly the new companies a refresh is for. Companies with no contact on file need one "
    "added by hand.",
}

# Industry people (not merged away) with their full-meeting attendance before the reference
# day (and their other meetings: action-team, other), their company's engaged people, and the
# groups they fall in; then industry organisations with no contact on file. People already on
# the meeting's list are left out.
_SQL = """
WITH att AS (
    SELECT coalesce(per.merged_into_id, per.id) AS person_id, m.id AS meeting_id, m.date,
           (m.kind = ANY($full)) AS full_meeting
    FROM attendance a JOIN meeting m ON m.id = a.meeting_id JOIN person per ON per.id = a.person_id
    WHERE m.partnership_id = $pid AND m.date < $as_of),
ppl AS (
    SELECT per.id AS person_id, per.full_name AS name, per.title, per.level,
           per.organisation_id, o.name AS organisation,
           max(att.date) FILTER (WHERE att.full_meeting) AS last_attended,
           count(DISTINCT att.meeting_id) FILTER (WHERE att.full_meeting AND att.date >= $since)
               AS recent_meetings,
           count(DISTINCT att.meeting_id) FILTER (WHERE att.full_meeting) AS meetings,
           count(DISTINCT att.meeting_id) FILTER (WHERE NOT att.full_meeting) AS other_meetings,
           max(att.date) FILTER (WHERE NOT att.full_meeting) AS last_other
    FROM person per JOIN organisation o ON o.id = per.organisation_id AND o.kind = 'industry'
    LEFT JOIN att ON att.person_id = per.id
    WHERE per.partnership_id = $pid AND per.merged_into_id IS NULL
    GROUP BY per.id, per.full_name, per.title, per.level, per.organisation_id, o.name),
org AS (
    SELECT organisation_id, count(*) FILTER (WHERE recent_meetings > 0) AS recent_people,
           count(*) FILTER (WHERE meetings > 0) AS ever_people,
           count(*) FILTER (WHERE other_meetings > 0) AS other_people
    FROM ppl GROUP BY organisation_id)
SELECT g.grp, ppl.person_id, ppl.name, ppl.title, ppl.level, ppl.organisation_id, ppl.organisation,
       ppl.last_attended, ppl.recent_meetings, ppl.meetings, ppl.other_meetings, ppl.last_other
FROM ppl JOIN org USING (organisation_id)
CROSS JOIN unnest(ARRAY[
           CASE WHEN ppl.recent_meetings >= $regular THEN 'regular' END,
           CASE WHEN ppl.meetings > 0 AND ppl.recent_meetings = 0 THEN 'lapsed' END,
           CASE WHEN ppl.recent_meetings > 0 AND org.recent_people = 1 THEN 'single_contact' END,
           CASE WHEN org.ever_people = 0 AND ppl.other_meetings > 0 THEN 'other_meetings' END,
           CASE WHEN org.ever_people = 0 AND org.other_people = 0 THEN 'never_attended' END]) AS g(grp)
WHERE g.grp IS NOT NULL
  AND ppl.person_id NOT IN (SELECT person_id FROM prospect WHERE meeting_id = $meeting)
UNION ALL
SELECT 'never_attended' AS grp, NULL::INTEGER AS person_id, NULL AS name, NULL AS title, NULL AS level,
       o.id AS organisation_id, o.name AS organisation, NULL::DATE AS last_attended,
       NULL::BIGINT AS recent_meetings, NULL::BIGINT AS meetings, NULL::BIGINT AS other_meetings,
       NULL::DATE AS last_other
FROM organisation o WHERE o.partnership_id = $pid AND o.kind = 'industry'
  AND NOT EXISTS (SELECT 1 FROM person x WHERE x.organisation_id = o.id AND x.merged_into_id IS NULL)
"""

_ORDER = {g.value: i for i, g in enumerate(SuggestionGroup)}
COLUMNS = ["group", "person_id", "name", "organisation", "title", "level", "last_attended",
           "recent_meetings", "reason"]


def suggestions(
    conn: Connection, *, meeting_id: int, as_of: dt.date, meeting: Meeting | None = None
) -> pd.DataFrame:
    """Suggested prospects not yet on the meeting's list: one row per (group, person), with
    the group, name, organisation, title, level, last full meeting attended and a reason.
    Companies with no contact on file come with an empty person_id."""
    meeting = meeting or get_meeting(conn, meeting_id=meeting_id)
    reference = min(as_of, meeting.date)
    frame = conn.execute(_SQL, {
        "pid": meeting.partnership_id, "as_of": reference, "meeting": meeting_id, "full": list(FULL_KINDS),
        "since": reference - dt.timedelta(days=LOOKBACK_DAYS), "regular": REGULAR_MIN_MEETINGS,
    }).df()
    frame["reason"] = [_reason(r) for r in frame.to_dict("records")]
    frame["order"] = frame["grp"].map(_ORDER)
    frame = frame.sort_values(["order", "organisation", "name"], na_position="last", kind="stable")
    return frame.rename(columns={"grp": "group"})[COLUMNS].reset_index(drop=True)


def _reason(row: dict[Hashable, Any]) -> str:
    group = row["grp"]
    if group == SuggestionGroup.REGULAR:
        return f"Came to {int(row['recent_meetings'])} full meetings in the last 12 months."
    if group == SuggestionGroup.LAPSED:
        return f"Last came on {words.day(pd.Timestamp(row['last_attended']))}."
    if group == SuggestionGroup.SINGLE_CONTACT:
        return f"The only person from {row['organisation']}: ask them to bring a mid-level manager."
    if group == SuggestionGroup.OTHER_MEETINGS:
        return (f"Came to {words.count(int(row['other_meetings']), 'other meeting')}, last on "
                f"{words.day(pd.Timestamp(row['last_other']))}; never to a full meeting.")
    if blank(row["person_id"]):
        return "No contact on file: add one by hand."
    return "Nobody from this company has come to any meeting yet."
