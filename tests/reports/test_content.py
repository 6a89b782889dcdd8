"""What the one-page report says, checked against the pages a convener compares it with."""

from __future__ import annotations

from refresh_core.db import Connection
from refresh_core.meeting.followups import clock
from refresh_core.partnerships import get_partnership
from refresh_core.reports.content import partnership_report
from refresh_core.reports.report_pdf import _meeting_lines
from tests.conftest import THREE_RIVERS, TODAY


def test_report_lists_the_same_overdue_items_as_the_follow_through_page(demo_conn: Connection) -> None:
    """Items closed by the records (survey results, a team's meeting) are not 'overdue' on the PDF.

    Reported: Three Rivers' PDF said three finished items were overdue while Follow-through showed
    them done and one item overdue.
    """
    tr = get_partnership(demo_conn, name=THREE_RIVERS)
    items = clock(demo_conn, partnership_id=tr.id, as_of=TODAY)
    rows = list(zip(items["due"].dt.date, items["item"], items["done"].notna(), items["overdue"],
                    strict=True))
    closed = {(due, item) for due, item, done, _ in rows if done}
    overdue = [(due, item) for due, item, _, late in rows if late]
    assert closed and overdue  # the demo has both, else this test proves nothing
    report = partnership_report(demo_conn, partnership=tr, as_of=TODAY)
    listed = [(due, item) for due, item, _ in report.open_items]
    assert not set(listed) & closed
    assert [(d, i) for d, i, late in report.open_items if late] == overdue[: len(report.open_items)]


def test_report_last_meeting_names_the_unclassified_so_the_room_adds_up(demo_conn: Connection) -> None:
    """The PDF's last meeting said '30 industry leaders and 10 public partners' for a room of 41: the
    attendee from an unclassified organisation is named as their own band."""
    tr = get_partnership(demo_conn, name=THREE_RIVERS)
    report = partnership_report(demo_conn, partnership=tr, as_of=TODAY)
    last = report.last_meeting
    assert last is not None and last.unclassified == 1
    line = _meeting_lines(report)[0]
    assert "30 industry leaders, 10 public partners and 1 not classified yet" in line
