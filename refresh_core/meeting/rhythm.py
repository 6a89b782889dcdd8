"""How often a partnership meets, and two notes for the Health page: when it has not met for much
longer than usual, and when some of its meetings count nowhere.

The usual gap is the median gap between its last full-partnership meetings (at
least three of them); with fewer, the guide's quarterly rhythm stands in.
"More than twice the usual gap" is this product's default test.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from refresh_core import words
from refresh_core.db import Connection
from refresh_core.enums import FULL_KINDS

GAP_FACTOR = 2  # this product's default: a note after more than twice the usual gap
RECENT_MEETINGS = 9  # the last full meetings whose gaps give the usual one
MIN_GAPS = 2  # gaps needed before the partnership's own history is trusted
GUIDE_GAP_DAYS = 91  # the guide's quarterly full-partnership meetings


@dataclass(frozen=True)
class MeetingGap:
    """The time since the last full-partnership meeting against the usual gap between them."""

    last_met: dt.date
    days_since: int
    usual_gap: int  # days
    from_history: bool  # False: too few meetings, so the guide's quarterly rhythm is used
    next_planned: dt.date | None

    @property
    def overdue(self) -> bool:
        return self.days_since > GAP_FACTOR * self.usual_gap

    def sentence(self) -> str:
        """The Health page's one line."""
        usual = (f"its usual gap of about {span(self.usual_gap)} between meetings" if self.from_history
                 else f"the guide's quarterly rhythm of about {span(self.usual_gap)}")
        then = (f" The next one is planned for {words.day(self.next_planned, '%B %Y')}." if self.next_planned
                else " Plan the next one.")
        return (f"No full-partnership meeting since {words.day(self.last_met, '%B %Y')}, "
                f"{span(self.days_since)} ago: "
                f"more than twice {usual} (this product's default test).{then}")


def span(days: int) -> str:
    """A number of days in words: '40 days', '5 months', '4 years'."""
    if days < 60:
        return f"{days} day{'s' if days != 1 else ''}"
    months = round(days / 30.44)
    if months < 24:
        return f"{months} months"
    return f"{round(days / 365.25)} years"


def meeting_gap(conn: Connection, *, partnership_id: int, as_of: dt.date) -> MeetingGap | None:
    """The gap since the last full-partnership meeting on or before ``as_of`` (None before the first)."""
    row = conn.execute(
        """WITH held AS (SELECT DISTINCT date FROM meeting WHERE partnership_id = $p
                         AND (kind = ANY($k)) AND date <= $d),
                recent AS (SELECT date FROM held ORDER BY date DESC LIMIT $n),
                gaps AS (SELECT date - lag(date) OVER (ORDER BY date) AS gap FROM recent)
           SELECT (SELECT max(date) FROM held),
                  (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY gap) FROM gaps),
                  (SELECT count(gap) FROM gaps),
                  (SELECT min(date) FROM meeting WHERE partnership_id = $p AND (kind = ANY($k))
                     AND date > $d)""",
        {"p": partnership_id, "k": list(FULL_KINDS), "d": as_of, "n": RECENT_MEETINGS},
    ).fetchall()[0]
    last, median, gaps, planned = row
    if last is None:
        return None
    from_history = int(gaps) >= MIN_GAPS and median is not None and float(median) > 0
    usual = round(float(median)) if from_history else GUIDE_GAP_DAYS
    return MeetingGap(last_met=last, days_since=(as_of - last).days, usual_gap=usual,
                      from_history=from_history, next_planned=planned)


def gap_note(conn: Connection, *, partnership_id: int, as_of: dt.date) -> str | None:
    """One line when the partnership has not met for more than twice its usual gap, else None."""
    gap = meeting_gap(conn, partnership_id=partnership_id, as_of=as_of)
    return gap.sentence() if gap is not None and gap.overdue else None


def uncounted_note(conn: Connection, *, partnership_id: int, as_of: dt.date,
                   advice: bool = True) -> str | None:
    """One line when some meetings up to ``as_of`` count nowhere: marked other, or an action-team
    meeting with no team; None when every meeting counts. ``advice``: end with where to fix them."""
    other, teamless = conn.execute(
        """SELECT count(*) FILTER (WHERE kind = 'other'),
                  count(*) FILTER (WHERE kind = 'action_team' AND action_team_id IS NULL)
           FROM meeting WHERE partnership_id = ? AND date <= ?""",
        [partnership_id, as_of],
    ).fetchall()[0]
    total = int(other) + int(teamless)
    if not total:
        return None
    parts = [f"{other} marked Other" if other else "",
             f"{teamless} action-team meeting{'s' if teamless != 1 else ''} with no team chosen"
             if teamless else ""]
    what = " and ".join(p for p in parts if p)
    said = f"{total} meeting{'s are' if total != 1 else ' is'} not counted on the Health overview ({what})."
    if not advice:
        return said
    return (f"{said} If {'they were' if total != 1 else 'it was'} a partnership or action-team meeting, set "
            f"{'their' if total != 1 else 'its'} kind on the Meetings page.")
