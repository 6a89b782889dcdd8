"""The embedded demo partnerships."""

from __future__ import annotations

import datetime as dt

import duckdb

from refresh_core.health.diagnosis import diagnose
from refresh_core.hosting.demo import demo_shift, load_demo
from refresh_core.partnerships import get_partnership
from tests.conftest import LAKESHORE, THREE_RIVERS


def test_shift_keeps_weekdays() -> None:
    """Demo dates move by whole weeks, so a Thursday meeting stays on a Thursday."""
    anchor = dt.date(2026, 11, 20)
    for today in (anchor, dt.date(2026, 11, 27), dt.date(2027, 3, 3)):
        shift = demo_shift(today=today, anchor=anchor)
        assert shift % 7 == 0
        assert 0 <= (today - (anchor + dt.timedelta(days=shift))).days < 7
    assert demo_shift(today=dt.date(2020, 1, 1), anchor=anchor) == 0


def test_demo_stays_current_next_year(conn: duckdb.DuckDBPyConnection) -> None:
    """Loaded a year from now, the demo still tells the same story (refresh vs healthy)."""
    later = dt.date(2027, 11, 27)
    load_demo(conn, today=later)
    verdicts = {
        name: diagnose(conn, partnership=get_partnership(conn, name=name), as_of=later).refresh_recommended
        for name in (LAKESHORE, THREE_RIVERS)
    }
    assert verdicts == {LAKESHORE: True, THREE_RIVERS: False}


def test_demo_people_have_organisations_and_titles(demo_conn: duckdb.DuckDBPyConnection) -> None:
    """Every demo person belongs to an organisation and has a job title; among the partners are a chamber,
    a union and a staffing agency, and each partnership has one organisation left to classify."""
    row = demo_conn.execute(
        "SELECT count(*) FILTER (WHERE organisation_id IS NULL), count(*) FILTER (WHERE title IS NULL),"
        " count(DISTINCT organisation_id) FROM person"
    ).fetchone()
    assert row is not None
    assert row[0] == 0 and row[1] == 0 and row[2] > 40
    kinds = {r[0] for r in demo_conn.execute("SELECT DISTINCT kind FROM organisation").fetchall()}
    assert kinds == {"industry", "public_partner", "unclassified"}
    per_partnership = demo_conn.execute(
        "SELECT partnership_id, array_agg(DISTINCT public_subtype) FILTER (WHERE public_subtype IS NOT NULL),"
        " count(*) FILTER (WHERE kind = 'unclassified') FROM organisation GROUP BY partnership_id"
    ).fetchall()
    assert len(per_partnership) == 2
    for _, subtypes, unclassified in per_partnership:
        assert {"association", "labour", "intermediary"} <= set(subtypes)
        assert unclassified == 1


def test_demo_rows_all_point_somewhere(demo_conn: duckdb.DuckDBPyConnection) -> None:
    """Every reference in the demo (attendance, teams, priorities...) points at an existing row."""
    from refresh_core.schema import problems

    assert problems(demo_conn).empty
    load_demo(demo_conn, reset=True, today=dt.date(2026, 11, 27))
    assert problems(demo_conn).empty
