"""The recruitment status: the goal meter's arithmetic, overdue calls, show rate, and each warning."""

from __future__ import annotations

import datetime as dt

import pytest

from refresh_core.recruitment.askers import add_askers
from refresh_core.recruitment.prospect_edits import assign, set_traits
from refresh_core.recruitment.status import GOAL, RecruitmentStatus, recruitment_json, recruitment_status
from refresh_core.recruitment.turnout import DEFAULT_SHOW_RATE, sync_attendance
from tests.builders import Builder
from tests.conftest import TODAY
from tests.recruiting import MEETING_DAY, START, plan, prospects_at

ASKED = ("asked", START + dt.timedelta(days=1))
CALLED = ("called", START + dt.timedelta(days=3))
CONFIRMED = ("confirmed", START + dt.timedelta(days=4))


def champion(build: Builder, name: str, org: str) -> int:
    """An industry leader who champions an active action team."""
    person = build.person(name, org)
    team = build.team(f"{name}'s team", TODAY - dt.timedelta(days=200))
    build.conn.execute("INSERT INTO team_member (team_id, person_id, role) VALUES (?, ?, 'champion')",
                       [team, person])
    return person


def status(build: Builder, meeting: int, as_of: dt.date = TODAY) -> RecruitmentStatus:
    return recruitment_status(build.conn, meeting_id=meeting, as_of=as_of)


def warning(result: RecruitmentStatus, words: str) -> list[str]:
    return [w for w in result.warnings if words in w]


def test_public_partners_and_unknowns_are_shown_but_never_counted(build: Builder) -> None:
    """Only confirmed prospects from industry organisations move the meter."""
    meeting = plan(build)
    prospects_at(build, meeting, build.people(3, prefix="Ind"), ASKED, CONFIRMED)
    prospects_at(build, meeting, build.people(4, kind="public_partner", prefix="Pub"), ASKED, CONFIRMED)
    prospects_at(build, meeting, build.people(2, kind="unclassified", prefix="Unk"), ASKED, CONFIRMED)
    result = status(build, meeting)
    assert (result.industry_confirmed, result.public_confirmed, result.unknown_confirmed) == (3, 4, 2)
    assert result.by_status["confirmed"] == 9
    assert result.progress == pytest.approx(3 * DEFAULT_SHOW_RATE / GOAL)  # expected turnout, not promises
    assert warning(result, "no organisation type yet")


def test_attended_prospects_count_as_confirmed_and_attended(build: Builder) -> None:
    """After the meeting, people who came stay in the confirmed count and fill the attended one."""
    meeting = plan(build)
    came = build.people(5, prefix="Came")
    prospects_at(build, meeting, came + build.people(2, prefix="NoShow"), ASKED, CONFIRMED)
    public = build.people(1, kind="public_partner", prefix="Pub")
    prospects_at(build, meeting, public, ASKED, CONFIRMED)
    build.attend(meeting, came + public)
    result = status(build, meeting, MEETING_DAY)
    assert (result.industry_confirmed, result.industry_attended) == (7, 5)
    assert result.by_status["attended"] == 6 and result.by_status["confirmed"] == 2
    assert status(build, meeting, TODAY).industry_attended == 0


def test_civic_entrepreneurs_need_all_three_traits(build: Builder) -> None:
    """Collaborative, strategic, and sees success as interdependent: two of three is not enough."""
    meeting = plan(build)
    full, partial, unconfirmed = prospects_at(build, meeting, build.people(3), ASKED, CONFIRMED)
    for prospect in (full, unconfirmed):
        set_traits(build.conn, prospect_id=prospect, traits=["collaborative", "strategic", "interdependent"])
    set_traits(build.conn, prospect_id=partial, traits=["collaborative", "strategic"])
    build.conn.execute("INSERT INTO prospect_step (prospect_id, status, on_date) VALUES (?, 'declined', ?)",
                       [unconfirmed, TODAY])
    assert status(build, meeting).civic_entrepreneurs_confirmed == 1


def test_new_companies_and_mid_level_managers_among_the_confirmed(build: Builder) -> None:
    """A company counts as new until someone from it attends a full meeting; companies count once."""
    meeting = plan(build)
    veteran = build.person("Vera", "Old Co")
    build.attend(build.meeting(TODAY - dt.timedelta(days=90)), [veteran])
    newcomers = [build.person("Nia", "New Co", level="mid_level"), build.person("Ned", "New Co")]
    prospects_at(build, meeting, [veteran, *newcomers, build.person("Olga", "Old Co", level="mid_level")],
                 ASKED, CONFIRMED)
    result = status(build, meeting)
    assert result.new_companies_confirmed == 1
    assert result.mid_level_confirmed == 2


def test_expected_turnout_uses_the_default_show_rate_without_history(build: Builder) -> None:
    """With no past recruitment, 80% of confirmations are expected, and it says it is a default."""
    meeting = plan(build)
    prospects_at(build, meeting, build.people(10), ASKED, CONFIRMED)
    result = status(build, meeting)
    assert result.show_rate.is_default and result.show_rate.rate == DEFAULT_SHOW_RATE
    assert result.expected_turnout == 8
    assert "a default, not your data" in result.show_rate.explanation


def test_expected_turnout_uses_this_partnerships_past_show_rate(build: Builder) -> None:
    """Six of ten confirmed came last time: 10 confirmations now mean about 6 in the room."""
    past = plan(build, TODAY - dt.timedelta(days=60))
    people = build.people(10, prefix="Past")
    ids = prospects_at(build, past, people, ("asked", TODAY - dt.timedelta(days=80)),
                       ("confirmed", TODAY - dt.timedelta(days=70)), identified=TODAY - dt.timedelta(days=90))
    build.attend(past, people[:6])
    assert len(ids) == 10
    meeting = plan(build)
    prospects_at(build, meeting, build.people(10, prefix="Now"), ASKED, CONFIRMED)
    result = status(build, meeting)
    assert not result.show_rate.is_default
    assert result.show_rate.rate == pytest.approx(0.6)
    assert result.expected_turnout == 6
    assert "6 of 10" in result.show_rate.explanation


@pytest.mark.parametrize(("asked_days_ago", "called", "overdue"),
                         [(6, False, 1), (5, False, 0), (9, True, 0)])
def test_an_ask_is_overdue_after_five_days_without_a_call(
    build: Builder, asked_days_ago: int, called: bool, overdue: int
) -> None:
    """More than 5 days since the ask and no follow-up call: overdue, with a warning."""
    meeting = plan(build)
    steps = [("asked", TODAY - dt.timedelta(days=asked_days_ago))]
    if called:
        steps.append(("called", TODAY - dt.timedelta(days=1)))
    prospects_at(build, meeting, build.people(1), *steps)
    result = status(build, meeting)
    assert result.overdue_calls == overdue
    assert bool(warning(result, "no follow-up call yet")) == bool(overdue)


def test_flyers_and_mass_email_are_warned_about(build: Builder) -> None:
    """The guide: flyers and marketing material work poorly."""
    meeting = plan(build)
    flyer, mass, personal = prospects_at(build, meeting, build.people(3))
    assign(build.conn, prospect_id=flyer, asker_id=None, channel="flyer")
    assign(build.conn, prospect_id=mass, asker_id=None, channel="Mass email")
    assign(build.conn, prospect_id=personal, asker_id=None, channel="personal_phone")
    [text] = warning(status(build, meeting), "flyer or mass email")
    assert text.startswith("2 prospects are") and "personal, peer-to-peer ask" in text


def test_prospects_without_an_asker_and_idle_askers_are_warned_about(build: Builder) -> None:
    """Open prospects with nobody to ask them, and askers with nobody assigned, each get a warning."""
    meeting = plan(build)
    busy, idle = build.person("Busy Champion", "Champ Co"), build.person("Idle Staff", "Workforce Board",
                                                                         kind="public_partner")
    add_askers(build.conn, meeting_id=meeting, person_ids=[busy, idle])
    first, _second, _done = prospects_at(build, meeting, build.people(3))
    assign(build.conn, prospect_id=first, asker_id=busy, channel=None)
    build.conn.execute("INSERT INTO prospect_step (prospect_id, status, on_date) VALUES (?, 'declined', ?)",
                       [_done, TODAY])
    result = status(build, meeting)
    assert result.unassigned == 1
    assert warning(result, "1 prospect has nobody to ask them")
    assert warning(result, "1 asker has nobody assigned yet (Idle Staff)")


def test_fewer_than_twenty_two_weeks_out_is_warned_about(build: Builder) -> None:
    """14 days before the meeting with under 20 industry confirmations: warn; 15 days before: not yet."""
    meeting = plan(build)
    prospects_at(build, meeting, build.people(19), ASKED, CONFIRMED)
    assert warning(status(build, meeting, MEETING_DAY - dt.timedelta(days=14)),
                   "in 14 days and only 19 industry leaders have confirmed")
    crunch = "confirmed, short of the 20"
    assert not warning(status(build, meeting, MEETING_DAY - dt.timedelta(days=15)), crunch)
    prospects_at(build, meeting, build.people(1, prefix="Twentieth"), ASKED, CONFIRMED)
    assert not warning(status(build, meeting, MEETING_DAY - dt.timedelta(days=3)), crunch)


def test_no_new_company_among_the_confirmed_is_warned_about(build: Builder) -> None:
    """Only regulars confirmed: the guide's refresh is for new companies."""
    meeting = plan(build)
    regulars = build.people(2, prefix="Reg")
    build.attend(build.meeting(TODAY - dt.timedelta(days=90)), regulars)
    prospects_at(build, meeting, regulars, ASKED, CONFIRMED)
    assert warning(status(build, meeting), "No new company")
    prospects_at(build, meeting, [build.person("Fresh Face", "Fresh Co")], ASKED, CONFIRMED)
    assert not warning(status(build, meeting), "No new company")


def test_a_well_run_campaign_has_no_warnings(build: Builder) -> None:
    """A champion asks everyone personally; called and confirmed, civic entrepreneurs and new
    companies in, enough confirmations to expect 20 in the room: nothing to warn about."""
    meeting = plan(build)
    asker = champion(build, "Champion", "Champ Co")
    add_askers(build.conn, meeting_id=meeting, person_ids=[asker])
    prospects = prospects_at(build, meeting, build.people(25), ASKED, CALLED, CONFIRMED)  # 25 x 80% = 20
    for prospect in prospects:
        assign(build.conn, prospect_id=prospect, asker_id=asker, channel="personal_phone")
    set_traits(build.conn, prospect_id=prospects[0], traits=["collaborative", "strategic", "interdependent"])
    result = status(build, meeting, MEETING_DAY - dt.timedelta(days=7))
    assert result.warnings == ()
    assert result.progress == 1.0 and "goal reached" in result.goal_takeaway


def test_sync_records_attendance_steps_and_removes_them_when_attendance_goes(build: Builder) -> None:
    """Attendance at a same-day meeting (even one imported under another title) marks prospects
    attended with a dated step; when that attendance is removed, so is the mark."""
    meeting = plan(build)
    person = build.person("Ada Lee", "Acme")
    prospects_at(build, meeting, [person], ASKED, CONFIRMED)
    imported = build.meeting(MEETING_DAY, "refresh", title="Refresh (from Zoom)")
    build.attend(imported, [person])
    first = sync_attendance(build.conn, meeting_id=meeting)
    assert (first.marked, first.unmarked) == (1, 0)
    assert sync_attendance(build.conn, meeting_id=meeting).marked == 0
    build.conn.execute("DELETE FROM attendance")
    assert sync_attendance(build.conn, meeting_id=meeting).unmarked == 1
    assert status(build, meeting, MEETING_DAY).by_status["confirmed"] == 1


def test_json_has_exactly_the_contract_keys(build: Builder) -> None:
    """The command line's JSON shape is fixed."""
    meeting = plan(build)
    prospects_at(build, meeting, build.people(2), ASKED)
    payload = recruitment_json(status(build, meeting))
    assert list(payload) == ["meeting", "goal", "industry_confirmed", "industry_attended",
                             "civic_entrepreneurs_confirmed", "new_companies_confirmed",
                             "mid_level_confirmed",
                             "by_status", "unassigned", "overdue_calls", "warnings",
                             "expected_industry_turnout"]
    assert payload["meeting"] == {"date": MEETING_DAY.isoformat(),
                                  "title": f"Refresh meeting, {MEETING_DAY:%B %Y}"}
    assert payload["goal"] == 20 and payload["by_status"]["asked"] == 2
    assert list(payload["by_status"]) == ["identified", "asked", "called", "confirmed", "declined",
                                          "no_response", "attended"]
