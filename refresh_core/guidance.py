"""What the practitioner guide advises, quoted or paraphrased, with credit.

The guide's content is free to use with attribution; its name and logo are
reserved for official materials, so the product credits it and never
borrows its brand.
"""

from __future__ import annotations

import datetime as dt
import re

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
    "window_start": "Counting newcomers since",
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
}


def evidence_rows(evidence: dict[str, object]) -> list[tuple[str, str]]:
    """Evidence as (plain label, readable value) pairs for display."""
    rows = []
    for key, value in evidence.items():
        if isinstance(value, bool):
            shown = "yes" if value else "no"
        elif isinstance(value, list | tuple):
            shown = ", ".join(CHANGE_LABELS.get(str(v), str(v)) for v in value) or "none"
        elif isinstance(value, float) and key.endswith("share"):
            shown = f"{value:.0%}"
        elif key == "change_pct":
            shown = f"{value:+}%"
        elif isinstance(value, str) and _ISO_DATE.fullmatch(value):
            shown = dt.date.fromisoformat(value).strftime("%d %b %Y")
        elif value is None:
            shown = "—"
        else:
            shown = str(value)
        rows.append((EVIDENCE_LABELS.get(key, key.replace("_", " ")), shown))
    return rows
