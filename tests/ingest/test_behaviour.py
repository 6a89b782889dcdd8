"""Behaviour a convener relies on: decoding, detection, date order, rows schema, speed."""

from __future__ import annotations

import datetime as dt
import time

import pandas as pd
import pytest

from refresh_core.ingest import ROW_COLUMNS, Format, detect_format, parse_file
from refresh_core.ingest import sheet as sheet_module
from refresh_core.ingest.classify import (
    _clean_emails,
    _clean_names,
    classify_affiliation,
    classify_kinds,
    classify_roles,
    clean_emails,
    clean_names,
)
from refresh_core.ingest.columns import field_of
from tests.ingest.conftest import FIXTURES

DETECTED = {
    "signin_title_rows.csv": Format.SIGNIN,
    "forms_responses.csv": Format.FORMS,
    "zoom_plain.csv": Format.ZOOM,
    "zoom_block.csv": Format.ZOOM,
    "zoom_japanese.csv": Format.ZOOM,
    "teams_legacy_ptbr.csv": Format.TEAMS,
    "teams_legacy_joined_before.csv": Format.TEAMS,
    "teams_resaved_semicolon.csv": Format.TEAMS,
    "teams_2021_french.csv": Format.TEAMS,
    "teams_2022_intermediate.csv": Format.TEAMS,
    "teams_2022_sections.csv": Format.TEAMS,
    "meet_rollcall.csv": Format.MEET,
    "meet_report.csv": Format.MEET,
    "eventbrite_attendees.csv": Format.EVENTBRITE,
    "webex_attendees.csv": Format.WEBEX,
}


@pytest.mark.parametrize(("name", "fmt"), sorted(DETECTED.items()))
def test_detect_format(name: str, fmt: Format) -> None:
    """Each kind of export is recognised without the user choosing the format."""
    assert detect_format((FIXTURES / name).read_bytes(), file_name=name)[0] == fmt


def test_rows_have_exactly_the_public_columns() -> None:
    """Every parse returns the agreed columns with plain Python values (no NaN where None is meant)."""
    rows = parse_file((FIXTURES / "signin_title_rows.csv").read_bytes(), file_name="s.csv").rows
    assert tuple(rows.columns) == ROW_COLUMNS
    first = rows.iloc[0]
    assert isinstance(first["meeting_date"], dt.date)
    assert first["minutes"] is None and first["checked_in"] is None
    assert first["phone"] == "07700 900123"


def test_curly_apostrophe_from_windows_1252() -> None:
    """Names saved by Excel on Windows keep their curly apostrophe (byte 0x92 is ’, not a control code)."""
    rows = parse_file((FIXTURES / "signin_cp1252.csv").read_bytes(), file_name="s.csv").rows
    assert rows["name"].tolist() == ["Siobhán O’Brien", "Renée Côté"]


def test_day_first_choice_changes_ambiguous_dates() -> None:
    """Choosing day first for an ambiguous file reads 3/4/2024 as 3 April."""
    data = (FIXTURES / "signin_ambiguous_dates.csv").read_bytes()
    month_first = parse_file(data, file_name="a.csv")
    day_first = parse_file(data, file_name="a.csv", date_order="day_first")
    assert month_first.rows["meeting_date"].iloc[0] == dt.date(2024, 3, 4)
    assert day_first.rows["meeting_date"].iloc[0] == dt.date(2024, 4, 3)
    assert day_first.date_order == "day_first" and "day first" in day_first.warnings[0]


def test_day_over_twelve_overrides_callers_order() -> None:
    """A file with 14/03/2024 is read day first even if the user left month first selected."""
    data = (FIXTURES / "signin_semicolon_dayfirst.csv").read_bytes()
    parsed = parse_file(data, file_name="s.csv", date_order="month_first")
    assert parsed.date_order == "day_first" and not parsed.warnings


def test_many_meetings_in_one_sheet() -> None:
    """One sign-in sheet holding two meetings gives rows for both, and one person can attend both."""
    rows = parse_file((FIXTURES / "signin_title_rows.csv").read_bytes(), file_name="s.csv").rows
    meetings = rows[["meeting_date", "meeting_title"]].drop_duplicates()
    assert len(meetings) == 2
    assert (rows["email"] == "dana.whitfield@acmeprecision.com").sum() == 2


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Full Name", "name"), ("  e-MAIL ", "email"), ("Email Address (optional)", "email"),
        ("Company/Organization", "organisation"), ("Job Title", "title"), ("Partner Type", "affiliation"),
        ("Are you industry or a public partner?", "affiliation"), ("Meeting Date", "meeting_date"),
        ("Event", "meeting_title"), ("Event Type", "meeting_kind"), ("Mobile", "phone"),
        ("Attendee #", None), ("Meeting title", "meeting_title"), ("所要時間（分）", "minutes"),
    ],
)  # fmt: skip
def test_header_recognition(header: str, field: str | None) -> None:
    """Common spellings of headings are recognised regardless of case, spaces and punctuation."""
    assert field_of(header) == field


def test_affiliation_role_and_kind_words() -> None:
    """Free-text sector, role and meeting-type cells map to the product's categories."""
    industry = ["Industry", "Private employer"]
    public = ["Community college", "Workforce board", "Chamber / economic development", "County government"]
    values = pd.Series([*industry, *public, "Nonprofit", "", "Other"])
    affiliation, subtype = classify_affiliation(values)
    assert affiliation.tolist() == ["industry", "industry"] + ["public_partner"] * 5 + [None, None]
    subtypes = ["education", "workforce", "economic_development", "government", "community"]
    assert subtype.tolist() == [None, None, *subtypes, None, None]
    roles = classify_roles(
        pd.Series(["Organizer", "Organisateur", "Co-organizer", "Observer", "Presenter", ""])
    )
    assert roles.tolist() == ["host", "host", "host", "observer", "participant", "participant"]
    kinds = classify_kinds(
        pd.Series(["Q3 Quarterly meeting", "Relaunch", "Launch event", "Action Team call", "x"])
    )
    assert kinds.tolist() == ["quarterly", "refresh", "launch", "action_team", None]


def test_large_file_path_matches_small_file_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """Big files use a faster reader; it must give the same rows as the exact one used for small files."""
    data = (FIXTURES / "signin_title_rows.csv").read_bytes()
    exact = parse_file(data, file_name="s.csv")
    monkeypatch.setattr(sheet_module, "FAST_READ_CHARS", 0)
    fast = parse_file(data, file_name="s.csv")
    pd.testing.assert_frame_equal(exact.rows, fast.rows)
    pd.testing.assert_frame_equal(exact.rejected, fast.rejected)


def test_hundred_thousand_rows_parse_quickly() -> None:
    """A 100,000-row sign-in export is read in a couple of seconds, not minutes."""
    lines = ["Name,Email,Organization,Sector,Date,Meeting,Phone"]
    sectors = ["Industry", "Public partner - education", "Workforce", "Business"]
    dates = ["3/14/2024", "6/13/2024", "9/12/2024"]
    lines += [f"Person {i},p{i}@example.org,Org {i % 500},{sectors[i % 4]},{dates[i % 3]},Quarterly,0{i:09d}"
              for i in range(100_000)]  # fmt: skip
    data = "\n".join(lines).encode()
    started = time.process_time()  # CPU time: not inflated when the test machine is busy
    parsed = parse_file(data, file_name="big.csv")
    elapsed = time.process_time() - started
    assert len(parsed.rows) == 100_000
    assert parsed.rows["phone"].iloc[0] == "0000000000"
    assert elapsed < 4.0, f"took {elapsed:.2f}s"


def test_distinct_value_work_gives_the_per_row_result() -> None:
    """Cleaning names and emails once per distinct cell gives exactly what cleaning every row gives."""
    names = pd.Series(["  Ana  Lopez ", "Ben (Guest)", "  Ana  Lopez ", "", "Ben (Guest)"] * 3)
    emails = pd.Series(["A@X.org", "Ben <ben@y.org>", "A@X.org", "", "no"] * 3)
    assert clean_names(names, guest_suffix=True).tolist() == _clean_names(names, False, True).tolist()
    assert clean_names(names, guest_suffix=True).tolist()[:2] == ["Ana Lopez", "Ben"]
    assert clean_emails(emails).tolist() == _clean_emails(emails).tolist()
    assert clean_emails(emails).tolist()[:2] == ["a@x.org", "ben@y.org"]
