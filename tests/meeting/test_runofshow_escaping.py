"""The Markdown run-of-show escapes user text: no HTML, links or formulas get through (issue 13)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from refresh_core.meeting.agenda import fit_agenda
from refresh_core.meeting.runofshow import MeetingDetails, run_of_show_markdown


def test_html_links_and_formulas_in_user_text_are_inert() -> None:
    """A partnership name with an HTML tag, a title that is a spreadsheet formula, a location that is a
    Markdown link, a lead with a table pipe and notes with HTML: all printed as text."""
    agenda = fit_agenda(start=dt.time(8, 0), minutes=110)
    first = dataclasses.replace(agenda.items[0], lead="Ann | Bo", notes="<script>alert(1)</script> & more")
    agenda = dataclasses.replace(agenda, items=(first, *agenda.items[1:]))
    details = MeetingDetails(
        partnership='<img src=x onerror="alert(1)">', title='=HYPERLINK("http://evil.example","x")',
        date=dt.date(2026, 12, 10), location="[the college](javascript:alert(1))",
    )  # fmt: skip
    text = run_of_show_markdown(agenda, details)
    assert "<img" not in text and "<script>" not in text
    assert "&lt;img src=x" in text and "&lt;script&gt;alert(1)&lt;/script&gt; & more" in text
    assert "# Run-of-show: \\=HYPERLINK" in text
    assert "\\[the college\\](javascript:" in text  # brackets escaped: no link
    assert "| Ann \\| Bo |" in text
    assert "Welcome & introductions" in text  # ordinary text stays readable
