"""Every piece of evidence a sign shows people has a person's words, and the internal keys stay in
JSON only."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import duckdb
import pytest

from refresh_core.db import Connection
from refresh_core.guidance import EVIDENCE_LABELS, HIDDEN_EVIDENCE, evidence_rows
from refresh_core.health.diagnosis import diagnose, diagnosis_json
from refresh_core.health.signs.common import Sign
from refresh_core.partnerships import get_partnership
from tests.builders import Builder
from tests.conftest import LAKESHORE, THREE_RIVERS, TODAY

DAY = dt.date(2026, 6, 1)


def _scenarios(conn: duckdb.DuckDBPyConnection) -> Iterator[Sign]:
    """Signs in every state the judges reach: no data, young, silent for a year, judged, waiting for
    organisations to be classified."""
    empty = Builder.new(conn, "Empty")
    young = Builder.new(conn, "Young")
    young.attend(young.meeting(DAY - dt.timedelta(days=100)), young.people(5))
    silent = Builder.new(conn, "Silent")
    core = silent.people(6)
    for days in (900, 800, 700, 600):
        silent.attend(silent.meeting(DAY - dt.timedelta(days=days)), core)
    mixed = Builder.new(conn, "Mixed")
    regulars = mixed.people(6) + mixed.people(2, kind="public_partner", prefix="Q")
    unknown = mixed.people(5, kind="unclassified", prefix="U")
    for i, days in enumerate((500, 400, 300, 200, 100, 10)):
        mixed.attend(mixed.meeting(DAY - dt.timedelta(days=days)), regulars + unknown[: i % 5 + 1])
    for b in (empty, young, silent, mixed):
        yield from diagnose(conn, partnership=b.partnership, as_of=DAY).signs


@pytest.fixture
def signs(conn: duckdb.DuckDBPyConnection, demo_conn: Connection) -> list[Sign]:
    """The scenarios' signs and both demo partnerships' signs today and a year ago."""
    found = list(_scenarios(conn))
    for name in (LAKESHORE, THREE_RIVERS):
        for day in (TODAY, TODAY - dt.timedelta(days=365)):
            found += diagnose(demo_conn, partnership=get_partnership(demo_conn, name=name), as_of=day).signs
    return found


def test_every_evidence_key_a_sign_emits_has_a_label_or_is_internal(signs: list[Sign]) -> None:
    """A new evidence key without words fails here before people see 'window months' on Health."""
    keys = {k for s in signs for k in s.evidence}
    assert {"unclassified_since", "status_if_industry", "classify_first"} <= keys  # scenarios reached
    assert keys - EVIDENCE_LABELS.keys() - HIDDEN_EVIDENCE == set()


def test_people_see_no_internal_names_and_json_keeps_them(signs: list[Sign],
                                                          conn: duckdb.DuckDBPyConnection) -> None:
    """Labels are words, never column names; status_if_* and the counts behind them stay in --json."""
    for sign in signs:
        for label, _ in evidence_rows(dict(sign.evidence)):
            assert "_" not in label and label not in {k.replace("_", " ") for k in sign.evidence}, label
    waiting = next(s for s in signs if "status_if_industry" in s.evidence)
    assert "status_if_industry" in waiting.evidence  # still there for --json
    shown = dict(evidence_rows(dict(waiting.evidence)))
    assert not any("status" in label.lower() for label in shown)


def test_newcomer_and_unclassified_dates_agree(signs: list[Sign]) -> None:
    """'Counting newcomers since' and the unclassified attendees' date are the same first day."""
    from_sign = [dict(evidence_rows(dict(s.evidence))) for s in signs
                 if "unclassified_since" in s.evidence and "industry_people" in s.evidence]
    assert from_sign
    for rows in from_sign:
        assert rows["Counting newcomers since"] == rows["Unclassified attendees counted since"]


def test_json_keeps_every_key(conn: duckdb.DuckDBPyConnection) -> None:
    """The --json contract: internal keys are still in the diagnosis JSON."""
    list(_scenarios(conn))
    mixed = get_partnership(conn, name="Mixed")
    data = diagnosis_json(diagnose(conn, partnership=mixed, as_of=DAY))
    evidence = [s["evidence"] for s in data["signs"]]
    assert any("status_if_public" in e and "classify_first_count" in e for e in evidence)
