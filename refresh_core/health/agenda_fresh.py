"""Sign 4's "in a while": has any full-partnership meeting produced a new priority lately?

The guide: "In a healthy partnership, new priorities are identified regularly at
quarterly meetings. If that hasn't happened in a while, it's time for a refresh."
A priority came from a full-partnership meeting (quarterly, launch, refresh) when it
was recorded at one, or identified on the day one was held. How long "a while" is
comes from ``thresholds.toml`` (``[agenda_stale] new_priority_months``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from refresh_core.db import Connection, one
from refresh_core.enums import FULL_KINDS


@dataclass(frozen=True)
class AgendaFreshness:
    since: dt.date  # the start of the look-back window
    judged: bool  # False while the partnership has not met for the whole window
    last_new: dt.date | None  # the latest new priority from a full meeting, up to "as of"

    @property
    def stale(self) -> bool:
        """No new priority from a full meeting since ``since``, over a window we can judge."""
        return self.judged and (self.last_new is None or self.last_new <= self.since)


def agenda_freshness(
    conn: Connection, *, partnership_id: int, since: dt.date, as_of: dt.date
) -> AgendaFreshness:
    """When a full-partnership meeting last produced a new priority, and whether the
    partnership's full meetings go back to ``since`` (else "in a while" cannot be judged)."""
    row = one(
        conn,
        """WITH full_m AS (SELECT id, date FROM meeting WHERE partnership_id = $p
                           AND (kind = ANY($full)) AND date <= $d)
           SELECT (SELECT min(date) FROM full_m),
                  (SELECT max(identified_on) FROM priority WHERE partnership_id = $p AND identified_on <= $d
                     AND (identified_meeting_id IN (SELECT id FROM full_m)
                          OR identified_on IN (SELECT date FROM full_m)))""",
        {"p": partnership_id, "d": as_of, "full": list(FULL_KINDS)},
    )
    first, last = row if row else (None, None)
    return AgendaFreshness(since=since, judged=first is not None and first <= since, last_new=last)
