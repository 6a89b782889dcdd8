"""Registrations from an Eventbrite export: they confirm prospects, check-ins mark them attended, and
registrants not on the list are added; people matched and created as in
:mod:`refresh_core.recruitment.prospect_import`, recorded as one import batch in one transaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from refresh_core.db import Connection, transaction
from refresh_core.errors import ValidationError
from refresh_core.ingest import Format, ParsedFile
from refresh_core.meetings import get_meeting
from refresh_core.recruitment.pipeline import ProspectSource
from refresh_core.recruitment.prospect_import import match_or_create_people, record_batch
from refresh_core.recruitment.prospects import insert_prospects
from refresh_core.recruitment.turnout import mark_registrations

__all__ = ["EventbriteResult", "apply_eventbrite"]


@dataclass(frozen=True)
class EventbriteResult:
    registrations: int
    confirmed: int  # prospects moved to confirmed
    attended: int  # prospects moved to attended (checked in)
    added: int  # registrants who were not on the list, added
    people_added: int


def apply_eventbrite(
    conn: Connection, *, meeting_id: int, parsed: ParsedFile, on: dt.date | None = None,
    data: bytes = b"",
) -> EventbriteResult:
    """An Eventbrite export for the meeting: registrations confirm prospects (dated ``on``, default
    today), check-ins mark them attended (dated the meeting day). Registrants not on the list are
    added (source 'eventbrite'). One transaction. ``data``: the file's bytes, for the batch digest."""
    on = on or dt.date.today()
    if parsed.format != Format.EVENTBRITE:
        raise ValidationError(f"{parsed.file_name} is not an Eventbrite attendee export. Upload the "
                              "export from Eventbrite's attendee report.")
    meeting = get_meeting(conn, meeting_id=meeting_id)
    rows = parsed.rows.reset_index(drop=True)
    with transaction(conn):
        batch = record_batch(conn, partnership_id=meeting.partnership_id, file_name=parsed.file_name,
                             data=data or rows.to_csv().encode(), fmt="eventbrite_registrations",
                             rows=len(rows) + len(parsed.rejected), rejected=len(parsed.rejected))
        people, added, _ = match_or_create_people(conn, partnership_id=meeting.partnership_id,
                                                  batch_id=batch, rows=rows)
        conn.execute("UPDATE import_batch SET people_added = ?, people_matched = ? WHERE id = ?",
                     [added, int(people.nunique()) - added, batch])
        frame = pd.DataFrame({"person_id": people, "checked_in": rows["checked_in"]})
        new = insert_prospects(conn, meeting_id=meeting_id, rows=frame[["person_id"]], on=on,
                               source=ProspectSource.EVENTBRITE)
        ids = conn.execute("SELECT id AS prospect_id, person_id FROM prospect WHERE meeting_id = ?",
                           [meeting_id]).df()
        marked = frame.merge(ids, on="person_id")
        confirmed, attended = mark_registrations(conn, meeting_id=meeting_id, rows=marked, on=on)
    return EventbriteResult(len(rows), confirmed, attended, new, added)
