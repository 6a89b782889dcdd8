"""Prospects for a meeting: who is on the list, who asks them, how, and the dated pipeline.

A prospect's status on a day is the latest step recorded on or before it
(ties: the one recorded last), except that attendance decides: a prospect
whose person attended the meeting (any non-action-team meeting of the
partnership that day, merged duplicates included) is ``attended``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import pandas as pd

from refresh_core.db import Connection, registered, transaction
from refresh_core.enums import FULL_KINDS
from refresh_core.errors import NotFoundError, ValidationError
from refresh_core.imports.organisations import NOT_GIVEN
from refresh_core.meetings import Meeting, get_meeting
from refresh_core.recruitment.pipeline import ProspectSource, ProspectStatus, StepSource
from refresh_core.schema import register_references

register_references(
    ("prospect", "meeting_id", "meeting"), ("prospect", "person_id", "person"),
    ("prospect", "asker_id", "person"), ("prospect_step", "prospect_id", "prospect"),
    ("meeting_asker", "meeting_id", "meeting"), ("meeting_asker", "person_id", "person"),
    ("invitation_template", "meeting_id", "meeting"), ("invitation_signer", "meeting_id", "meeting"),
)

# Parameters: meeting id, as-of date, its partnership and day. One row per prospect identified
# on or before as-of. (Kept to few joins: DuckDB's join planning dominates on small tables.)
_TABLE_SQL = f"""
WITH steps AS (
    SELECT s.prospect_id, (array_agg(s.status ORDER BY s.on_date DESC, s.seq DESC))[1] AS latest,
           max(s.on_date) AS latest_on, min(s.on_date) AS identified_on,
           {", ".join(f"max(s.on_date) FILTER (WHERE s.status = '{s.value}') AS {s.value}_on"
                      for s in ProspectStatus if s is not ProspectStatus.IDENTIFIED)}
    FROM prospect_step s WHERE s.prospect_id IN (SELECT id FROM prospect WHERE meeting_id = $meeting)
      AND s.on_date <= $as_of GROUP BY s.prospect_id),
came AS (
    SELECT DISTINCT coalesce(per.merged_into_id, per.id) AS root_id
    FROM attendance a JOIN person per ON per.id = a.person_id
    WHERE $day <= $as_of AND a.meeting_id IN (SELECT id FROM meeting WHERE partnership_id = $pid
          AND date = $day AND kind <> 'action_team')),
firsts AS (
    SELECT x.organisation_id, min(m.date) AS first_full
    FROM attendance a JOIN meeting m ON m.id = a.meeting_id JOIN person x ON x.id = a.person_id
    WHERE m.partnership_id = $pid AND (m.kind = ANY($full))
    GROUP BY x.organisation_id)
SELECT p.id AS prospect_id, p.person_id, per.full_name AS name, per.email, per.phone,
       per.title, per.level, per.organisation_id, o.name AS organisation,
       CASE WHEN o.name IS NULL OR o.name LIKE ('%' || $not_given) OR lower(trim(o.name)) = lower(o.domain)
            THEN NULL ELSE o.name END AS company,
       coalesce(o.kind, 'unclassified') AS org_kind, o.kind_source AS org_kind_source,
       p.asker_id, ask.full_name AS asker, p.channel,
       p.collaborative, p.strategic, p.interdependent,
       p.collaborative AND p.strategic AND p.interdependent AS civic, p.source,
       came.root_id IS NOT NULL AS came,
       CASE WHEN came.root_id IS NOT NULL THEN 'attended' ELSE steps.latest END AS status,
       CASE WHEN came.root_id IS NOT NULL THEN $day ELSE steps.latest_on END AS status_on,
       steps.identified_on, steps.asked_on, steps.called_on, steps.confirmed_on, steps.declined_on,
       steps.no_response_on,
       CASE WHEN came.root_id IS NOT NULL THEN $day ELSE steps.attended_on END AS attended_on,
       per.organisation_id IS NOT NULL AND coalesce(firsts.first_full >= $day, true) AS new_company
FROM prospect p JOIN steps ON steps.prospect_id = p.id
JOIN person per ON per.id = p.person_id
LEFT JOIN organisation o ON o.id = per.organisation_id
LEFT JOIN person ask ON ask.id = p.asker_id
LEFT JOIN came ON came.root_id = coalesce(per.merged_into_id, per.id)
LEFT JOIN firsts ON firsts.organisation_id = per.organisation_id
WHERE p.meeting_id = $meeting
ORDER BY per.full_name, p.id
"""


def prospect_table(
    conn: Connection, *, meeting_id: int, as_of: dt.date, meeting: Meeting | None = None
) -> pd.DataFrame:
    """Every prospect identified by ``as_of`` with their status then, step dates, asker,
    channel, civic traits, organisation kind (and who set it: ``org_kind_source``, 'guess' for a
    kind guessed from an email domain alone) and whether their company is new. ``company`` is
    the organisation's name when it is a real one (not a name made from an email domain, such
    as 'dc.com', nor a stand-in for someone who gave none), else empty.
    (``meeting``: the meeting, when the caller already has it.)"""
    meeting = meeting or get_meeting(conn, meeting_id=meeting_id)
    return conn.execute(_TABLE_SQL, {"meeting": meeting_id, "as_of": as_of, "pid": meeting.partnership_id,
                                     "full": list(FULL_KINDS), "not_given": NOT_GIVEN,
                                     "day": meeting.date}).df()


def meeting_of(conn: Connection, prospect_id: int) -> int:
    rows = conn.execute("SELECT meeting_id FROM prospect WHERE id = ?", [prospect_id]).fetchall()
    row = rows[0] if rows else None
    if row is None:
        raise NotFoundError(f"No prospect #{prospect_id}; it may have been removed. Reload the list.")
    return int(row[0])


def _check_people(conn: Connection, *, meeting_id: int, person_ids: list[int]) -> None:
    """Every person exists and belongs to the meeting's partnership."""
    meeting = get_meeting(conn, meeting_id=meeting_id)
    found = next(iter(conn.execute(
        "SELECT count(*) FROM person WHERE partnership_id = ? AND (id = ANY(?))",
        [meeting.partnership_id, person_ids],
    ).fetchall()), None)
    if found is None or int(found[0]) != len(set(person_ids)):
        raise ValidationError("Some of these people are not in this partnership. Reload the page and "
                              "pick people from the list.")


def add_prospects(
    conn: Connection,
    *,
    meeting_id: int,
    person_ids: Iterable[int],
    on: dt.date,
    source: ProspectSource = ProspectSource.HAND,
) -> int:
    """Put people on the meeting's list (identified on ``on``); people already on it are skipped.
    Returns how many were added."""
    wanted = list(dict.fromkeys(int(p) for p in person_ids))
    if not wanted:
        return 0
    with transaction(conn):
        _check_people(conn, meeting_id=meeting_id, person_ids=wanted)
        return insert_prospects(conn, meeting_id=meeting_id, rows=pd.DataFrame({"person_id": wanted}),
                                on=on, source=source)


def insert_prospects(
    conn: Connection, *, meeting_id: int, rows: pd.DataFrame, on: dt.date,
    source: ProspectSource,
) -> int:
    """Inside a transaction: add ``rows`` (person_id, optional asker_id, channel, status) not yet
    on the list, with an 'identified' step and, when given, their status step. Returns the count."""
    frame = rows.copy()
    for column in ("asker_id", "channel", "status"):
        if column not in frame:
            frame[column] = None
    frame = frame.astype({"asker_id": "Int64"}).astype({"channel": object, "status": object})
    frame = frame.drop_duplicates("person_id")
    with registered(conn, "new_prospects", frame[["person_id", "asker_id", "channel", "status"]]):
        added = conn.execute(
            """INSERT INTO prospect (meeting_id, person_id, asker_id, channel, source)
               SELECT ?, n.person_id, n.asker_id, n.channel, ? FROM new_prospects n
               WHERE n.person_id NOT IN (SELECT person_id FROM prospect WHERE meeting_id = ?)
               RETURNING id, person_id""",
            [meeting_id, source.value, meeting_id],
        ).df()
        step_source = StepSource.IMPORT if source is ProspectSource.IMPORT else StepSource.CONVENER
        with registered(conn, "added_prospects", added):
            conn.execute(
                """INSERT INTO prospect_step (prospect_id, status, on_date, source)
                   SELECT id, 'identified', ?, ? FROM added_prospects ORDER BY id""",
                [on, step_source.value])
            conn.execute(
                """INSERT INTO prospect_step (prospect_id, status, on_date, source)
                   SELECT a.id, n.status, ?, ? FROM added_prospects a JOIN new_prospects n USING (person_id)
                   WHERE n.status IS NOT NULL AND n.status <> 'identified' ORDER BY a.id""",
                [on, step_source.value])
    return len(added)


def remove_prospect(conn: Connection, *, prospect_id: int) -> None:
    """Take a prospect off the list, with their steps."""
    meeting_of(conn, prospect_id)
    with transaction(conn):
        conn.execute("DELETE FROM prospect_step WHERE prospect_id = ?", [prospect_id])
        conn.execute("DELETE FROM prospect WHERE id = ?", [prospect_id])
