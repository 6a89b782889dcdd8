"""The portfolio: one row per partnership, for a state office or an intermediary hosting many.

The signs, the verdict and the room come from the set-based judge ``diagnose`` itself uses
(:func:`~refresh_core.health.judge.judge_partnerships`), called once for every partnership
shown, so a row always agrees with the Health page (the unclassified band, the organisation
of the day, regular meetings by cadence) and the sign rules exist once. The next meeting,
expected turnout, overdue items and the last attendance import come from the set-based queries in
``portfolio_sql``: a fixed handful of queries whatever the number of partnerships.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from refresh_core.db import Connection
from refresh_core.enums import FULL_KINDS, SignId, SignStatus
from refresh_core.health.diagnosis import UNKNOWN_SIGNS_FOR_NO_VERDICT
from refresh_core.health.judge import Judgement, judge_partnerships
from refresh_core.health.signs.common import Sign
from refresh_core.health.thresholds import Thresholds, load_thresholds
from refresh_core.ingest.model import Format
from refresh_core.recruitment.goal import GOAL
from refresh_core.recruitment.turnout import DEFAULT_SHOW_RATE, MIN_HISTORY_CONFIRMED
from refresh_core.reports.portfolio_sql import PLAN_SQL, TURNOUT_SQL


class Verdict(StrEnum):
    REFRESH = "refresh"
    WATCH = "watch"
    HEALTHY = "healthy"
    NOT_ENOUGH_DATA = "not_enough_data"

    @property
    def label(self) -> str:
        return VERDICT_LABELS[self]


VERDICT_LABELS = {
    Verdict.REFRESH: "Refresh recommended",
    Verdict.WATCH: "Keep an eye on it",
    Verdict.HEALTHY: "Healthy",
    Verdict.NOT_ENOUGH_DATA: "Not enough data",
}


@dataclass(frozen=True)
class PortfolioRow:
    partnership_id: int
    name: str
    sector: str | None
    region: str | None
    refresh_recommended: bool
    verdict: Verdict
    signs: Mapping[SignId, SignStatus]
    industry_last_three: tuple[int, ...]  # industry leaders at the last three full meetings, oldest first
    latest_meeting: dt.date | None
    latest_industry: int | None
    latest_public_partner: int | None
    next_meeting: dt.date | None
    next_meeting_title: str | None
    industry_confirmed: int | None  # for the next meeting
    expected_industry_turnout: float | None  # as `recruitment --json`: one decimal

    @property
    def expected_people(self) -> int | None:
        """The expectation in whole people, rounded down, as the Recruitment page's meter shows it."""
        exact = self.expected_industry_turnout
        return None if exact is None else math.floor(exact + 1e-9)
    overdue_followups: int
    last_import: dt.datetime | None  # the last attendance file imported (not a prospect list)

    @property
    def room_ratio(self) -> float | None:
        """Industry leaders per public partner at the latest full meeting (None without public partners)."""
        if self.latest_industry is None or not self.latest_public_partner:
            return None
        return round(self.latest_industry / self.latest_public_partner, 2)


@dataclass(frozen=True)
class Portfolio:
    as_of: dt.date
    goal: int
    rows: tuple[PortfolioRow, ...]


def verdict_of(signs: Sequence[Sign], *, recommended: bool) -> Verdict:
    """The portfolio's verdict, read in the order of ``diagnose``'s verdict sentence: a refresh as the
    judge recommends it; not enough data while a sign waits for organisations to be classified (as the
    Health page says) or too many signs cannot be judged; then watch; then healthy."""
    if recommended:
        return Verdict.REFRESH
    if any(s.waits_for_classification for s in signs):
        return Verdict.NOT_ENOUGH_DATA
    if any(s.status == SignStatus.WATCH for s in signs):
        return Verdict.WATCH
    if sum(s.status == SignStatus.UNKNOWN for s in signs) >= UNKNOWN_SIGNS_FOR_NO_VERDICT:
        return Verdict.NOT_ENOUGH_DATA
    return Verdict.HEALTHY


def _records(
    conn: Connection, sql: str, params: Mapping[str, Any]
) -> dict[int, dict[str, Any]]:
    """The query's rows keyed by their first column (the partnership id)."""
    cursor = conn.execute(sql, {k: v for k, v in params.items() if f"${k}" in sql})
    names = [d[0] for d in cursor.description or ()]
    return {int(r[0]): dict(zip(names, r, strict=True)) for r in cursor.fetchall()}


def _expected(turnout: tuple[Any, ...] | None) -> tuple[int | None, float | None]:
    """(industry confirmed, expected industry turnout) as the Recruitment page's goal meter counts them."""
    if turnout is None:
        return None, None
    confirmed, attended, past_confirmed, past_attended = (int(v) for v in turnout[3:7])
    rate = past_attended / past_confirmed if past_confirmed >= MIN_HISTORY_CONFIRMED else DEFAULT_SHOW_RATE
    return confirmed, round(attended + (confirmed - attended) * rate, 1)


def portfolio(
    conn: Connection,
    *,
    partnership_ids: Iterable[int] | None = None,
    as_of: dt.date | None = None,
    thresholds: Thresholds | None = None,
) -> Portfolio:
    """Every partnership (or those in ``partnership_ids``) as of a date (default today), by name."""
    th = thresholds or load_thresholds()
    day = as_of or dt.date.today()
    known = conn.execute("SELECT id, name, sector, region FROM partnership ORDER BY name, id").fetchall()
    wanted = None if partnership_ids is None else set(partnership_ids)
    chosen = [r for r in known if wanted is None or int(r[0]) in wanted]
    ids = [int(r[0]) for r in chosen]
    params: dict[str, Any] = {"ids": ids, "d": day, "full": list(FULL_KINDS), "m": None,
                              "attendance": [f.value for f in Format]}
    judged = judge_partnerships(conn, partnership_ids=ids, as_of=day, th=th)
    plan = _records(conn, PLAN_SQL, params)
    turnout = {int(r[0]): r for r in conn.execute(
        TURNOUT_SQL, {k: v for k, v in params.items() if f"${k}" in TURNOUT_SQL}).fetchall()}
    rows = [_row(r, plan[int(r[0])], turnout.get(int(r[0])), judged[int(r[0])]) for r in chosen]
    return Portfolio(as_of=day, goal=GOAL, rows=tuple(rows))


def _row(
    partnership: Sequence[Any], plan: Mapping[str, Any], turnout: tuple[Any, ...] | None,
    judged: Judgement,
) -> PortfolioRow:
    """One row: the signs, verdict and room as the set-based judge found them, and the portfolio's
    own set-based facts for the rest."""
    signs = {s.id: s.status for s in judged.signs}
    confirmed, expected = _expected(turnout)
    room = judged.room
    return PortfolioRow(
        partnership_id=int(partnership[0]), name=str(partnership[1]), sector=partnership[2],
        region=partnership[3], refresh_recommended=judged.refresh_recommended,
        verdict=verdict_of(judged.signs, recommended=judged.refresh_recommended), signs=signs,
        industry_last_three=room.industry_last_three,
        latest_meeting=room.latest_meeting, latest_industry=room.latest_industry,
        latest_public_partner=room.latest_public_partner,
        next_meeting=None if turnout is None else turnout[1],
        next_meeting_title=None if turnout is None else str(turnout[2]),
        industry_confirmed=confirmed, expected_industry_turnout=expected,
        overdue_followups=int(plan["overdue"]), last_import=plan["last_import"],
    )


def portfolio_json(found: Portfolio) -> dict[str, Any]:
    """The ``portfolio --json`` contract (keys are only ever added)."""
    return {
        "as_of": found.as_of.isoformat(),
        "goal": found.goal,
        "partnerships": [
            {
                "name": r.name,
                "refresh_recommended": r.refresh_recommended,
                "signs": {s.value: status.value for s, status in r.signs.items()},
                "latest_industry": r.latest_industry,
                "latest_public_partner": r.latest_public_partner,
                "next_meeting": None if r.next_meeting is None else r.next_meeting.isoformat(),
                "expected_industry_turnout": r.expected_industry_turnout,
                "overdue_followups": r.overdue_followups,
                "sector": r.sector,
                "region": r.region,
                "verdict": r.verdict.value,
                "industry_last_three": list(r.industry_last_three),
                "latest_meeting": None if r.latest_meeting is None else r.latest_meeting.isoformat(),
                "room_ratio": r.room_ratio,
                "next_meeting_title": r.next_meeting_title,
                "industry_confirmed": r.industry_confirmed,
                "last_import": None if r.last_import is None else r.last_import.isoformat(timespec="seconds"),
            }
            for r in found.rows
        ],
    }
