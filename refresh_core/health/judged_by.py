"""Where the health signs' numbers come from, for the Health page: each threshold in force with
its value and its source, "from the guide" (with the guide's words) or "this product's default"
(with the reasoning), from ``guidance.NUMBERS``. The guide is credited only for its own rule."""

from __future__ import annotations

import dataclasses

import pandas as pd

from refresh_core.guidance import NUMBERS
from refresh_core.health.thresholds import Thresholds

# Plain words for each thresholds.toml key ("section.key").
LABELS: dict[str, str] = {
    "industry_engagement.public_outnumber": "Flag when public partners outnumber industry leaders",
    "industry_engagement.watch_ratio_low": "Watch from this many industry leaders per public partner",
    "industry_engagement.watch_ratio_high": "... up to (not including) this many",
    "industry_engagement.window_months": "Months of regular full meetings averaged for the trend",
    "industry_engagement.flag_share": "Flag when industry attendance falls to this share",
    "industry_engagement.watch_share": "Watch when it falls below this share",
    "industry_engagement.team_activity_days": "Days an active team may go without an industry leader",
    "industry_engagement.min_meetings": "Full meetings needed to judge the sign",
    "same_core_group.window_months": "Months looked back for new members",
    "same_core_group.watch_new_share": "Watch below this share of new industry attendees",
    "same_core_group.core_size": "People counted as the core group",
    "sector_changed.stale_months": "Months before a reflection on the sector is due again",
    "agenda_stale.recent_months": "Months of recent full meetings checked for a new priority",
    "agenda_stale.activity_days": "Days without a team meeting before a priority has lost steam",
    "agenda_stale.new_priority_months": (
        "Months without a new priority from a full meeting (\u201cin a while\u201d)"
    ),
    "verdict.watch_signs_for_refresh": "Signs on watch that add up to a refresh",
}


def _shown(key: str, value: object) -> str:
    if isinstance(value, float) and key.endswith("share"):
        return f"{value:.0%}"
    return f"{value:g}" if isinstance(value, float) else str(value)


def judged_by(thresholds: Thresholds) -> pd.DataFrame:
    """One row per number the signs use: what, value, source, why (the quote or the reasoning)."""
    values: dict[str, object] = {"industry_engagement.public_outnumber": ""}
    for section, numbers in dataclasses.asdict(thresholds).items():
        values.update({f"{section}.{key}": value for key, value in numbers.items()})
    rows = []
    for key, value in values.items():
        found = NUMBERS.get(f"health.{key}")
        rows.append({
            "what": LABELS.get(key, key.replace("_", " ").replace(".", ": ")),
            "value": _shown(key, value),
            "source": found.source.value if found else "not documented",
            "why": found.text if found else "",
        })
    return pd.DataFrame(rows, columns=["what", "value", "source", "why"])


def judged_by_lines(frame: pd.DataFrame) -> dict[str, list[str]]:
    """The rows as sentences under a heading per source, the guide's first: "Rule: value. Why." """
    out: dict[str, list[str]] = {}
    ordered = frame.sort_values("source", key=lambda s: s != "from the guide", kind="stable")
    for r in ordered.to_dict("records"):
        what, value, source, why = (str(r[k]) for k in ("what", "value", "source", "why"))
        why = f"\u201c{why}\u201d" if source == "from the guide" else why[:1].upper() + why[1:]
        head = f"{what}: {value}." if value else f"{what}."
        heading = "From the guide" if source == "from the guide" else "This product's defaults"
        out.setdefault(heading, []).append(f"{head} {why}")
    return out
