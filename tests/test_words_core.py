"""Sentences the core writes read as a person's words: plurals right, a tie called a tie, one name
per thing ("import", never "batch"), pages named as the navigation names them."""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd
import pytest

from refresh_core.errors import ValidationError
from refresh_core.imports.batches import UndoResult
from refresh_core.imports.results import AlreadyImported
from refresh_core.imports.roster import RosterResult
from refresh_core.meeting.agenda import fit_agenda
from refresh_core.meeting.summary import Attendance, summary_takeaway
from refresh_core.meetings import add_meeting
from tests.builders import Builder

NO_OUTCOMES = pd.DataFrame({"status": pd.Series([], dtype=str)})


def room(industry: int, public: int, new: int = 0) -> Attendance:
    return Attendance(industry=industry, public_partner=public, unknown=0, observers=0,
                      new_industry_leaders=tuple(f"P{i}" for i in range(new)), new_companies=())


def test_an_undo_with_one_of_each_says_each_in_the_singular() -> None:
    """"1 attendance record, 1 meeting, 1 person and 1 organisation", and no "0 earlier values restored"."""
    said = UndoResult(batch_id=4, file_name="zoom.csv", attendance_removed=1, meetings_removed=1,
                      people_removed=1, organisations_removed=1, values_restored=0).sentence()
    assert said == ("Removed import 4 (zoom.csv): 1 attendance record, 1 meeting, 1 person and "
                    "1 organisation.")


def test_an_undo_that_restores_values_counts_them() -> None:
    """Restored values are told only when there are some, with the plural right."""
    said = UndoResult(batch_id=2, file_name="a.csv", attendance_removed=0, meetings_removed=2,
                      people_removed=3, organisations_removed=0, values_restored=1).sentence()
    assert said.endswith("0 attendance records, 2 meetings, 3 people and 0 organisations; "
                         "1 earlier value restored.")


def test_a_file_imported_twice_names_the_import_not_a_batch() -> None:
    """The already-imported note says "import 3", the name the Import history page uses."""
    at = dt.datetime(2026, 3, 12, 9, 5)
    said = AlreadyImported(batch_id=3, imported_at=at, file_name="s.csv").sentence()
    assert "(import 3, as 's.csv')" in said and "batch" not in said


def test_the_meeting_summary_calls_a_tie_a_tie() -> None:
    """Six industry leaders and six public partners are even, never "did not outnumber"."""
    said = summary_takeaway(room(6, 6), NO_OUTCOMES, 0)
    assert said.startswith("Industry leaders and public partners were even, 6 to 6")
    assert "outnumber" not in said


def test_the_meeting_summary_does_not_call_a_room_of_unclassified_attendees_even() -> None:
    """Regression (first-hour walk): a Zoom meeting of 69 attendees, all from organisations nobody had
    classified, was summed up "Industry leaders and public partners were even, 0 to 0 (and 69 not
    classified yet)"; nothing was even, nobody was classified yet."""
    unclassified = Attendance(industry=0, public_partner=0, unknown=69, observers=0,
                              new_industry_leaders=(), new_companies=())
    said = summary_takeaway(unclassified, NO_OUTCOMES, 0)
    assert said == ("All 69 attendees came from organisations not classified yet, so no balance of industry "
                    "leaders and public partners shows; no sticky wall; no priority with champions.")


def test_the_meeting_summary_says_who_outnumbered_whom_in_the_singular() -> None:
    """Public partners outnumbering are said so; "1 idea", "1 priority", nothing "0 parked"."""
    outcomes = pd.DataFrame({"status": ["active"]})
    said = summary_takeaway(room(1, 3, new=1), outcomes, 1)
    assert said == ("3 public partners outnumbered 1 industry leader, 1 new industry leader; "
                    "1 idea on the wall; 1 priority with champions.")


def test_the_meeting_summary_says_no_new_industry_leader_in_that_order() -> None:
    """Regression (walk-through): the champion's Meeting summary read "11 public partners outnumbered 6
    industry leaders, no industry leader new"; it reads "no new industry leader", and "2 new industry
    leaders" when some were new."""
    said = summary_takeaway(room(6, 11), NO_OUTCOMES, 0)
    assert said == ("11 public partners outnumbered 6 industry leaders, no new industry leader; "
                    "no sticky wall; no priority with champions.")
    said = summary_takeaway(room(6, 11, new=2), NO_OUTCOMES, 0)
    assert said.startswith("11 public partners outnumbered 6 industry leaders, 2 new industry leaders; ")


def test_a_short_meeting_is_refused_without_a_wrong_article() -> None:
    """Never "a 80-minute meeting": the length is said as "a meeting of N minutes"."""
    with pytest.raises(ValidationError, match=r"^A meeting of 60 minutes cannot fit"):
        fit_agenda(start=dt.time(8, 0), minutes=60)
    with pytest.raises(ValidationError, match=r"a meeting of 80 minutes would run past midnight"):
        fit_agenda(start=dt.time(23, 30), minutes=80)


def test_a_second_meeting_of_a_kind_on_one_day_names_the_type_in_words(
    conn: duckdb.DuckDBPyConnection, build: Builder
) -> None:
    """The refusal names the type as the app does ("Full partnership (regular)"), not "quarterly"."""
    day = dt.date(2026, 3, 12)
    add_meeting(conn, partnership_id=build.pid, date=day, kind="quarterly", title="Spring")
    refused = r"already a meeting of this type \(Full partnership \(regular\)\)"
    with pytest.raises(ValidationError, match=refused):
        add_meeting(conn, partnership_id=build.pid, date=day, kind="quarterly", title="Again")


def test_a_roster_of_one_says_one_organisation_and_one_person() -> None:
    """"1 organisation added ... 1 person added", never "1 organisations" or "1 people"."""
    said = RosterResult(organisations_added=1, organisations_updated=0, people_added=1,
                        people_updated=2).sentence()
    assert said == "Roster loaded: 1 organisation added, 0 updated; 1 person added, 2 updated."
