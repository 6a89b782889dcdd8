"""Sign 4's "in a while" (R6): "In a healthy partnership, new priorities are identified regularly at
quarterly meetings. If that hasn't happened in a while, it's time for a refresh." A year without a new
priority from a full-partnership meeting flags the sign, however many priorities are busy."""

from __future__ import annotations

import datetime as dt

import duckdb

from refresh_core.enums import SignId, SignStatus
from refresh_core.guidance import NUMBERS, Source
from refresh_core.health.diagnosis import Sign, diagnose
from refresh_core.health.thresholds import load_thresholds
from tests.builders import Builder

DAY = dt.date(2026, 6, 1)
MONTH = 30.5


def quarterlies(build: Builder, n: int) -> list[tuple[int, dt.date]]:
    """n quarterly meetings 91 days apart, the last one a week before DAY: (id, date)."""
    dates = [DAY - dt.timedelta(days=7 + 91 * (n - 1 - i)) for i in range(n)]
    return [(build.meeting(d), d) for d in dates]


def busy_priority(build: Builder, title: str, day: dt.date, meeting: int | None) -> None:
    """An active priority whose team met ten days before DAY with an industry leader."""
    priority = build.priority(title, day, meeting=meeting)
    team = build.team(title, day, priority=priority)
    build.attend(
        build.meeting(DAY - dt.timedelta(days=10), "action_team", team=team), build.people(1, prefix=title)
    )


def sign4(conn: duckdb.DuckDBPyConnection, build: Builder) -> Sign:
    return diagnose(conn, partnership=build.partnership, as_of=DAY).sign(SignId.AGENDA_STALE)


def test_r6_three_active_priorities_none_new_in_13_months_flags_sign_4(
    conn: duckdb.DuckDBPyConnection, build: Builder
) -> None:
    """Three busy priorities, all from a quarterly about 13 months ago, nothing new since: flag."""
    meetings = quarterlies(build, 10)
    old_id, old_day = next((m, d) for m, d in meetings if (DAY - d).days >= 13 * MONTH)
    for title in ("Apprenticeships", "Plant tours", "Supplier network"):
        busy_priority(build, title, old_day, old_id)
    found = sign4(conn, build)
    assert found.status == SignStatus.FLAG
    assert found.summary.startswith("No new priority has come from a full-partnership meeting in 12 months")
    assert found.evidence["last_new_from_full_meeting"] == old_day.isoformat()


def test_r6_a_new_priority_from_a_quarterly_this_year_keeps_sign_4_ok(
    conn: duckdb.DuckDBPyConnection, build: Builder
) -> None:
    """The same busy priorities plus one from a quarterly eight months ago: not stale."""
    meetings = quarterlies(build, 10)
    old_id, old_day = next((m, d) for m, d in meetings if (DAY - d).days >= 13 * MONTH)
    recent_id, recent_day = next((m, d) for m, d in meetings if (DAY - d).days <= 8 * MONTH)
    for title in ("Apprenticeships", "Plant tours"):
        busy_priority(build, title, old_day, old_id)
    busy_priority(build, "Housing", recent_day, recent_id)
    assert sign4(conn, build).status == SignStatus.OK


def test_r6_a_priority_typed_in_on_a_day_without_a_full_meeting_does_not_count(
    conn: duckdb.DuckDBPyConnection, build: Builder
) -> None:
    """A priority added by hand three months ago came from no full-partnership meeting: still a flag."""
    meetings = quarterlies(build, 10)
    old_id, old_day = next((m, d) for m, d in meetings if (DAY - d).days >= 13 * MONTH)
    busy_priority(build, "Apprenticeships", old_day, old_id)
    busy_priority(build, "Typed in", DAY - dt.timedelta(days=95), None)
    assert sign4(conn, build).status == SignStatus.FLAG


def test_r6_a_partnership_younger_than_the_window_is_not_flagged_for_it(
    conn: duckdb.DuckDBPyConnection, build: Builder
) -> None:
    """Meeting for eight months only, busy priorities typed in by hand: "in a while" cannot be judged yet."""
    quarterlies(build, 3)
    for title in ("A", "B"):
        busy_priority(build, title, DAY - dt.timedelta(days=200), None)
    assert sign4(conn, build).status == SignStatus.OK


def test_r6_the_window_is_a_threshold_with_its_source() -> None:
    """ "A while" is 12 months in thresholds.toml, labelled as this product's default."""
    assert load_thresholds().agenda_stale.new_priority_months == 12
    assert NUMBERS["health.agenda_stale.new_priority_months"].source is Source.DEFAULT
