"""The verdict: whether a partnership needs a refresh, from the four signs (:mod:`refresh_core.health.signs`),
judged by :mod:`refresh_core.health.judge` for a set of one.

Each rule is documented beside its numbers in ``thresholds.toml``. The
practitioner guide's advice travels with each sign (see ``guidance.py``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pandas as pd

from refresh_core.db import Connection
from refresh_core.enums import SignId, SignStatus
from refresh_core.health import attendance as mt
from refresh_core.health.judge import judge_partnerships
from refresh_core.health.signs.common import Sign, months_before
from refresh_core.health.thresholds import Thresholds, load_thresholds
from refresh_core.partnerships import Partnership

# Not a refresh and nothing on watch, but this many signs cannot be judged: "not enough data" rather than
# "healthy" (this product's default: half the signs unknown is no basis for a green verdict).
UNKNOWN_SIGNS_FOR_NO_VERDICT = 2

__all__ = ["Diagnosis", "Sign", "diagnose", "diagnosis_json", "months_before", "verdict_text"]


@dataclass(frozen=True)
class Diagnosis:
    partnership: Partnership
    as_of: dt.date
    signs: tuple[Sign, ...]
    refresh_recommended: bool
    verdict: str
    meetings: pd.DataFrame  # full meetings: date, kind, title, industry, public_partner, unclassified
    attendance: pd.DataFrame  # the attendance frame the signs were judged from

    def sign(self, sign_id: SignId) -> Sign:
        return next(s for s in self.signs if s.id == sign_id)

    @property
    def judged(self) -> bool:
        """False when no refresh is recommended yet a sign waits for organisations to be classified, or
        (nothing on watch) too many signs cannot be judged for a green verdict."""
        if self.refresh_recommended:
            return True
        if self.waiting_for_classification or any(s.status == SignStatus.WATCH for s in self.signs):
            return not self.waiting_for_classification
        return sum(s.status == SignStatus.UNKNOWN for s in self.signs) < UNKNOWN_SIGNS_FOR_NO_VERDICT

    @property
    def waiting_for_classification(self) -> tuple[Sign, ...]:
        """The signs that cannot be judged until the convener classifies some organisations."""
        return tuple(s for s in self.signs if s.waits_for_classification)


def verdict_text(signs: tuple[Sign, ...], *, recommended: bool) -> str:
    """One plain sentence naming the signs behind the verdict (never "healthy" while attendees from
    unclassified organisations could change a sign)."""
    flagged = [s.title.lower() for s in signs if s.status == SignStatus.FLAG]
    watched = [s.title.lower() for s in signs if s.status == SignStatus.WATCH]
    if recommended:
        behind = flagged or watched
        return "A refresh is recommended: " + "; ".join(behind) + "."
    waiting = [s.title.lower() for s in signs if s.waits_for_classification]
    if waiting:
        return (
            "Not enough data to judge yet: classify the organisations some attendees came from, then "
            "look again at: " + "; ".join(waiting) + "."
        )
    if watched:
        return "No refresh needed yet; keep an eye on: " + watched[0] + "."
    unknown = [s.title.lower() for s in signs if s.status == SignStatus.UNKNOWN]
    if len(unknown) >= UNKNOWN_SIGNS_FOR_NO_VERDICT:
        return (
            f"Not enough data to judge yet: {len(unknown)} of the {len(signs)} signs cannot be judged "
            "(see each sign below for what it needs)."
        )
    if unknown:
        return ("No refresh needed on the signs that can be judged; one cannot be judged yet: "
                + unknown[0] + ".")
    return "No refresh needed: the partnership looks healthy."


def diagnose(
    conn: Connection,
    *,
    partnership: Partnership,
    as_of: dt.date | None = None,
    thresholds: Thresholds | None = None,
) -> Diagnosis:
    """Judge the four signs for ``partnership`` as of a date (default today): the set-based judge
    (:func:`~refresh_core.health.judge.judge_partnerships`) for a set of one, plus the meetings and
    attendance the Health page draws."""
    th = thresholds or load_thresholds()
    day = as_of or dt.date.today()
    pid = partnership.id
    judged = judge_partnerships(conn, partnership_ids=[pid], as_of=day, th=th)[pid]
    att = mt.attendance_frame(conn, partnership_id=pid, as_of=day)
    counts = mt.full_meeting_counts(conn, partnership_id=pid, as_of=day, attended=att)
    recommended = judged.refresh_recommended
    return Diagnosis(
        partnership, day, judged.signs, recommended, verdict_text(judged.signs, recommended=recommended),
        counts, att,
    )


def diagnosis_json(diagnosis: Diagnosis) -> dict[str, Any]:
    """The ``diagnose --json`` contract (``unknown`` per meeting is the older name of ``unclassified``)."""
    return {
        "partnership": diagnosis.partnership.name,
        "as_of": diagnosis.as_of.isoformat(),
        "refresh_recommended": diagnosis.refresh_recommended,
        "signs": [
            {"id": s.id.value, "status": s.status.value, "summary": s.summary, "evidence": dict(s.evidence)}
            for s in diagnosis.signs
        ],
        "meetings": [
            {
                "date": pd.Timestamp(r["date"]).date().isoformat(),
                "kind": str(r["kind"]),
                "title": str(r["title"]),
                "industry": int(r["industry"]),
                "public_partner": int(r["public_partner"]),
                "unknown": int(r["unclassified"]),
                "unclassified": int(r["unclassified"]),
            }
            for r in diagnosis.meetings.to_dict("records")
        ],
    }
