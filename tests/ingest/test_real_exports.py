"""Real exports from public repositories (read from ../shared/real_exports, never copied here).

Expected counts were checked by hand with the csv module (see the README beside the files):
distinct people are distinct emails, or names when a file has no emails.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pytest

from refresh_core.ingest import Format, ParsedFile, detect_format, parse_file

REAL = Path(__file__).resolve().parents[2].parent / "shared" / "real_exports"


@dataclass(frozen=True)
class Expect:
    fmt: Format
    people: int
    meetings: int
    day: dt.date
    rejected: int = 0
    date_order: str = "month_first"
    title: str | None = None


EXPECTED: dict[str, Expect] = {
    # 31 rows, 4 people rejoin once each.
    "zoom/zoomclass_participants_heroes.csv": Expect(Format.ZOOM, 27, 1, dt.date(2021, 11, 19)),
    "zoom/zoomclass_participants_heroes_full.csv": Expect(
        Format.ZOOM, 27, 1, dt.date(2021, 11, 19), title="Heroes meeting"
    ),
    # Pseudonymised rows are all distinct; emails are truncated ('taro1…') so names identify people.
    "zoom/yu9824_ja_example.csv": Expect(Format.ZOOM, 204, 1, dt.date(2020, 12, 8)),
    "zoom/yu9824_ja_example2.csv": Expect(Format.ZOOM, 114, 1, dt.date(2020, 12, 8)),
    # 94 rows / 78 names; 82 rows / 71 names; 78 attendance rows / 69 names plus 7 side-table rows.
    "zoom/sarahprice_zoomus_meeting_report_Feb01.csv": Expect(Format.ZOOM, 78, 1, dt.date(2022, 2, 1)),
    "zoom/sarahprice_zoomus_meeting_report_Feb10.csv": Expect(Format.ZOOM, 71, 1, dt.date(2022, 2, 10)),
    "zoom/sarahprice_zoomus_meeting_report_Feb24.csv": Expect(Format.ZOOM, 69, 1, dt.date(2022, 2, 24), 7),
    # 38 join/leave events for 5 people; 57 events for 38 names.
    "teams/dominikhoebert_legacy_meetingAttendanceList_utf16le.csv": Expect(
        Format.TEAMS, 5, 1, dt.date(2020, 11, 12)
    ),
    "teams/gspahlin_legacy_meetingAttendanceList_excel_resaved_utf8sig.csv": Expect(
        Format.TEAMS, 38, 1, dt.date(2020, 11, 4)
    ),
    # Section 2 lists 7 people (7 emails); dates are DD/MM/YY.
    "teams/dvaneynde_IDL-14-11-22_utf16be.csv": Expect(
        Format.TEAMS, 7, 1, dt.date(2022, 11, 14), date_order="day_first", title="Scrum Meeting"
    ),
    # 7 rows, one email twice (names are masked to two spellings): 6 people; the title is 'null'.
    "teams/necrelox_fr_meetingAttendanceReport_utf16le.csv": Expect(
        Format.TEAMS, 6, 1, dt.date(2021, 4, 13), date_order="day_first"
    ),
    # Three display names over six roll-call columns of one day.
    "meet/arianalima_meet-attendance-extension_Attendance.csv": Expect(
        Format.MEET, 3, 1, dt.date(2020, 7, 7)
    ),
    # 21 responses with one timestamp; 9/6/2018 is ambiguous, read month first by default.
    "forms/gw-data-workshop_Form_Responses_1.csv": Expect(Format.FORMS, 21, 1, dt.date(2018, 9, 6)),
}


def _files() -> list[str]:
    if not REAL.is_dir():
        return []
    files = (p for p in REAL.rglob("*") if p.is_file() and p.suffix != ".md" and not p.name.startswith("."))
    return sorted(str(p.relative_to(REAL)) for p in files)


def _parse(relative: str) -> ParsedFile:
    path = REAL / relative
    if not path.exists():
        pytest.skip(f"{path} is not available")
    return parse_file(path.read_bytes(), file_name=path.name)


def _people(parsed: ParsedFile) -> int:
    rows = parsed.rows
    keys = rows["email"].where(rows["email"].notna(), "name:" + rows["name"].str.casefold())
    return int(keys.nunique())


@pytest.fixture(scope="module", autouse=True)
def _need_real_exports() -> None:
    if not REAL.is_dir():
        pytest.skip("../shared/real_exports is not available on this machine")


@pytest.mark.parametrize("relative", _files() or ["(none)"])
def test_real_export_counts(relative: str) -> None:
    """Uploading a real Zoom/Teams/Meet/Forms export finds the right format, people and meetings."""
    if relative not in EXPECTED:
        pytest.fail(f"{relative} has no hand-checked expectation; add one to EXPECTED")
    expect = EXPECTED[relative]
    parsed = _parse(relative)
    meetings = parsed.rows[["meeting_date", "meeting_title"]].drop_duplicates()
    assert parsed.format == expect.fmt
    assert _people(parsed) == expect.people
    assert len(parsed.rows) == expect.people * expect.meetings
    assert len(meetings) == expect.meetings
    assert set(parsed.rows["meeting_date"]) == {expect.day}
    assert set(parsed.rows["meeting_title"]) == {expect.title}
    assert len(parsed.rejected) == expect.rejected
    assert parsed.date_order == expect.date_order


@pytest.mark.parametrize("relative", sorted(EXPECTED))
def test_real_export_detection_agrees(relative: str) -> None:
    """The format guessed before parsing is the one the file is then read as."""
    path = REAL / relative
    if not path.exists():
        pytest.skip(f"{path} is not available")
    fmt, confidence = detect_format(path.read_bytes(), file_name=path.name)
    assert fmt == EXPECTED[relative].fmt
    assert 0.5 <= confidence <= 1.0


def test_zoom_block_host_and_original_names() -> None:
    """In a Zoom report with the meeting block, the host is marked and renamed people get their real names."""
    rows = _parse("zoom/zoomclass_participants_heroes_full.csv").rows.set_index("email")
    assert rows.loc["green-goblin_human@marvel.com", "role"] == "host"
    assert rows.loc["green-goblin_human@marvel.com", "name"] == "Norman Osborn"
    assert rows.loc["loki_asgardian@marvel.com", "name"] == "Loki Laufeyson"
    assert (rows["role"] == "host").sum() == 1


def test_zoom_rejoins_add_up() -> None:
    """A person who dropped out and rejoined shows once, with the minutes of both sessions."""
    rows = _parse("zoom/zoomclass_participants_heroes.csv").rows.set_index("email")
    assert rows.loc["swarm_mutant@marvel.com", "minutes"] == 10 + 98
    assert rows.loc["dazzler_mutant@marvel.com", "minutes"] == 2 + 27
    assert rows.loc["cyborg-superman_cyborg@dc.com", "minutes"] == 52 + 34
    # Two overlapping sessions (two devices): never more than the time from first join to last leave.
    assert rows.loc["power-girl_kryptonian@dc.com", "minutes"] == 114


def test_zoom_side_table_rows_are_set_aside() -> None:
    """Hand-typed notes beside a Zoom table are listed as set aside, not imported as people."""
    parsed = _parse("zoom/sarahprice_zoomus_meeting_report_Feb24.csv")
    assert parsed.rejected["line"].tolist() == list(range(80, 87))
    assert set(parsed.rejected["reason"]) == {"no name and no email address"}
    assert 'anthony edward "tony" stark' in set(parsed.rows["name"])


def test_teams_legacy_minutes_from_join_and_leave() -> None:
    """Minutes in a legacy Teams list are rebuilt from its Joined/Left events."""
    rows = _parse("teams/dominikhoebert_legacy_meetingAttendanceList_utf16le.csv").rows.set_index("name")
    # 12:27:24-12:45:18, 13:45:41-13:56:48, 15:42:10-15:42:48, 15:53:25-15:59:01 = 35 min 12 s.
    assert rows.loc["Mustermann Max", "minutes"] == 35
    assert "Müller Hans" in rows.index


def test_teams_report_roles_and_names_with_commas() -> None:
    """The Teams organiser becomes the host, and 'García Simón, Pedro' stays one person."""
    rows = _parse("teams/dvaneynde_IDL-14-11-22_utf16be.csv").rows.set_index("name")
    assert rows.loc["JANSSENS JAN (EXT)", "role"] == "host"
    assert rows.loc["García Simón, Pedro", "email"] == "pgsimon@spain.es"
    assert rows.loc["García Simón, Pedro", "minutes"] == 19


def test_teams_french_duplicates_and_null_title() -> None:
    """A French Teams report: 'Organisateur' is host, 2 h 44 m reads as 164, and 'null' is no title."""
    rows = _parse("teams/necrelox_fr_meetingAttendanceReport_utf16le.csv").rows.set_index("email")
    assert rows.loc["exemple1.*****@epitech.eu", "role"] == "host"
    assert rows.loc["exemple1.*****@epitech.eu", "minutes"] == 164
    assert rows.loc["exemple3.*****@epitech.eu", "minutes"] == 145


def test_forms_names_lose_no_break_spaces() -> None:
    """Names typed into Google Forms come through without trailing (no-break) spaces."""
    names = set(_parse("forms/gw-data-workshop_Form_Responses_1.csv").rows["name"])
    assert "Justine Gander" in names
    assert all(n == n.strip() and "\u00a0" not in n for n in names)
