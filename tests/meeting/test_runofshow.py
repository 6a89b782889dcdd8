"""The printable run-of-show: a Word document and Markdown with times, leads, prompts and set-up."""

from __future__ import annotations

import datetime as dt
import io

import docx

from refresh_core.guidance import ATTRIBUTION
from refresh_core.meeting.agenda import fit_agenda
from refresh_core.meeting.agenda_guide import KEY_QUESTION
from refresh_core.meeting.history import where_weve_been
from refresh_core.meeting.runofshow import ROOM_SETUP, MeetingDetails, run_of_show_docx, run_of_show_markdown
from tests.builders import Builder
from tests.refresh_scenario import REFRESH, refresh_scenario

TITLES = [
    "Welcome & introductions",
    "Where we've been",
    "Where we are",
    "Where we're going",
    "Commitments & next steps",
]
DETAILS = MeetingDetails("Lakeshore Manufacturing", "Refresh meeting", dt.date(2026, 12, 10), "College")


def test_word_document_opens_with_the_five_parts_in_order() -> None:
    """The .docx opens in python-docx with one heading per part, in order, with clock times."""
    agenda = fit_agenda(start=dt.time(7, 30), minutes=120)
    document = docx.Document(io.BytesIO(run_of_show_docx(agenda, DETAILS)))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    parts = headings[:5]
    assert [h.split(". ", 1)[1].split(" (")[0] for h in parts] == TITLES
    assert parts[0].startswith("I. ") and parts[4].startswith("V. ")
    assert "(07:30-07:45, 15 min)" in parts[0]
    assert "Room set-up checklist" in headings


def test_word_document_has_the_timing_table_prompts_and_checklist() -> None:
    """The table lists times and leads (spare time last); prompts, the checklist and the credit follow."""
    agenda = fit_agenda(start=dt.time(7, 30), minutes=120)
    document = docx.Document(io.BytesIO(run_of_show_docx(agenda, DETAILS)))
    table = document.tables[0]
    cells = [[c.text for c in row.cells] for row in table.rows]
    assert cells[0] == ["Time", "Part", "Minutes", "Lead"]
    assert cells[1] == ["07:30-07:45", "Welcome & introductions", "15", "A business champion"]
    assert cells[-1][:3] == ["09:20-09:30", "Networking time (spare minutes)", "10"]
    text = "\n".join(p.text for p in document.paragraphs)
    assert KEY_QUESTION in text
    assert all(item in text for item in ROOM_SETUP)
    assert "Public partners sit around the edges" in text
    assert ATTRIBUTION in text
    assert "Thursday 10 December 2026, 07:30-09:30 at College" in text


def test_markdown_matches_the_word_content(build: Builder) -> None:
    """Markdown carries the same parts, leads and talking points drafted from the records."""
    refresh_scenario(build)
    history = where_weve_been(build.conn, partnership_id=build.pid, as_of=REFRESH)
    agenda = fit_agenda(start=dt.time(8, 0), minutes=100)
    text = run_of_show_markdown(agenda, DETAILS, history)
    for n, title in zip(["I", "II", "III", "IV", "V"], TITLES, strict=True):
        assert f"## {n}. {title}" in text
    assert "| 08:00-08:10 | Welcome & introductions | 10 | A business champion |" in text
    assert "We launched on 10 January 2024" in text
    assert "- [ ] Name tents for everyone" in text
    word = "\n".join(
        p.text for p in docx.Document(io.BytesIO(run_of_show_docx(agenda, DETAILS, history))).paragraphs
    )
    assert "We launched on 10 January 2024" in word
    assert "Apprenticeship" in word  # the team to acknowledge under "Where we're going"


def test_warnings_and_notes_reach_the_facilitator() -> None:
    """Warnings about the plan and the convener's notes are printed with the run-of-show."""
    agenda = fit_agenda(start=dt.time(8, 0), minutes=110, attendees=30)
    text = run_of_show_markdown(agenda, DETAILS)
    assert "> Note: With about 30 people" in text
