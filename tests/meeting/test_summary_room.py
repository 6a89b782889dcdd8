"""The meeting summary's numbers add up to the attendance: the unclassified are their own band."""

from __future__ import annotations

from refresh_core.db import Connection
from refresh_core.meeting.summary import meeting_summary
from refresh_core.partnerships import get_partnership
from tests.conftest import THREE_RIVERS, TODAY


def test_three_rivers_refresh_summary_names_the_unclassified_attendee(demo_conn: Connection) -> None:
    """Reported: 41 people at the refresh meeting, the summary said 30 industry leaders and 10 public
    partners and never mentioned the 1 from an unclassified organisation."""
    tr = get_partnership(demo_conn, name=THREE_RIVERS)
    row = demo_conn.execute(
        """SELECT m.id, count(DISTINCT a.person_id) FROM meeting m JOIN attendance a ON a.meeting_id = m.id
           WHERE m.partnership_id = ? AND m.kind = 'refresh' GROUP BY m.id ORDER BY m.id DESC LIMIT 1""",
        [tr.id],
    ).fetchone()
    assert row is not None
    meeting_id, came = int(row[0]), int(row[1])
    s = meeting_summary(demo_conn, meeting_id=meeting_id, partnership_id=tr.id, as_of=TODAY)
    a = s.attendance
    assert a.unknown >= 1  # the demo's case
    assert a.industry + a.public_partner + a.unknown == came
    assert s.takeaway.startswith(
        f"{a.industry} industry leaders outnumbered {a.public_partner} public partners "
        f"(and {a.unknown} not classified yet)"
    )
