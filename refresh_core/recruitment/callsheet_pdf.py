"""The call sheets as a PDF to print: one sheet per asker, each starting on a new page.

A sheet is headed with the asker's name and the meeting (title, day, time, place),
then the talking points and the asker's calls: who (name, title, company), phone
and email, where they stand and the next step, boxes to tick for the answer (yes,
maybe, no) and lines for notes. The calls nobody has been given yet have a sheet of
their own, "Calls with no asker yet", saying how to hand them out. A sheet too long
for one page goes on to the next, headed "(continued)"; a call is never split.
The same facts, in the same order, as the Word sheets (``callsheets``).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from refresh_core.db import Connection
from refresh_core.guidance import ATTRIBUTION
from refresh_core.printing.document import INK, MUTED, RULE, Document
from refresh_core.recruitment.callsheets import (
    NO_ASKER,
    NO_ASKER_NOTE,
    NO_CALLS,
    TALKING_POINTS,
    call_facts,
    meeting_line,
    sheet_title,
)

FOOT = 14.0  # mm kept free at the bottom of each page for the small print (at 12 mm from the edge)
BOX = 3.2  # mm: the side of a tick box
INDENT = 6.0  # mm: a call's details sit right of its tick box
GAP = 5.0  # mm between a call's details and its answer and notes
ANSWERS = ("yes", "maybe", "no")
NOTE_LINES, NOTE_STEP = 2, 6.0  # lines to write notes on, mm apart (the first after "Notes:")
WRITE_IN = NOTE_STEP * (NOTE_LINES + 1)  # mm the answer and the notes take
SEPARATION = 4.0  # mm from a call's bottom to the next call, the rule between them
NAME_SIZE, DETAIL_SIZE, NOW_SIZE = 10.5, 9.0, 8.5
TINT = (241, 243, 245)


def call_sheets_pdf(conn: Connection, *, meeting_id: int, calls: pd.DataFrame,
                    made_on: dt.date | None = None) -> bytes:
    """The sheets of ``calls`` (from ``callsheets.call_list``) as a PDF, one asker per page (or more,
    when an asker has many calls), by asker as in the call list; phone numbers and emails printed."""
    heading = meeting_line(conn, meeting_id=meeting_id)
    doc = Document(title=f"Call sheets: {heading}", made_on=made_on, contacts=True)
    groups = list(calls.groupby("asker", sort=True))
    if not groups:
        doc.write_block(doc.l_margin, doc.epw, "Call sheets", size=16, bold=True)
        doc.write_block(doc.l_margin, doc.epw, heading, size=10, colour=MUTED)
        doc.ln(4)
        doc.write_block(doc.l_margin, doc.epw, NO_CALLS, size=10)
        _foot(doc)
    for i, (asker, group) in enumerate(groups):
        if i:
            doc.add_page()
        _sheet(doc, str(asker), group, heading)
    return bytes(doc.output())


def _sheet(doc: Document, asker: str, group: pd.DataFrame, heading: str) -> None:
    """One asker's sheet from the top of the current page, over as many pages as its calls need."""
    title = sheet_title(asker)
    doc.write_block(doc.l_margin, doc.epw, title, size=16, bold=True, leading=1.2)
    doc.write_block(doc.l_margin, doc.epw, heading, size=10, colour=MUTED)
    doc.ln(2.5)
    if asker == NO_ASKER:
        _note(doc, NO_ASKER_NOTE)
    doc.heading(doc.l_margin, doc.epw, "Talking points")
    for point in TALKING_POINTS:
        top = doc.get_y()
        doc.write_block(doc.l_margin + 1, 4, "•", size=8.5, colour=MUTED)
        doc.set_y(top)
        doc.write_block(doc.l_margin + INDENT, doc.epw - INDENT, point, size=8.5)
        doc.ln(0.8)
    doc.ln(2.5)
    doc.heading(doc.l_margin, doc.epw, f"Your calls ({len(group)})")
    page = 1
    for _, row in group.iterrows():
        if doc.get_y() + _call_height(doc, row) > doc.h - FOOT:
            _foot(doc, f"{title}, page {page}. ")
            doc.add_page()
            page += 1
            doc.write_block(doc.l_margin, doc.epw, f"{title} (continued)", size=12, bold=True)
            doc.write_block(doc.l_margin, doc.epw, heading, size=9, colour=MUTED)
            doc.ln(3)
        _call(doc, row)
    _foot(doc, f"{title}, page {page}. " if page > 1 else "")


def _note(doc: Document, text: str) -> None:
    """A shaded box with ``text``: what the convener does with the calls nobody has been given."""
    width = doc.epw - 6
    doc.font(9.5, bold=True)
    height = 4 + doc.lines_for(width, text) * doc.line_height(9.5)
    top = doc.get_y()
    doc.set_fill_color(*TINT)
    doc.rect(doc.l_margin, top, doc.epw, height, style="F")
    doc.set_fill_color(*MUTED)
    doc.rect(doc.l_margin, top, 1.2, height, style="F")
    doc.set_y(top + 2)
    doc.write_block(doc.l_margin + 4, width, text, size=9.5, bold=True)
    doc.set_y(top + height + 3)


def _columns(doc: Document) -> tuple[float, float, float, float]:
    """(x, width) of a call's details, right of its tick box, and of its answer and notes beside them."""
    right = doc.epw * 0.37
    return doc.l_margin + INDENT, doc.epw - INDENT - right - GAP, doc.l_margin + doc.epw - right, right


def _call_height(doc: Document, row: pd.Series) -> float:
    """The height in mm of one call's block, measured in the fonts it is drawn in."""
    _, width, _, _ = _columns(doc)
    details = 0.0
    for text, size, bold in zip(call_facts(row), (NAME_SIZE, DETAIL_SIZE, NOW_SIZE), (True, False, False),
                                strict=True):
        doc.font(size, bold=bold)
        details += doc.lines_for(width, text) * doc.line_height(size)
    return max(details, WRITE_IN) + SEPARATION


def _call(doc: Document, row: pd.Series) -> None:
    """One call: a tick box, who, how to reach them and where they stand; beside them, boxes for the
    answer and lines for notes; a rule under it."""
    x, width, right_x, right = _columns(doc)
    top = doc.get_y()
    _box(doc, doc.l_margin + 0.5, top + 0.7)
    for text, size, bold, colour in zip(call_facts(row), (NAME_SIZE, DETAIL_SIZE, NOW_SIZE),
                                        (True, False, False), (INK, INK, MUTED), strict=True):
        doc.write_block(x, width, text, size=size, bold=bold, colour=colour)
    bottom = max(doc.get_y(), top + WRITE_IN)
    line = doc.line_height(DETAIL_SIZE)
    doc.font(DETAIL_SIZE, bold=True)
    label = max(doc.get_string_width("Answer:"), doc.get_string_width("Notes:")) + 2
    doc.set_xy(right_x, top)
    doc.cell(label, line, "Answer:")
    left = right_x + label
    doc.font(DETAIL_SIZE)
    for word in ANSWERS:
        _box(doc, left, top + 0.3)
        doc.set_xy(left + BOX + 1, top)
        doc.cell(doc.get_string_width(word) + 1, line, word)
        left += BOX + 1 + doc.get_string_width(word) + 5
    doc.font(DETAIL_SIZE, bold=True)
    doc.set_xy(right_x, top + NOTE_STEP)
    doc.cell(label, line, "Notes:")
    doc.set_draw_color(*RULE)
    doc.set_line_width(0.25)
    for n in range(NOTE_LINES):
        base = top + NOTE_STEP * (n + 1) + line
        doc.line(right_x + (label if n == 0 else 0), base, right_x + right, base)
    doc.set_draw_color(*MUTED)
    doc.set_line_width(0.15)
    doc.line(doc.l_margin, bottom + 1.5, doc.l_margin + doc.epw, bottom + 1.5)
    doc.set_y(bottom + SEPARATION - 0.5)


def _box(doc: Document, x: float, y: float) -> None:
    doc.set_draw_color(*MUTED)
    doc.set_line_width(0.3)
    doc.rect(x, y, BOX, BOX)


def _foot(doc: Document, page: str = "") -> None:
    """The guide's credit at the foot of the page, after ``page`` (which sheet and page, on a sheet
    of several pages)."""
    doc.footer_note(page + ATTRIBUTION)
