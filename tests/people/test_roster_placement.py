"""A roster places people who came without an email (Zoom guests) instead of adding them twice."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from refresh_core.imports.batches import undo_import
from refresh_core.imports.roster import RosterResult, import_roster, people_without_organisation
from refresh_core.meetings import add_meeting
from refresh_core.people.assignment import assign_organisation
from refresh_core.people.merges import list_reviews, merge_reviews
from refresh_core.recruitment.suggestions import suggestions
from tests.importing import count, load, sheet

ZOOM_HEAD = (
    "Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants\n"
    "845 1234 5678,Spring Quarterly Meeting,3/12/2026 9:00,3/12/2026 11:00,host@lakeshorewib.org,120,{n}\n"
    ",,,,,,\n"
    "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest,Recording Consent\n"
)
TONY = b"Organisation,Kind,Name,Email\nStark Industries,Industry,Anthony Edward Stark,tony@stark.example\n"
AS_OF = dt.date(2026, 11, 27)


def zoom(*guests: tuple[str, str]) -> bytes:
    """A Zoom participants export of the spring quarterly meeting with these (name, email) people."""
    rows = [f"{name},{email},3/12/2026 8:58,3/12/2026 11:00,122,{'No' if email else 'Yes'},Y\n"
            for name, email in guests]
    return (ZOOM_HEAD.format(n=len(rows)) + "".join(rows)).encode()


def people(conn: duckdb.DuckDBPyConnection) -> list[tuple[object, ...]]:
    """Every person kept (not merged away): name, email, organisation."""
    return conn.execute(
        "SELECT p.full_name, p.email, o.name FROM person p"
        " LEFT JOIN organisation o ON o.id = p.organisation_id WHERE p.merged_into_id IS NULL ORDER BY p.id"
    ).fetchall()


def stark_groups(conn: duckdb.DuckDBPyConnection) -> dict[str, set[str]]:
    """The recruitment suggestion groups Stark Industries appears in for a refresh meeting in December."""
    refresh = add_meeting(conn, partnership_id=1, date=dt.date(2026, 12, 10), kind="refresh")
    found = suggestions(conn, meeting_id=refresh, as_of=AS_OF)
    stark = found[found["organisation"] == "Stark Industries"]
    return {str(g): set(stark[stark["group"] == g]["name"].dropna()) for g in stark["group"].unique()}


def test_roster_places_the_zoom_guest_reported(conn: duckdb.DuckDBPyConnection) -> None:
    """The reported case: the Zoom guest 'anthony edward stark' (no email) and a roster row for Anthony
    Edward Stark at Stark Industries are one person, placed at the company; nobody is added twice, nobody
    is left without an organisation, and suggestions count Stark Industries as having come."""
    load(conn, zoom(("Jordan Ellis", "jordan.ellis@lakeshorewib.org"), ("anthony edward stark", "")),
         name="zoom.csv", meeting_kind="quarterly")
    assert len(people_without_organisation(conn, partnership_id=1)) == 1
    result = import_roster(conn, partnership_id=1, data=TONY, file_name="roster.csv")
    assert (result.people_added, result.people_placed, result.reviews) == (0, 1, 0)
    assert "1 person already here placed" in result.sentence()
    assert ("anthony edward stark", "tony@stark.example", "Stark Industries") in people(conn)
    assert count(conn, "SELECT count(*) FROM person") == 2
    assert people_without_organisation(conn, partnership_id=1).empty
    groups = stark_groups(conn)
    assert "never_attended" not in groups
    assert groups["single_contact"] == {"anthony edward stark"}


def test_uploading_the_roster_again_changes_nothing(conn: duckdb.DuckDBPyConnection) -> None:
    """A second upload of the same roster finds the placed person by email: no one added, placed or queued."""
    load(conn, zoom(("anthony edward stark", "")), name="zoom.csv", meeting_kind="quarterly")
    import_roster(conn, partnership_id=1, data=TONY, file_name="roster.csv")
    again = import_roster(conn, partnership_id=1, data=TONY, file_name="roster.csv")
    assert (again.people_added, again.people_placed, again.reviews) == (0, 0, 0)


def test_a_similar_name_is_queued_not_decided(conn: duckdb.DuckDBPyConnection) -> None:
    """A close call ('antony edward stark') is asked about: the roster's person is added, the pair is
    queued, and merging it moves the guest's meeting onto the placed record."""
    load(conn, zoom(("antony edward stark", "")), name="zoom.csv", meeting_kind="quarterly")
    result = import_roster(conn, partnership_id=1, data=TONY, file_name="roster.csv")
    assert (result.people_added, result.people_placed, result.reviews) == (1, 0, 1)
    assert "1 possible match to check under Possible duplicates" in result.sentence()
    queue = list_reviews(conn, partnership_id=1)
    assert queue[["person", "candidate"]].values.tolist() == [["antony edward stark", "Anthony Edward Stark"]]
    assert len(people_without_organisation(conn, partnership_id=1)) == 1
    merge_reviews(conn, review_ids=[int(queue["id"].iloc[0])])
    assert people(conn) == [("Anthony Edward Stark", "tony@stark.example", "Stark Industries")]
    assert people_without_organisation(conn, partnership_id=1).empty
    assert stark_groups(conn)["single_contact"] == {"Anthony Edward Stark"}


def test_two_candidates_are_both_queued(conn: duckdb.DuckDBPyConnection) -> None:
    """Two people without email share the name (one recorded at another company): the roster decides
    for neither, queues both, and the guest stays without an organisation until the convener says."""
    load(conn, sheet([("Anthony Edward Stark", "", "Avengers Initiative", "3/12/2026", "Q")]),
         meeting_kind="quarterly")
    load(conn, zoom(("anthony edward stark", "")), name="zoom.csv", meeting_kind="quarterly")
    before = people(conn)
    result = import_roster(conn, partnership_id=1, data=TONY, file_name="roster.csv")
    assert (result.people_added, result.people_placed, result.reviews) == (1, 0, 2)
    assert people(conn)[: len(before)] == before
    assert set(list_reviews(conn, partnership_id=1)["person_organisation"].fillna("none")) == {
        "Avengers Initiative", "none"}


def test_a_guest_at_another_organisation_is_queued(conn: duckdb.DuckDBPyConnection) -> None:
    """The same name without email but recorded at another organisation is a question, not a placement."""
    load(conn, sheet([("Anthony Edward Stark", "", "Avengers Initiative", "3/12/2026", "Q")]),
         meeting_kind="quarterly")
    result = import_roster(conn, partnership_id=1, data=TONY, file_name="roster.csv")
    assert (result.people_placed, result.reviews) == (0, 1)
    assert "recorded at another organisation" in list_reviews(conn, partnership_id=1)["reason"].iloc[0]


def test_a_personal_email_is_placed_at_the_roster_company(conn: duckdb.DuckDBPyConnection) -> None:
    """Someone who signed in with a personal email and no company is placed by a roster row with that
    email: the organisation is filled in and counted as placed, not as a new person."""
    load(conn, sheet([("Pepper Potts", "pepper.potts@gmail.com", "", "3/12/2026", "Q")]),
         meeting_kind="quarterly")
    roster = b"Organisation,Kind,Name,Email\nStark Industries,Industry,Pepper Potts,Pepper.Potts@gmail.com\n"
    result = import_roster(conn, partnership_id=1, data=roster, file_name="roster.csv")
    assert (result.people_added, result.people_placed) == (0, 1)
    assert people(conn) == [("Pepper Potts", "pepper.potts@gmail.com", "Stark Industries")]


def test_a_roster_does_not_move_someone_recorded_elsewhere(conn: duckdb.DuckDBPyConnection) -> None:
    """A roster fills blanks; a person already at another organisation keeps it."""
    load(conn, sheet([("Pepper Potts", "pepper@rand.example", "Rand Enterprises", "3/12/2026", "Q")]),
         meeting_kind="quarterly")
    roster = b"Organisation,Kind,Name,Email\nStark Industries,Industry,Pepper Potts,pepper@rand.example\n"
    result = import_roster(conn, partnership_id=1, data=roster, file_name="roster.csv")
    assert result.people_placed == 0
    assert people(conn) == [("Pepper Potts", "pepper@rand.example", "Rand Enterprises")]


def test_an_email_only_row_never_places_by_a_guessed_name(conn: duckdb.DuckDBPyConnection) -> None:
    """A roster row with only an email ('tony@...') never places the guest 'Tony' on the name guessed
    from the address."""
    load(conn, zoom(("Tony", "")), name="zoom.csv", meeting_kind="quarterly")
    roster = b"Organisation,Kind,Email\nStark Industries,Industry,tony@stark.example\n"
    result = import_roster(conn, partnership_id=1, data=roster, file_name="roster.csv")
    assert (result.people_added, result.people_placed, result.reviews) == (1, 0, 0)


@pytest.mark.parametrize(("placed", "reviews", "words"), [
    (0, 0, "Roster loaded: 1 organisation added, 0 updated; 2 people added, 0 updated."),
    (2, 1, "2 people already here placed (email or organisation filled in); 1 possible match to check"),
])
def test_the_roster_sentence_counts_in_words(placed: int, reviews: int, words: str) -> None:
    """The result sentence uses singular and plural right and mentions placements and questions only
    when there are some."""
    result = RosterResult(organisations_added=1, organisations_updated=0, people_added=2, people_updated=0,
                          people_placed=placed, reviews=reviews)
    assert words in result.sentence()


def test_undoing_the_guests_import_keeps_what_the_roster_placed(conn: duckdb.DuckDBPyConnection) -> None:
    """Undoing the Zoom import that first saw the guest removes that meeting's attendance but keeps
    the person the roster placed, with the email and company the roster gave them (nothing lost)."""
    first = load(conn, zoom(("anthony edward stark", "")), name="zoom.csv", meeting_kind="quarterly")
    import_roster(conn, partnership_id=1, data=TONY, file_name="roster.csv")
    assert first.batch_id is not None
    undo_import(conn, batch_id=first.batch_id)
    assert people(conn) == [("anthony edward stark", "tony@stark.example", "Stark Industries")]
    assert count(conn, "SELECT count(*) FROM attendance") == 0


def test_undoing_the_import_keeps_a_person_the_convener_assigned(conn: duckdb.DuckDBPyConnection) -> None:
    """A guest the convener placed by hand on the People page outlives the undo of the import that
    first saw them: the convener's choice is not thrown away with the attendance."""
    first = load(conn, zoom(("anthony edward stark", "")), name="zoom.csv", meeting_kind="quarterly")
    guest = conn.execute("SELECT id FROM person").fetchone()
    assert guest is not None and first.batch_id is not None
    assign_organisation(conn, person_id=int(guest[0]), new_name="Stark Industries")
    undo_import(conn, batch_id=first.batch_id)
    assert people(conn) == [("anthony edward stark", None, "Stark Industries")]
