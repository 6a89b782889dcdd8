"""Small helpers for the recruitment tests: a planned meeting and prospects at given steps."""

from __future__ import annotations

import datetime as dt
import io

from pypdf import PdfReader

from refresh_core.meetings import add_meeting
from refresh_core.recruitment.prospects import add_prospects, prospect_table
from refresh_core.recruitment.steps import set_status
from tests.builders import Builder
from tests.conftest import TODAY

MEETING_DAY = TODAY + dt.timedelta(days=30)
START = TODAY - dt.timedelta(days=20)


def plan(build: Builder, day: dt.date = MEETING_DAY) -> int:
    """A refresh meeting for the builder's partnership."""
    return add_meeting(build.conn, partnership_id=build.pid, date=day, location="Community College")


def prospects_at(build: Builder, meeting: int, people: list[int], *steps: tuple[str, dt.date],
                 identified: dt.date = START) -> list[int]:
    """Put ``people`` on the list (identified on START) and record ``steps`` for each; prospect ids."""
    add_prospects(build.conn, meeting_id=meeting, person_ids=people, on=identified)
    table = prospect_table(build.conn, meeting_id=meeting, as_of=dt.date.max)
    ids = [int(table.loc[table["person_id"] == p, "prospect_id"].iloc[0]) for p in people]
    for prospect in ids:
        for status, day in steps:
            set_status(build.conn, prospect_id=prospect, status=status, on=day)
    return ids


def pages_of(pdf: bytes) -> list[str]:
    """Each page's text as a PDF reader extracts it, whitespace made single spaces."""
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(pdf)).pages]
