"""Sign 4's "in a while": has any full-partnership meeting produced a new priority lately?

The guide: "In a healthy partnership, new priorities are identified regularly at
quarterly meetings. If that hasn't happened in a while, it's time for a refresh."
A priority came from a full-partnership meeting (quarterly, launch, refresh) when it
was recorded at one, or identified on the day one was held. How long "a while" is
comes from ``thresholds.toml`` (``[agenda_stale] new_priority_months``). The facts come from sign 4's
set-based query (:mod:`refresh_core.health.signs.agenda`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class AgendaFreshness:
    since: dt.date  # the start of the look-back window
    judged: bool  # False while the partnership has not met for the whole window
    last_new: dt.date | None  # the latest new priority from a full meeting, up to "as of"

    @property
    def stale(self) -> bool:
        """No new priority from a full meeting since ``since``, over a window we can judge."""
        return self.judged and (self.last_new is None or self.last_new <= self.since)
