"""Done-when: plan a refresh meeting, load 40 prospects, assign askers, export, update statuses,
watch the meter reach 20, import the attendance, and see attended counts without touching prospects."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from refresh_core.imports.apply import import_files
from refresh_core.meetings import add_meeting, next_meeting
from refresh_core.recruitment.askers import add_askers, balance_calls, suggested_askers
from refresh_core.recruitment.callsheet_pdf import call_sheets_pdf
from refresh_core.recruitment.callsheets import call_list, call_sheets_csv
from refresh_core.recruitment.invitations import get_template, mail_merge, mail_merge_csv
from refresh_core.recruitment.prospect_import import import_prospects
from refresh_core.recruitment.prospects import prospect_table
from refresh_core.recruitment.status import recruitment_status
from refresh_core.recruitment.steps import set_status
from refresh_core.schema import problems
from tests.builders import Builder
from tests.conftest import TODAY
from tests.recruiting import pages_of

MEETING = TODAY + dt.timedelta(days=28)


def prospect_csv() -> str:
    """30 industry leaders (every third a mid-level manager) and 10 public partners."""
    lines = ["Name,Email,Phone,Company,Title,Affiliation,Channel,Notes"]
    for i in range(30):
        title = "Operations Manager" if i % 3 == 0 else "President"
        lines.append(f"Lead{i:02d} Maker,lead{i:02d}@maker{i:02d}.com,0{i:02d}555 0100,Maker {i:02d} Inc,"
                     f"{title},Industry,Personal ask by phone,met at expo")
    for i in range(10):
        lines.append(f"Staff{i:02d} Public,staff{i:02d}@county{i:02d}.gov,,County {i:02d} Workforce Board,"
                     "Director,Workforce,Personal email from a champion,")
    return "\n".join(lines) + "\n"


def test_a_refresh_campaign_from_plan_to_attendance(build: Builder) -> None:
    """The whole campaign as a convener runs it."""
    conn = build.conn
    # The partnership already has champions and a regular, from past meetings.
    team = build.team("Apprenticeship", TODAY - dt.timedelta(days=400))
    champions = [build.person(n, f"{n} Co") for n in ("Omar Kim", "Lena Chen")]
    for person in champions:
        conn.execute("INSERT INTO team_member (team_id, person_id, role) VALUES (?, ?, 'champion')",
                     [team, person])
    staff = build.person("Wendy Iyer", "Lakeshore Community College", kind="public_partner")
    past = build.meeting(TODAY - dt.timedelta(days=100), "quarterly")
    build.attend(past, champions)
    build.attend(past, [staff], role="host")

    # 1. Plan the refresh meeting: it is the next one.
    meeting = add_meeting(conn, partnership_id=build.pid, date=MEETING, start_time="07:30", minutes=120,
                          location="Lakeshore Community College")
    found = next_meeting(conn, partnership_id=build.pid, as_of=TODAY)
    assert found is not None and found.id == meeting

    # 2. Load 40 prospects from a spreadsheet.
    loaded = import_prospects(conn, meeting_id=meeting, data=prospect_csv().encode(), file_name="list.csv",
                              on=TODAY)
    assert (loaded.prospects_added, len(loaded.rejected), loaded.ignored_columns) == (40, 0, ("Notes",))

    # 3. Askers: the champions and the public partner staff; balance the calls.
    add_askers(conn, meeting_id=meeting, person_ids=suggested_askers(conn, meeting_id=meeting)["person_id"])
    assert balance_calls(conn, meeting_id=meeting, as_of=TODAY).given == 40
    start = recruitment_status(conn, meeting_id=meeting, as_of=TODAY)
    assert sorted(start.per_asker["assigned"]) == [13, 13, 14] and start.unassigned == 0

    # 4. Export invitations and call sheets.
    merge = mail_merge(conn, meeting_id=meeting, template=get_template(conn, meeting_id=meeting), as_of=TODAY)
    rows = list(csv.DictReader(io.StringIO(mail_merge_csv(merge).decode("utf-8-sig"), newline="")))
    assert len(rows) == 40 and rows[0]["body"].startswith("Dear Lead00,")
    assert "Lena Chen and Omar Kim" in rows[0]["body"]
    calls = call_list(conn, meeting_id=meeting, as_of=TODAY)
    assert len(calls) == 40 and calls.loc[calls["name"] == "Lead01 Maker", "phone"].item() == "001555 0100"
    sheets = pages_of(call_sheets_pdf(conn, meeting_id=meeting, calls=calls))  # three askers, 13 or 14 calls
    assert sum(p.startswith("Call sheet for ") and "(continued)" not in p for p in sheets) == 3
    assert len(call_sheets_csv(calls)) > 0

    # 5. Asks, follow-up calls, answers: the meter climbs to 20.
    table = prospect_table(conn, meeting_id=meeting, as_of=TODAY).sort_values("name")
    industry = table[table["org_kind"] == "industry"]["prospect_id"].tolist()
    public = table[table["org_kind"] == "public_partner"]["prospect_id"].tolist()
    for prospect in industry + public:
        set_status(conn, prospect_id=prospect, status="asked", on=TODAY + dt.timedelta(days=1))
    overdue = recruitment_status(conn, meeting_id=meeting, as_of=TODAY + dt.timedelta(days=7))
    assert overdue.overdue_calls == 40
    for prospect in industry + public:
        set_status(conn, prospect_id=prospect, status="called", on=TODAY + dt.timedelta(days=7))
    for prospect in industry[:19] + public[:6]:
        set_status(conn, prospect_id=prospect, status="confirmed", on=TODAY + dt.timedelta(days=10))
    for prospect in industry[25:]:
        set_status(conn, prospect_id=prospect, status="declined", on=TODAY + dt.timedelta(days=10))
    two_weeks_out = MEETING - dt.timedelta(days=14)
    short = recruitment_status(conn, meeting_id=meeting, as_of=two_weeks_out)
    assert (short.industry_confirmed, short.public_confirmed) == (19, 6)
    assert any("only 19 industry leaders have confirmed" in w for w in short.warnings)
    for prospect in industry[19:24]:
        set_status(conn, prospect_id=prospect, status="confirmed", on=two_weeks_out)
    ready = recruitment_status(conn, meeting_id=meeting, as_of=two_weeks_out)
    assert ready.industry_confirmed == 24 and ready.progress == pytest.approx(24 * 0.8 / 20)
    assert ready.mid_level_confirmed == 8 and ready.new_companies_confirmed == 24
    assert ready.expected_turnout == 19  # 24 x the default 80%
    assert not any("confirmed, short of the 20" in w for w in ready.warnings)
    assert any("Confirm 1 more to expect 20 in the room" in w for w in ready.warnings)  # 24 x 80% = 19.2

    # 6. The meeting happens; its sign-in sheet is imported like any attendance file.
    came = table[table["prospect_id"].isin(industry[:18] + public[:3])]
    sheet = "Name,Email,Company\n" + "".join(f"{r.name},{r.email},{r.organisation}\n"
                                              for r in came.itertuples())
    sheet += "Walk In,walkin@newplant.com,New Plant\n"
    [result] = import_files(conn, partnership=build.partnership.name, files=[("signin.csv", sheet.encode())],
                            meeting_date=MEETING, meeting_kind="refresh")
    assert result.attendance_added == 22
    after = recruitment_status(conn, meeting_id=meeting, as_of=MEETING + dt.timedelta(days=1))
    assert (after.industry_attended, after.industry_confirmed) == (18, 24)
    assert after.by_status["attended"] == 21 and after.by_status["confirmed"] == 24 + 6 - 21
    assert problems(conn).empty
