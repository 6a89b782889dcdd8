"""The portfolio: every partnership's row agrees with what ``diagnose`` and the Recruitment page say."""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path
from typing import Any, cast

import duckdb
import pytest

from bench.large import END, build_large
from refresh_core.db import Connection
from refresh_core.enums import SignStatus
from refresh_core.health.diagnosis import diagnose, diagnosis_json
from refresh_core.health.reflections import add_reflection
from refresh_core.imports.apply import import_files
from refresh_core.meeting.followups import overdue_items
from refresh_core.meetings import next_meeting
from refresh_core.partnerships import get_partnership
from refresh_core.recruitment.prospect_import import import_prospects
from refresh_core.recruitment.status import recruitment_status
from refresh_core.reports.portfolio import PortfolioRow, Verdict, portfolio, portfolio_json
from tests.builders import Builder
from tests.conftest import LAKESHORE, THREE_RIVERS, TODAY
from tests.recruiting import plan, prospects_at
from tests.refresh_scenario import hold_refresh_meeting, refresh_scenario


def what_diagnose_says(conn: duckdb.DuckDBPyConnection, name: str, as_of: dt.date) -> dict[str, Any]:
    """``diagnose --json`` reduced to what a portfolio row repeats: verdict, signs, the latest room."""
    found = diagnosis_json(diagnose(conn, partnership=get_partnership(conn, name=name), as_of=as_of))
    held = [m for m in found["meetings"] if m["industry"] + m["public_partner"] + m["unknown"] > 0]
    return {
        "refresh_recommended": found["refresh_recommended"],
        "signs": {s["id"]: s["status"] for s in found["signs"]},
        "latest_industry": held[-1]["industry"] if held else None,
        "latest_public_partner": held[-1]["public_partner"] if held else None,
    }


def what_portfolio_says(row: dict[str, Any]) -> dict[str, Any]:
    return {k: row[k] for k in ("refresh_recommended", "signs", "latest_industry", "latest_public_partner")}


def assert_agrees(conn: duckdb.DuckDBPyConnection, as_of: dt.date) -> list[dict[str, Any]]:
    rows = portfolio_json(portfolio(conn, as_of=as_of))["partnerships"]
    assert rows, "nothing to compare"
    mismatched = {r["name"]: (what_portfolio_says(r), what_diagnose_says(conn, r["name"], as_of))
                  for r in rows if what_portfolio_says(r) != what_diagnose_says(conn, r["name"], as_of)}
    assert mismatched == {}
    return rows


def test_demo_rows_agree_with_diagnose(demo_conn: duckdb.DuckDBPyConnection) -> None:
    """Both demo partnerships: the same verdict, the same four signs, the same latest room as diagnose."""
    rows = assert_agrees(demo_conn, TODAY)
    by_name = {r["name"]: r for r in rows}
    assert by_name[LAKESHORE]["refresh_recommended"] and not by_name[THREE_RIVERS]["refresh_recommended"]
    assert by_name[LAKESHORE]["latest_public_partner"] > by_name[LAKESHORE]["latest_industry"]


@pytest.fixture(scope="module")
def large_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 50-partnership benchmark database (``bench/large.py``), built once for this module."""
    path = tmp_path_factory.mktemp("large") / "large.duckdb"
    build_large(path).close()
    return path


@pytest.mark.parametrize("days_back", [0, 700])
def test_benchmark_rows_agree_with_diagnose(large_db: Path, days_back: int) -> None:
    """All 50 partnerships of the benchmark database, judged together at two dates, agree with diagnose
    judging each alone."""
    conn = duckdb.connect(str(large_db), read_only=True)
    try:
        rows = assert_agrees(conn, END - dt.timedelta(days=days_back))
        assert len(rows) == 50
    finally:
        conn.close()


class CountingConnection:
    """A connection that counts the queries run through it."""

    def __init__(self, conn: duckdb.DuckDBPyConnection) -> None:
        self.conn, self.queries = conn, 0

    def execute(self, *args: Any, **kwargs: Any) -> Any:
        self.queries += 1
        return self.conn.execute(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.conn, name)


def test_the_portfolio_runs_the_same_few_queries_for_two_partnerships_or_fifty(large_db: Path) -> None:
    """Set-based: the portfolio of all 50 partnerships runs no more queries than that of two."""
    conn = duckdb.connect(str(large_db), read_only=True)
    try:
        counted = []
        for ids in ([1, 2], list(range(1, 51))):
            counting = CountingConnection(conn)
            rows = portfolio(cast(Connection, counting), partnership_ids=ids, as_of=END).rows
            assert len(rows) == len(ids)
            counted.append(counting.queries)
        assert counted[0] == counted[1] <= 8
    finally:
        conn.close()


def varied(conn: duckdb.DuckDBPyConnection) -> None:
    """Small partnerships built to land each sign on each of its statuses somewhere."""
    day = dt.date(2026, 6, 1)
    for n, (industry, public, growth) in enumerate(
        [(12, 10, 0), (20, 8, -4), (20, 8, -2), (15, 5, 2), (6, 6, 0), (3, 9, 1), (10, 0, 0)]
    ):
        b = Builder.new(conn, f"Varied {n}")
        leaders = b.people(40, prefix=f"V{n}I")
        partners = b.people(12, kind="public_partner", prefix=f"V{n}P")
        for q in range(7):
            meeting = b.meeting(day - dt.timedelta(days=91 * (6 - q)))
            size = max(1, industry + growth * (q - 3))
            b.attend(meeting, leaders[q * n % 5 : q * n % 5 + size] + partners[:public])
        if n % 2:
            team = b.team(f"Team {n}", day - dt.timedelta(days=400),
                          priority=b.priority("Only one", day - dt.timedelta(days=400)))
            b.attend(b.meeting(day - dt.timedelta(days=30), "action_team", team=team), partners[:2])
        if n % 3 == 0:
            b.priority("Fresh", day - dt.timedelta(days=91))
            b.priority("Older", day - dt.timedelta(days=500))
        if n in (1, 4):
            add_reflection(conn, partnership_id=b.pid, answered_on=day - dt.timedelta(days=40 * n),
                           changed={"regulation_changed"} if n == 4 else set(), agenda_still_fits=n != 1)
    Builder.new(conn, "Brand new").meeting(day)


def test_varied_partnerships_agree_with_diagnose(conn: duckdb.DuckDBPyConnection) -> None:
    """Watch and flag by ratio and by trend, idle teams, stale and fresh agendas, reflections, no data."""
    varied(conn)
    rows = assert_agrees(conn, dt.date(2026, 6, 1))
    seen = {(sign, status) for r in rows for sign, status in r["signs"].items()}
    for sign in ("industry_engagement_waning", "same_core_group", "sector_changed", "agenda_stale"):
        assert {status for s, status in seen if s == sign} >= {"unknown", "flag"}, sign
    assert ("industry_engagement_waning", "watch") in seen and ("industry_engagement_waning", "ok") in seen


def random_partnership(b: Builder, rng: random.Random, end: dt.date) -> None:
    """A partnership of random shape: meetings of every kind around ``end``, regulars and newcomers,
    unclassified people, teams young and old, priorities of every status, maybe a reflection."""
    pools = {kind: b.people(rng.randint(0, 25), kind=kind, prefix=f"{b.pid}{kind[:3]}")
             for kind in ("industry", "public_partner")}
    pools["unknown"] = [b.person(f"{b.pid} Nobody {i}") for i in range(rng.randint(0, 4))]
    meetings = []
    for _ in range(rng.randint(0, 9)):
        day = end - dt.timedelta(days=rng.randint(-60, 1100))
        kind = rng.choice(["quarterly", "quarterly", "launch", "refresh", "other"])
        meetings.append((b.meeting(day, kind), day))
        for pool in pools.values():
            b.attend(meetings[-1][0], rng.sample(pool, rng.randint(0, len(pool))))
    for t in range(rng.randint(0, 3)):
        status = rng.choice(["active", "active", "completed", "dropped", "on_hold"])
        chartered = end - dt.timedelta(days=rng.randint(0, 500))
        tied = rng.choice([None, *meetings]) if meetings else None
        priority = b.priority(f"P{t}", tied[1] if tied else chartered, status=status,
                              meeting=tied[0] if tied and rng.random() < 0.5 else None)
        team = b.team(f"T{t}", chartered, priority=priority,
                      status=rng.choice(["active", "active", "closed"]))
        for _ in range(rng.randint(0, 3)):
            held = b.meeting(end - dt.timedelta(days=rng.randint(-10, 200)), "action_team", team=team)
            for pool in pools.values():
                b.attend(held, rng.sample(pool, min(len(pool), rng.randint(0, 2))))
    if rng.random() < 0.6:
        changed = set(rng.sample(["regulation_changed", "technology_changed"], rng.randint(0, 1)))
        add_reflection(b.conn, partnership_id=b.pid, answered_on=end - dt.timedelta(days=rng.randint(0, 500)),
                       changed=changed, agenda_still_fits=rng.random() < 0.8)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_partnerships_agree_with_diagnose(conn: duckdb.DuckDBPyConnection, seed: int) -> None:
    """Thirty partnerships of random shape, judged at three dates: every row agrees with diagnose."""
    rng = random.Random(seed)
    end = dt.date(2026, 6, 1)
    for n in range(30):
        random_partnership(Builder.new(conn, f"Random {seed}-{n}"), rng, end)
    statuses: set[str] = set()
    for days in (0, 100, 400):
        rows = assert_agrees(conn, end - dt.timedelta(days=days))
        statuses |= {s for r in rows for s in r["signs"].values()}
    assert statuses == {"ok", "watch", "flag", "unknown"}


def test_a_brand_new_partnership_is_not_called_healthy(conn: duckdb.DuckDBPyConnection) -> None:
    """One meeting and nothing else: every sign unknown, so the verdict is 'not enough data'."""
    build = Builder.new(conn, "Just launched")
    build.attend(build.meeting(TODAY - dt.timedelta(days=5), "launch"), build.people(4))
    (row,) = portfolio(conn, as_of=TODAY).rows
    assert set(row.signs.values()) == {SignStatus.UNKNOWN}
    assert row.verdict is Verdict.NOT_ENOUGH_DATA and row.verdict.label == "Not enough data"
    assert row.industry_last_three == (4,) and row.latest_industry == 4 and row.room_ratio is None


def test_a_sign_waiting_for_classification_is_not_enough_data(demo_conn: duckdb.DuckDBPyConnection) -> None:
    """Once a quarter of Three Rivers' companies are unclassified again, the Health page says "not enough
    data to judge yet" and names whom to classify; the portfolio row says "Not enough data" too, never
    "Healthy" or "Keep an eye on it"."""
    pid = get_partnership(demo_conn, name=THREE_RIVERS).id
    assert row_of(demo_conn, THREE_RIVERS, TODAY).verdict is not Verdict.NOT_ENOUGH_DATA
    demo_conn.execute("UPDATE organisation SET kind = 'unclassified' WHERE kind = 'industry' AND id % 4 = 0"
                      " AND partnership_id = ?", [pid])
    health = diagnose(demo_conn, partnership=get_partnership(demo_conn, name=THREE_RIVERS), as_of=TODAY)
    assert not health.refresh_recommended and health.waiting_for_classification
    assert health.verdict.startswith("Not enough data to judge yet")
    row = row_of(demo_conn, THREE_RIVERS, TODAY)
    assert row.verdict is Verdict.NOT_ENOUGH_DATA and not row.refresh_recommended


def row_of(conn: duckdb.DuckDBPyConnection, name: str, as_of: dt.date) -> PortfolioRow:
    return next(r for r in portfolio(conn, as_of=as_of).rows if r.name == name)


def test_expected_turnout_matches_the_recruitment_page_at_the_default_show_rate(build: Builder) -> None:
    """11 industry leaders confirmed (public partners never count): 8.8 expected at 80%, shown as 8 whole
    people (the Recruitment page's meter never promises a person it does not have)."""
    meeting = plan(build)
    leaders, partners = build.people(14, prefix="Ind"), build.people(3, kind="public_partner", prefix="Pub")
    prospects_at(build, meeting, leaders[:11] + partners, ("asked", TODAY), ("confirmed", TODAY))
    prospects_at(build, meeting, leaders[11:], ("asked", TODAY))
    row = row_of(build.conn, build.partnership.name, TODAY)
    status = recruitment_status(build.conn, meeting_id=meeting, as_of=TODAY, sync=False)
    assert row.industry_confirmed == status.industry_confirmed == 11
    assert row.expected_industry_turnout == round(status.meter.expected_exact, 1) == 8.8
    assert row.expected_people == status.expected_turnout == 8
    assert row.next_meeting is not None and row.next_meeting > TODAY


def test_expected_turnout_uses_the_partnerships_own_show_rate(build: Builder) -> None:
    """A past meeting where 6 of 8 confirmed came sets a 75% rate; 12 confirmed now: 9 expected."""
    past_day = TODAY - dt.timedelta(days=120)
    past = plan(build, past_day)
    leaders = build.people(20, prefix="Ind")
    prospects_at(build, past, leaders[:8], ("confirmed", past_day - dt.timedelta(days=10)),
                 identified=past_day - dt.timedelta(days=30))
    build.attend(past, leaders[:6])
    upcoming = plan(build)
    prospects_at(build, upcoming, leaders[:12], ("confirmed", TODAY))
    row = row_of(build.conn, build.partnership.name, TODAY)
    status = recruitment_status(build.conn, meeting_id=upcoming, as_of=TODAY, sync=False)
    assert not status.show_rate.is_default and status.show_rate.rate == 0.75
    assert row.expected_industry_turnout == round(status.meter.expected_exact, 1) == 9.0
    assert row.expected_people == status.expected_turnout == 9


def test_no_upcoming_meeting_means_no_expected_turnout(demo_conn: duckdb.DuckDBPyConnection) -> None:
    """In the demo only Lakeshore has a meeting planned (its refresh, with people confirmed): Three Rivers'
    next meeting and expected turnout are empty, not zero; Lakeshore's are its refresh date and a number."""
    rows = {r.name: r for r in portfolio(demo_conn, as_of=TODAY).rows}
    assert rows[THREE_RIVERS].next_meeting is None and rows[THREE_RIVERS].expected_industry_turnout is None
    assert rows[LAKESHORE].next_meeting is not None and rows[LAKESHORE].next_meeting > TODAY
    assert rows[LAKESHORE].expected_industry_turnout is not None
    assert rows[LAKESHORE].expected_industry_turnout > 0


def test_overdue_follow_through_matches_the_health_page(build: Builder) -> None:
    """A refresh meeting's clock, a month later: the portfolio counts what the Health page lists."""
    scenario = refresh_scenario(build)
    build.people(12, prefix="More")
    hold_refresh_meeting(build.conn, partnership_id=build.pid, day=TODAY - dt.timedelta(days=40),
                         ideas=["a", "b", "c"], groups=["A", "B", "C"], champions=2)
    late = overdue_items(build.conn, partnership_id=scenario.build.pid, as_of=TODAY)
    assert len(late) >= 2
    assert row_of(build.conn, build.partnership.name, TODAY).overdue_followups == len(late)


def test_overdue_on_the_demo_matches_the_health_page(demo_conn: duckdb.DuckDBPyConnection) -> None:
    """Three Rivers' refresh clock: team meetings held and survey results in close their items, so only
    the one-on-one nobody has held is overdue, on the Portfolio as on the Health page."""
    pid = get_partnership(demo_conn, name=THREE_RIVERS).id
    late = overdue_items(demo_conn, partnership_id=pid, as_of=TODAY)
    assert list(late["item"]) == ["One-on-one with new champion Robert Castillo"]
    assert row_of(demo_conn, THREE_RIVERS, TODAY).overdue_followups == len(late)


def test_last_import_is_the_last_attendance_import(demo_conn: duckdb.DuckDBPyConnection) -> None:
    """Regression (walk-through): Lakeshore's "Last import" was the day its prospect list (prospects.csv,
    "Prospect list" in Import history) was imported. It is the last attendance file imported: none yet
    in the demo (its history was loaded, not imported); after a sign-in sheet, that import, and a prospect
    list imported later does not move it."""
    lakeshore = get_partnership(demo_conn, name=LAKESHORE).id
    formats = {r[0] for r in demo_conn.execute(
        "SELECT format FROM import_batch WHERE partnership_id = ?", [lakeshore]).fetchall()}
    assert formats == {"prospects"}
    assert row_of(demo_conn, LAKESHORE, TODAY).last_import is None
    sheet = b"Name,Email,Organization\nAna Ruiz,ana@plant.com,Plant Co\n"
    import_files(demo_conn, partnership=LAKESHORE, files=[("signin.csv", sheet)],
                 meeting_date=TODAY - dt.timedelta(days=1), meeting_kind="quarterly")
    signed_in = row_of(demo_conn, LAKESHORE, TODAY).last_import
    assert signed_in is not None and signed_in.date() == dt.date.today()
    planned = next_meeting(demo_conn, partnership_id=lakeshore, as_of=TODAY)
    assert planned is not None
    prospect = b"name,email,company,affiliation\nZed Quinn,zq@quinnworks.com,Quinn Works,industry\n"
    import_prospects(demo_conn, meeting_id=planned.id, file_name="more.csv", on=TODAY, data=prospect)
    assert row_of(demo_conn, LAKESHORE, TODAY).last_import == signed_in
    assert row_of(demo_conn, THREE_RIVERS, TODAY).last_import is None


def test_only_the_partnerships_asked_for(demo_conn: duckdb.DuckDBPyConnection) -> None:
    """A convener who may open one partnership gets one row."""
    pid = get_partnership(demo_conn, name=THREE_RIVERS).id
    assert [r.name for r in portfolio(demo_conn, partnership_ids=[pid], as_of=TODAY).rows] == [THREE_RIVERS]
    assert portfolio(demo_conn, partnership_ids=[], as_of=TODAY).rows == ()


def test_json_is_strict_and_keeps_the_contract(demo_conn: duckdb.DuckDBPyConnection) -> None:
    """Every contract key is there with its type; the document is strict JSON (no NaN)."""
    text = json.dumps(portfolio_json(portfolio(demo_conn, as_of=TODAY)), allow_nan=False)
    for row in json.loads(text)["partnerships"]:
        assert isinstance(row["name"], str) and isinstance(row["refresh_recommended"], bool)
        assert set(row["signs"]) == {"industry_engagement_waning", "same_core_group", "sector_changed",
                                     "agenda_stale"}
        assert isinstance(row["latest_industry"], int) and isinstance(row["latest_public_partner"], int)
        assert row["next_meeting"] is None or dt.date.fromisoformat(row["next_meeting"]) > TODAY
        assert row["expected_industry_turnout"] is None or isinstance(row["expected_industry_turnout"], float)
        assert isinstance(row["overdue_followups"], int)
