"""The portfolio page's choices: filter by sector, region and verdict, sort, and the table's columns."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import pandas as pd

from refresh_core import words
from refresh_core.enums import SignId, SignStatus
from refresh_core.reports.portfolio import PortfolioRow, Verdict

SIGN_COLUMNS = {  # short headers; the page's help text gives each sign's full title
    SignId.INDUSTRY_ENGAGEMENT_WANING: "Engagement",
    SignId.SAME_CORE_GROUP: "Newcomers",
    SignId.SECTOR_CHANGED: "Sector change",
    SignId.AGENDA_STALE: "Agenda",
}
# The columns that fit a laptop's window beside the sidebar (1280 pixels wide) without scrolling sideways:
# what a host acts on. The others are one switch away (MORE), and each sort shows the column it sorts by.
COMING_UP = "Coming up"  # the next meeting's day and the industry leaders expected there, in one cell
ESSENTIAL = ["Partnership", "Verdict", *SIGN_COLUMNS.values(), COMING_UP, "Overdue"]
MORE = ["Next meeting", "Expected", "Industry, last 3", "Room", "Last import", "Sector", "Region"]
NEAR = dt.timedelta(days=300)  # a next meeting closer than this is written without its year
URGENCY = [Verdict.REFRESH, Verdict.WATCH, Verdict.NOT_ENOUGH_DATA, Verdict.HEALTHY]
NOT_SET = "(not set)"
NONE_PLANNED = "None planned"  # no full meeting ahead: the page's "Coming up", the PDF's "Next meeting"
_LAST = dt.date.max


def _flags(row: PortfolioRow) -> int:
    return sum(s == SignStatus.FLAG for s in row.signs.values())


SORTS: dict[str, Callable[[PortfolioRow], Any]] = {
    "Most urgent first": lambda r: (URGENCY.index(r.verdict), -_flags(r), r.name.lower()),
    "Name": lambda r: r.name.lower(),
    "Fewest industry leaders at the latest meeting": lambda r: (
        r.latest_industry is None, r.latest_industry or 0, r.name.lower()),
    "Fewest industry leaders per public partner": lambda r: (
        r.room_ratio is None, r.room_ratio or 0.0, r.name.lower()),
    "Next meeting soonest": lambda r: (r.next_meeting or _LAST, r.name.lower()),
    "Most overdue follow-through": lambda r: (-r.overdue_followups, r.name.lower()),
    "Longest since the last import": lambda r: (
        r.last_import is not None, r.last_import or dt.datetime.min, r.name.lower()),
}


def place(value: str | None) -> str:
    """A sector or region as shown and filtered ("(not set)" when blank)."""
    return value.strip() if value and value.strip() else NOT_SET


def options(rows: Iterable[PortfolioRow]) -> dict[str, list[str]]:
    """The values each filter offers: sectors, regions and verdicts present, in a stable order."""
    found = list(rows)
    present = {r.verdict for r in found}
    return {
        "sector": sorted({place(r.sector) for r in found}),
        "region": sorted({place(r.region) for r in found}),
        "verdict": [v.label for v in URGENCY if v in present],
    }


def choose(
    rows: Iterable[PortfolioRow],
    *,
    sectors: Sequence[str] = (),
    regions: Sequence[str] = (),
    verdicts: Sequence[str] = (),
    sort: str = "Most urgent first",
) -> list[PortfolioRow]:
    """Rows matching every non-empty filter (verdicts by their label), sorted."""
    kept = [
        r for r in rows
        if (not sectors or place(r.sector) in sectors)
        and (not regions or place(r.region) in regions)
        and (not verdicts or r.verdict.label in verdicts)
    ]
    return sorted(kept, key=SORTS[sort])


def coming_up(row: PortfolioRow, *, as_of: dt.date, goal: int) -> str:
    """The next full-partnership meeting in a few words: "24 Dec: 7 of 20" (industry leaders expected of
    the goal; the year only when it is far off), "24 Dec" before anyone is expected, "None planned" when
    none is planned."""
    if row.next_meeting is None:
        return NONE_PLANNED
    day = words.day(row.next_meeting, "%b" if row.next_meeting - as_of < NEAR else "%b %Y")
    return day if row.expected_people is None else f"{day}: {row.expected_people} of {goal}"


def table(rows: Sequence[PortfolioRow], *, as_of: dt.date, goal: int) -> pd.DataFrame:
    """The rows as the page's table, one column per thing a reader compares."""
    return pd.DataFrame(
        {
            "Partnership": [r.name for r in rows],
            "Verdict": [r.verdict.label for r in rows],
            **{label: [r.signs[s].short for r in rows] for s, label in SIGN_COLUMNS.items()},
            COMING_UP: [coming_up(r, as_of=as_of, goal=goal) for r in rows],
            "Industry, last 3": [list(r.industry_last_three) for r in rows],
            "Room": [r.room_ratio for r in rows],
            "Next meeting": [r.next_meeting for r in rows],
            "Expected": [r.expected_people for r in rows],
            "Overdue": [r.overdue_followups for r in rows],
            "Last import": [None if r.last_import is None else r.last_import.date() for r in rows],
            "Sector": [place(r.sector) for r in rows],
            "Region": [place(r.region) for r in rows],
        }
    )


SORTED_BY = {  # the column a sort orders by, shown with the essential ones while that sort is chosen
    "Fewest industry leaders at the latest meeting": "Industry, last 3",
    "Fewest industry leaders per public partner": "Room",
    "Longest since the last import": "Last import",
}


def columns(*, sort: str, every: bool = False) -> list[str]:
    """The table's columns in order: the essential ones (with the column ``sort`` orders by, when it is
    not one of them), or ``every`` column."""
    if every:
        return [*ESSENTIAL, *MORE]
    extra = SORTED_BY.get(sort)
    return ESSENTIAL if extra is None else [*ESSENTIAL, extra]


def counts(rows: Iterable[PortfolioRow]) -> dict[Verdict, int]:
    """How many partnerships have each verdict."""
    found = list(rows)
    return {v: sum(r.verdict == v for r in found) for v in URGENCY}
