"""What the Import page says once a file is imported: counts a person reads at a glance, and a
year of sign-ins (a hundred meetings) named by its first few meetings, not a wall of text."""

from __future__ import annotations

from refresh_core.imports.results import ImportResult


def _result(meetings: int, added: int = 10_000) -> ImportResult:
    listed = tuple(
        {"title": f"Quarterly meeting {i}", "date": f"2025-{i % 12 + 1:02d}-0{i % 9 + 1}",
         "attendees": 80 + i}
        for i in range(meetings)
    )
    return ImportResult("signins.csv", "signin", "imported", 7, listed, added, 0, added, 7_884, 1, ())


def test_a_hundred_meetings_are_named_by_the_first_five_and_a_count() -> None:
    """120 meetings: the first five with their dates and attendees, then 'and 115 more meetings', with
    thousands separators in the counts."""
    text = _result(120).sentence()
    assert text.startswith("signins.csv: 10,000 attendance records added; 7,884 new people, 1 matched. ")
    assert "120 meetings: Quarterly meeting 0 (1 Jan 2025, 80 attendees);" in text
    assert "Quarterly meeting 4 (5 May 2025, 84 attendees); and 115 more meetings (all on the" in text
    assert "Quarterly meeting 5 " not in text


def test_a_few_meetings_are_all_named_and_plurals_are_right() -> None:
    """One meeting and one attendance record: singular words, no 'more meetings'."""
    result = ImportResult(
        "one.csv", "signin", "imported", 3, ({"title": "Launch", "date": "2025-03-04", "attendees": 1},),
        1, 0, 1, 1, 0, (),
    )
    assert result.sentence() == (
        "one.csv: 1 attendance record added; 1 new person, 0 matched. 1 meeting: Launch (4 Mar 2025, "
        "1 attendee)."
    )
