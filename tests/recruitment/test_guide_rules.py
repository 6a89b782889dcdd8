"""The guide's recruitment rules, live: turnout not promises (R7), civic entrepreneurs (R8),
champions who ask (R15/R16). Each test is named after the rule it holds the product to."""

from __future__ import annotations

import datetime as dt

import pytest

from refresh_core.recruitment.askers import add_askers
from refresh_core.recruitment.prospect_edits import assign, set_traits
from refresh_core.recruitment.status import RecruitmentStatus, recruitment_json, recruitment_status
from tests.builders import Builder
from tests.conftest import TODAY
from tests.recruiting import MEETING_DAY, START, plan, prospects_at

ASKED = ("asked", START + dt.timedelta(days=1))
CALLED = ("called", START + dt.timedelta(days=3))
CONFIRMED = ("confirmed", START + dt.timedelta(days=4))
CIVIC = ["collaborative", "strategic", "interdependent"]


def status(build: Builder, meeting: int, as_of: dt.date = TODAY) -> RecruitmentStatus:
    return recruitment_status(build.conn, meeting_id=meeting, as_of=as_of)


def warnings_with(result: RecruitmentStatus, words: str) -> list[str]:
    return [w for w in result.warnings if words in w]


def past_show_rate(build: Builder, *, confirmed: int, came: int) -> None:
    """A past meeting where ``came`` of ``confirmed`` confirmed industry leaders attended."""
    past = plan(build, TODAY - dt.timedelta(days=120))
    people = build.people(confirmed, prefix="Past")
    prospects_at(
        build,
        past,
        people,
        ("asked", TODAY - dt.timedelta(days=150)),
        ("confirmed", TODAY - dt.timedelta(days=140)),
        identified=TODAY - dt.timedelta(days=160),
    )
    build.attend(past, people[:came])


def champion(build: Builder, name: str, org: str = "Champ Co") -> int:
    """An industry leader who champions an active action team."""
    person = build.person(name, org)
    team = build.team(f"{name}'s team", TODAY - dt.timedelta(days=200))
    build.conn.execute(
        "INSERT INTO team_member (team_id, person_id, role) VALUES (?, ?, 'champion')", [team, person]
    )
    return person


def test_r7_twenty_confirmed_at_70_percent_show_rate_warns(build: Builder) -> None:
    """20 confirmed where 7 in 10 usually come: about 14 expected, no "goal reached", and a warning
    saying how many more confirmations would make 20 in the room (ceil(20 / 0.7) - 20 = 9)."""
    past_show_rate(build, confirmed=10, came=7)
    meeting = plan(build)
    prospects_at(build, meeting, build.people(20), ASKED, CONFIRMED)
    result = status(build, meeting)
    assert result.industry_confirmed == 20 and result.expected_turnout == 14
    assert "goal reached" not in result.goal_takeaway
    assert result.goal_takeaway.startswith("About 14 industry leaders expected in the room, of the 20")
    assert "Confirm 9 more to expect 20" in result.goal_takeaway
    assert result.progress == pytest.approx(0.7)
    [text] = warnings_with(result, "Confirm 9 more to expect 20 in the room")
    assert text.startswith("20 industry leaders have confirmed, but at a show rate of 70% about 14")


def test_r7_goal_reached_only_when_expected_turnout_reaches_20(build: Builder) -> None:
    """At the default 80%, 24 confirmations expect 19.2 (not reached, 1 more to go); 25 expect 20."""
    meeting = plan(build)
    prospects_at(build, meeting, build.people(24), ASKED, CONFIRMED)
    short = status(build, meeting)
    assert "goal reached" not in short.goal_takeaway and short.meter.confirm_more == 1
    prospects_at(build, meeting, build.people(1, prefix="Last"), ASKED, CONFIRMED)
    enough = status(build, meeting)
    assert "goal reached" in enough.goal_takeaway and enough.progress == 1.0
    assert not warnings_with(enough, "more to expect 20")


def test_r7_after_the_meeting_the_meter_shows_who_came(build: Builder) -> None:
    """20 confirmed, 15 came: after the meeting day the bar is 15 of 20 with the confirmations
    beside it, never full."""
    meeting = plan(build)
    people = build.people(20)
    prospects_at(build, meeting, people, ASKED, CONFIRMED)
    build.attend(meeting, people[:15])
    result = status(build, meeting, MEETING_DAY + dt.timedelta(days=1))
    assert result.progress == pytest.approx(15 / 20)
    assert result.goal_takeaway == (
        "15 industry leaders came, of the 20 the guide recommends; 20 had confirmed and 15 of them came."
    )
    assert not warnings_with(result, "more to expect")


def test_r7_walk_ins_count_in_the_room_but_public_partners_do_not(build: Builder) -> None:
    """18 listed leaders came, plus 2 industry walk-ins and 6 public partners: 20 in the room, reached."""
    meeting = plan(build)
    people = build.people(20)
    prospects_at(build, meeting, people, ASKED, CONFIRMED)
    walk_ins, public = build.people(2, prefix="Walk"), build.people(6, kind="public_partner", prefix="Pub")
    build.attend(meeting, people[:18] + walk_ins + public)
    result = status(build, meeting, MEETING_DAY + dt.timedelta(days=1))
    assert result.industry_attended == 18  # the list's own count is unchanged
    assert result.progress == 1.0 and result.goal_takeaway.startswith(
        "20 industry leaders came, of the 20 the guide recommends: goal reached"
    )


def test_r7_after_the_meeting_without_attendance_says_to_import_it(build: Builder) -> None:
    """A past meeting with no sign-in sheet yet is not a result: the headline asks for attendance."""
    meeting = plan(build)
    prospects_at(build, meeting, build.people(20), ASKED, CONFIRMED)
    result = status(build, meeting, MEETING_DAY + dt.timedelta(days=2))
    assert "import its sign-in sheet" in result.goal_takeaway and "20 had confirmed" in result.goal_takeaway


def test_r7_json_gains_expected_industry_turnout(build: Builder) -> None:
    """The command line's JSON carries the expectation the meter shows (20 x 70% = 14.0)."""
    past_show_rate(build, confirmed=10, came=7)
    meeting = plan(build)
    prospects_at(build, meeting, build.people(20), ASKED, CONFIRMED)
    payload = recruitment_json(status(build, meeting))
    assert payload["expected_industry_turnout"] == pytest.approx(14.0)
    assert payload["industry_confirmed"] == 20


def test_r8_no_civic_entrepreneur_among_the_confirmed_warns(build: Builder) -> None:
    """0 of 20 confirmed industry leaders are civic entrepreneurs: warn; one with all three traits: quiet."""
    meeting = plan(build)
    prospects = prospects_at(build, meeting, build.people(20), ASKED, CONFIRMED)
    [text] = warnings_with(status(build, meeting), "civic entrepreneur")
    assert text.startswith("None of the 20 industry leaders who confirmed is marked a civic entrepreneur")
    set_traits(build.conn, prospect_id=prospects[3], traits=CIVIC)
    assert not warnings_with(status(build, meeting), "civic entrepreneur")


def test_r15_only_public_partner_askers_warns_no_industry_champion(build: Builder) -> None:
    """Askers from the workforce board and the college only: the peer-to-peer ask is missing."""
    meeting = plan(build)
    staff = [
        build.person("Wanda Board", "Workforce Board", kind="public_partner"),
        build.person("Cal College", "Community College", kind="public_partner"),
    ]
    add_askers(build.conn, meeting_id=meeting, person_ids=staff)
    for n, prospect in enumerate(prospects_at(build, meeting, build.people(4))):
        assign(build.conn, prospect_id=prospect, asker_id=staff[n % 2], channel="personal_phone")
    [text] = warnings_with(status(build, meeting), "industry champion")
    assert text.startswith("None of the 2 askers is an industry champion")
    add_askers(build.conn, meeting_id=meeting, person_ids=[champion(build, "Cora Champ")])
    assert not warnings_with(status(build, meeting), "is an industry champion")


def test_r15_a_single_asker_who_is_no_champion_reads_as_one(build: Builder) -> None:
    """One asker from the workforce board: the warning names the one asker (was "None of the 1 asker is")."""
    meeting = plan(build)
    staff = build.person("Wanda Board", "Workforce Board", kind="public_partner")
    add_askers(build.conn, meeting_id=meeting, person_ids=[staff])
    for prospect in prospects_at(build, meeting, build.people(2)):
        assign(build.conn, prospect_id=prospect, asker_id=staff, channel="personal_phone")
    [text] = warnings_with(status(build, meeting), "industry champion")
    assert text.startswith("The one asker is not an industry champion. The guide:")
    assert "None of the 1" not in text


def test_r16_champions_with_no_calls_assigned_warn(build: Builder) -> None:
    """A champion asks but every call sits with public partner staff: the champion gets no peers to call."""
    meeting = plan(build)
    staff = build.person("Wanda Board", "Workforce Board", kind="public_partner")
    cora = champion(build, "Cora Champ")
    add_askers(build.conn, meeting_id=meeting, person_ids=[staff, cora])
    prospects = prospects_at(build, meeting, build.people(3))
    for prospect in prospects:
        assign(build.conn, prospect_id=prospect, asker_id=staff, channel="personal_phone")
    [text] = warnings_with(status(build, meeting), "no calls assigned")
    assert text.startswith("The industry champion among the askers (Cora Champ) has no calls assigned")
    assign(build.conn, prospect_id=prospects[0], asker_id=cora, channel="personal_phone")
    assert not warnings_with(status(build, meeting), "no calls assigned")


def test_guide_warnings_stop_once_the_meeting_is_held(build: Builder) -> None:
    """After the meeting there is nobody left to ask: no civic, champion or turnout warnings."""
    meeting = plan(build)
    people = build.people(20)
    prospects_at(build, meeting, people, ASKED, CONFIRMED)
    build.attend(meeting, people[:10])
    result = status(build, meeting, MEETING_DAY + dt.timedelta(days=1))
    assert not warnings_with(result, "civic") and not warnings_with(result, "champion")
