"""Recruitment warnings tied to the guide's rules, added after the campaign's own warnings.

- R7 (20 in the room): confirmations reached 20 but expected turnout did not (``goal``).
- R8 (civic entrepreneurs): "careful attention to recruiting the right 'civic
  entrepreneurs' is essential": none among the confirmed industry leaders.
- R15/R16 (a peer's ask): the invitation "should ideally come from a business leader
  ... addressed to their industry peers", and the follow-up calls are divided "among
  your public partner team and industry champions": no industry champion among the
  askers, or champions who ask but have no calls assigned.

Only while the meeting is ahead: afterwards there is nobody left to ask.
"""

from __future__ import annotations

import pandas as pd

from refresh_core.guidance import NUMBERS
from refresh_core.recruitment.goal import GoalMeter

CHAMPION_ROLE = "Industry champion"  # askers.askers' role for an industry champion of a team


def civic_warning(*, industry_confirmed: int, civic_confirmed: int) -> str | None:
    """R8: industry leaders confirmed, none of them a civic entrepreneur."""
    if not industry_confirmed or civic_confirmed:
        return None
    who = ("The industry leader who confirmed is not" if industry_confirmed == 1
           else f"None of the {industry_confirmed} industry leaders who confirmed is")
    return (f"{who} marked a civic entrepreneur. The guide: careful attention to recruiting the right "
            "\u201ccivic entrepreneurs\u201d (collaborative, strategic leaders who see their company, "
            "their industry and the community as interdependent) is essential. Tick the traits of those "
            "who have them on the prospect list, or ask some who do.")


def champion_warnings(*, prospects: int, per_asker: pd.DataFrame) -> list[str]:
    """R15/R16: no industry champion asks, or the champions who ask have no calls."""
    if not prospects:
        return []
    champions = per_asker[per_asker["role"] == CHAMPION_ROLE]
    if champions.empty:
        if len(per_asker) == 1:  # (the prospect list's 'The one prospect has not', for one asker)
            others = "The one asker is not an industry champion"
        elif len(per_asker):
            others = f"None of the {len(per_asker):,} askers is an industry champion"
        else:
            others = "Nobody is asking yet, so no industry champion is among the askers"
        return [f"{others}. The guide: the invitation should "
                "come from business leaders to their industry peers, and the follow-up calls are divided "
                "among your public partner team and industry champions. Add the champions as askers "
                "(the Askers panel suggests them)."]
    if int(champions["assigned"].sum()) == 0 and int(per_asker["assigned"].sum()) > 0:
        names = ", ".join(str(n) for n in champions["asker"])
        return [f"The industry {'champion' if len(champions) == 1 else 'champions'} among the askers "
                f"({names}) {'has' if len(champions) == 1 else 'have'} no calls assigned while others do. "
                "The guide: divide up the calls among your public partner team and industry champions; "
                "a call from a peer is what makes the ask personal."]
    return []


def guide_warnings(
    meter: GoalMeter, *, civic_confirmed: int, prospects: int, per_asker: pd.DataFrame
) -> list[str]:
    """The guide's recruitment rules that the campaign breaks, while the meeting is ahead."""
    if meter.held:
        return []
    found = [meter.turnout_warning,
             civic_warning(industry_confirmed=meter.confirmed, civic_confirmed=civic_confirmed)]
    return [w for w in found if w] + champion_warnings(prospects=prospects, per_asker=per_asker)


def defaults_note(*, default_show_rate: bool) -> str:
    """Which numbers in the recruitment warnings are this product's, not the guide's."""
    used = [("5-day follow-up call", "recruitment.follow_up_days"),
            ("14-day final push", "recruitment.crunch_days")]
    if default_show_rate:
        used.append(("80% show rate", "recruitment.default_show_rate"))
    return ("This product's defaults, not the guide's: "
            + "; ".join(f"the {label} ({NUMBERS[key].text.rstrip('.')})" for label, key in used) + ".")
