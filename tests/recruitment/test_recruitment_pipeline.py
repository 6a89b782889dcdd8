"""The recruitment pipeline: status spellings, dated steps and the rules that guard them."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from refresh_core.db import transaction
from refresh_core.errors import ValidationError
from refresh_core.recruitment.pipeline import ProspectStatus, StepSource, parse_channel, parse_status
from refresh_core.recruitment.prospects import add_prospects, prospect_table, remove_prospect
from refresh_core.recruitment.status import describe_funnel
from refresh_core.recruitment.steps import advance, set_status
from refresh_core.schema import problems
from tests.builders import Builder
from tests.conftest import TODAY
from tests.recruiting import MEETING_DAY, START, plan, prospects_at


@pytest.mark.parametrize(("text", "expected"), [
    ("identified", "identified"), ("Asked", "asked"), ("CALLED", "called"), (" confirmed ", "confirmed"),
    ("Declined", "declined"), ("no_response", "no_response"), ("No Response", "no_response"),
    ("no-response", "no_response"), ("NO  RESPONSE", "no_response"), ("attended", "attended"),
    ("Called (follow-up done)", "called"), ("", None), (None, None),
])
def test_status_spellings_from_files_and_forms(text: str | None, expected: str | None) -> None:
    """Statuses are read case-insensitively, with spaces, underscores or hyphens."""
    found = parse_status(text)
    assert (found.value if found else None) == expected


def test_unknown_status_names_the_accepted_ones() -> None:
    """A typo is refused with the list of statuses to use."""
    with pytest.raises(ValidationError, match=r"'maybe' is not a recruitment status.*no_response"):
        parse_status("maybe")


@pytest.mark.parametrize(("text", "expected"), [
    ("Personal ask by phone", "personal_phone"), ("personal_in_person", "personal_in_person"),
    ("Personal email from a champion", "champion_email"), ("MASS EMAIL", "mass_email"), ("flyer", "flyer"),
    ("Letter", "letter"),
])
def test_channel_labels_and_values_are_both_accepted(text: str, expected: str) -> None:
    """The on-screen label and the stored value both name a channel."""
    found = parse_channel(text)
    assert found is not None and found.value == expected


def test_status_on_a_day_is_the_latest_step_then(build: Builder) -> None:
    """Looking back shows where the prospect stood that day; every step keeps its date."""
    meeting = plan(build)
    [prospect] = prospects_at(build, meeting, [build.person("Ada Lee", "Acme")],
                              ("asked", START + dt.timedelta(days=2)),
                              ("called", START + dt.timedelta(days=6)),
                              ("confirmed", START + dt.timedelta(days=7)))
    def status_on(day: dt.date) -> pd.Series:
        return prospect_table(build.conn, meeting_id=meeting, as_of=day).iloc[0]
    assert status_on(START)["status"] == "identified"
    assert status_on(START + dt.timedelta(days=6))["status"] == "called"
    row = status_on(TODAY)
    assert row["status"] == "confirmed"
    assert row["asked_on"].date() == START + dt.timedelta(days=2)
    assert row["called_on"].date() == START + dt.timedelta(days=6)
    assert prospect_table(build.conn, meeting_id=meeting, as_of=START - dt.timedelta(days=1)).empty
    assert prospect == int(row["prospect_id"])


def test_a_step_cannot_be_dated_before_the_latest_one(build: Builder) -> None:
    """History is not rewritten: a step dated earlier than the last is refused, naming the prospect."""
    meeting = plan(build)
    [prospect] = prospects_at(build, meeting, [build.person("Ada Lee", "Acme")], ("asked", TODAY))
    with pytest.raises(ValidationError, match="Ada Lee: a step cannot be dated before"):
        set_status(build.conn, prospect_id=prospect, status="called", on=TODAY - dt.timedelta(days=1))
    set_status(build.conn, prospect_id=prospect, status="called", on=TODAY)
    assert prospect_table(build.conn, meeting_id=meeting, as_of=TODAY).iloc[0]["status"] == "called"


def test_attended_cannot_be_recorded_before_the_meeting(build: Builder) -> None:
    """Nobody attends a meeting that has not happened yet."""
    meeting = plan(build)
    [prospect] = prospects_at(build, meeting, [build.person("Ada Lee", "Acme")])
    with pytest.raises(ValidationError, match="mark people attended on or after that day"):
        set_status(build.conn, prospect_id=prospect, status="attended", on=TODAY)
    set_status(build.conn, prospect_id=prospect, status="attended", on=MEETING_DAY)
    assert prospect_table(build.conn, meeting_id=meeting, as_of=MEETING_DAY).iloc[0]["status"] == "attended"


def test_recorded_attendance_keeps_a_prospect_attended(build: Builder) -> None:
    """Attendance wins over a later hand-set status, and the convener is told how to fix it."""
    meeting = plan(build)
    person = build.person("Ada Lee", "Acme")
    [prospect] = prospects_at(build, meeting, [person], ("declined", TODAY))
    build.attend(meeting, [person])
    row = prospect_table(build.conn, meeting_id=meeting, as_of=MEETING_DAY).iloc[0]
    assert row["status"] == "attended" and row["attended_on"].date() == MEETING_DAY
    with pytest.raises(ValidationError, match="undo the import"):
        set_status(build.conn, prospect_id=prospect, status="declined", on=MEETING_DAY)


def test_attendance_of_a_merged_duplicate_counts(build: Builder) -> None:
    """A prospect whose duplicate record (merged into them) attended is attended."""
    meeting = plan(build)
    person = build.person("Ada Lee", "Acme")
    duplicate = build.person("Ada Lee-Smith", "Acme", email="ada@home.example")
    build.conn.execute("UPDATE person SET merged_into_id = ? WHERE id = ?", [person, duplicate])
    prospects_at(build, meeting, [person])
    build.attend(meeting, [duplicate])
    assert prospect_table(build.conn, meeting_id=meeting, as_of=MEETING_DAY).iloc[0]["status"] == "attended"


def test_automatic_updates_never_move_a_prospect_backward(build: Builder) -> None:
    """A file saying 'asked' leaves a confirmed prospect confirmed, and moves an identified one on."""
    meeting = plan(build)
    ahead, behind = prospects_at(build, meeting, [build.person("Ada", "A"), build.person("Bo", "B")])
    set_status(build.conn, prospect_id=ahead, status="confirmed", on=TODAY)
    with transaction(build.conn):
        moved = advance(build.conn, prospect_ids=pd.Series([ahead, behind]), status=ProspectStatus.ASKED,
                        on=TODAY, source=StepSource.IMPORT)
    assert moved == [behind]
    table = prospect_table(build.conn, meeting_id=meeting, as_of=TODAY).set_index("prospect_id")
    assert table.loc[ahead, "status"] == "confirmed" and table.loc[behind, "status"] == "asked"


def test_people_are_listed_once_and_only_from_this_partnership(build: Builder) -> None:
    """Adding someone twice keeps one prospect; someone from another partnership is refused."""
    meeting = plan(build)
    person = build.person("Ada Lee", "Acme")
    assert add_prospects(build.conn, meeting_id=meeting, person_ids=[person, person], on=TODAY) == 1
    assert add_prospects(build.conn, meeting_id=meeting, person_ids=[person], on=TODAY) == 0
    other = Builder.new(build.conn, "Other Partnership").person("Zed", "Zed Co")
    with pytest.raises(ValidationError, match="not in this partnership"):
        add_prospects(build.conn, meeting_id=meeting, person_ids=[other], on=TODAY)


def test_removing_a_prospect_leaves_nothing_dangling(build: Builder) -> None:
    """The prospect and their dated steps go together."""
    meeting = plan(build)
    [prospect] = prospects_at(build, meeting, [build.person("Ada Lee", "Acme")], ("asked", TODAY))
    remove_prospect(build.conn, prospect_id=prospect)
    assert prospect_table(build.conn, meeting_id=meeting, as_of=TODAY).empty
    assert build.conn.execute("SELECT count(*) FROM prospect_step").fetchall() == [(0,)]
    assert problems(build.conn).empty


@pytest.mark.parametrize(("counts", "expected"), [
    ({}, "No prospects yet: build the list from the suggestions, by hand, or from a CSV file."),
    ({"identified": 3}, "None of the 3 prospects has confirmed or attended yet; 3 still need an ask, a "
                        "follow-up call or an answer."),
    ({"asked": 1}, "The one prospect has not confirmed or attended yet; 1 still needs an ask, a follow-up "
                   "call or an answer."),
    ({"confirmed": 2, "attended": 1}, "All 3 prospects have confirmed or attended."),
    ({"confirmed": 1}, "The one prospect has confirmed or attended."),
    ({"confirmed": 2, "declined": 1}, "2 of 3 prospects have confirmed or attended; 1 declined."),
    ({"declined": 1, "no_response": 2}, "None of the 3 prospects has confirmed or attended yet; 1 declined "
                                        "and 2 did not respond."),
    ({"confirmed": 1, "called": 1, "no_response": 1},
     "1 of 3 prospects have confirmed or attended; 1 still needs an ask, a follow-up call or an answer; "
     "1 did not respond."),
    ({"identified": 1200, "confirmed": 30}, "30 of 1,230 prospects have confirmed or attended; 1,200 still "
                                            "need an ask, a follow-up call or an answer."),
])
def test_the_funnel_sentence_leaves_out_what_is_zero(counts: dict[str, int], expected: str) -> None:
    """Regression: "0 of 3 prospects have confirmed... 0 declined and 0 did not respond". A clause that
    would say 0 is left out; with nothing confirmed the sentence still says so, in words."""
    by_status = {s.value: counts.get(s.value, 0) for s in ProspectStatus}
    assert describe_funnel(by_status) == expected
