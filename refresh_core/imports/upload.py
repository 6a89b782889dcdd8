"""The import page's per-file step, kept out of the page so it can be tested without a browser.

For one uploaded file: read it (with the format the convener chose, a mapping they
made, or a mapping saved earlier for this header), then plan the import with the
meetings table as they edited it. The outcome says either what would be imported,
or that the columns need mapping (with the file's headers), or why it cannot be read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from refresh_core import words
from refresh_core.db import Connection
from refresh_core.enums import MeetingKind
from refresh_core.errors import RefreshError
from refresh_core.imports.apply import ImportPlan, file_digest, plan_import
from refresh_core.imports.mappings import parse_upload
from refresh_core.imports.meetings import KIND_FROM
from refresh_core.ingest import Format, ImportFileError, UnrecognisedFormat
from refresh_core.meetings import KindChoice, kind_label
from refresh_core.tables import blank, whole

FORMAT_LABELS = {
    "auto": "Detect automatically",
    Format.SIGNIN.value: "Sign-in sheet (CSV or Excel)",
    Format.FORMS.value: "Google Forms responses",
    Format.ZOOM.value: "Zoom participant report",
    Format.TEAMS.value: "Microsoft Teams attendance report",
    Format.MEET.value: "Google Meet attendance",
    Format.EVENTBRITE.value: "Eventbrite attendee list",
    Format.WEBEX.value: "Webex attendee report",
}
NOT_IN_FILE = ""


@dataclass(frozen=True, eq=False)
class Upload:
    """One file's state on the import page."""

    file_name: str
    plan: ImportPlan | None = None
    header: tuple[str, ...] | None = None  # the columns to map, when they were not recognised
    error: str | None = None
    after: int = 0  # how many files above this one its preview counts as imported first (see several)

    @property
    def importable(self) -> bool:
        return self.plan is not None and self.plan.ready and self.plan.already_imported is None


def prepare_upload(
    conn: Connection,
    *,
    partnership_id: int,
    data: bytes,
    file_name: str,
    format: str = "auto",
    date_order: str = "month_first",
    mapping: Mapping[str, str] | None = None,
    meetings: pd.DataFrame | None = None,
    meeting_date: dt.date | None = None,
    meeting_kind: str | None = None,
) -> Upload:
    """Read and plan one uploaded file; never raises for a problem with the file itself. (Several files
    uploaded together: :mod:`refresh_core.imports.several` plans each after the ones above it.)"""
    try:
        parsed = parse_upload(
            conn, partnership_id=partnership_id, data=data, file_name=file_name,
            format=None if format == "auto" else Format(format), date_order=date_order, mapping=mapping,
        )  # fmt: skip
    except UnrecognisedFormat as exc:
        return Upload(file_name, header=tuple(h for h in exc.header if h), error=str(exc))
    except ImportFileError as exc:
        return Upload(file_name, error=str(exc))
    try:
        plan = plan_import(
            conn, partnership_id=partnership_id, parsed=parsed, meetings=meetings, sha256=file_digest(data),
            meeting_date=meeting_date, meeting_kind=meeting_kind,
        )  # fmt: skip
    except RefreshError as exc:
        return Upload(file_name, error=str(exc))
    return Upload(file_name, plan=plan)


def mapping_options(header: tuple[str, ...]) -> list[str]:
    """Choices for each field's selectbox: 'not in this file', then the file's columns."""
    return [NOT_IN_FILE, *dict.fromkeys(h for h in header if h)]


def meetings_for_editing(meetings: pd.DataFrame, choices: list[KindChoice]) -> pd.DataFrame:
    """A plan's meetings as the import page shows them: the type in words (``type``) and how it was
    chosen (``type_from``), beside key, date, title, attendees and new."""
    labels = {(c.kind.value, c.team_id): c.label for c in choices}
    types = [labels.get((str(k), whole(t)), kind_label(str(k))) for k, t in
             zip(meetings["kind"], meetings["action_team_id"], strict=True)]
    return pd.DataFrame({
        "key": meetings["key"], "date": meetings["date"], "title": meetings["title"], "type": types,
        "type_from": meetings["kind_from"].map(KIND_FROM), "attendees": meetings["attendees"],
        "new": meetings["new"],
    })


def with_kinds(shown: pd.DataFrame, choices: list[KindChoice]) -> pd.DataFrame:
    """The edited table of :func:`meetings_for_editing` back in stored values (kind, action_team_id)."""
    by_label = {c.label: c for c in choices}
    picked = [by_label.get(str(label)) for label in shown["type"]]
    return shown.assign(
        kind=pd.Series([c.kind.value if c else None for c in picked], index=shown.index, dtype=object),
        action_team_id=pd.Series([c.team_id if c else None for c in picked], index=shown.index,
                                 dtype="Int64"),
    )


def _text(frame: pd.DataFrame) -> pd.DataFrame:
    """Cells as comparable text, every kind of missing value as "" (a handful of meetings)."""
    return frame.astype(object).map(lambda v: "" if blank(v) else str(v))


def edited_meetings(base: pd.DataFrame, edited: pd.DataFrame) -> pd.DataFrame | None:
    """The convener's meeting edits as overrides (None when they changed nothing). A kind and its
    action team (``action_team_id``, when the tables have it) change together."""
    columns = ["key", "date", "title", "kind"] + (["action_team_id"] if "action_team_id" in edited else [])
    if edited.empty or _text(base[columns]).equals(_text(edited[columns])):
        return None
    out = edited[columns].copy().astype(object)
    before = _text(base.set_index("key").reindex(out["key"]).reset_index()[columns])
    after = _text(out)
    for column in ("date", "title"):  # only what was changed, so a new title can still set the kind
        out.loc[before[column].to_numpy() == after[column].to_numpy(), column] = None
    kind_columns = [c for c in columns if c in ("kind", "action_team_id")]
    same = (before[kind_columns].to_numpy() == after[kind_columns].to_numpy()).all(axis=1)
    out.loc[same, kind_columns] = None
    return out


def uncounted_warnings(meetings: pd.DataFrame) -> list[str]:
    """A sentence for each new meeting that would count nowhere (other, or an action team not chosen)."""
    new = meetings[meetings["new"].astype(bool)]
    other = new[new["kind"] == MeetingKind.OTHER.value]
    teamless = new[(new["kind"] == MeetingKind.ACTION_TEAM.value) & new["action_team_id"].isna()]
    return [
        *(f"{_named(t, d)} will be saved as Other (not counted): it will not count on the Health overview. "
          "If it was a partnership or action-team meeting, change its type in the table."
          for t, d in zip(other["title"], other["date"], strict=True)),
        *(f"{_named(t, d)} is an action-team meeting with no team chosen: it will not count for any team "
          "until you pick its team in the table (or later on the Meetings page)."
          for t, d in zip(teamless["title"], teamless["date"], strict=True)),
    ]


def _named(title: object, day: object) -> str:
    """A meeting as a sentence names it: its title in quotes, else what is known of it."""
    if not blank(title):
        return f"'{title}'"
    if blank(day):
        return "The meeting with no title or date"
    return f"The untitled meeting of {words.day(pd.Timestamp(str(day)).date())}"


def confidence_label(confidence: float) -> str:
    """How sure the detection is, in words."""
    if confidence >= 0.9:
        return f"very likely ({confidence:.0%})"
    if confidence >= 0.6:
        return f"likely ({confidence:.0%})"
    return f"a guess ({confidence:.0%}); check the preview"
