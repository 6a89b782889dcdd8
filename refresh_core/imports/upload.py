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

import duckdb
import pandas as pd

from refresh_core.errors import RefreshError
from refresh_core.imports.apply import ImportPlan, file_digest, plan_import
from refresh_core.imports.mappings import parse_upload
from refresh_core.ingest import Format, ImportFileError, UnrecognisedFormat

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

    @property
    def importable(self) -> bool:
        return self.plan is not None and self.plan.ready and self.plan.already_imported is None


def prepare_upload(
    conn: duckdb.DuckDBPyConnection,
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
    """Read and plan one uploaded file; never raises for a problem with the file itself."""
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


def edited_meetings(base: pd.DataFrame, edited: pd.DataFrame) -> pd.DataFrame | None:
    """The convener's meeting edits as overrides (None when they changed nothing)."""
    columns = ["key", "date", "title", "kind"]
    if edited.empty or base[columns].astype(str).equals(edited[columns].astype(str)):
        return None
    out = edited[columns].copy().astype(object)
    before = base.set_index("key").reindex(out["key"])
    for column in ("date", "title", "kind"):  # only what was changed, so a new title can still set the kind
        same = before[column].astype(str).to_numpy() == out[column].astype(str).to_numpy()
        out.loc[same, column] = None
    return out


def confidence_label(confidence: float) -> str:
    """How sure the detection is, in words."""
    if confidence >= 0.9:
        return f"very likely ({confidence:.0%})"
    if confidence >= 0.6:
        return f"likely ({confidence:.0%})"
    return f"a guess ({confidence:.0%}); check the preview"
