"""What every sign shares: the Sign itself, dates in months, sentences, the unclassified check, and
running a sign's set-based query.

Each sign is judged in two steps kept together in its module: one SQL query gathers its facts for a
whole set of partnerships at once (one row per partnership), and one pure function reads a row into
the :class:`Sign`. ``diagnose`` judges a set of one; the portfolio judges every partnership with the
same two steps, so the rules exist once.

A sign judged from attendance asks one more question when some attendees come
from unclassified organisations: would it read differently if they were all
industry leaders, or all public partners? If so it is not judged yet
(:func:`undecided`): the convener classifies them first.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from refresh_core.db import Connection
from refresh_core.enums import SignId, SignStatus
from refresh_core.guidance import SIGN_ADVICE, SIGN_TITLES
from refresh_core.health.thresholds import meetings_in

STATUS_WORDS = {
    SignStatus.OK: "fine",
    SignStatus.WATCH: "on watch",
    SignStatus.FLAG: "flagged",
    SignStatus.UNKNOWN: "not judged",
}


@dataclass(frozen=True)
class Sign:
    id: SignId
    status: SignStatus
    summary: str
    evidence: Mapping[str, Any] = field(default_factory=dict)

    @property
    def title(self) -> str:
        return SIGN_TITLES[self.id]

    @property
    def advice(self) -> str:
        return SIGN_ADVICE[self.id]

    @property
    def waits_for_classification(self) -> bool:
        """True when classifying organisations would let this sign be judged."""
        return bool(self.evidence.get("classify_first_count"))


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` months earlier (clamped to the month's end)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    for candidate in range(day.day, 27, -1):
        try:
            return dt.date(year, month, candidate)
        except ValueError:
            continue
    return dt.date(year, month, min(day.day, 28))


def sentence(reasons: list[str]) -> str:
    text = "; ".join(reasons)
    return text[0].upper() + text[1:] + "."


def undecided(
    base: Sign, *, if_industry: Sign, if_public: Sign, count: int, key: str, who: str, since: str | None
) -> Sign:
    """``base`` when counting the unclassified attendees as industry or as public partners would not
    change its status; otherwise the sign is unknown and says what each reading would give.
    ``count`` goes into the evidence as ``key``; ``who`` says it in words ("5 attendances at ...")."""
    evidence = dict(base.evidence) | {key: count, "unclassified_since": since}
    if if_industry.status == base.status and if_public.status == base.status:
        return Sign(base.id, base.status, base.summary, evidence)
    evidence |= {
        "status_if_industry": if_industry.status.value,
        "status_if_public": if_public.status.value,
        "classify_first_count": count,
    }
    summary = (
        f"Cannot judge yet: {who} came from organisations nobody has classified. If they are industry "
        f"leaders this sign is {STATUS_WORDS[if_industry.status]}; if public partners, "
        f"{STATUS_WORDS[if_public.status]}. The verdict comes once their organisations are classified "
        "(on the People and organisations page)."
    )
    return Sign(base.id, SignStatus.UNKNOWN, summary, evidence)


def facts(conn: Connection, sql: str, params: Mapping[str, Any]) -> dict[int, dict[str, Any]]:
    """A sign's set-based query run once for a set of partnerships: its rows by partnership id (the
    first column), each a dict of the facts the sign is judged from. Only the parameters the query
    names are passed."""
    cursor = conn.execute(sql, {k: v for k, v in params.items() if f"${k}" in sql})
    names = [d[0] for d in cursor.description or ()]
    return {int(r[0]): dict(zip(names, r, strict=True)) for r in cursor.fetchall()}


def by_cadence(months: int) -> dict[str, int]:
    """Query parameters ``n_monthly``, ``n_bimonthly``, ``n_other``: the meetings a partnership of each
    cadence holds in ``months`` (:func:`~refresh_core.health.thresholds.meetings_in`), for
    :data:`CADENCE_N`."""
    return {f"n_{c}": meetings_in(months, c) for c in ("monthly", "bimonthly", "other")}


# SQL: the number of meetings in a span for the partnership ``p`` by its cadence (see :func:`by_cadence`).
CADENCE_N = (
    "CASE p.cadence WHEN 'monthly' THEN $n_monthly WHEN 'bimonthly' THEN $n_bimonthly ELSE $n_other END"
)
