"""Sign 1: industry engagement is waning.

Fewer industry leaders at the regular full-partnership meetings (a trend over
months, so a monthly partnership is judged on the same span as a quarterly
one; launch and refresh meetings are events and stay out of it), public
partners outnumbering industry leaders at the latest full meeting, and active
action teams without an industry participant.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pandas as pd

from refresh_core.enums import REGULAR_KIND, Cadence, SignId, SignStatus
from refresh_core.health.signs.common import Sign, sentence, undecided
from refresh_core.health.thresholds import Thresholds, meetings_in

SID = SignId.INDUSTRY_ENGAGEMENT_WANING


@dataclass(frozen=True)
class Trend:
    share: float | None  # recent mean / prior mean of industry leaders at regular meetings
    meetings: int  # regular meetings per window
    since: pd.Timestamp | None  # first meeting of the earlier window (None: no trend yet)
    evidence: dict[str, Any]


def trend(counts: pd.DataFrame, *, months: int, cadence: str) -> Trend:
    """Industry leaders at the regular meetings of the last ``months`` months against the span before."""
    n = meetings_in(months, cadence)
    regular = counts[counts["kind"] == REGULAR_KIND.value]
    evidence: dict[str, Any] = {"window_months": months, "window_meetings": n}
    if len(regular) < 2 * n:
        return Trend(None, n, None, evidence)
    recent, prior = regular["industry"].iloc[-n:], regular["industry"].iloc[-2 * n : -n]
    if prior.mean() <= 0:
        return Trend(None, n, None, evidence)
    share = float(recent.mean() / prior.mean())
    evidence |= {
        "recent_mean": round(float(recent.mean()), 1),
        "prior_mean": round(float(prior.mean()), 1),
        "change_pct": round((share - 1) * 100),
    }
    return Trend(share, n, pd.Timestamp(regular["date"].iloc[-2 * n]), evidence)


def _latest(counts: pd.DataFrame) -> dict[str, Any]:
    last = counts.iloc[-1]
    industry, public = int(last["industry"]), int(last["public_partner"])
    return {
        "latest_meeting": pd.Timestamp(last["date"]).date().isoformat(),
        "latest_industry": industry,
        "latest_public_partner": public,
        "industry_per_public": round(industry / public, 2) if public else None,
    }


def _idle_teams(teams: pd.DataFrame, *, as_of: dt.date, days: int) -> list[str]:
    settled = pd.Timestamp(as_of - dt.timedelta(days=days))
    idle = teams[(teams["industry"] == 0) & (teams["chartered_on"] <= settled)]
    return sorted(idle["team"].tolist())


def _judge(
    counts: pd.DataFrame,
    teams: pd.DataFrame,
    *,
    as_of: dt.date,
    th: Thresholds,
    cadence: str,
    found: Trend | None = None,
) -> Sign:
    """The sign from these counts (``found``: their trend, when already computed)."""
    t = th.industry_engagement
    evidence = _latest(counts)
    industry, public = evidence["latest_industry"], evidence["latest_public_partner"]
    ratio = evidence["industry_per_public"]
    found = found or trend(counts, months=t.window_months, cadence=cadence)
    evidence |= found.evidence
    evidence["teams_without_industry"] = _idle_teams(teams, as_of=as_of, days=t.team_activity_days)
    flag, watch, span = [], [], f"the last {found.meetings} regular meetings ({t.window_months} months)"
    if public > industry:
        flag.append(
            f"public partners outnumbered industry leaders ({public} to {industry}) at the latest meeting"
        )
    elif ratio is not None and t.watch_ratio_low <= ratio < t.watch_ratio_high:
        watch.append(f"industry leaders barely outnumber public partners ({industry} to {public})")
    if found.share is not None and found.share <= t.flag_share:
        flag.append(f"industry attendance fell {round((1 - found.share) * 100)}% over {span}")
    elif found.share is not None and found.share < t.watch_share:
        watch.append(f"industry attendance dipped {round((1 - found.share) * 100)}% over {span}")
    if evidence["teams_without_industry"]:
        names = ", ".join(evidence["teams_without_industry"])
        flag.append(f"no industry leader joined {names} in {t.team_activity_days} days")
    if flag or watch:
        return Sign(SID, SignStatus.FLAG if flag else SignStatus.WATCH, sentence(flag or watch), evidence)
    ok = f"Industry leaders outnumber public partners ({industry} to {public}) and attendance is holding."
    return Sign(SID, SignStatus.OK, ok, evidence)


def _as(frame: pd.DataFrame, kind: str) -> pd.DataFrame:
    """The counts with every unclassified attendee counted as ``kind``."""
    out = frame.copy()
    out[kind] = out[kind] + out["unclassified"]
    out["unclassified"] = 0
    return out


def industry_engagement(
    counts: pd.DataFrame,
    teams: pd.DataFrame,
    *,
    as_of: dt.date,
    th: Thresholds,
    cadence: str = Cadence.QUARTERLY.value,
) -> Sign:
    """Sign 1 from the full meetings with attendance (``counts``) and the active teams (``teams``)."""
    t = th.industry_engagement
    if len(counts) < t.min_meetings:
        text = (f"Needs at least {t.min_meetings} full-partnership meetings with attendance; "
                f"{len(counts)} recorded so far.")
        return Sign(SID, SignStatus.UNKNOWN, text, {"full_meetings": len(counts)})
    found = trend(counts, months=t.window_months, cadence=cadence)
    base = _judge(counts, teams, as_of=as_of, th=th, cadence=cadence, found=found)
    since = found.since
    judged = counts[counts["date"] >= since] if since is not None else counts.iloc[-1:]
    unclassified = int(judged["unclassified"].sum()) + int(teams["unclassified"].sum())
    day = pd.Timestamp(judged["date"].iloc[0]).date().isoformat()
    who = f"{unclassified} {'attendance' if unclassified == 1 else 'attendances'} at the meetings judged"
    as_industry = as_public = base
    if unclassified:
        as_industry = _judge(
            _as(counts, "industry"), _as(teams, "industry"), as_of=as_of, th=th, cadence=cadence
        )
        as_public = _judge(
            _as(counts, "public_partner"), _as(teams, "public_partner"), as_of=as_of, th=th, cadence=cadence
        )
    return undecided(
        base,
        if_industry=as_industry,
        if_public=as_public,
        count=unclassified,
        key="unclassified_attendances",
        who=who,
        since=day,
    )
