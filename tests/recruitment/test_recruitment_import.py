"""Loading prospects from a file or by hand, and Eventbrite registrations, with the import's matching."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest

from refresh_core.errors import RefreshError, ValidationError
from refresh_core.ingest import Format, parse_file
from refresh_core.recruitment.askers import askers
from refresh_core.recruitment.eventbrite_import import apply_eventbrite
from refresh_core.recruitment.prospect_edits import editable_table
from refresh_core.recruitment.prospect_file import read_prospects
from refresh_core.recruitment.prospect_import import add_by_hand, import_prospects
from refresh_core.recruitment.prospects import prospect_table
from refresh_core.schema import problems
from tests.builders import Builder
from tests.conftest import TODAY
from tests.recruiting import MEETING_DAY, plan, prospects_at

HEADER = "Name,E-mail,Phone,Company,Title,Affiliation,Asker,Channel,Status,Favourite colour\n"


def load(build: Builder, meeting: int, text: str, name: str = "prospects.csv"):  # type: ignore[no-untyped-def]
    return import_prospects(build.conn, meeting_id=meeting, data=text.encode("utf-8"), file_name=name,
                            on=TODAY)


def by_name(build: Builder, meeting: int) -> dict[str, dict[str, object]]:
    table = prospect_table(build.conn, meeting_id=meeting, as_of=TODAY)
    return {str(r["name"]): r for r in table.to_dict("records")}


def test_a_prospect_file_loads_people_askers_channels_and_statuses(build: Builder) -> None:
    """Every column lands; phone numbers keep leading zeros; unknown columns are listed, not used."""
    meeting = plan(build)
    result = load(build, meeting, HEADER
                  + "Ada Lee,ada@acme.com,0061 2 5550 1234,Acme,Plant Manager,Industry,Cara Champ,"
                    "Personal ask by phone,Asked,blue\n"
                  + "Bo Chen,bo@college.edu,007,Springs College,Dean,Education,,letter,no response,\n")
    assert (result.prospects_added, result.people_added, len(result.rejected)) == (2, 3, 0)
    assert result.ignored_columns == ("Favourite colour",)
    rows = by_name(build, meeting)
    assert rows["Ada Lee"]["phone"] == "0061 2 5550 1234" and rows["Bo Chen"]["phone"] == "007"
    assert rows["Ada Lee"]["status"] == "asked" and rows["Bo Chen"]["status"] == "no_response"
    assert rows["Ada Lee"]["channel"] == "personal_phone" and rows["Ada Lee"]["asker"] == "Cara Champ"
    assert rows["Ada Lee"]["org_kind"] == "industry" and rows["Bo Chen"]["org_kind"] == "public_partner"
    assert rows["Ada Lee"]["level"] == "mid_level"
    assert askers(build.conn, meeting_id=meeting)["name"].tolist() == ["Cara Champ"]
    assert problems(build.conn).empty


def test_rows_that_cannot_be_used_are_listed_with_their_line(build: Builder) -> None:
    """A bad email or a row with no name nor email: listed, not dropped. An unknown status or channel
    keeps its row (the cell left empty) with a warning naming the value and the line."""
    meeting = plan(build)
    result = load(build, meeting, HEADER
                  + "Ok Person,ok@acme.com,,Acme,,,,,,\n"
                  + "Maybe Person,maybe@acme.com,,Acme,,,,,maybe,\n"
                  + "Skywriter,sky@acme.com,,Acme,,,,skywriting,,\n"
                  + "Bad Mail,not-an-email,,Acme,,,,,,\n"
                  + ",,0123,Acme,,,,,,\n")
    assert result.prospects_added == 3
    assert result.rejected[["line", "column"]].to_dict("records") == [
        {"line": 5, "column": "email"}, {"line": 6, "column": "name"}]
    assert [w[:23] for w in result.warnings] == ["Status 'maybe' (line 3)", "Channel 'skywriting' (l"]
    assert "no response" in result.warnings[0]


def test_people_are_matched_exactly_as_attendance_import_matches_them(build: Builder) -> None:
    """Same email: the existing person. A similar name at the same company: a new person plus a
    review item, never a silent merge."""
    meeting = plan(build)
    known = build.person("Ada Lee", "Acme", email="ada@acme.com")
    result = load(build, meeting, HEADER + "ADA LEE,Ada@Acme.com,,Acme,,,,,,\n"
                                           "Adda Lee,adda@acme.com,,Acme,,,,,,\n")
    assert (result.people_matched, result.people_added, result.reviews) == (1, 1, 1)
    table = prospect_table(build.conn, meeting_id=meeting, as_of=TODAY)
    assert known in table["person_id"].tolist()
    review = build.conn.execute("SELECT status FROM person_review").fetchall()
    assert review == [("open",)]


def test_uploading_again_moves_statuses_forward_only(build: Builder) -> None:
    """A newer sheet confirms; a stale one never undoes a confirmation; nobody is listed twice."""
    meeting = plan(build)
    load(build, meeting, HEADER + "Ada Lee,ada@acme.com,,Acme,,,,,asked,\n"
                                  "Bo Chen,bo@acme.com,,Acme,,,,,confirmed,\n")
    again = load(build, meeting, HEADER + "Ada Lee,ada@acme.com,,Acme,,,,flyer,confirmed,\n"
                                          "Bo Chen,bo@acme.com,,Acme,,,,,asked,\n", "later.csv")
    assert (again.prospects_added, again.prospects_updated) == (0, 1)
    rows = by_name(build, meeting)
    assert rows["Ada Lee"]["status"] == "confirmed" and rows["Ada Lee"]["channel"] == "flyer"
    assert rows["Bo Chen"]["status"] == "confirmed"


def test_first_and_last_name_columns_and_excel_files_work(build: Builder) -> None:
    """An .xlsx with First Name / Last Name columns loads the same way; text cells keep leading zeros."""
    meeting = plan(build)
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["First Name", "Last Name", "Email", "Phone", "Organization", "Stage"])
    sheet.append(["Ada", "Lee", "ada@acme.com", "0123456", "Acme", "Confirmed"])
    buffer = io.BytesIO()
    book.save(buffer)
    result = import_prospects(build.conn, meeting_id=meeting, data=buffer.getvalue(), file_name="list.xlsx",
                              on=TODAY)
    assert result.prospects_added == 1
    row = by_name(build, meeting)["Ada Lee"]
    assert row["phone"] == "0123456" and row["status"] == "confirmed" and row["organisation"] == "Acme"


def test_a_file_without_name_or_email_columns_is_refused(build: Builder) -> None:
    """The message lists the columns it expected; nothing is written."""
    meeting = plan(build)
    with pytest.raises(ValidationError, match=r"no name or email column found.*name, email, phone"):
        load(build, meeting, "Colour,Size\nblue,9\n")
    with pytest.raises(RefreshError):
        read_prospects(b"", file_name="empty.csv")
    assert prospect_table(build.conn, meeting_id=meeting, as_of=TODAY).empty


def test_adding_by_hand_matches_people_like_an_import(build: Builder) -> None:
    """A person typed in who is already known is not duplicated; the asker and channel are kept."""
    meeting = plan(build)
    known = build.person("Ada Lee", "Acme", email="ada@acme.com")
    asker = build.person("Cara Champ", "Champ Co")
    add_by_hand(build.conn, meeting_id=meeting, on=TODAY, name="Ada Lee", email=" ADA@acme.com",
                asker_id=asker, channel="Personal ask in person", status="Asked")
    row = by_name(build, meeting)["Ada Lee"]
    assert row["person_id"] == known and row["asker_id"] == asker
    assert row["channel"] == "personal_in_person" and row["status"] == "asked"
    with pytest.raises(ValidationError, match="no name and no email"):
        add_by_hand(build.conn, meeting_id=meeting, on=TODAY, name="  ")


def eventbrite_file(rows: list[tuple[str, str, str, str]]) -> bytes:
    lines = ["Order #,Order Date,First Name,Last Name,Email,Quantity,Ticket Type,Attendee #,Attendee Status"]
    lines += [f"{100 + i},11/20/26 10:00,{f},{last},{mail},1,General,{i},{status}"
              for i, (f, last, mail, status) in enumerate(rows)]
    return ("\n".join(lines) + "\n").encode()


def test_eventbrite_registrations_confirm_and_check_ins_attend(build: Builder) -> None:
    """Registrants on the list become confirmed, check-ins attended (dated the meeting day), and
    registrants not on the list are added."""
    meeting = plan(build)
    prospects_at(build, meeting, [build.person("Ada Lee", "Acme", email="ada@acme.com"),
                                  build.person("Bo Chen", "Bolt Co", email="bo@bolt.com")], ("asked", TODAY))
    data = eventbrite_file([("Ada", "Lee", "ada@acme.com", "Attending"),
                            ("Bo", "Chen", "bo@bolt.com", "Checked In"),
                            ("Cy", "New", "cy@newco.com", "Attending")])
    parsed = parse_file(data, file_name="eventbrite.csv", format=Format.EVENTBRITE)
    result = apply_eventbrite(build.conn, meeting_id=meeting, parsed=parsed, on=TODAY, data=data)
    assert (result.registrations, result.added, result.attended) == (3, 1, 1)
    rows = {r["name"]: r for r in prospect_table(build.conn, meeting_id=meeting,
                                                 as_of=MEETING_DAY).to_dict("records")}
    assert rows["Ada Lee"]["status"] == "confirmed" and rows["Cy New"]["status"] == "confirmed"
    assert rows["Bo Chen"]["status"] == "attended"
    assert rows["Bo Chen"]["attended_on"].date() == MEETING_DAY
    assert prospect_table(build.conn, meeting_id=meeting, as_of=TODAY).set_index("name").loc[
        "Bo Chen", "status"] == "asked"


def test_an_attendance_file_is_not_taken_for_eventbrite(build: Builder) -> None:
    """Only an Eventbrite export can confirm registrations."""
    meeting = plan(build)
    parsed = parse_file(b"Name,Email,Date\nAda,ada@acme.com,2026-11-20\n", file_name="signin.csv")
    with pytest.raises(ValidationError, match="not an Eventbrite attendee export"):
        apply_eventbrite(build.conn, meeting_id=meeting, parsed=parsed, on=TODAY + dt.timedelta(days=1))


def test_an_asker_named_in_the_file_is_the_meetings_asker_not_a_new_person(build: Builder) -> None:
    """Issue 10, seen in the browser: the convener added themself as an asker ("Jordan Ellis",
    Upper Valley Workforce Board), then uploaded prospects with "Jordan Ellis" (or their email) in the
    asker column; the calls went to a second, organisation-less Jordan Ellis and "Calls per asker"
    listed the name twice. The file's asker is the meeting's asker with that name or email."""
    meeting = plan(build)
    convener = build.person("Jordan Ellis", "Upper Valley Workforce Board", kind="public_partner",
                            email="jordan@uvwb.org")
    build.conn.execute("INSERT INTO meeting_asker (meeting_id, person_id) VALUES (?, ?)", [meeting, convener])
    people_before = build.conn.execute("SELECT count(*) FROM person").fetchone()[0]
    load(build, meeting, HEADER
         + "Ada Lee,ada@acme.com,,Acme,CEO,Industry,jordan  ellis,,,\n"
           "Bo Chen,bo@bolt.com,,Bolt,CEO,Industry,JORDAN@uvwb.org,,,\n"
           "Cy Dean,cy@cedar.com,,Cedar,CEO,Industry,Cara Champ,,,\n")
    rows = by_name(build, meeting)
    assert rows["Ada Lee"]["asker_id"] == convener and rows["Bo Chen"]["asker_id"] == convener
    assert sorted(askers(build.conn, meeting_id=meeting)["name"]) == ["Cara Champ", "Jordan Ellis"]
    people_after = build.conn.execute("SELECT count(*) FROM person").fetchone()[0]
    assert people_after == people_before + 4  # three prospects and the new asker Cara Champ, no second Jordan


def test_a_kind_only_guessed_says_so_in_the_prospect_list(build: Builder) -> None:
    """Regression: the prospect list's Kind said "Industry" for an organisation whose kind was only
    guessed from an email domain, exactly as for one a file or the convener classified; a guess now
    reads "Industry (guessed)" until it is confirmed on People."""
    meeting = plan(build)
    load(build, meeting, HEADER + "Ada Lee,ada@acme.com,,Acme,,Industry,,,,\n"
         + "Cy Park,cy@parkforge.com,,,,,,,,\n")
    table = prospect_table(build.conn, meeting_id=meeting, as_of=TODAY)
    shown = dict(zip(table["name"], editable_table(table, {})["kind"], strict=True))
    assert table.set_index("name").loc["Cy Park", "org_kind_source"] == "guess"
    assert shown == {"Ada Lee": "Industry", "Cy Park": "Industry (guessed)"}
    build.conn.execute("UPDATE organisation SET kind_source = 'convener' WHERE kind_source = 'guess'")
    table = prospect_table(build.conn, meeting_id=meeting, as_of=TODAY)
    assert editable_table(table, {})["kind"].tolist().count("Industry") == 2
