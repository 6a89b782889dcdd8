"""The set-based judge: a partnership is judged the same alone or among others, and its rules read the
edge cases (cadence, the unclassified band, ties, no meetings) the way the Health page words them."""

from __future__ import annotations

import datetime as dt

import duckdb

from refresh_core.enums import SignId, SignStatus
from refresh_core.health.diagnosis import diagnose
from refresh_core.health.judge import judge_partnerships
from refresh_core.health.thresholds import load_thresholds
from refresh_core.partnerships import get_partnership, set_cadence
from tests.builders import Builder
from tests.conftest import LAKESHORE, THREE_RIVERS, TODAY

DAY = dt.date(2026, 6, 1)


def monthly_decline(conn: duckdb.DuckDBPyConnection, name: str) -> Builder:
    """A monthly partnership: 10 industry leaders at each of 9 monthly meetings, then 6 at each of the
    next 9."""
    b = Builder.new(conn, name)
    set_cadence(conn, partnership_id=b.pid, cadence="monthly")
    leaders = b.people(12, prefix=f"{name[:3]}I")
    partners = b.people(3, kind="public_partner", prefix=f"{name[:3]}P")
    for month in range(18):
        meeting = b.meeting(DAY - dt.timedelta(days=30 * (17 - month)))
        b.attend(meeting, leaders[: 10 if month < 9 else 6] + partners)
    return b


def waiting_room(conn: duckdb.DuckDBPyConnection, name: str) -> Builder:
    """Three quarterly meetings, 5 industry leaders to 4 public partners, and at the latest three people
    nobody has classified: one from Zeta Works, one from Alpha Labs, one with no organisation."""
    b = Builder.new(conn, name)
    leaders = b.people(5, prefix=f"{name[:3]}I")
    partners = b.people(4, kind="public_partner", prefix=f"{name[:3]}P")
    strangers = [b.person(f"{name} Zed", "Zeta Works", kind="unclassified"),
                 b.person(f"{name} Al", "Alpha Labs", kind="unclassified"), b.person(f"{name} Nobody")]
    for q in range(3):
        meeting = b.meeting(DAY - dt.timedelta(days=91 * (2 - q)))
        b.attend(meeting, leaders + partners + (strangers if q == 2 else []))
    return b


def test_a_partnership_is_judged_the_same_alone_and_among_others(conn: duckdb.DuckDBPyConnection) -> None:
    """Every sign's sentence and evidence for each partnership, judged in one set with the others, is
    exactly what judging it alone gives (nothing of one partnership leaks into another's counts)."""
    built = [monthly_decline(conn, "Monthly"), waiting_room(conn, "Waiting"), Builder.new(conn, "Never met"),
             monthly_decline(conn, "Second monthly")]
    th = load_thresholds()
    together = judge_partnerships(conn, partnership_ids=[b.pid for b in built], as_of=DAY, th=th)
    for b in built:
        alone = judge_partnerships(conn, partnership_ids=[b.pid], as_of=DAY, th=th)[b.pid]
        assert together[b.pid] == alone, b.partnership.name


def test_a_monthly_partnership_is_judged_over_nine_monthly_meetings(conn: duckdb.DuckDBPyConnection) -> None:
    """9 months at a monthly cadence are 9 meetings: 10 leaders fell to 6, a 40% drop, flagged."""
    b = monthly_decline(conn, "Monthly")
    sign = judge_partnerships(conn, partnership_ids=[b.pid], as_of=DAY, th=load_thresholds())[b.pid].signs[0]
    assert sign.status == SignStatus.FLAG
    assert sign.summary == "Industry attendance fell 40% over the last 9 regular meetings (9 months)."
    assert sign.evidence["window_meetings"] == 9
    assert (sign.evidence["recent_mean"], sign.evidence["prior_mean"]) == (6.0, 10.0)


def test_organisations_to_classify_first_tie_by_name_with_no_organisation_last(
    conn: duckdb.DuckDBPyConnection,
) -> None:
    """Three unclassified attendees at the latest meeting could turn the room either way (watch as
    counted, flagged if public partners), so the sign waits and names whom to classify: one person
    each, in alphabetical order, people with no organisation last."""
    b = waiting_room(conn, "Waiting")
    judged = judge_partnerships(conn, partnership_ids=[b.pid], as_of=DAY, th=load_thresholds())[b.pid]
    sign = next(s for s in judged.signs if s.id == SignId.INDUSTRY_ENGAGEMENT_WANING)
    assert sign.status == SignStatus.UNKNOWN and sign.waits_for_classification
    assert sign.evidence["classify_first"] == [
        "Alpha Labs (1 person)", "Zeta Works (1 person)", "no organisation recorded (1 person)"
    ]
    assert sign.summary.endswith(
        "Start with: Alpha Labs (1 person); Zeta Works (1 person); no organisation recorded (1 person)."
    )


def test_a_partnership_that_never_met_cannot_be_judged(conn: duckdb.DuckDBPyConnection) -> None:
    """No meetings at all: every sign says what it still needs, none is called fine, no refresh."""
    b = Builder.new(conn, "Never met")
    judged = judge_partnerships(conn, partnership_ids=[b.pid], as_of=DAY, th=load_thresholds())[b.pid]
    assert [s.status for s in judged.signs] == [SignStatus.UNKNOWN] * 4
    assert judged.signs[0].summary.endswith("0 recorded so far.")
    assert not judged.refresh_recommended and judged.room.latest_meeting is None


def test_the_signs_count_the_room_as_the_health_pages_meetings_do(
    demo_conn: duckdb.DuckDBPyConnection,
) -> None:
    """Sign 1's latest meeting and the meetings listed by ``diagnose`` (the Health page's chart) are
    counted by two implementations; on both demo partnerships they give the same latest room."""
    for name in (LAKESHORE, THREE_RIVERS):
        found = diagnose(demo_conn, partnership=get_partnership(demo_conn, name=name), as_of=TODAY)
        held = found.meetings[found.meetings[["industry", "public_partner", "unclassified"]].sum(axis=1) > 0]
        evidence = found.sign(SignId.INDUSTRY_ENGAGEMENT_WANING).evidence
        last = held.iloc[-1]
        assert evidence["latest_meeting"] == last["date"].date().isoformat()
        assert (evidence["latest_industry"], evidence["latest_public_partner"]) == (
            int(last["industry"]), int(last["public_partner"])
        )


def test_sign_two_names_only_the_attendees_it_counts(conn: duckdb.DuckDBPyConnection) -> None:
    """Regression: sign 2 counts attendance after its window's first day, yet its "classify first"
    names took that day in too. Someone from an unclassified organisation who came only on the
    window's first day is not among the attendees the sign waits for, so it does not name them."""
    b = Builder.new(conn, "Edge")
    founders = b.people(5, prefix="EdgeI")
    start = DAY.replace(year=DAY.year - 1)  # the 12-month window's first day
    edge = b.person("Edge Day", "Edge Day Co", kind="unclassified")
    inside = b.person("Inside Day", "Inside Co", kind="unclassified")
    for q in range(8):
        b.attend(b.meeting(start - dt.timedelta(days=91 * (4 - q))), founders)
    b.attend(b.meeting(start), [edge])
    b.attend(b.meeting(start + dt.timedelta(days=100)), [inside])
    judged = judge_partnerships(conn, partnership_ids=[b.pid], as_of=DAY, th=load_thresholds())[b.pid]
    sign = next(s for s in judged.signs if s.id == SignId.SAME_CORE_GROUP)
    assert sign.status == SignStatus.UNKNOWN and sign.evidence["classify_first_count"] == 1
    assert sign.evidence["classify_first"] == ["Inside Co (1 person)"]
    assert "Edge Day Co" not in sign.summary
