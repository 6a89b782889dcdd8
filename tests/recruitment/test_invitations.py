"""Invitations from the champions, the mail-merge file, and the per-asker call sheets."""

from __future__ import annotations

import csv
import datetime as dt
import io

import docx
import pytest

from refresh_core.errors import ValidationError
from refresh_core.guidance import ATTRIBUTION
from refresh_core.meetings import add_meeting, get_meeting
from refresh_core.recruitment.askers import add_askers
from refresh_core.recruitment.callsheet_pdf import call_sheets_pdf
from refresh_core.recruitment.callsheets import (
    TALKING_POINTS,
    call_list,
    call_sheets_csv,
    call_sheets_docx,
)
from refresh_core.recruitment.invitations import (
    CHECK_COMPANY,
    DEFAULT_BODY,
    NOBODY_SIGNS,
    Template,
    get_template,
    mail_merge,
    mail_merge_csv,
    preview,
    render,
    reset_template,
    save_template,
    unknown_companies,
    when_text,
)
from refresh_core.recruitment.prospect_edits import assign
from refresh_core.recruitment.prospect_import import import_prospects
from refresh_core.recruitment.prospects import prospect_table
from refresh_core.recruitment.signature import set_signature, signature, signers
from tests.builders import Builder
from tests.conftest import TODAY
from tests.recruiting import pages_of, plan, prospects_at


def test_unknown_placeholders_are_reported_and_left_as_typed() -> None:
    """A typo in a placeholder never crashes; it is listed and shows as typed."""
    done = render(Template("Hi {first_name}", "See you {dat} at {place}. {", False),
                  {"first_name": "Ada", "place": "the college"})
    assert done.subject == "Hi Ada"
    assert done.body == "See you {dat} at the college. {"
    assert done.unknown == ("dat",)


def test_templates_cannot_reach_anything_but_the_values() -> None:
    """Format-string tricks like attribute access stay literal text."""
    done = render(Template("{first_name.__class__}", "{0} {first_name!r}", False), {"first_name": "Ada"})
    assert done.subject == "{first_name.__class__}" and done.body == "{0} {first_name!r}"
    assert set(done.unknown) == {"first_name.__class__", "0", "first_name!r"}


def test_default_invitation_comes_from_the_champions(build: Builder) -> None:
    """The champions of active teams sign; the text is personalised with name, company, date and place."""
    meeting = add_meeting(build.conn, partnership_id=build.pid, date=dt.date(2027, 1, 14), start_time="07:30",
                          minutes=120, location="Lakeshore College, Room 204")
    team = build.team("Apprenticeship", TODAY - dt.timedelta(days=300))
    for name in ("Omar Kim", "Lena Chen"):
        build.conn.execute("INSERT INTO team_member (team_id, person_id, role) VALUES (?, ?, 'champion')",
                           [team, build.person(name, f"{name} Co")])
    [prospect] = prospects_at(build, meeting, [build.person("Ada Lee", "Acme Tools")])
    assert signers(build.conn, meeting_id=meeting) == ["Lena Chen", "Omar Kim"]
    shown = preview(build.conn, meeting_id=meeting, prospect_id=prospect,
                    template=get_template(build.conn, meeting_id=meeting), as_of=TODAY)
    assert shown.body.startswith("Dear Ada,")
    assert "Acme Tools" in shown.body and "Lakeshore College, Room 204" in shown.body
    assert "Thursday 14 January 2027, 7:30 to 9:30 am" in shown.subject
    assert shown.body.rstrip().endswith("Lena Chen and Omar Kim")
    assert shown.unknown == ()


def test_an_edited_template_is_kept_per_meeting_and_can_be_reset(build: Builder) -> None:
    """Saving reports unknown placeholders; resetting brings back the default text."""
    meeting = plan(build)
    unknown = save_template(build.conn, meeting_id=meeting, subject="Join us, {first_name}",
                            body="Dear {first_name}, {signature}")
    assert unknown == ("signature",)
    assert get_template(build.conn, meeting_id=meeting).subject == "Join us, {first_name}"
    reset_template(build.conn, meeting_id=meeting)
    assert get_template(build.conn, meeting_id=meeting).body == DEFAULT_BODY
    with pytest.raises(ValidationError, match="subject and a body"):
        save_template(build.conn, meeting_id=meeting, subject=" ", body="x")


def test_mail_merge_csv_opens_with_the_csv_module(build: Builder) -> None:
    """Columns email, subject, body; one row per open prospect with an email; formulas neutralised;
    multi-line bodies survive the round trip."""
    meeting = plan(build)
    prospects_at(build, meeting, [build.person("=HYPERLINK(1)", "Acme"), build.person("Bo Chen", "Bolt")])
    prospects_at(build, meeting, [build.person("Done Already", "Dun Co")], ("confirmed", TODAY))
    prospects_at(build, meeting, [build.person("No Mail", "Nomail Co", email="")])
    set_signature(build.conn, meeting_id=meeting, signed_by="Omar Kim")
    merge = mail_merge(build.conn, meeting_id=meeting, template=get_template(build.conn, meeting_id=meeting),
                       as_of=TODAY)
    assert merge.without_email == ("No Mail",)
    data = mail_merge_csv(merge)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert [r["email"] for r in rows] == ["'=hyperlink(1)@example.com", "bo.chen@example.com"]
    assert list(rows[0]) == ["email", "subject", "body", "name", "company", "check"]
    assert (rows[1]["company"], rows[1]["check"]) == ("Bolt", "")
    assert rows[1]["body"].startswith("Dear Bo,\n\nWe are writing")
    assert rows[1]["body"] == merge.frame.iloc[1]["body"]
    assert all(not r["email"].startswith("=") and not r["body"].startswith("=") for r in rows)


def test_call_sheets_list_each_askers_calls_with_phones_and_talking_points(build: Builder) -> None:
    """CSV keeps phone numbers as typed; the printable sheet has one page per asker, the guide's
    talking points and the credit; the Word file opens."""
    meeting = plan(build)
    cara, dev = build.person("Cara Champ", "Champ Co"), build.person("Dev Staff", "Workforce Board",
                                                                     kind="public_partner")
    add_askers(build.conn, meeting_id=meeting, person_ids=[cara, dev])
    import_prospects(build.conn, meeting_id=meeting, on=TODAY, file_name="p.csv", data=(
        b"name,email,phone,company,asker,status\n"
        b"Ada Lee,ada@acme.com,0044 20 7946 0018,Acme,Cara Champ,asked\n"
        b"Bo Chen,bo@bolt.com,,Bolt,Dev Staff,\n"
        b"Cy Gone,cy@gone.com,,Gone Co,Dev Staff,declined\n"))
    calls = call_list(build.conn, meeting_id=meeting, as_of=TODAY)
    assert calls[["asker", "name", "next_step"]].values.tolist() == [
        ["Cara Champ", "Ada Lee", "Follow-up call"], ["Dev Staff", "Bo Chen", "Make the personal ask"]]
    rows = list(csv.DictReader(io.StringIO(call_sheets_csv(calls).decode("utf-8-sig"), newline="")))
    assert rows[0]["Phone"] == "0044 20 7946 0018"  # headed in words, never "next_step"
    assert list(rows[0])[-3:] == ["Asked on", "Called on", "Next step"] and rows[0]["Status"] == "Asked"
    pages = pages_of(call_sheets_pdf(build.conn, meeting_id=meeting, calls=calls))
    assert len(pages) == 2 and "Call sheet for Cara Champ" in pages[0] and "Bo Chen" in pages[1]
    assert TALKING_POINTS[0] in pages[1] and ATTRIBUTION in pages[0]
    assert "Phone: 0044 20 7946 0018" in pages[0]
    document = docx.Document(io.BytesIO(call_sheets_docx(build.conn, meeting_id=meeting, calls=calls)))
    assert [t.rows[1].cells[0].text for t in document.tables] == ["Ada Lee", "Bo Chen"]
    assert document.tables[0].rows[1].cells[2].text == "0044 20 7946 0018"


def test_prospects_without_an_asker_are_grouped_for_the_convener(build: Builder) -> None:
    """Nobody's calls are lost: unassigned ones get their own sheet."""
    meeting = plan(build)
    [prospect] = prospects_at(build, meeting, [build.person("Ada Lee", "Acme")])
    assign(build.conn, prospect_id=prospect, asker_id=None, channel="letter")
    calls = call_list(build.conn, meeting_id=meeting, as_of=TODAY)
    assert calls["asker"].tolist() == ["(no asker yet)"] and calls["channel"].tolist() == ["Letter"]


def test_the_sheet_of_calls_nobody_has_been_given_says_so_and_what_to_do(build: Builder) -> None:
    """Regression (browser walk, 1 Dec 2026): the printed sheets began "Call sheet for (no asker yet)",
    as if that were a person. That sheet is now headed "Calls with no asker yet" and says how to hand
    them out, in the printed and the Word sheets."""
    meeting = plan(build)
    [prospect] = prospects_at(build, meeting, [build.person("Ada Lee", "Acme")])
    assign(build.conn, prospect_id=prospect, asker_id=None, channel="letter")
    calls = call_list(build.conn, meeting_id=meeting, as_of=TODAY)
    [text] = pages_of(call_sheets_pdf(build.conn, meeting_id=meeting, calls=calls))
    assert text.startswith("Calls with no asker yet ") and "(no asker yet)" not in text
    assert "give them to askers with Balance the calls on the Recruitment page" in text
    document = docx.Document(io.BytesIO(call_sheets_docx(build.conn, meeting_id=meeting, calls=calls)))
    said = [p.text for p in document.paragraphs]
    assert said[0] == "Calls with no asker yet" and any("Balance the calls" in p for p in said)


def test_a_company_known_only_by_its_email_domain_is_never_named_in_the_invitation(build: Builder) -> None:
    """Reported: "we would like dc.com to be at the table". A prospect listed with an email but no
    company is invited by 'your company', flagged in the mail merge and listed for the convener."""
    meeting = plan(build)
    set_signature(build.conn, meeting_id=meeting, signed_by="Omar Kim")
    import_prospects(build.conn, meeting_id=meeting, on=TODAY, file_name="p.csv", data=(
        b"name,email,company\nBruce Wayne,bruce@dc.com,\nAda Lee,ada@acme.com,Acme Tools\n"))
    table = prospect_table(build.conn, meeting_id=meeting, as_of=TODAY)
    assert "dc.com" in table["organisation"].tolist()  # how the records know him
    assert unknown_companies(table) == ("Bruce Wayne",)
    merge = mail_merge(build.conn, meeting_id=meeting, template=get_template(build.conn, meeting_id=meeting),
                       as_of=TODAY)
    bruce = merge.frame[merge.frame["name"] == "Bruce Wayne"].iloc[0]
    assert "dc.com" not in bruce["body"] and "we would like your company to be at the table" in bruce["body"]
    assert (bruce["company"], bruce["check"]) == ("", CHECK_COMPANY)
    assert "we would like Acme Tools to be at the table" in merge.frame.iloc[0]["body"]
    assert merge.unknown_company == ("Bruce Wayne",)


def test_a_stand_in_organisation_is_not_a_company_name(build: Builder) -> None:
    """Someone who came without an organisation or email gets a stand-in; the letter says 'your company'."""
    meeting = plan(build)
    guest = build.person("Guest One", "Guest One (organisation not given)")
    [prospect] = prospects_at(build, meeting, [guest])
    shown = preview(build.conn, meeting_id=meeting, prospect_id=prospect,
                    template=get_template(build.conn, meeting_id=meeting), as_of=TODAY)
    assert "your company" in shown.body and "not given" not in shown.body


def test_with_no_industry_champion_nobody_signs_until_the_convener_names_someone(build: Builder) -> None:
    """Reported: letters signed "The partnership's industry champions". With only a public-partner
    champion and public-partner askers, the preview shows the gap, the mail merge is refused with
    what to do, and the names the convener types sign it; clearing them goes back to the champions."""
    meeting = plan(build)
    team = build.team("Apprenticeship", TODAY - dt.timedelta(days=300))
    dean = build.person("Dean Public", "Springs College", kind="public_partner")
    build.conn.execute("INSERT INTO team_member (team_id, person_id, role) VALUES (?, ?, 'champion')",
                       [team, dean])
    add_askers(build.conn, meeting_id=meeting, person_ids=[build.person("Staff", "Workforce Board",
                                                                        kind="public_partner")])
    [prospect] = prospects_at(build, meeting, [build.person("Ada Lee", "Acme Tools")])
    template = get_template(build.conn, meeting_id=meeting)
    assert signature(build.conn, meeting_id=meeting).text == ""
    shown = preview(build.conn, meeting_id=meeting, prospect_id=prospect, template=template, as_of=TODAY)
    assert shown.body.rstrip().endswith(NOBODY_SIGNS) and "industry champions" not in shown.body
    with pytest.raises(ValidationError, match="Nobody signs this invitation yet"):
        mail_merge(build.conn, meeting_id=meeting, template=template, as_of=TODAY)
    set_signature(build.conn, meeting_id=meeting, signed_by="  Omar Kim, Kim Fabrication ")
    merge = mail_merge(build.conn, meeting_id=meeting, template=template, as_of=TODAY)
    assert merge.frame.iloc[0]["body"].rstrip().endswith("Omar Kim, Kim Fabrication")
    add_askers(build.conn, meeting_id=meeting, person_ids=[build.person("Lena Chen", "Chen Plastics")])
    assert set_signature(build.conn, meeting_id=meeting, signed_by=" ").text == "Lena Chen"


def test_a_text_without_a_signature_placeholder_needs_no_signer(build: Builder) -> None:
    """A convener who wrote the names into the letter can download it without naming a signer."""
    meeting = plan(build)
    prospects_at(build, meeting, [build.person("Ada Lee", "Acme Tools")])
    merge = mail_merge(build.conn, meeting_id=meeting, as_of=TODAY,
                       template=Template("Join us", "Dear {first_name},\n\nOmar Kim", False))
    assert merge.frame["body"].tolist() == ["Dear Ada,\n\nOmar Kim"]


def test_the_mail_merge_says_exactly_what_the_preview_says(build: Builder) -> None:
    """Every row of the mail merge is the preview of that prospect, typos and stray braces included."""
    meeting = plan(build)
    set_signature(build.conn, meeting_id=meeting, signed_by="Omar Kim")
    cara = build.person("Cara Champ", "Champ Co")
    add_askers(build.conn, meeting_id=meeting, person_ids=[cara])
    ids = prospects_at(build, meeting, [build.person("Kim, Omar", "Acme"), build.person("Bo Chen", None)])
    assign(build.conn, prospect_id=ids[0], asker_id=cara, channel=None)
    body = "Dear {first_name} of {company}, {asker} {dat} {champions}}"
    template = Template("{first_name}: {date} {", body, False)
    merge = mail_merge(build.conn, meeting_id=meeting, template=template, as_of=TODAY)
    for prospect, name in zip(ids, ["Kim, Omar", "Bo Chen"], strict=True):
        row = merge.frame[merge.frame["name"] == name].iloc[0]
        shown = preview(build.conn, meeting_id=meeting, prospect_id=prospect, template=template, as_of=TODAY)
        assert (row["subject"], row["body"]) == (shown.subject, shown.body)
    assert merge.frame["body"].tolist() == ["Dear Bo of your company, One of us {dat} Omar Kim}",
                                            "Dear Omar of Acme, Cara Champ {dat} Omar Kim}"]


@pytest.mark.parametrize(
    ("start", "minutes", "said"),
    [
        ("07:30", 120, "7:30 to 9:30 am"),
        ("11:30", 90, "11:30 am to 1:00 pm"),
        ("18:00", 120, "6:00 to 8:00 pm"),
        ("12:00", None, "12:00 pm"),
        ("23:00", 60, "11:00 pm to 12:00 am"),
    ],
)
def test_the_invitation_says_morning_or_afternoon(build: Builder, start: str, minutes: int | None,
                                                  said: str) -> None:
    """Regression (browser walk, 1 Dec 2026): the invitation said "7:30 to 9:30" and an afternoon
    meeting "13:00 to 15:00"; a business leader reads the time with am or pm."""
    meeting = add_meeting(build.conn, partnership_id=build.pid, date=dt.date(2027, 1, 14), start_time=start,
                          minutes=minutes, location="Lakeshore College")
    assert when_text(get_meeting(build.conn, meeting_id=meeting)) == f"Thursday 14 January 2027, {said}"
