"""Assigning a person to an organisation by hand: an existing one, a new one, or none."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from refresh_core.errors import NotFoundError, PermissionDenied, ValidationError
from refresh_core.guard import mark_viewer
from refresh_core.imports.roster import list_organisations, people_without_organisation
from refresh_core.meetings import add_meeting
from refresh_core.people.assignment import assign_organisation, find_person
from refresh_core.people.merges import merge_people
from refresh_core.recruitment.suggestions import suggestions
from tests.builders import Builder
from tests.importing import count, load, sheet


@pytest.fixture
def guest(conn: duckdb.DuckDBPyConnection) -> int:
    """A Zoom-style guest with neither email nor organisation, who came to one quarterly meeting."""
    load(conn, sheet([("Happy Hogan", "", "", "3/12/2026", "Q")]), meeting_kind="quarterly")
    return find_person(conn, partnership_id=1, who="Happy Hogan")


def test_assign_to_an_existing_organisation(conn: duckdb.DuckDBPyConnection, guest: int) -> None:
    """Picking an organisation already there places the person: nobody is left without one, and the
    company no longer shows as one that never came in the recruitment suggestions."""
    stark = Builder.new(conn).org("Stark Industries")
    refresh = add_meeting(conn, partnership_id=1, date=dt.date(2026, 12, 10), kind="refresh")

    def groups() -> set[str]:
        found = suggestions(conn, meeting_id=refresh, as_of=dt.date(2026, 11, 27))
        return set(found[found["organisation"] == "Stark Industries"]["group"])

    assert groups() == {"never_attended"}
    done = assign_organisation(conn, person_id=guest, organisation_id=stark)
    assert done.sentence() == "Happy Hogan is now at Stark Industries."
    assert people_without_organisation(conn, partnership_id=1).empty
    assert groups() == {"single_contact"}


def test_a_typed_name_reuses_that_organisation(conn: duckdb.DuckDBPyConnection, guest: int) -> None:
    """'the stark industries, inc.' is Stark Industries: no second organisation is added."""
    load(conn, sheet([("Pepper Potts", "pepper@stark.example", "Stark Industries", "3/12/2026", "Q")]),
         meeting_kind="quarterly")
    done = assign_organisation(conn, person_id=guest, new_name="  the Stark Industries, Inc. ")
    assert (done.organisation, done.created) == ("Stark Industries", False)
    assert count(conn, "SELECT count(*) FROM organisation") == 1


def test_a_new_name_adds_a_classified_organisation(conn: duckdb.DuckDBPyConnection, guest: int) -> None:
    """A name not there yet is added and classified by the rules (a college is education)."""
    done = assign_organisation(conn, person_id=guest, new_name="Lakeshore Community College")
    assert done.created and done.kind == "public_partner"
    assert "added as a new organisation" in done.sentence()
    orgs = list_organisations(conn, partnership_id=1)
    assert orgs[["name", "public_subtype", "people"]].values.tolist() == [
        ["Lakeshore Community College", "education", 1]]


def test_no_organisation_takes_the_person_off_it(conn: duckdb.DuckDBPyConnection, guest: int) -> None:
    """'No organisation' clears it, and says what it was."""
    assign_organisation(conn, person_id=guest, new_name="Stark Industries")
    done = assign_organisation(conn, person_id=guest)
    assert done.sentence() == "Happy Hogan now has no organisation (was Stark Industries)."
    assert people_without_organisation(conn, partnership_id=1)["full_name"].tolist() == ["Happy Hogan"]


def test_bad_choices_are_refused_and_change_nothing(conn: duckdb.DuckDBPyConnection, guest: int) -> None:
    """A blank name, both a pick and a name, an organisation of another partnership, a merged-away person:
    each refused with what to do, and the person stays where they were."""
    other = Builder.new(conn, name="Other Partnership").org("Rand Enterprises")
    with pytest.raises(ValidationError, match="Type the organisation's name"):
        assign_organisation(conn, person_id=guest, new_name="   ")
    with pytest.raises(ValidationError, match="not both"):
        assign_organisation(conn, person_id=guest, organisation_id=other, new_name="X")
    with pytest.raises(NotFoundError, match="in this partnership"):
        assign_organisation(conn, person_id=guest, organisation_id=other)
    load(conn, sheet([("Harold Hogan", "happy@stark.example", "Stark Industries", "3/12/2026", "Q")]),
         meeting_kind="quarterly")
    merge_people(conn, keep_id=find_person(conn, partnership_id=1, who="happy@stark.example"), merge_id=guest)
    with pytest.raises(ValidationError, match="merged into Harold Hogan: assign Harold Hogan instead"):
        assign_organisation(conn, person_id=guest, new_name="Rand Enterprises")
    assert count(conn, "SELECT count(*) FROM person WHERE organisation_id IS NULL") == 1


def test_a_read_only_link_cannot_assign(conn: duckdb.DuckDBPyConnection, guest: int) -> None:
    """Through a share link's cursor the assignment is refused and nothing is added."""
    viewer = conn.cursor()
    mark_viewer(viewer, partnership_id=1)
    with pytest.raises(PermissionDenied):
        assign_organisation(viewer, person_id=guest, new_name="Stark Industries")
    assert count(conn, "SELECT count(*) FROM organisation") == 0


def test_find_person_by_email_or_name(conn: duckdb.DuckDBPyConnection, guest: int) -> None:
    """A person is found by email or by folded name; two of the same name ask for the email."""
    assert find_person(conn, partnership_id=1, who="hogan, happy") == guest
    load(conn, sheet([("Happy Hogan", "happy@stark.example", "Stark Industries", "3/12/2026", "Q")]),
         meeting_kind="quarterly")
    with pytest.raises(ValidationError, match=r"2 people are called .Happy Hogan..*give the email"):
        find_person(conn, partnership_id=1, who="Happy Hogan")
    assert find_person(conn, partnership_id=1, who="HAPPY@stark.example") != guest
    with pytest.raises(NotFoundError, match="No one called 'Nobody'"):
        find_person(conn, partnership_id=1, who="Nobody")
