"""Everything the Recruitment page shows for one meeting, read in one go.

A viewer (a champion's read-only link) gets only the counts: the status, with no
prospect table, names, contact details or asker list. The page's other panels (suggestions,
asker picker, invitation) are read only when shown.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from refresh_core.db import Connection
from refresh_core.meetings import get_meeting
from refresh_core.recruitment.askers import askers, people_choices, suggested_askers
from refresh_core.recruitment.invitations import Template, get_template, meeting_values
from refresh_core.recruitment.prospect_edits import asker_choices, editable_table
from refresh_core.recruitment.prospects import prospect_table
from refresh_core.recruitment.signature import Signature, signature
from refresh_core.recruitment.status import RecruitmentStatus, status_from_table
from refresh_core.recruitment.turnout import sync_attendance


@dataclass(frozen=True)
class RecruitmentView:
    status: RecruitmentStatus
    # The rest is empty for a viewer.
    table: pd.DataFrame = field(default_factory=pd.DataFrame)  # prospects.prospect_table
    editable: pd.DataFrame = field(default_factory=pd.DataFrame)  # prospect_edits.editable_table
    asker_choices: dict[str, int] = field(default_factory=dict)
    askers: pd.DataFrame = field(default_factory=pd.DataFrame)
    prospect_labels: dict[str, int] = field(default_factory=dict)  # 'Name (Organisation)' -> prospect


def prospect_labels(table: pd.DataFrame) -> dict[str, int]:
    """'Name (Organisation)' -> prospect id for pickers; a repeated label gets the prospect's number."""
    labels: dict[str, int] = {}
    for pid, name, org in zip(table["prospect_id"].tolist(), table["name"].tolist(),
                              table["organisation"].tolist(), strict=True):
        label = f"{name} ({org if isinstance(org, str) else 'no organisation'})"
        labels[f"{label} #{pid}" if label in labels else label] = int(pid)
    return labels


def recruitment_view(
    conn: Connection, *, meeting_id: int, as_of: dt.date, convener: bool
) -> RecruitmentView:
    """The page's data. For a convener, attendance is first synced into the prospects (a write
    only when something changed); a viewer's read never writes and sees the same counts."""
    meeting = get_meeting(conn, meeting_id=meeting_id)
    if convener:
        sync_attendance(conn, meeting_id=meeting_id, meeting=meeting)
    table = prospect_table(conn, meeting_id=meeting_id, as_of=as_of, meeting=meeting)
    roster = askers(conn, meeting_id=meeting_id) if convener else None
    status = status_from_table(conn, meeting=meeting, as_of=as_of, table=table, roster=roster)
    if not convener or roster is None:
        return RecruitmentView(status)
    choices = asker_choices(roster)
    return RecruitmentView(status=status, table=table, editable=editable_table(table, choices),
                           asker_choices=choices, askers=roster, prospect_labels=prospect_labels(table))


@dataclass(frozen=True)
class AskerPicker:
    suggested: pd.DataFrame  # askers.suggested_askers
    people: dict[str, int]  # everyone in the partnership, label -> person id


def asker_picker(conn: Connection, *, meeting_id: int) -> AskerPicker:
    """Who could be added as an asker: the suggestions first, then anyone."""
    meeting = get_meeting(conn, meeting_id=meeting_id)
    return AskerPicker(suggested_askers(conn, meeting_id=meeting_id, meeting=meeting),
                       people_choices(conn, partnership_id=meeting.partnership_id))


@dataclass(frozen=True)
class InvitationDraft:
    template: Template
    shared_values: dict[str, str]  # the values every invitation for the meeting shares
    signature: Signature


def invitation_draft(conn: Connection, *, meeting_id: int) -> InvitationDraft:
    """The meeting's invitation text, who signs it, and the values shared by every copy."""
    meeting = get_meeting(conn, meeting_id=meeting_id)
    signed = signature(conn, meeting_id=meeting_id, meeting=meeting)
    return InvitationDraft(
        template=get_template(conn, meeting_id=meeting_id), signature=signed,
        shared_values=meeting_values(conn, meeting_id=meeting_id, meeting=meeting, signed=signed))
