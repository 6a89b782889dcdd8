"""The result types of importing: the request, the preview (plan) and the outcome."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from refresh_core import words
from refresh_core.enums import OrgKind, PublicSubtype, Role
from refresh_core.imports.meeting_groups import MeetingChoice
from refresh_core.imports.plan import Computed
from refresh_core.ingest import Format, ParsedFile
from refresh_core.meetings import KIND_LABELS


@dataclass(frozen=True)
class AlreadyImported:
    batch_id: int
    imported_at: dt.datetime
    file_name: str
    number: int | None = None  # the partnership's number for the import ("Import 3" in its history)

    def sentence(self) -> str:
        if self.batch_id < 0:  # (a file above in the same upload, imported for the previews only)
            return f"This file has the same content as {self.file_name!r} above, so it is imported once."
        return (
            f"This file was already imported on {words.day(self.imported_at)} at "
            f"{self.imported_at:%H:%M} UTC "
            f"(import {self.number or self.batch_id}, as {self.file_name!r}); nothing was changed."
        )


@dataclass(frozen=True, eq=False)
class ImportRequest:
    """What to import: the parsed file, its digest, and the user's meeting choices."""

    partnership_id: int
    parsed: ParsedFile
    sha256: str
    choice: MeetingChoice = field(default_factory=MeetingChoice)
    computed: Computed | None = None  # the preview's computation, reused while the data is unchanged
    state: str | None = None  # the database fingerprint it was computed against


@dataclass(frozen=True, eq=False)
class ImportPlan:
    """A preview of one file's import; nothing has been written."""

    request: ImportRequest
    meetings: pd.DataFrame  # key, date, title, kind, action_team_id, kind_from, attendees, new
    people: pd.DataFrame  # full_name, email, organisation, status ('new'|'matched'), how
    reviews: pd.DataFrame  # person, candidate_id, candidate, score, reason
    rejected: pd.DataFrame  # line, column, reason, raw
    rows_read: int
    attendance_new: int
    people_new: int
    people_matched: int
    warnings: tuple[str, ...]
    problems: tuple[str, ...]  # blocking: fix before importing
    already_imported: AlreadyImported | None

    @property
    def file_name(self) -> str:
        return self.request.parsed.file_name

    @property
    def format(self) -> Format:
        return self.request.parsed.format

    @property
    def ready(self) -> bool:
        return not self.problems

    def rows_in_words(self, *, limit: int = 500) -> pd.DataFrame:
        """The file's first ``limit`` rows as read, each closed-set value (affiliation, public partner
        type, meeting type, role) in a person's words, as the rest of the preview says them."""
        rows = self.request.parsed.rows.drop(columns=["checked_in"], errors="ignore").head(limit)
        words_of = {
            "affiliation": {k.value: k.label for k in OrgKind},
            "public_subtype": {k.value: k.label for k in PublicSubtype},
            "meeting_kind": {k.value: label for k, label in KIND_LABELS.items()},
            "role": {k.value: k.label for k in Role},
        }
        return rows.assign(**{
            column: rows[column].map(lambda v, said=said: said.get(v, v) if isinstance(v, str) else v)
            for column, said in words_of.items() if column in rows
        })

    def look_alikes(self) -> str | None:
        """The review pairs in words: those against people already here counted apart from those
        within the file (None when there are none)."""
        known = int(self.reviews["candidate_id"].notna().sum()) if len(self.reviews) else 0
        within = len(self.reviews) - known
        parts = ([f"{known} {'person' if known == 1 else 'people'} in this file may be someone already "
                  "here"] if known else []) + ([f"{within} {'pair' if within == 1 else 'pairs'} of people "
                                                 "within this file may be one person"] if within else [])
        if not parts:
            return None
        return (" and ".join(parts) + ". They are kept apart; after importing, merge or dismiss them "
                "under Possible duplicates on the People and organisations page.")


@dataclass(frozen=True)
class ImportResult:
    file: str
    format: str
    status: str  # imported | already_imported
    batch_id: int | None
    meetings: tuple[dict[str, Any], ...]
    rows_read: int
    rows_rejected: int
    attendance_added: int
    people_added: int
    people_matched: int
    warnings: tuple[str, ...]
    rejected: tuple[tuple[int, str, str], ...] = ()  # (line, column, reason) of rows not read

    def to_json(self) -> dict[str, Any]:
        """The command line's JSON shape for one file."""
        return {
            "file": self.file,
            "format": self.format,
            "status": self.status,
            "meetings": list(self.meetings),
            "rows_read": self.rows_read,
            "rows_rejected": self.rows_rejected,
            "attendance_added": self.attendance_added,
            "people_added": self.people_added,
            "people_matched": self.people_matched,
            "warnings": list(self.warnings),
        }

    def sentence(self, *, shown: int = 5) -> str:
        """What the import did, in one sentence for the convener: counts, then the first ``shown``
        meetings (a year of sign-ins names a hundred) and how many more."""
        listed = "; ".join(
            f"{m['title']} ({words.day(dt.date.fromisoformat(m['date']))}, "
            f"{words.count(m['attendees'], 'attendee')})"
            for m in self.meetings[:shown]
        )
        if len(self.meetings) > shown:
            more = words.count(len(self.meetings) - shown, "more meeting")
            listed += f"; and {more} (all on the Meetings page)"
        return (
            f"{self.file}: {words.count(self.attendance_added, 'attendance record')} added; "
            f"{words.count(self.people_added, 'new person', 'new people')}, {self.people_matched:,} matched. "
            f"{words.count(len(self.meetings), 'meeting')}: {listed}."
        )
