"""Per-asker call sheets: who to call, their phone number, where they stand, what to say.

The call list, as a CSV and as Word sheets; the printable PDF of the same sheets is
``callsheet_pdf``.

The guide: "A follow up phone call goes a long way to encourage attendance. Divide
up those calls among your public partner team and industry champions."
"""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
from docx import Document
from docx.enum.text import WD_BREAK

from refresh_core import words
from refresh_core.db import Connection
from refresh_core.guidance import ATTRIBUTION
from refresh_core.meetings import get_meeting
from refresh_core.recruitment.invitations import when_text
from refresh_core.recruitment.pipeline import CHANNEL_LABELS, STATUS_LABELS, Channel, ProspectStatus
from refresh_core.recruitment.prospects import prospect_table
from refresh_core.tables import blank, to_safe_csv

TALKING_POINTS: tuple[str, ...] = (
    "Make it personal and peer-to-peer: you are calling as a fellow leader in the industry, "
    "not on behalf of a program.",
    "Why this meeting: to bring new industry leaders and new energy into the partnership, "
    "celebrate what we have achieved together, and set the priorities that matter to the "
    "industry today.",
    "What we'll do together: a strategic discussion, not presentations. Where is the industry "
    "going, and what do we need to do together, that no one company could do on its own, to "
    "strengthen and grow our industry here?",
    "It ends with commitments: those who want to can champion a priority and shape the work.",
    "Ask them to confirm, and whether a mid-level manager from their company should come too.",
)
NEXT_STEP: dict[ProspectStatus, str] = {
    ProspectStatus.IDENTIFIED: "Make the personal ask",
    ProspectStatus.ASKED: "Follow-up call",
    ProspectStatus.CALLED: "Ask for their answer",
    ProspectStatus.NO_RESPONSE: "Try once more",
    ProspectStatus.CONFIRMED: "Thank them; remind them the week before",
}
NO_ASKER = "(no asker yet)"  # the asker of a call nobody has been given yet
NO_ASKER_NOTE = ("Nobody has been given these calls yet: give them to askers with Balance the calls on the "
                 "Recruitment page, or make them yourself.")
NO_CALLS = "No calls to make: every prospect has answered."
COLUMNS = ["asker", "name", "company", "title", "phone", "email", "status", "channel",
           "asked_on", "called_on", "next_step"]


def call_list(conn: Connection, *, meeting_id: int, as_of: dt.date) -> pd.DataFrame:
    """Every prospect still to call or thank (not declined, not yet attended), by asker then name.
    Phone numbers are text, exactly as recorded (leading zeros kept)."""
    table = prospect_table(conn, meeting_id=meeting_id, as_of=as_of)
    table = table[table["status"].isin([s.value for s in NEXT_STEP])].copy()
    out = pd.DataFrame({
        "asker": table["asker"].fillna(NO_ASKER).astype(str),
        "name": table["name"].astype(str),
        "company": table["organisation"].fillna("").astype(str),
        "title": table["title"].fillna("").astype(str),
        "phone": table["phone"].fillna("").astype(str),
        "email": table["email"].fillna("").astype(str),
        "status": table["status"].map(lambda s: STATUS_LABELS[ProspectStatus(s)]),
        "channel": table["channel"].map(lambda c: CHANNEL_LABELS[Channel(c)] if isinstance(c, str) else ""),
        "asked_on": table["asked_on"].map(_day),
        "called_on": table["called_on"].map(_day),
        "next_step": table["status"].map(lambda s: NEXT_STEP[ProspectStatus(s)]),
    }, columns=COLUMNS)
    return out.sort_values(["asker", "name"], kind="stable").reset_index(drop=True)


def _day(value: object) -> str:
    return "" if blank(value) else f"{words.day(pd.Timestamp(str(value)))}"


CSV_HEADINGS = {"asker": "Asker", "name": "Name", "company": "Company", "title": "Job title",
                "phone": "Phone", "email": "Email", "status": "Status", "channel": "Channel",
                "asked_on": "Asked on", "called_on": "Called on", "next_step": "Next step"}


def call_sheets_csv(calls: pd.DataFrame) -> bytes:
    """All askers' calls in one formula-safe CSV (one row per call, asker first), headed in words."""
    return to_safe_csv(calls.rename(columns=CSV_HEADINGS))


def meeting_line(conn: Connection, *, meeting_id: int) -> str:
    """'Refresh meeting: Thursday 14 January 2027, 7:30 to 9:30 at Lakeshore CC', under each sheet's title."""
    meeting = get_meeting(conn, meeting_id=meeting_id)
    where = f" at {meeting.location}" if meeting.location else ""
    return f"{meeting.title}: {when_text(meeting)}{where}"


def call_facts(row: pd.Series) -> tuple[str, str, str]:
    """One call as the printed sheet gives it: who (name, title, company), how to reach them, and
    where they stand with the next step."""
    who = ", ".join(str(x) for x in (row["name"], row["title"], row["company"]) if x)
    reach = f"Phone: {row['phone'] or 'not on file'}    Email: {row['email'] or 'not on file'}"
    dates = ", ".join(x for x in (f"asked {row['asked_on']}" if row["asked_on"] else "",
                                  f"called {row['called_on']}" if row["called_on"] else "") if x)
    now = f"Now: {row['status']}" + (f"; {dates}" if dates else "") + f". Next: {row['next_step']}."
    return who, reach, now


def sheet_title(asker: str) -> str:
    """The heading of an asker's sheet; the calls nobody has been given have a sheet of their own."""
    return "Calls with no asker yet" if asker == NO_ASKER else f"Call sheet for {asker}"


def call_sheets_docx(conn: Connection, *, meeting_id: int, calls: pd.DataFrame) -> bytes:
    """The same sheets as a Word document, one page per asker, calls in a table."""
    doc = Document()
    heading = meeting_line(conn, meeting_id=meeting_id)
    groups = list(calls.groupby("asker", sort=True))
    for i, (asker, group) in enumerate(groups):
        doc.add_heading(sheet_title(str(asker)), level=1)
        doc.add_paragraph(heading)
        if asker == NO_ASKER:
            doc.add_paragraph(NO_ASKER_NOTE)
        doc.add_heading("Talking points", level=2)
        for point in TALKING_POINTS:
            doc.add_paragraph(point, style="List Bullet")
        doc.add_heading(f"Your calls ({len(group)})", level=2)
        table = doc.add_table(rows=1, cols=5)
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, ["Name", "Company", "Phone", "Now", "Next step"],
                              strict=True):
            cell.text = text
        for _, row in group.iterrows():
            cells = table.add_row().cells
            for cell, key in zip(cells, ["name", "company", "phone", "status", "next_step"], strict=True):
                cell.text = str(row[key])
        doc.add_paragraph().add_run(ATTRIBUTION).italic = True
        if i < len(groups) - 1:
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    if not groups:
        doc.add_paragraph(NO_CALLS)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
