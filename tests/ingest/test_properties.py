"""Property tests: whatever a convener uploads, the page gets rows or a readable ImportFileError."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from refresh_core.ingest import ROW_COLUMNS, Format, ImportFileError, ParsedFile, arrowtext, dates, parse_file
from refresh_core.ingest.classify import clean_emails, clean_names
from refresh_core.ingest.dates import DAY_FIRST, MONTH_FIRST, choose_order, parse_datetimes
from refresh_core.ingest.durations import parse_minutes

HEADINGS = [
    "Name", "Full Name", "First Name", "Last Name", "Email", "E-mail", "Organization", "Company", "Title",
    "Sector", "Date", "Meeting", "Meeting Type", "Role", "Phone", "Timestamp", "User Action", "Join Time",
    "Leave Time", "Duration", "Duration (Minutes)", "Name (Original Name)", "Order #", "Attendee Status",
    "Ticket Type", "Participant ID (UPN)", "Attendance Duration", "Time joined", "Meeting ID", "Topic",
    "1. Summary", "2. Participants", "Meeting Summary", "Start Time", "https://meet.google.com/abc",
]  # fmt: skip
CELL_VALUES = [
    "", " ", "Joined", "Left", "Organizer", "Observer", "Industry", "Public partner", "3/14/2024",
    "14/03/2024", "2024-03-14 09:30", "11/4/2020, 9:50:12 AM", "13/04/2021 à 09:01:31", "1h 54m", "45",
    "22s", "a@b.co", "Checked In", "null", "Goliath, David", "\u00a0", "=SUM(A1)", '"', "0123",
]  # fmt: skip
cells = st.one_of(st.sampled_from(HEADINGS), st.sampled_from(CELL_VALUES), st.text(max_size=12))
tables = st.lists(st.lists(cells, min_size=0, max_size=7), min_size=0, max_size=12)
EXAMPLES = int(os.environ.get("INGEST_FUZZ_EXAMPLES", "100"))  # raise for a longer local fuzz run
SETTINGS = settings(
    max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)


def _render(rows: list[list[str]], delimiter: str, encoding: str) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    text = buffer.getvalue()
    if encoding == "utf-16":
        return text.encode("utf-16")
    return text.encode(encoding, errors="replace")


def _check_result_or_error(data: bytes, fmt: Format | None = None) -> None:
    try:
        parsed = parse_file(data, file_name="upload.csv", format=fmt)
    except ImportFileError as exc:
        assert not exc.unexpected, f"internal error wrapped: {exc.__cause__!r}"
        assert str(exc).startswith("upload.csv")
        return
    _check_schema(parsed)


def _check_schema(parsed: ParsedFile) -> None:
    rows = parsed.rows
    assert tuple(rows.columns) == ROW_COLUMNS
    assert len(rows) > 0
    assert all(isinstance(v, int) for v in rows["line"])
    assert all(isinstance(n, str) for n in rows["name"])
    assert all(n != "" or e is not None for n, e in zip(rows["name"], rows["email"], strict=True))
    assert set(rows["role"]) <= {"participant", "observer", "host"}
    assert all(e is None or (e == e.strip().lower() and "@" in e) for e in rows["email"])
    assert all(m is None or (isinstance(m, int) and m >= 0) for m in rows["minutes"])
    assert all(d is None or isinstance(d, dt.date) for d in rows["meeting_date"])
    assert set(rows["affiliation"]) <= {"industry", "public_partner", None}
    assert tuple(parsed.rejected.columns) == ("line", "column", "reason", "raw")


@SETTINGS
@given(st.binary(max_size=400))
def test_arbitrary_bytes_parse_or_explain(data: bytes) -> None:
    """Any uploaded bytes either read as attendance or produce a clear 'cannot read this file' message."""
    _check_result_or_error(data)


@SETTINGS
@given(tables, st.sampled_from([",", ";", "\t"]), st.sampled_from(["utf-8", "utf-16", "cp1252"]))
def test_random_tables_parse_or_explain(rows: list[list[str]], delimiter: str, encoding: str) -> None:
    """Spreadsheets of random cells and headings never crash the upload page."""
    _check_result_or_error(_render(rows, delimiter, encoding))


@SETTINGS
@given(tables, st.sampled_from(list(Format)))
def test_forced_format_parses_or_explains(rows: list[list[str]], fmt: Format) -> None:
    """Choosing the wrong format by hand gives a message, never a crash."""
    _check_result_or_error(_render(rows, ",", "utf-8"), fmt)


moments = st.datetimes(min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2099, 12, 31)).map(
    lambda d: d.replace(microsecond=0)
)


@SETTINGS
@given(moments, st.sampled_from([MONTH_FIRST, DAY_FIRST]), st.booleans(), st.booleans())
def test_dates_round_trip(moment: dt.datetime, order: str, twelve_hour: bool, short_year: bool) -> None:
    """A date written in the file's own order (12 or 24 hour, 2 or 4 digit year) reads back unchanged."""
    first, second = (moment.month, moment.day) if order == MONTH_FIRST else (moment.day, moment.month)
    year = f"{moment.year % 100:02d}" if short_year else str(moment.year)
    clock = moment.strftime("%I:%M:%S %p") if twelve_hour else moment.strftime("%H:%M:%S")
    text = f"{first}/{second}/{year}, {clock}"
    if short_year and not 2000 <= moment.year < 2070:
        return
    parsed = parse_datetimes(pd.Series([text]), order).iloc[0]
    assert parsed == pd.Timestamp(moment)


@SETTINGS
@given(moments, st.sampled_from([MONTH_FIRST, DAY_FIRST]))
def test_iso_dates_ignore_the_order(moment: dt.datetime, order: str) -> None:
    """ISO dates (as Excel and Meet write them) read the same whichever date order is chosen."""
    parsed = parse_datetimes(pd.Series([moment.isoformat(sep=" ")]), order).iloc[0]
    assert parsed == pd.Timestamp(moment)


@SETTINGS
@given(st.lists(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2060, 12, 31)), min_size=1))
def test_order_is_decided_by_a_day_over_twelve(days: list[dt.date]) -> None:
    """If any date only makes sense day first, the whole file is read day first (and vice versa)."""
    written = pd.Series([f"{d.day}/{d.month}/{d.year}" for d in days])
    order, warnings = choose_order([written], MONTH_FIRST)
    if any(d.day > 12 for d in days):
        assert order == DAY_FIRST and not warnings
    elif any(d.day != d.month for d in days):
        assert order == MONTH_FIRST and warnings  # ambiguous: the caller's default, with a warning
    parsed = parse_datetimes(written, order)
    if order == DAY_FIRST:
        assert list(parsed.dt.date) == days


@SETTINGS
@given(st.text(max_size=30), st.sampled_from([MONTH_FIRST, DAY_FIRST]))
def test_date_parser_never_raises(text: str, order: str) -> None:
    """Any text in a date column is either a plausible date or reported as unreadable."""
    parsed = parse_datetimes(pd.Series([text]), order).iloc[0]
    assert pd.isna(parsed) or 1900 <= parsed.year <= 2200


@SETTINGS
@given(st.integers(min_value=0, max_value=23), st.integers(min_value=0, max_value=59))
def test_spelled_durations_read_as_minutes(hours: int, minutes: int) -> None:
    """Teams-style durations ('1h 54m', '2 h 44 m') read as whole minutes."""
    samples = pd.Series(
        [f"{hours}h {minutes}m", f"{hours}\u00a0h {minutes}\u00a0m", f"{hours}:{minutes:02d}:00"]
    )
    assert parse_minutes(samples).tolist() == [hours * 60 + minutes] * 3


@pytest.mark.parametrize("text", ["9/6/2018 0:06:16", "11/12/2020, 12:27:24"])
def test_ambiguous_sample_uses_callers_order(text: str) -> None:
    """When every date fits both orders, the caller's choice is used and a warning says so."""
    for default in (MONTH_FIRST, DAY_FIRST):
        order, warnings = choose_order([pd.Series([text])], default)
        assert order == default
        assert len(warnings) == 1 and text in warnings[0]


def _datey() -> st.SearchStrategy[str]:
    """Date-like texts, valid or not, in the shapes real exports use."""
    num = st.integers(min_value=0, max_value=40).map(str)
    year = st.sampled_from(["2024", "24", "1899", "2201", "69", "70", "2020"])
    sep = st.sampled_from(["/", "-", "."])
    time_sep = st.sampled_from([" ", ", ", " à ", "T", ""])
    clock = st.builds(
        lambda h, m, s, p: f"{h}:{m:02d}{s}{p}",
        st.integers(0, 25),
        st.integers(0, 61),
        st.sampled_from(["", ":07", ":59"]),
        st.sampled_from(["", " AM", " pm", " a.m."]),
    )
    numeric = st.builds(lambda a, s, b, y: f"{a}{s}{b}{s}{y}", num, sep, num, year)
    iso = st.builds(lambda y, m, d: f"{y}-{m}-{d}", st.sampled_from(["2024", "2020"]), num, num)
    named = st.builds(
        lambda mon, d, y: f"{mon} {d}, {y}", st.sampled_from(["March", "Sept", "Foo", "mai"]), num, year
    )
    day = st.one_of(numeric, iso, named, st.sampled_from(["45356", "12345", "Tuesday, 3/5/2024"]))
    with_time = st.builds(lambda d, s, c: f"{d}{s}{c}", day, time_sep, clock)
    return st.one_of(day, with_time, st.text(max_size=15))


@SETTINGS
@given(st.lists(_datey(), min_size=1, max_size=20), st.sampled_from([MONTH_FIRST, DAY_FIRST]))
def test_small_and_large_date_paths_agree(texts: list[str], order: str) -> None:
    """Small and very large files read the same dates (two engines, one set of rules)."""
    values = pd.Series(texts, dtype=str)
    small = parse_datetimes(values, order)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(arrowtext, "SMALL", 0)
        patch.setattr(dates, "SMALL", 0)
        large = parse_datetimes(values, order)
    pd.testing.assert_series_equal(small, large)


@SETTINGS
@given(
    st.lists(st.one_of(cells, st.sampled_from(["1 hr 5 min", "2\u00a0h 44\u00a0m", "01:05:00"])), max_size=20)
)
def test_small_and_large_text_paths_agree(texts: list[str]) -> None:
    """Names, emails and durations clean the same way in small and very large files."""
    values = pd.Series(texts, dtype=str)

    def run() -> list[pd.Series]:
        names = clean_names(values, original=True, guest_suffix=True)
        return [names, clean_emails(values), parse_minutes(values)]

    small = run()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(arrowtext, "SMALL", 0)
        large = run()
    for one, other in zip(small, large, strict=True):
        assert one.tolist() == other.tolist() or one.equals(other)
