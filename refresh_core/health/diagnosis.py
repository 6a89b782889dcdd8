"""The four signs that a partnership needs a refresh, judged from its records.

Each rule is documented beside its numbers in ``thresholds.toml``. The
practitioner guide's advice travels with each sign (see ``guidance.py``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import duckdb
import pandas as pd

from refresh_core.enums import FULL_KINDS, SignId, SignStatus
from refresh_core.guidance import CHANGE_LABELS, SIGN_ADVICE, SIGN_TITLES
from refresh_core.health import attendance as mt
from refresh_core.health.agenda_fresh import agenda_freshness
from refresh_core.health.reflections import latest_reflection
from refresh_core.health.thresholds import Thresholds, load_thresholds
from refresh_core.partnerships import Partnership


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


@dataclass(frozen=True)
class Diagnosis:
    partnership: Partnership
    as_of: dt.date
    signs: tuple[Sign, ...]
    refresh_recommended: bool
    verdict: str
    meetings: pd.DataFrame
    attendance: pd.DataFrame  # the attendance frame the signs were judged from

    def sign(self, sign_id: SignId) -> Sign:
        return next(s for s in self.signs if s.id == sign_id)


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


def industry_engagement(counts: pd.DataFrame, teams: pd.DataFrame, *, as_of: dt.date, th: Thresholds) -> Sign:
    """Sign 1: fewer industry leaders, public partners outnumbering them, teams without industry."""
    t = th.industry_engagement
    sid = SignId.INDUSTRY_ENGAGEMENT_WANING
    if len(counts) < t.min_meetings:
        return Sign(
            sid,
            SignStatus.UNKNOWN,
            f"Needs at least {t.min_meetings} full-partnership "
            f"meetings with attendance; {len(counts)} recorded so far.",
            {"full_meetings": len(counts)},
        )
    last = counts.iloc[-1]
    industry, public = int(last["industry"]), int(last["public_partner"])
    ratio = round(industry / public, 2) if public else None
    evidence: dict[str, Any] = {
        "latest_meeting": pd.Timestamp(last["date"]).date().isoformat(),
        "latest_industry": industry,
        "latest_public_partner": public,
        "industry_per_public": ratio,
    }
    recent = counts["industry"].iloc[-t.window :]
    prior = counts["industry"].iloc[-2 * t.window : -t.window]
    share = None
    if len(counts) >= 2 * t.window and prior.mean() > 0:
        share = float(recent.mean() / prior.mean())
        evidence.update(
            recent_mean=round(float(recent.mean()), 1),
            prior_mean=round(float(prior.mean()), 1),
            change_pct=round((share - 1) * 100),
        )
    settled = pd.Timestamp(as_of - dt.timedelta(days=t.team_activity_days))
    idle = teams[(teams["industry"] == 0) & (teams["chartered_on"] <= settled)]
    evidence["teams_without_industry"] = sorted(idle["team"].tolist())

    reasons_flag, reasons_watch = [], []
    if public > industry:
        reasons_flag.append(
            f"public partners outnumbered industry leaders ({public} to {industry}) at the latest meeting"
        )
    elif ratio is not None and t.watch_ratio_low <= ratio < t.watch_ratio_high:
        reasons_watch.append(f"industry leaders barely outnumber public partners ({industry} to {public})")
    if share is not None and share <= t.flag_share:
        reasons_flag.append(
            f"industry attendance fell {round((1 - share) * 100)}% over the last {t.window} meetings"
        )
    elif share is not None and share < t.watch_share:
        reasons_watch.append(
            f"industry attendance dipped {round((1 - share) * 100)}% over the last {t.window} meetings"
        )
    if len(idle):
        names = ", ".join(evidence["teams_without_industry"])
        reasons_flag.append(f"no industry leader joined {names} in {t.team_activity_days} days")
    if reasons_flag:
        return Sign(sid, SignStatus.FLAG, _sentence(reasons_flag), evidence)
    if reasons_watch:
        return Sign(sid, SignStatus.WATCH, _sentence(reasons_watch), evidence)
    return Sign(
        sid,
        SignStatus.OK,
        f"Industry leaders outnumber public partners ({industry} to {public}) and attendance is holding.",
        evidence,
    )


def same_core_group(
    rows: pd.DataFrame, *, first_meeting: dt.date | None, as_of: dt.date, th: Thresholds
) -> Sign:
    """Sign 2: new industry people and new companies in the last 12 months."""
    t = th.same_core_group
    sid = SignId.SAME_CORE_GROUP
    start = months_before(as_of, t.window_months)
    if first_meeting is None or first_meeting > start:
        return Sign(
            sid,
            SignStatus.UNKNOWN,
            f"Needs {t.window_months} months of meetings to tell newcomers from founders.",
            {"first_meeting": str(first_meeting)},
        )
    window = rows[rows["date"] > pd.Timestamp(start)] if len(rows) else rows
    people = window["person_id"].nunique() if len(window) else 0
    new = window[window["person_first"] > pd.Timestamp(start)] if len(window) else window
    new_people = new["person_id"].nunique() if len(new) else 0
    new_orgs = (
        window[window["org_first"] > pd.Timestamp(start)]["organisation_id"].nunique() if len(window) else 0
    )
    top = window["person_id"].value_counts().head(t.core_size).sum() if len(window) else 0
    core_share = round(float(top) / len(window), 2) if len(window) else None
    mid = window[window["level"] == "mid_level"]["person_id"].nunique() if len(window) else 0
    evidence = {
        "window_start": start.isoformat(),
        "industry_people": int(people),
        "new_industry_people": int(new_people),
        "new_companies": int(new_orgs),
        "core_share": core_share,
        "mid_level_engaged": int(mid),
    }
    if new_people == 0 and new_orgs == 0:
        return Sign(
            sid,
            SignStatus.FLAG,
            f"No new industry leader or company has joined a full meeting in {t.window_months} months.",
            evidence,
        )
    share = new_people / people if people else 0.0
    if share < t.watch_new_share:
        return Sign(
            sid,
            SignStatus.WATCH,
            f"Only {new_people} of {people} industry attendees in "
            f"the last {t.window_months} months were new.",
            evidence,
        )
    return Sign(
        sid,
        SignStatus.OK,
        f"{new_people} new industry leaders and {new_orgs} new "
        f"companies joined in the last {t.window_months} months.",
        evidence,
    )


def sector_changed(
    conn: duckdb.DuckDBPyConnection, *, partnership_id: int, as_of: dt.date, th: Thresholds
) -> Sign:
    """Sign 3: the convener's own reflection; only they can answer it."""
    sid = SignId.SECTOR_CHANGED
    found = latest_reflection(conn, partnership_id=partnership_id, as_of=as_of)
    if found is None:
        return Sign(
            sid,
            SignStatus.UNKNOWN,
            "Not answered yet: record a reflection on how the sector has changed.",
            {},
        )
    age = (as_of - found.answered_on).days
    changes = [CHANGE_LABELS[k] for k in found.changed]
    evidence = {
        "answered_on": found.answered_on.isoformat(),
        "age_days": age,
        "changes": list(found.changed),
        "agenda_still_fits": found.agenda_still_fits,
    }
    if not found.agenda_still_fits:
        return Sign(
            sid,
            SignStatus.FLAG,
            f"On {found.answered_on:%d %b %Y} you noted the agenda no longer fits the industry.",
            evidence,
        )
    if changes:
        return Sign(
            sid,
            SignStatus.WATCH,
            f"Changes noted on {found.answered_on:%d %b %Y}: {', '.join(changes)}; "
            "the agenda still fits for now.",
            evidence,
        )
    if found.answered_on < months_before(as_of, th.sector_changed.stale_months):
        return Sign(
            sid,
            SignStatus.WATCH,
            f"Last reflected on {found.answered_on:%d %b %Y}, over "
            f"{th.sector_changed.stale_months} months ago: time to look again.",
            evidence,
        )
    return Sign(sid, SignStatus.OK, f"No major change noted on {found.answered_on:%d %b %Y}.", evidence)


def agenda_stale(
    conn: duckdb.DuckDBPyConnection, *, partnership_id: int, as_of: dt.date, th: Thresholds
) -> Sign:
    """Sign 4: new priorities at recent full-partnership meetings; activity on active ones.

    The guide expects new priorities "regularly at quarterly meetings"; a refresh
    or launch meeting is where priorities are set too, so all three kinds count.
    """
    t = th.agenda_stale
    sid = SignId.AGENDA_STALE
    start = as_of - dt.timedelta(days=t.activity_days)
    row = conn.execute(
        """
        WITH pr AS (SELECT * FROM priority WHERE partnership_id = $p AND identified_on <= $d),
        recent_q AS (SELECT id, date FROM meeting WHERE partnership_id = $p
                     AND list_contains($full, kind)
                     AND date <= $d ORDER BY date DESC LIMIT $n),
        busy AS (SELECT DISTINCT t.priority_id FROM action_team t
                 JOIN meeting m ON m.action_team_id = t.id AND m.kind = 'action_team'
                 WHERE t.partnership_id = $p AND m.date > $s AND m.date <= $d)
        SELECT (SELECT count(*) FROM pr),
               (SELECT count(*) FROM pr WHERE status = 'active'),
               (SELECT count(*) FROM pr WHERE status = 'active' AND id IN (SELECT priority_id FROM busy)),
               (SELECT count(*) FROM pr WHERE identified_meeting_id IN (SELECT id FROM recent_q)
                   OR identified_on IN (SELECT date FROM recent_q)),
               (SELECT count(*) FROM recent_q),
               (SELECT max(identified_on) FROM pr)
        """,
        {"p": partnership_id, "d": as_of, "s": start, "n": t.recent_quarterlies, "full": list(FULL_KINDS)},
    ).fetchone()
    assert row is not None
    total, active, busy, new_recent, quarterlies, last_new = row
    evidence = {
        "priorities": total,
        "active": active,
        "active_with_team_activity": busy,
        "new_at_recent_quarterlies": new_recent,
        "recent_quarterlies": quarterlies,
        "last_new_priority": last_new.isoformat() if last_new else None,
    }
    fresh = agenda_freshness(
        conn, partnership_id=partnership_id, since=months_before(as_of, t.new_priority_months), as_of=as_of
    )
    evidence["last_new_from_full_meeting"] = fresh.last_new.isoformat() if fresh.last_new else None
    if total == 0:
        return Sign(
            sid, SignStatus.UNKNOWN, "No priorities recorded yet: add them on the Priorities page.", evidence
        )
    if new_recent == 0 and (active == 1 or busy == 0):
        what = (
            "a single active priority"
            if active == 1
            else f"no action-team activity in {t.activity_days} days"
        )
        return Sign(
            sid,
            SignStatus.FLAG,
            f"No new priority at the last {quarterlies} full-partnership meetings, and {what}.",
            evidence,
        )
    if fresh.stale:
        last = f" (the last on {fresh.last_new:%d %b %Y})" if fresh.last_new else ""
        return Sign(
            sid,
            SignStatus.FLAG,
            f"No new priority has come from a full-partnership meeting in {t.new_priority_months} "
            f"months{last}, however busy the current ones are.",
            evidence,
        )
    if active == 1:
        return Sign(sid, SignStatus.WATCH, "The partnership is down to a single active priority.", evidence)
    return Sign(
        sid, SignStatus.OK, f"{active} active priorities, {busy} with recent action-team work.", evidence
    )


def _sentence(reasons: list[str]) -> str:
    text = "; ".join(reasons)
    return text[0].upper() + text[1:] + "."


def verdict_text(signs: tuple[Sign, ...], *, recommended: bool) -> str:
    """One plain sentence naming the signs behind the verdict."""
    flagged = [s.title.lower() for s in signs if s.status == SignStatus.FLAG]
    watched = [s.title.lower() for s in signs if s.status == SignStatus.WATCH]
    if recommended:
        behind = flagged or watched
        return "A refresh is recommended: " + "; ".join(behind) + "."
    if watched:
        return "No refresh needed yet; keep an eye on: " + watched[0] + "."
    unknown = sum(s.status == SignStatus.UNKNOWN for s in signs)
    tail = f" ({unknown} sign(s) cannot be judged yet)" if unknown else ""
    return "No refresh needed: the partnership looks healthy" + tail + "."


def diagnose(
    conn: duckdb.DuckDBPyConnection,
    *,
    partnership: Partnership,
    as_of: dt.date | None = None,
    thresholds: Thresholds | None = None,
) -> Diagnosis:
    """Judge the four signs for ``partnership`` as of a date (default today)."""
    th = thresholds or load_thresholds()
    day = as_of or dt.date.today()
    pid = partnership.id
    att = mt.attendance_frame(conn, partnership_id=pid, as_of=day)
    counts = mt.full_meeting_counts(conn, partnership_id=pid, as_of=day, attended=att)
    teams = mt.team_participation(
        conn, partnership_id=pid, as_of=day, days=th.industry_engagement.team_activity_days, attended=att
    )
    attended = counts[(counts["industry"] + counts["public_partner"] + counts["unknown"]) > 0]
    signs = (
        industry_engagement(attended, teams, as_of=day, th=th),
        same_core_group(
            mt.industry_attendance(conn, partnership_id=pid, as_of=day, attended=att),
            first_meeting=mt.first_meeting_date(conn, partnership_id=pid),
            as_of=day,
            th=th,
        ),
        sector_changed(conn, partnership_id=pid, as_of=day, th=th),
        agenda_stale(conn, partnership_id=pid, as_of=day, th=th),
    )
    flags = sum(s.status == SignStatus.FLAG for s in signs)
    watches = sum(s.status == SignStatus.WATCH for s in signs)
    recommended = flags > 0 or watches >= th.verdict.watch_signs_for_refresh
    return Diagnosis(
        partnership, day, signs, recommended, verdict_text(signs, recommended=recommended), counts, att
    )


def diagnosis_json(diagnosis: Diagnosis) -> dict[str, Any]:
    """The ``diagnose --json`` contract."""
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
                "unknown": int(r["unknown"]),
            }
            for r in diagnosis.meetings.to_dict("records")
        ],
    }
