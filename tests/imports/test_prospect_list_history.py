"""A prospect list in the import history: its prospects counted apart from the askers it names.

The walk-through's case: a list of 29 prospects whose asker column named 3 champions and staff showed
as "32 people" in the history (people_added + people_matched count every person the file touched)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from refresh_core.imports.batches import import_history, what_it_did
from refresh_core.ingest import Format, parse_file
from refresh_core.recruitment.askers import add_askers
from refresh_core.recruitment.eventbrite_import import apply_eventbrite
from refresh_core.recruitment.prospect_import import import_prospects
from tests.builders import Builder
from tests.conftest import LAKESHORE, TODAY
from tests.conftest import run_cli as run
from tests.recruiting import plan

ASKERS = ("Cara Champ", "dan.staff@springs.edu", "Eve Banks")


def prospect_list(prospects: int = 29) -> bytes:
    """``prospects`` industry prospects at their own companies, the asker column taking turns among the
    three ASKERS (a champion and a banker by name, a college's staff member by email)."""
    rows = [f"Person {i:02},p{i}@firm{i}.com,Firm {i},industry,{ASKERS[i % 3]}" for i in range(prospects)]
    return ("Name,Email,Company,Affiliation,Asker\n" + "\n".join(rows) + "\n").encode()


def test_history_counts_the_prospects_apart_from_the_askers(build: Builder) -> None:
    """29 prospects naming 3 askers: the history says "29 prospects (3 askers named)", never 32 people
    as if the askers were prospects; the people columns still count everyone the file added."""
    meeting = plan(build)
    import_prospects(build.conn, meeting_id=meeting, data=prospect_list(), file_name="prospects.csv",
                     on=TODAY)
    batch = import_history(build.conn).to_dict("records")[0]
    assert (batch["prospects"], batch["askers"]) == (29, 3)
    assert what_it_did(batch) == "29 prospects (3 askers named)"
    assert batch["people_added"] + batch["people_matched"] == 32


def test_the_import_message_says_prospects_and_askers_apart(build: Builder) -> None:
    """After loading, the message names 29 prospects and 3 askers, and says the 32 people in the file
    (prospects and askers) are who was new to the records."""
    meeting = plan(build)
    build.person("Dan Staff", "Springs College", email="dan.staff@springs.edu")
    done = import_prospects(build.conn, meeting_id=meeting, data=prospect_list(), file_name="list.csv",
                            on=TODAY)
    assert done.sentence() == (
        "list.csv: 29 prospects (3 askers named). 29 added to the list, 0 updated. Of the 32 people in the "
        "file, 31 are new to the records and 1 was already known.")
    assert (done.to_json()["prospects"], done.to_json()["askers"]) == (29, 3)


def test_an_asker_already_asking_for_the_meeting_is_among_the_people_already_known(build: Builder) -> None:
    """The convener added themself as an asker, then named themself in the file: "Of the 4 people in
    the file" counts them, already known (they were left out, so 3 prospects and 1 asker made "3
    people")."""
    meeting = plan(build)
    add_askers(build.conn, meeting_id=meeting, person_ids=[build.person("Cara Champ", "Champ Tools")])
    data = b"Name,Email,Company,Asker\nAda Lee,ada@acme.com,Acme,Cara Champ\nBo Chen,bo@b.co,B,Cara Champ\n" \
           b"Cy Dean,cy@cedar.com,Cedar,\n"
    done = import_prospects(build.conn, meeting_id=meeting, data=data, file_name="three.csv", on=TODAY)
    assert done.sentence() == (
        "three.csv: 3 prospects (1 asker named). 3 added to the list, 0 updated. Of the 4 people in the "
        "file, 3 are new to the records and 1 was already known.")
    batch = import_history(build.conn).to_dict("records")[0]
    assert (batch["people_added"], batch["people_matched"], what_it_did(batch)) == (
        3, 1, "3 prospects (1 asker named)")


def test_a_list_naming_no_asker_and_a_person_listed_twice(build: Builder) -> None:
    """No asker column: no askers in the words; the same person on two lines is one prospect."""
    meeting = plan(build)
    data = b"Name,Email,Company\nAda Lee,ada@acme.com,Acme\nAda Lee,ada@acme.com,Acme\nBo Chen,bo@b.co,B\n"
    done = import_prospects(build.conn, meeting_id=meeting, data=data, file_name="two.csv", on=TODAY)
    batch = import_history(build.conn).to_dict("records")[0]
    assert what_it_did(batch) == "2 prospects" and done.prospects == 2 and batch["askers"] == 0
    assert done.sentence().startswith("two.csv: 2 prospects. 2 added to the list")


def test_other_imports_say_what_they_added(build: Builder) -> None:
    """An Eventbrite export says its registrations and records the people it added (the history said
    0 new people); an attendance file says its attendance records and new meetings."""
    meeting = plan(build)
    export = (b"Order #,Order Date,First Name,Last Name,Email,Quantity,Ticket Type,Attendee #,"
              b"Attendee Status\n100,11/20/26 10:00,Ada,Lee,ada@acme.com,1,General,1,Attending\n")
    parsed = parse_file(export, file_name="brite.csv", format=Format.EVENTBRITE)
    apply_eventbrite(build.conn, meeting_id=meeting, parsed=parsed, on=TODAY, data=export)
    batch = import_history(build.conn).to_dict("records")[0]
    assert what_it_did(batch) == "1 registration" and batch["people_added"] == 1
    assert what_it_did({**batch, "format": "zoom", "attendance_added": 12, "meetings_added": 1}) == (
        "12 attendance records added, 1 new meeting")


def test_command_line_history_and_import_say_prospects_and_askers(
    capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path
) -> None:
    """`prospects import` prints the same words (its --json adds prospects and askers, keeping every
    key), and `import-history` lists the list as "29 prospects (3 askers named)"."""
    run(capsys, "--db", db, "meeting", "add", "--partnership", LAKESHORE, "--date", "2099-03-11")
    path = tmp_path / "list.csv"
    path.write_bytes(prospect_list())
    code, out, err = run(capsys, "--db", db, "prospects", "import", str(path), "--partnership", LAKESHORE,
                         "--meeting", "2099-03-11", "--json")
    payload = json.loads(out)
    assert code == 0, err
    assert (payload["prospects"], payload["askers"], payload["prospects_added"]) == (29, 3, 29)
    assert {"people_added", "people_matched", "rows_read", "review_items"} <= set(payload)
    code, out, _ = run(capsys, "--db", db, "import-history")
    assert code == 0 and "list.csv (prospects): 29 prospects (3 askers named);" in out
    code, out, _ = run(capsys, "--db", db, "import-history", "--json")
    listed = next(b for b in json.loads(out) if b["file_name"] == "list.csv")
    assert (listed["prospects"], listed["askers"], listed["attendance_added"]) == (29, 3, 0)
    assert all(b["prospects"] is None for b in json.loads(out) if b["format"] != "prospects")


def test_an_eventbrite_export_with_a_skipped_row_counts_its_rows_and_registrations(build: Builder) -> None:
    """An Eventbrite export of three rows, one without a name or email (skipped): the history's Rows
    says 3 (every row of the file, as for any other import) with 1 rejected, and what it did says the
    2 registrations recorded (it said 1: the skipped row was taken off twice)."""
    meeting = plan(build)
    export = (b"Order #,Order Date,First Name,Last Name,Email,Quantity,Ticket Type,Attendee #,"
              b"Attendee Status\n100,11/20/26 10:00,Ada,Lee,ada@acme.com,1,General,1,Attending\n"
              b"101,11/20/26 11:00,Bo,Chen,bo@b.co,1,General,2,Attending\n"
              b"102,11/20/26 12:00,,,,1,General,3,Attending\n")
    parsed = parse_file(export, file_name="brite.csv", format=Format.EVENTBRITE)
    assert (len(parsed.rows), len(parsed.rejected)) == (2, 1)
    apply_eventbrite(build.conn, meeting_id=meeting, parsed=parsed, on=TODAY, data=export)
    batch = import_history(build.conn).to_dict("records")[0]
    assert (batch["rows_read"], batch["rows_rejected"]) == (3, 1)
    assert what_it_did(batch) == "2 registrations"
