"""The preview of an import: what a planned file would add, shaped for the Import page.

Nothing here writes to the database.
"""

from __future__ import annotations

import pandas as pd

from refresh_core.imports.plan import Computed
from refresh_core.imports.results import AlreadyImported, ImportPlan, ImportRequest


def preview(request: ImportRequest, plan: Computed, done: AlreadyImported | None) -> ImportPlan:
    """What the Import page shows before saving: meetings, people new and matched, review items."""
    parsed, people = request.parsed, plan.people
    names = dict(zip(plan.new_orgs["ref"], plan.new_orgs["name"], strict=True))
    shown = pd.DataFrame(
        {
            "full_name": people["full_name"],
            "email": people["email"],
            "organisation": people["org_ref"].map(lambda r: names.get(r, _ref_name(r))),
            "status": people["person_id"].map(lambda v: "new" if pd.isna(v) else "matched"),
            "how": people["how"].fillna("new person"),
        }
    )
    by_identity = people.set_index("identity")["full_name"]
    reviews = plan.reviews.assign(
        person=plan.reviews["identity"].map(by_identity),
        candidate_new=plan.reviews["candidate_identity"].map(by_identity),
    )
    meetings = plan.meetings.assign(new=plan.meetings["meeting_id"].isna())
    new = int(people["person_id"].isna().sum())
    warnings = [*parsed.warnings, *plan.warnings] + ([done.sentence()] if done else [])
    return ImportPlan(
        request,
        meetings[["key", "date", "title", "kind", "action_team_id", "kind_from", "attendees", "new"]],
        shown,
        reviews.drop(columns=["identity", "candidate_identity"]),
        parsed.rejected,
        len(parsed.rows) + len(parsed.rejected) + parsed.merged,
        int((~plan.attendance["exists"]).sum()),
        new,
        len(people) - new,
        tuple(warnings),
        plan.problems,
        done,
    )


def _ref_name(ref: object) -> str | None:
    return None if not isinstance(ref, str) else ref.split(":", 1)[1]
