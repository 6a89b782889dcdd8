"""What the practitioner guide advises, quoted or paraphrased, with credit.

The guide's content is free to use with attribution; its name and logo are
reserved for official materials, so the product credits it and never
borrows its brand.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum

from refresh_core import words
from refresh_core.enums import SignId

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

ATTRIBUTION = "Adapted from the Next Gen Sector Partnership toolkit, Institute for Networked Communities."

SIGN_TITLES: dict[SignId, str] = {
    SignId.INDUSTRY_ENGAGEMENT_WANING: "Industry engagement is waning",
    SignId.SAME_CORE_GROUP: "The same core group, no new members",
    SignId.SECTOR_CHANGED: "The sector or economy has changed",
    SignId.AGENDA_STALE: "The agenda has gotten stale",
}

SIGN_ADVICE: dict[SignId, str] = {
    SignId.INDUSTRY_ENGAGEMENT_WANING: (
        "The top indicator that you need a refresh is that industry engagement starts to drop "
        "off: fewer industry leaders at quarterly meetings, or action teams without active "
        "industry participants. If your meetings have more public partners in the room than "
        "industry leaders, you need a reset."
    ),
    SignId.SAME_CORE_GROUP: (
        "Relying on a small core is often how things get done, but a partnership should keep "
        "attracting new members: mid-level managers from companies already involved, and new "
        "companies that have not yet taken part. A refresh brings in new voices and new energy."
    ),
    SignId.SECTOR_CHANGED: (
        "Consider where the industry was when the partnership launched. Think about market "
        "forces, new companies locating in the region, regulatory changes, technology and global "
        "events. If the original agenda is less relevant, a refresh lets you refocus on the most "
        "pressing priorities facing the industry today."
    ),
    SignId.AGENDA_STALE: (
        "A partnership focused on a single priority, or losing steam on all of them, needs new "
        "energy. In a healthy partnership, new priorities are identified regularly at quarterly "
        "meetings; if that has not happened in a while, it is time for a refresh."
    ),
}

REFLECTION_QUESTIONS: dict[str, str] = {
    "market_forces_changed": "Have market forces shifted for the industry?",
    "new_companies_changed": "Have new companies located in the region?",
    "regulation_changed": "Have regulations changed?",
    "technology_changed": "Has technology changed how the industry works?",
    "global_events_changed": "Have global events affected the industry here?",
}

CHANGE_LABELS: dict[str, str] = {
    "market_forces_changed": "market forces",
    "new_companies_changed": "new companies in the region",
    "regulation_changed": "regulation",
    "technology_changed": "technology",
    "global_events_changed": "global events",
}

EVIDENCE_LABELS: dict[str, str] = {
    "full_meetings": "Full-partnership meetings with attendance",
    "latest_meeting": "Latest full-partnership meeting",
    "latest_industry": "Industry leaders at it",
    "latest_public_partner": "Public partners at it",
    "industry_per_public": "Industry leaders per public partner",
    "recent_mean": "Average industry leaders, last 3 meetings",
    "prior_mean": "Average industry leaders, 3 meetings before",
    "change_pct": "Change in industry attendance",
    "teams_without_industry": "Active teams with no industry leader in 90 days",
    "first_meeting": "First meeting",
    "counted_from": "Counting newcomers since",
    "full_meetings_in_window": "Full-partnership meetings since then",
    "window_months": "Months looked at for the trend",
    "window_meetings": "Full-partnership meetings in that time",
    "unclassified_attendances": "Attendances from organisations not classified yet",
    "unclassified_attendees": "Attendees from organisations not classified yet",
    "unclassified_since": "Unclassified attendees counted since",
    "classify_first": "Organisations to classify first",
    "industry_people": "Industry leaders who came since then",
    "new_industry_people": "Of them, first-timers",
    "new_companies": "Companies new to the partnership",
    "core_share": "Share of industry attendance from the 5 most regular",
    "mid_level_engaged": "Mid-level managers who came",
    "answered_on": "Last reflection",
    "age_days": "Days since",
    "changes": "Changes noted",
    "agenda_still_fits": "Agenda still fits",
    "priorities": "Priorities recorded",
    "active": "Active priorities",
    "active_with_team_activity": "Active priorities with team meetings in 90 days",
    "new_at_recent_quarterlies": "New priorities at the last quarterly meetings",
    "recent_quarterlies": "Quarterly meetings looked at",
    "last_new_priority": "Last new priority identified",
    "last_new_from_full_meeting": "Last new priority from a full-partnership meeting",
}

#: Evidence kept for ``--json`` (a contract) but never shown to people: what a sign would say under
#: each reading of the unclassified (the summary says it in words), the count that decides whether it
#: waits, and the window's last uncounted day (``counted_from`` is the first counted one).
HIDDEN_EVIDENCE = frozenset(
    {"status_if_industry", "status_if_public", "classify_first_count", "window_start"}
)


def evidence_rows(evidence: dict[str, object]) -> list[tuple[str, str]]:
    """Evidence as (plain label, readable value) pairs for display, internal keys left out."""
    rows = []
    for key, value in evidence.items():
        if key in HIDDEN_EVIDENCE:
            continue
        if isinstance(value, bool):
            shown = "yes" if value else "no"
        elif isinstance(value, list | tuple):
            shown = ", ".join(CHANGE_LABELS.get(str(v), str(v)) for v in value) or "none"
        elif isinstance(value, float) and key.endswith("share"):
            shown = f"{value:.0%}"
        elif key == "change_pct":
            shown = f"{value:+}%"
        elif isinstance(value, str) and _ISO_DATE.fullmatch(value):
            shown = words.day(dt.date.fromisoformat(value))
        elif value is None:
            shown = "—"
        else:
            shown = str(value)
        rows.append((EVIDENCE_LABELS.get(key, key.replace("_", " ")), shown))
    return rows


# The guide's examples of core principles (R11), offered as suggestions, never imposed:
# "Playing the long game vs. quick fixes. Networks vs. hierarchies. Industry-driven vs.
# public partner-driven." and "Continuous improvement, centering equity, action-focused".
PRINCIPLE_EXAMPLES: tuple[str, ...] = (
    "Industry-driven, not public partner-driven",
    "Networks, not hierarchies",
    "Playing the long game, not quick fixes",
    "Action-focused",
    "Continuous improvement",
    "Centering equity",
)


class Source(StrEnum):
    GUIDE = "from the guide"
    DEFAULT = "this product's default"


@dataclass(frozen=True)
class Provenance:
    """Where a number comes from: the guide's own words, or this product's reasoning."""

    source: Source
    text: str  # the guide's words (verbatim) or the reasoning behind the default

    @property
    def credit(self) -> str:
        """One sentence for the UI: the guide is credited only for its own numbers."""
        if self.source is Source.GUIDE:
            return f"From the guide: \u201c{self.text}\u201d ({ATTRIBUTION.rstrip('.')})."
        return f"This product's default, not the guide's: {self.text}"


def _guide(quote: str) -> Provenance:
    return Provenance(Source.GUIDE, quote)


def _default(reason: str) -> Provenance:
    return Provenance(Source.DEFAULT, reason)


_TWO_WEEKS = _guide(
    "Within no more than two weeks of the meeting, distribute a survey to all participants and set up "
    "follow-up meetings for each action team."
)

# Every number the advice and the diagnostics use, by name; health thresholds as
# "health.<section>.<key>" of thresholds.toml. tests/test_provenance.py checks that every
# guide quote is in the guide and that every threshold has an entry.
NUMBERS: dict[str, Provenance] = {
    "recruitment.goal": _guide("A successful relaunch meeting engages at least 20 business leaders"),
    "recruitment.follow_up_days": _default(
        "5 days after the ask, while it is still fresh; the guide says only that a follow-up phone "
        "call goes a long way."),
    "recruitment.crunch_days": _default(
        "the last 14 days before the meeting leave just enough time for the remaining calls; the "
        "guide sets no date."),
    "recruitment.default_show_rate": _default(
        "4 in 5 confirmed people are assumed to come until 5 confirmations at your past meetings "
        "have attendance recorded and give your own rate."),
    "followup.survey_days": _TWO_WEEKS,
    "followup.team_meeting_days": _TWO_WEEKS,
    "followup.full_meeting_days": _guide("Set a second meeting of the full partnership within 90 days"),
    "followup.one_on_one_days": _default(
        "the guide asks for a few one-on-one follow up conversations with new champions but gives no "
        "deadline; 30 days keeps them close to the meeting."),
    "agenda.part_minutes": _guide("A strong agenda has five (5) parts"),
    "agenda.where_we_are_cap": _guide("Spend no more than 15 minutes here."),
    "agenda.introduction_minutes": _default(
        "about a minute per person for name, company and one sentence; the guide says to hear "
        "introductions from all industry leaders in the room but gives no time per person."),
    "agenda.room_setup": _default(
        "the checklist is ours; the guide points to its launch meeting's room setup without "
        "listing it here."),
    "health.industry_engagement.public_outnumber": _guide(
        "If your meetings start to have more public partners in attendance than industry leaders, you "
        "need a reset."),
    "health.industry_engagement.watch_ratio_low": _default(
        "the guide flags public partners outnumbering industry leaders; 1.0 to 1.5 industry leaders "
        "per public partner is this product's early-warning band."),
    "health.industry_engagement.watch_ratio_high": _default(
        "the top of the early-warning band: at 3 industry leaders to 2 public partners or more, the "
        "room is clearly industry-led."),
    "health.industry_engagement.window_months": _default(
        "9 months of regular full meetings (3 quarterly, 4-5 bimonthly or 9 monthly) smooth out one poor "
        "turnout; the guide says only \u201cfewer industry leaders\u201d."),
    "health.industry_engagement.flag_share": _default(
        "a fall of a quarter or more in average industry attendance is a clear drop."),
    "health.industry_engagement.watch_share": _default("a fall of 10 to 25% is worth watching."),
    "health.industry_engagement.team_activity_days": _default(
        "a quarter without an industry leader at any of a team's meetings reads as the guide's "
        "\u201caction teams without active industry participants\u201d."),
    "health.industry_engagement.min_meetings": _default(
        "with fewer than 2 full meetings there is nothing to compare."),
    "health.same_core_group.window_months": _default(
        "a year of meetings tells newcomers from regulars; the guide says \u201cfor a while\u201d."),
    "health.same_core_group.watch_new_share": _default(
        "fewer than 1 in 10 industry attendees new in a year is a partnership no longer attracting "
        "new members."),
    "health.same_core_group.core_size": _default(
        "the 5 most regular people stand for the \u201csmall core\u201d the guide warns about."),
    "health.sector_changed.stale_months": _default(
        "a reflection older than a year is worth revisiting; the guide gives no schedule."),
    "health.agenda_stale.recent_months": _default(
        "6 months of full meetings (2 quarterly, 3 bimonthly or 6 monthly) without a new priority, with "
        "one priority or no team activity, is losing steam; the guide expects new priorities "
        "\u201cregularly at quarterly meetings\u201d."),
    "health.agenda_stale.activity_days": _default(
        "a priority whose team has not met in a quarter has lost steam."),
    "health.agenda_stale.new_priority_months": _default(
        "a year without a new priority from a full meeting is how this product reads the guide's "
        "\u201cif that hasn't happened in a while\u201d."),
    "health.verdict.watch_signs_for_refresh": _default(
        "2 signs on watch at once add up to a refresh, as one flagged sign does."),
}
