"""A true headcount: the organisation of the day, which meetings count, and signs that wait for
classification instead of guessing."""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd

from refresh_core.enums import SignId, SignStatus
from refresh_core.health.diagnosis import diagnose, diagnosis_json
from refresh_core.imports.batches import undo_import
from refresh_core.partnerships import get_partnership, set_cadence
from refresh_core.people.classification import (
    affiliation_history,
    find_organisation,
    organisations_json,
    set_kind,
)
from tests.builders import Builder
from tests.importing import load, sheet

DAY = dt.date(2026, 6, 1)
SIGNIN = ("Name", "Email", "Organization", "Date", "Meeting")
WANING = SignId.INDUSTRY_ENGAGEMENT_WANING


def _rows(day: str, dana_org: str) -> list[tuple[str, ...]]:
    """One quarterly sign-in sheet: Dana (personal email) with ``dana_org``, two companies, one college."""
    title = "Quarterly Partnership Meeting"
    return [
        ("Dana Ruiz", "dana.ruiz@gmail.com", dana_org, day, title),
        ("Ann Bell", "ann@acmeplastics.com", "Acme Plastics Inc", day, title),
        ("Bo Chan", "bo@tidewaterhyd.com", "Tidewater Hydraulics LLC", day, title),
        ("Cy Dunn", "cy@lakeshore.edu", "Lakeshore Community College", day, title),
    ]


def _per_meeting(conn: duckdb.DuckDBPyConnection) -> list[tuple[str, int, int, int]]:
    result = diagnose(conn, partnership=get_partnership(conn, name="Test Partnership"), as_of=DAY)
    return [
        (m["date"], m["industry"], m["public_partner"], m["unclassified"])
        for m in diagnosis_json(result)["meetings"]
    ]


def test_job_change_mid_history_counts_each_meeting_by_the_organisation_of_the_day(
    conn: duckdb.DuckDBPyConnection,
) -> None:
    """A Gmail user who moves from a plant to the community college stays one person, counts as industry at
    the meetings they came from the plant and as a public partner after; their history shows both with dates,
    and undoing the later import moves them back."""
    load(
        conn,
        sheet(
            _rows("9/10/2025", "Harbor Precision Machining LLC")
            + _rows("12/10/2025", "Harbor Precision Machining LLC"),
            SIGNIN,
        ),
        "autumn.csv",
    )
    later = load(
        conn,
        sheet(
            _rows("3/11/2026", "Lakeshore Community College")
            + _rows("5/13/2026", "Lakeshore Community College"),
            SIGNIN,
        ),
        "spring.csv",
    )
    assert conn.execute("SELECT count(*) FROM person WHERE email = 'dana.ruiz@gmail.com'").fetchone() == (1,)
    assert _per_meeting(conn) == [
        ("2025-09-10", 3, 1, 0),
        ("2025-12-10", 3, 1, 0),
        ("2026-03-11", 2, 2, 0),
        ("2026-05-13", 2, 2, 0),
    ]
    dana = int(conn.execute("SELECT id FROM person WHERE email = 'dana.ruiz@gmail.com'").fetchone()[0])  # type: ignore[index]
    history = affiliation_history(conn, person_id=dana)
    assert history["organisation"].tolist() == [
        "Harbor Precision Machining LLC",
        "Lakeshore Community College",
    ]
    assert [d.isoformat() for d in pd.to_datetime(history["first_meeting"]).dt.date] == [
        "2025-09-10",
        "2026-03-11",
    ]
    assert history["meetings"].tolist() == [2, 2]
    now = "SELECT o.name FROM person p JOIN organisation o ON o.id = p.organisation_id WHERE p.id = ?"
    assert conn.execute(now, [dana]).fetchone() == ("Lakeshore Community College",)
    undo_import(conn, batch_id=later.batch_id or 0)
    assert conn.execute(now, [dana]).fetchone() == ("Harbor Precision Machining LLC",)
    assert _per_meeting(conn) == [("2025-09-10", 3, 1, 0), ("2025-12-10", 3, 1, 0)]


def test_a_company_first_known_by_its_email_domain_is_not_new_when_named(
    conn: duckdb.DuckDBPyConnection,
) -> None:
    """A Zoom report names a company by its domain; a later sign-in sheet names it properly: it is one
    company (renamed), so sign 2 does not count a 'new company'."""
    zoom = ("Name (Original Name)", "User Email", "Join Time", "Leave Time", "Duration (Minutes)")
    load(
        conn,
        sheet([("Ann Bell", "ann@acmeplastics.com", "3/12/2025 9:00", "3/12/2025 10:00", "60")], zoom),
        "zoom.csv",
        meeting_title="Quarterly meeting",
    )
    load(
        conn,
        sheet(
            [
                ("Ann Bell", "ann@acmeplastics.com", "Acme Plastics Inc", "6/11/2025", "Quarterly meeting"),
                ("Bo Lee", "bo@acmeplastics.com", "Acme Plastics Inc", "6/11/2025", "Quarterly meeting"),
            ],
            SIGNIN,
        ),
    )
    orgs = organisations_json(conn, partnership_id=1)
    assert [(o["name"], o["kind"], o["source"]) for o in orgs] == [("Acme Plastics Inc", "industry", "rule")]
    result = diagnose(
        conn, partnership=get_partnership(conn, name="Test Partnership"), as_of=dt.date(2026, 5, 1)
    )
    assert result.sign(SignId.SAME_CORE_GROUP).evidence["new_companies"] == 0


def _monthly(build: Builder, industry: list[int], *, first: dt.date) -> None:
    """One 'Monthly Partnership Meeting' a month with this many industry leaders and three public partners."""
    leaders = build.people(max(industry), prefix="I")
    public = build.people(3, kind="public_partner", prefix="Q")
    for i, n in enumerate(industry):
        day = dt.date(first.year + (first.month - 1 + i) // 12, (first.month - 1 + i) % 12 + 1, 5)
        build.attend(build.meeting(day, title="Monthly Partnership Meeting"), leaders[:n] + public)


def test_a_monthly_partnership_waning_is_flagged_over_the_same_months(
    conn: duckdb.DuckDBPyConnection, build: Builder
) -> None:
    """Eighteen monthly meetings, 20 industry leaders for nine months then 14: a monthly partnership compares
    the last nine months with the nine before and flags the 30% drop."""
    _monthly(build, [20] * 9 + [14] * 9, first=dt.date(2024, 12, 1))
    set_cadence(conn, partnership_id=build.pid, cadence="monthly")
    sign = diagnose(conn, partnership=get_partnership(conn, name="Test Partnership"), as_of=DAY).sign(WANING)
    assert sign.status == SignStatus.FLAG
    assert "fell 30% over the last 9 regular meetings (9 months)" in sign.summary
    assert (sign.evidence["window_meetings"], sign.evidence["recent_mean"], sign.evidence["prior_mean"]) == (
        9,
        14.0,
        20.0,
    )


def test_a_refresh_meeting_between_quarterlies_is_not_a_false_waning(
    conn: duckdb.DuckDBPyConnection, build: Builder
) -> None:
    """A refresh meeting of 30 between quarterlies of 15 shows on the chart but stays out of the trend, so
    three meetings later the partnership is not 'waning'."""
    leaders = build.people(30, prefix="I")
    public = build.people(3, kind="public_partner", prefix="Q")
    days = [DAY - dt.timedelta(days=7 + 91 * k) for k in range(6, -1, -1)]
    for i, day in enumerate(days):
        kind = "refresh" if i == 3 else "quarterly"
        build.attend(build.meeting(day, kind=kind), leaders[: 30 if kind == "refresh" else 15] + public)
    result = diagnose(conn, partnership=build.partnership, as_of=DAY)
    sign = result.sign(WANING)
    assert sign.status == SignStatus.OK, sign.summary
    assert (sign.evidence["recent_mean"], sign.evidence["prior_mean"]) == (15.0, 15.0)
    assert "refresh" in result.meetings["kind"].tolist()


def test_an_unclassified_majority_leaves_the_sign_unknown_and_names_what_to_classify(
    conn: duckdb.DuckDBPyConnection, build: Builder
) -> None:
    """With more attendees from an unclassified organisation than from classified ones, sign 1 is unknown:
    it says what each reading would give and names the organisation to classify; the verdict is not
    'healthy'."""
    industry = build.people(4, prefix="I")
    public = build.people(3, kind="public_partner", prefix="Q")
    unsure = [build.person(f"U{i} Person", "Meridian Solutions", kind="unclassified") for i in range(8)]
    for day in (DAY - dt.timedelta(days=98), DAY - dt.timedelta(days=7)):
        build.attend(build.meeting(day), industry + public + unsure)
    result = diagnose(conn, partnership=build.partnership, as_of=DAY)
    sign = result.sign(WANING)
    assert sign.status == SignStatus.UNKNOWN
    assert "If they are industry leaders this sign is fine; if public partners, flagged" in sign.summary
    assert "Start with: Meridian Solutions (8 people)" in sign.summary
    assert (sign.evidence["status_if_industry"], sign.evidence["status_if_public"]) == ("ok", "flag")
    assert sign.evidence["unclassified_attendances"] == 8  # at the latest meeting: no trend yet
    assert result.verdict.startswith("Not enough data to judge yet") and not result.judged
    assert diagnosis_json(result)["meetings"][-1]["unclassified"] == 8


def test_newcomers_only_from_unclassified_organisations_leave_sign_two_unknown(
    conn: duckdb.DuckDBPyConnection, build: Builder
) -> None:
    """The same core group for a year, plus first-timers nobody has classified: sign 2 cannot say 'no new
    members' (they may be new industry leaders) nor 'healthy' (they may be public partners)."""
    core = build.people(6, prefix="I")
    fresh = [build.person(f"N{i} Person", f"New Org {i}", kind="unclassified") for i in range(3)]
    for k in range(6):
        day = DAY - dt.timedelta(days=7 + 91 * (5 - k))
        build.attend(build.meeting(day), core + (fresh if k == 5 else []))
    sign = diagnose(conn, partnership=build.partnership, as_of=DAY).sign(SignId.SAME_CORE_GROUP)
    assert sign.status == SignStatus.UNKNOWN
    assert sign.evidence["unclassified_attendees"] == 3
    assert (sign.evidence["status_if_industry"], sign.evidence["status_if_public"]) == ("ok", "flag")


def test_a_conveners_choice_survives_reimport_and_undo(conn: duckdb.DuckDBPyConnection) -> None:
    """The convener classifies Meridian Solutions; a later import keeps it, undoing both imports removes the
    organisation, and importing the first file again brings it back as the convener said."""
    first = sheet(
        [("Ann Bell", "ann@meridiansolutions.net", "Meridian Solutions", "3/12/2026", "Quarterly")], SIGNIN
    )
    one = load(conn, first, "march.csv")
    assert organisations_json(conn, partnership_id=1)[0]["kind"] == "unclassified"
    oid = find_organisation(conn, partnership_id=1, name="Meridian Solutions")
    set_kind(conn, partnership_id=1, organisation_ids=[oid], kind="public_partner", subtype="intermediary")
    two = load(
        conn,
        sheet(
            [("Bo Chan", "bo@meridiansolutions.net", "Meridian Solutions", "6/11/2026", "Quarterly")], SIGNIN
        ),
        "june.csv",
    )
    kept = ("Meridian Solutions", "public_partner", "intermediary", "convener")
    shown = [
        (o["name"], o["kind"], o["subtype"], o["source"]) for o in organisations_json(conn, partnership_id=1)
    ]
    assert shown == [kept]
    undo_import(conn, batch_id=two.batch_id or 0)
    undo_import(conn, batch_id=one.batch_id or 0)
    assert organisations_json(conn, partnership_id=1) == []
    load(conn, first, "march-again.csv")
    shown = [
        (o["name"], o["kind"], o["subtype"], o["source"]) for o in organisations_json(conn, partnership_id=1)
    ]
    assert shown == [kept]
