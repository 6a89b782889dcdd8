"""The facilitator's printable run-of-show: clock times, leads, prompts, room set-up.

Two renderings of the same content: Markdown text and a Word document (bytes).
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from docx import Document
from docx.shared import Pt

from refresh_core import words
from refresh_core.guidance import ATTRIBUTION, NUMBERS
from refresh_core.meeting.agenda import Agenda, AgendaItem
from refresh_core.meeting.history import WhereWeveBeen
from refresh_core.tables import markdown_text

ROOM_SETUP: tuple[str, ...] = (
    "A facilitated discussion, not a presentation: no podium, no slide deck, no guest speaker.",
    "Seat industry leaders together at the tables, mixing companies so peers meet each other.",
    "Public partners sit around the edges of the room as observers: they support, industry leads.",
    "Sticky wall (or large paper sheets on the wall), tape or repositionable spray adhesive.",
    "Large sticky notes or half-sheets and a thick marker for every participant.",
    "Name tents for everyone: first name large, company underneath.",
    "Sign-in sheet at the door (name, company, email): it becomes the attendance record.",
    'Printed agenda with the key question for "Where we\'re going" on it.',
    "A champion sign-up sheet per category (name, company, email; champion or member).",
    "A clock or timer the facilitator can see; coffee for the break or networking time.",
)


@dataclass(frozen=True)
class MeetingDetails:
    partnership: str
    title: str = "Refresh meeting"
    date: dt.date | None = None
    location: str | None = None


def _when(details: MeetingDetails, agenda: Agenda) -> str:
    day = f"{details.date:%A} {words.day(details.date, '%B %Y')}, " if details.date else ""
    place = f" at {details.location}" if details.location else ""
    return f"{day}{agenda.start:%H:%M}-{agenda.end:%H:%M}{place}"


def _extra_points(item: AgendaItem, history: WhereWeveBeen | None) -> list[tuple[str, list[str]]]:
    """Data-driven blocks for a part: (heading, points), in order."""
    if history is None:
        return []
    if item.key == "been":
        blocks = [("Talking points from the records (successes and missteps)", history.talking_points)]
        if history.principles:
            blocks.append(("Our core principles: reaffirm them, or agree what changes",
                           list(history.principles)))
        else:
            blocks.append(("Core principles", ["None written down yet: ask which principles guide the work "
                                               "(for example industry-driven, networks not hierarchies)."]))
        return blocks
    if item.key == "going" and history.active_teams:
        return [("Action teams to acknowledge (and invite ideas to go further)", list(history.active_teams))]
    return []


ROOM_SETUP_SOURCE = NUMBERS["agenda.room_setup"].credit


def run_of_show_markdown(
    agenda: Agenda, details: MeetingDetails, history: WhereWeveBeen | None = None
) -> str:
    """The run-of-show as Markdown; every piece of user text (titles, names, notes, talking points) is
    escaped with :func:`refresh_core.tables.markdown_text`, so it cannot inject HTML, links or formulas."""
    e = markdown_text
    lines = [
        f"# Run-of-show: {e(details.title)}",
        "",
        f"**{e(details.partnership)}** · {e(_when(details, agenda))}",
        "",
        "| Time | Part | Minutes | Lead |",
        "|---|---|---|---|",
    ]
    lines += [
        f"| {i.start:%H:%M}-{i.end:%H:%M} | {e(i.title)} | {i.minutes} | {e(i.lead)} |" for i in agenda.items
    ]
    if agenda.spare_minutes:
        lines.append(
            f"| {agenda.items[-1].end:%H:%M}-{agenda.end:%H:%M} | Networking time (spare minutes) "
            f"| {agenda.spare_minutes} | Convener |"
        )
    for w in agenda.warnings:
        lines += ["", f"> Note: {e(w)}"]
    for n, item in enumerate(agenda.items, start=1):
        span = f"{item.start:%H:%M}-{item.end:%H:%M}, {item.minutes} min"
        lines += ["", f"## {_roman(n)}. {e(item.title)} ({span})", "", f"**Lead:** {e(item.lead)}", ""]
        lines += [f"- {e(p)}" for p in item.prompts]
        for heading, points in _extra_points(item, history):
            lines += ["", f"**{e(heading)}:**", ""] + [f"- {e(p)}" for p in points]
        if item.notes:
            lines += ["", f"**Notes:** {e(item.notes)}"]
    lines += ["", f"_The five parts, their times and prompts: {ATTRIBUTION}_"]
    lines += ["", "## Room set-up checklist", "", f"_{ROOM_SETUP_SOURCE}_", ""]
    lines += [f"- [ ] {c}" for c in ROOM_SETUP] + [""]
    return "\n".join(lines)


def _roman(n: int) -> str:
    return ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")[n - 1] if n <= 10 else str(n)


def _agenda_table(doc: object, agenda: Agenda) -> None:
    rows = [(f"{i.start:%H:%M}-{i.end:%H:%M}", i.title, str(i.minutes), i.lead) for i in agenda.items]
    if agenda.spare_minutes:
        rows.append(
            (
                f"{agenda.items[-1].end:%H:%M}-{agenda.end:%H:%M}",
                "Networking time (spare minutes)",
                str(agenda.spare_minutes),
                "Convener",
            )
        )
    table = doc.add_table(rows=1, cols=4)  # type: ignore[attr-defined]
    table.style = "Light Grid Accent 1"
    for cell, text in zip(table.rows[0].cells, ("Time", "Part", "Minutes", "Lead"), strict=True):
        cell.text = text
    for values in rows:
        for cell, text in zip(table.add_row().cells, values, strict=True):
            cell.text = text


def run_of_show_docx(agenda: Agenda, details: MeetingDetails, history: WhereWeveBeen | None = None) -> bytes:
    """The run-of-show as a Word document."""
    doc = Document()
    doc.styles["Normal"].font.size = Pt(11)
    doc.add_heading(f"Run-of-show: {details.title}", level=0)
    doc.add_paragraph(f"{details.partnership} · {_when(details, agenda)}")
    _agenda_table(doc, agenda)
    for w in agenda.warnings:
        doc.add_paragraph(f"Note: {w}", style="Intense Quote")
    for n, item in enumerate(agenda.items, start=1):
        doc.add_heading(
            f"{_roman(n)}. {item.title} ({item.start:%H:%M}-{item.end:%H:%M}, {item.minutes} min)", level=1
        )
        lead = doc.add_paragraph()
        lead.add_run("Lead: ").bold = True
        lead.add_run(item.lead)
        for prompt in item.prompts:
            doc.add_paragraph(prompt, style="List Bullet")
        for heading, points in _extra_points(item, history):
            doc.add_paragraph().add_run(heading + ":").bold = True
            for point in points:
                doc.add_paragraph(point, style="List Bullet 2")
        if item.notes:
            doc.add_paragraph(f"Notes: {item.notes}")
    doc.add_paragraph(f"The five parts, their times and prompts: {ATTRIBUTION}").runs[0].italic = True
    doc.add_heading("Room set-up checklist", level=1)
    doc.add_paragraph(ROOM_SETUP_SOURCE).runs[0].italic = True
    for check in ROOM_SETUP:
        doc.add_paragraph("\u2610 " + check)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
