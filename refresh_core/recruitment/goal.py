"""The goal meter on turnout: industry leaders expected in the room, not promises.

G (the practitioner guide): "A successful relaunch meeting engages at least 20
business leaders". Confirmations are promises; the room is what counts. Before the
meeting, the meter is the expected industry turnout: industry leaders who already
came, plus those confirmed times this partnership's show rate (its basis shown,
``turnout.ShowRate``). The goal is reached only when that expectation reaches 20.
After the meeting day, the meter is the industry leaders recorded in the room (walk-ins
too), with the confirmations beside it; with no attendance recorded yet it says so instead of
showing an empty bar as a result.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from refresh_core import words
from refresh_core.recruitment.turnout import ShowRate

GOAL = 20  # G: "at least 20 business leaders"
_EPS = 1e-9  # 20 x 0.8 is 16.000000000000004 in floating point; never let that cross a line


@dataclass(frozen=True)
class GoalMeter:
    goal: int
    confirmed: int  # industry leaders confirmed (or attended)
    attended: int  # industry leaders who attended
    rate: ShowRate
    meeting_day: dt.date
    days_to_meeting: int
    attendance_recorded: bool  # any attendance recorded for the meeting day
    in_room: int = 0  # industry leaders recorded at the meeting, on the list or not (walk-ins count)

    @property
    def expected_exact(self) -> float:
        """Industry leaders expected in the room: those who came, plus the rest of the
        confirmed at the show rate."""
        return self.attended + (self.confirmed - self.attended) * self.rate.rate

    @property
    def expected(self) -> int:
        """The expectation in whole people, rounded down (never promise a person we don't have)."""
        return math.floor(self.expected_exact + _EPS)

    @property
    def held(self) -> bool:
        return self.days_to_meeting < 0

    @property
    def reached(self) -> bool:
        if self.held and self.attendance_recorded:
            return self.in_room >= self.goal
        return self.expected_exact + _EPS >= self.goal

    @property
    def confirm_more(self) -> int | None:
        """More industry confirmations needed to expect the goal in the room (None when the show
        rate is zero, so no number of confirmations would do)."""
        if self.reached:
            return 0
        if self.rate.rate <= 0:
            return None
        waiting = self.confirmed - self.attended
        return max(0, math.ceil((self.goal - self.attended) / self.rate.rate - _EPS) - waiting)

    @property
    def progress(self) -> float:
        """Share of the goal (0..1) for the bar: attended after the meeting, else expected."""
        value = self.in_room if self.held and self.attendance_recorded else self.expected_exact
        return min(1.0, value / self.goal) if self.goal else 1.0

    @property
    def basis(self) -> str:
        """How the expectation is worked out, in a sentence."""
        source = "a default" if self.rate.is_default else "your past meetings"
        return (f"{words.count(self.confirmed, 'industry leader')} confirmed, at a "
                f"show rate of {self.rate.rate:.0%} ({source})"
                + (f", {self.attended} of them already came" if self.attended else "") + ".")

    @property
    def takeaway(self) -> str:
        """The meter's headline sentence."""
        of_goal = f"of the {self.goal} the guide recommends"
        if self.held and self.attendance_recorded:
            came = words.count(self.in_room, "industry leader came", "industry leaders came")
            reached = ": goal reached" if self.reached else ""
            return (f"{came}, {of_goal}{reached}; {self.confirmed} had confirmed and {self.attended} of "
                    "them came.")
        if self.held:
            return (f"The meeting was on {words.day(self.meeting_day)}: import its sign-in sheet to see how "
                    f"many industry leaders came ({self.confirmed} had confirmed).")
        if self.confirmed == 0:
            more = self.confirm_more
            return (f"No industry leader has confirmed yet, {of_goal} in the room."
                    + (f" At a show rate of {self.rate.rate:.0%} that takes {more} confirmations."
                       if more is not None else ""))
        who = (words.count(self.expected, "industry leader") if self.expected
               else "fewer than one industry leader")
        head = f"About {who} expected in the room, {of_goal}"
        if self.reached:
            return f"{head}: goal reached. Basis: {self.basis}"
        more = self.confirm_more
        tail = (f" Confirm {more} more to expect {self.goal}." if more is not None
                else " Nobody who confirmed came last time: check the show rate's basis.")
        return f"{head}.{tail} Basis: {self.basis}"

    @property
    def turnout_warning(self) -> str | None:
        """R7: confirmations reached the goal but expected turnout did not (before the meeting)."""
        if self.held or self.confirmed < self.goal or self.reached:
            return None
        more = self.confirm_more
        ask = (f"Confirm {more} more to expect {self.goal} in the room."
               if more is not None else "Confirm more: at this show rate nobody is expected.")
        return (f"{self.confirmed} industry leaders have confirmed, but at a show rate of "
                f"{self.rate.rate:.0%} about {self.expected} are expected in the room, short of the "
                f"{self.goal} the guide recommends. {ask}")
