"""The four signs, each in each status, on tiny databases built through the real schema."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from refresh_core.enums import SignId, SignStatus
from refresh_core.health.diagnosis import diagnose, diagnosis_json, months_before
from refresh_core.health.reflections import add_reflection
from tests.builders import Builder

DAY = dt.date(2026, 6, 1)


def quarterly_dates(n: int, *, end: dt.date = DAY) -> list[dt.date]:
    """n meeting dates 91 days apart, the last one a week before ``end``."""
    return [end - dt.timedelta(days=7 + 91 * (n - 1 - i)) for i in range(n)]


def status(conn: duckdb.DuckDBPyConnection, build: Builder, sign: SignId, day: dt.date = DAY) -> SignStatus:
    return diagnose(conn, partnership=build.partnership, as_of=day).sign(sign).status


def meetings_with(build: Builder, counts: list[tuple[int, int]], *, end: dt.date = DAY) -> None:
    """Full meetings with the given (industry, public) distinct attendees, from a shared pool."""
    industry = build.people(max(i for i, _ in counts), prefix="I")
    public = build.people(max(p for _, p in counts) or 1, kind="public_partner", prefix="Q")
    for day, (i, p) in zip(quarterly_dates(len(counts), end=end), counts, strict=True):
        build.attend(build.meeting(day), industry[:i] + public[:p])


# --- sign 1: industry engagement waning -------------------------------------------------


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ([(10, 4)], SignStatus.UNKNOWN),  # one meeting is not enough to judge
        ([(10, 4), (10, 4)], SignStatus.OK),
        ([(10, 4), (4, 5)], SignStatus.FLAG),  # public partners outnumber industry
        ([(10, 4), (6, 5)], SignStatus.WATCH),  # ratio 1.2
        ([(20, 2), (20, 2), (20, 2), (15, 2), (15, 2), (15, 2)], SignStatus.FLAG),  # 25% drop
        ([(20, 2), (20, 2), (20, 2), (17, 2), (17, 2), (17, 2)], SignStatus.WATCH),  # 15% drop
        ([(20, 2), (20, 2), (20, 2), (19, 2), (19, 2), (19, 2)], SignStatus.OK),  # 5% drop
    ],
)
def test_industry_engagement_statuses(
    conn: duckdb.DuckDBPyConnection, build: Builder, counts: list[tuple[int, int]], expected: SignStatus
) -> None:
    """Attendance patterns give the status a convener would expect from the guide's first sign."""
    meetings_with(build, counts)
    assert status(conn, build, SignId.INDUSTRY_ENGAGEMENT_WANING) == expected


def test_team_without_industry_flags(conn: duckdb.DuckDBPyConnection, build: Builder) -> None:
    """An action team whose recent meetings had only public partners raises the flag and is named."""
    meetings_with(build, [(10, 3), (10, 3)])
    team = build.team("Apprenticeship", DAY - dt.timedelta(days=400))
    staff = build.people(2, kind="public_partner", prefix="S")
    build.attend(build.meeting(DAY - dt.timedelta(days=20), "action_team", team=team), staff)
    sign = diagnose(conn, partnership=build.partnership, as_of=DAY).sign(SignId.INDUSTRY_ENGAGEMENT_WANING)
    assert sign.status == SignStatus.FLAG
    assert sign.evidence["teams_without_industry"] == ["Apprenticeship"]
    assert "Apprenticeship" in sign.summary


def test_new_team_is_not_judged_yet(conn: duckdb.DuckDBPyConnection, build: Builder) -> None:
    """A team chartered last month with no meetings yet does not count against the partnership."""
    meetings_with(build, [(10, 3), (10, 3)])
    build.team("Brand new", DAY - dt.timedelta(days=30))
    assert status(conn, build, SignId.INDUSTRY_ENGAGEMENT_WANING) == SignStatus.OK


def test_hosts_and_observers_count_as_attending(conn: duckdb.DuckDBPyConnection, build: Builder) -> None:
    """Public partners seated as observers or hosting still count in the room."""
    industry = build.people(3, prefix="I")
    public = build.people(4, kind="public_partner", prefix="Q")
    for day in quarterly_dates(2):
        m = build.meeting(day)
        build.attend(m, industry)
        build.attend(m, public[:2], role="observer")
        build.attend(m, public[2:], role="host")
    assert status(conn, build, SignId.INDUSTRY_ENGAGEMENT_WANING) == SignStatus.FLAG


def test_action_team_meetings_are_not_full_meetings(conn: duckdb.DuckDBPyConnection, build: Builder) -> None:
    """Action-team meetings never count toward the full-partnership balance."""
    meetings_with(build, [(10, 3)])
    team = build.team("T", DAY - dt.timedelta(days=10))
    build.attend(
        build.meeting(DAY - dt.timedelta(days=2), "action_team", team=team), build.people(3, prefix="X")
    )
    assert status(conn, build, SignId.INDUSTRY_ENGAGEMENT_WANING) == SignStatus.UNKNOWN


# --- sign 2: same core group ----------------------------------------------------------------


def test_core_group_unknown_for_young_partnership(conn: duckdb.DuckDBPyConnection, build: Builder) -> None:
    """A partnership younger than a year cannot be judged on newcomers."""
    build.attend(build.meeting(DAY - dt.timedelta(days=100)), build.people(5))
    assert status(conn, build, SignId.SAME_CORE_GROUP) == SignStatus.UNKNOWN


def test_core_group_flags_when_nobody_new(conn: duckdb.DuckDBPyConnection, build: Builder) -> None:
    """The same people at every meeting for over a year raises the flag."""
    core = build.people(8)
    for day in quarterly_dates(6):
        build.attend(build.meeting(day), core)
    assert status(conn, build, SignId.SAME_CORE_GROUP) == SignStatus.FLAG


def test_core_group_not_judged_when_no_full_meeting_in_the_window(
    conn: duckdb.DuckDBPyConnection, build: Builder
) -> None:
    """No full-partnership meeting in the last 12 months: nobody could have joined, so the sign says
    'not enough data' (not Flag) and the verdict does not recommend a refresh on it."""
    core = build.people(8)
    for day in quarterly_dates(4, end=DAY - dt.timedelta(days=500)):
        build.attend(build.meeting(day), core)
    diagnosis = diagnose(conn, partnership=build.partnership, as_of=DAY)
    sign = diagnosis.sign(SignId.SAME_CORE_GROUP)
    assert sign.status == SignStatus.UNKNOWN
    assert "no full-partnership meeting" in sign.summary.lower()
    assert not diagnosis.refresh_recommended
    assert diagnosis.verdict.startswith("Not enough data")


def test_core_group_watch_when_few_new(conn: duckdb.DuckDBPyConnection, build: Builder) -> None:
    """One newcomer among 20 regulars is under 10%: watch."""
    core = build.people(20)
    dates = quarterly_dates(6)
    for day in dates:
        build.attend(build.meeting(day), core)
    build.attend(build.meeting(dates[-1] + dt.timedelta(days=1)), [build.person("New Face", "P1 Org")])
    assert status(conn, build, SignId.SAME_CORE_GROUP) == SignStatus.WATCH


def test_core_group_ok_with_new_company(conn: duckdb.DuckDBPyConnection, build: Builder) -> None:
    """New people from new companies in the last year: healthy, with evidence counting them."""
    core = build.people(10)
    dates = quarterly_dates(6)
    for day in dates:
        build.attend(build.meeting(day), core)
    newcomers = [build.person("Ann New", "Fresh Co"), build.person("Bo Mid", "Fresh Co", level="mid_level")]
    build.attend(build.meeting(dates[-1] + dt.timedelta(days=2)), newcomers)
    sign = diagnose(conn, partnership=build.partnership, as_of=DAY).sign(SignId.SAME_CORE_GROUP)
    assert sign.status == SignStatus.OK
    assert sign.evidence["new_industry_people"] == 2
    assert sign.evidence["new_companies"] == 1
    assert sign.evidence["mid_level_engaged"] == 1


# --- sign 3: sector changed -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("answered", "changed", "fits", "expected"),
    [
        (None, set(), True, SignStatus.UNKNOWN),
        (DAY - dt.timedelta(days=30), set(), True, SignStatus.OK),
        (DAY - dt.timedelta(days=30), {"technology_changed"}, True, SignStatus.WATCH),
        (DAY - dt.timedelta(days=30), {"technology_changed"}, False, SignStatus.FLAG),
        (DAY - dt.timedelta(days=400), set(), True, SignStatus.WATCH),  # over 12 months old
        (DAY + dt.timedelta(days=5), set(), False, SignStatus.UNKNOWN),  # answered after the as-of date
    ],
)
def test_sector_changed_statuses(
    conn: duckdb.DuckDBPyConnection,
    build: Builder,
    answered: dt.date | None,
    changed: set[str],
    fits: bool,
    expected: SignStatus,
) -> None:
    """The convener's latest reflection decides sign 3."""
    if answered:
        add_reflection(
            conn, partnership_id=build.pid, answered_on=answered, changed=changed, agenda_still_fits=fits
        )
    assert status(conn, build, SignId.SECTOR_CHANGED) == expected


def test_sector_flag_says_the_convener_noted_it(conn: duckdb.DuckDBPyConnection, build: Builder) -> None:
    """The flag's sentence says who noted the agenda no longer fits (the convener), never "you": a
    champion reads the same sentence through a share link and made no reflection."""
    add_reflection(
        conn, partnership_id=build.pid, answered_on=dt.date(2026, 5, 20), changed=set(),
        agenda_still_fits=False,
    )
    sign = diagnose(conn, partnership=build.partnership, as_of=DAY).sign(SignId.SECTOR_CHANGED)
    assert sign.status == SignStatus.FLAG
    assert sign.summary == "On 20 May 2026 the convener noted the agenda no longer fits the industry."
    assert "you" not in sign.summary.lower().split()


# --- sign 4: agenda stale -------------------------------------------------------------------


def test_agenda_unknown_without_priorities(conn: duckdb.DuckDBPyConnection, build: Builder) -> None:
    """No priorities recorded: the sign cannot be judged."""
    assert status(conn, build, SignId.AGENDA_STALE) == SignStatus.UNKNOWN


def test_agenda_flags_single_old_priority(conn: duckdb.DuckDBPyConnection, build: Builder) -> None:
    """One priority from long ago and nothing new at the last quarterlies: flag."""
    dates = quarterly_dates(4)
    meetings = [build.meeting(d) for d in dates]
    build.priority("Apprenticeships", dates[0], meeting=meetings[0])
    assert status(conn, build, SignId.AGENDA_STALE) == SignStatus.FLAG


def test_agenda_flags_when_no_team_activity(conn: duckdb.DuckDBPyConnection, build: Builder) -> None:
    """Several active priorities but no action-team meeting in 90 days: flag."""
    dates = quarterly_dates(4)
    for d in dates:
        build.meeting(d)
    build.priority("A", dates[0])
    build.priority("B", dates[0])
    assert status(conn, build, SignId.AGENDA_STALE) == SignStatus.FLAG


def test_agenda_watch_single_priority_with_new_idea(conn: duckdb.DuckDBPyConnection, build: Builder) -> None:
    """A single active priority, newly identified at a recent quarterly: watch, not flag."""
    dates = quarterly_dates(3)
    meetings = [build.meeting(d) for d in dates]
    build.priority("Old", dates[0], status="completed")
    build.priority("Fresh", dates[-1], meeting=meetings[-1])
    assert status(conn, build, SignId.AGENDA_STALE) == SignStatus.WATCH


def test_agenda_ok_with_active_teams(conn: duckdb.DuckDBPyConnection, build: Builder) -> None:
    """Several active priorities with recent team meetings: healthy."""
    dates = quarterly_dates(3)
    for d in dates:
        build.meeting(d)
    for title in ("A", "B"):
        p = build.priority(title, dates[0])
        t = build.team(title, dates[0], priority=p)
        build.attend(
            build.meeting(DAY - dt.timedelta(days=10), "action_team", team=t), build.people(1, prefix=title)
        )
    assert status(conn, build, SignId.AGENDA_STALE) == SignStatus.OK


# --- verdict and JSON --------------------------------------------------------------------------


def test_two_watches_recommend_refresh(conn: duckdb.DuckDBPyConnection, build: Builder) -> None:
    """Two signs on watch add up to a refresh recommendation, and the verdict names them."""
    meetings_with(build, [(6, 5), (6, 5)])  # watch on sign 1
    add_reflection(
        conn,
        partnership_id=build.pid,
        answered_on=DAY,
        changed={"regulation_changed"},
        agenda_still_fits=True,
    )  # watch on sign 3
    result = diagnose(conn, partnership=build.partnership, as_of=DAY)
    assert result.refresh_recommended
    assert "industry engagement is waning" in result.verdict
    assert "the sector or economy has changed" in result.verdict


def test_one_watch_does_not_recommend(conn: duckdb.DuckDBPyConnection, build: Builder) -> None:
    """A single watch keeps the verdict at 'no refresh needed yet'."""
    meetings_with(build, [(6, 5), (6, 5)])
    result = diagnose(conn, partnership=build.partnership, as_of=DAY)
    assert not result.refresh_recommended
    assert result.verdict.startswith("No refresh needed yet")


def test_a_partnership_with_no_data_is_not_called_healthy(
    conn: duckdb.DuckDBPyConnection, build: Builder
) -> None:
    """The reported case: a new partnership with nothing recorded read "No refresh needed: the
    partnership looks healthy (4 sign(s) cannot be judged yet)", a green verdict with no data. It now
    says there is not enough data, and the Health page shows it as not judged."""
    result = diagnose(conn, partnership=build.partnership, as_of=DAY)
    assert not result.refresh_recommended and not result.judged
    assert result.verdict.startswith("Not enough data to judge yet: 4 of the 4 signs")
    assert "healthy" not in result.verdict and "sign(s)" not in result.verdict


def test_json_lists_meetings_oldest_first(conn: duckdb.DuckDBPyConnection, build: Builder) -> None:
    """The JSON holds the four signs and the full meetings up to the as-of date, oldest first."""
    meetings_with(build, [(3, 1), (4, 2), (5, 3)])
    build.meeting(DAY + dt.timedelta(days=30))  # after the as-of date: left out
    payload = diagnosis_json(diagnose(conn, partnership=build.partnership, as_of=DAY))
    assert [s["id"] for s in payload["signs"]] == [s.value for s in SignId]
    assert [m["industry"] for m in payload["meetings"]] == [3, 4, 5]
    assert payload["meetings"] == sorted(payload["meetings"], key=lambda m: m["date"])


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (dt.date(2026, 3, 31), 1, dt.date(2026, 2, 28)),
        (dt.date(2026, 1, 15), 12, dt.date(2025, 1, 15)),
        (dt.date(2024, 2, 29), 12, dt.date(2023, 2, 28)),
    ],
)
def test_months_before(day: dt.date, months: int, expected: dt.date) -> None:
    """Month arithmetic clamps to the month's last day."""
    assert months_before(day, months) == expected
