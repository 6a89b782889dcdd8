"""Editing prospects: who asks them, how, their civic-entrepreneur traits, and their status,
one at a time or as a whole edited table (what the page's table editor returns).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import pandas as pd

from refresh_core.db import Connection, registered, transaction
from refresh_core.enums import OrgKind
from refresh_core.errors import ValidationError
from refresh_core.meetings import get_meeting
from refresh_core.recruitment.contacts import CONTACT_COLUMNS, contact_updates, write_contacts
from refresh_core.recruitment.pipeline import (
    CHANNEL_LABELS,
    CIVIC_TRAITS,
    STATUS_LABELS,
    Channel,
    ProspectStatus,
    parse_channel,
    parse_status,
)
from refresh_core.recruitment.prospects import meeting_of
from refresh_core.recruitment.steps import check_steps, write_steps
from refresh_core.tables import blank

# An organisation's kind in words ("unknown": the stored value before migration 007).
KIND_LABELS = {**{k.value: k.label for k in OrgKind}, "unknown": OrgKind.UNCLASSIFIED.label}
GUESSED = " (guessed)"  # a kind guessed from an email domain alone, until confirmed on People
EDITABLE = ["status", "asker", "channel", *CIVIC_TRAITS, *CONTACT_COLUMNS]
TABLE_COLUMNS = ["prospect_id", "person_id", "name", "organisation", "kind", "title", "status", "status_on",
                 "asker", "channel", *CIVIC_TRAITS, "new_company", "phone", "email"]


def asker_choices(roster: pd.DataFrame) -> dict[str, int]:
    """Label -> person id for a meeting's askers (see askers.askers): their names, with the
    organisation added when two share one."""
    names = roster["name"].tolist()
    choices: dict[str, int] = {}
    for pid, name, org in zip(roster["person_id"].tolist(), names, roster["organisation"].tolist(),
                              strict=True):
        label = name if names.count(name) == 1 else f"{name} ({org if isinstance(org, str) else '?'})"
        choices[label if label not in choices else f"{label} #{pid}"] = int(pid)
    return choices


def editable_table(table: pd.DataFrame, choices: dict[str, int]) -> pd.DataFrame:
    """The prospect table (see prospects.prospect_table) with labels for the editor."""
    by_id = {v: k for k, v in choices.items()}
    out = table.copy()
    kinds = out["org_kind"].map(KIND_LABELS).astype(object)
    guessed = out["org_kind_source"].eq("guess").fillna(False).astype(bool)
    guessed &= out["org_kind"].ne("unclassified")
    out["kind"] = kinds.where(~guessed, kinds + GUESSED)
    out["status"] = out["status"].map({s.value: label for s, label in STATUS_LABELS.items()})
    asker_ids = out["asker_id"].astype("Int64")
    labels = {int(a): by_id.get(int(a), out_label(a)) for a in asker_ids.dropna().unique()}
    out["asker"] = asker_ids.map(labels).astype(object).where(asker_ids.notna(), None)
    channels = out["channel"].map({c.value: label for c, label in CHANNEL_LABELS.items()}).astype(object)
    out["channel"] = channels.where(channels.notna(), None)
    for trait in CIVIC_TRAITS:
        out[trait] = out[trait].astype(bool)
    return out[TABLE_COLUMNS].reset_index(drop=True)


def out_label(asker_id: object) -> str:
    return f"person #{asker_id}"


def _changes(current: pd.DataFrame, edited: pd.DataFrame) -> pd.DataFrame:
    merged = current.merge(edited[["prospect_id", *EDITABLE]], on="prospect_id", suffixes=("", "_new"))
    differs = pd.Series(False, index=merged.index)
    for column in EDITABLE:
        old, new = merged[column].astype(object), merged[f"{column}_new"].astype(object)
        differs |= ~((old == new) | (old.map(blank) & new.map(blank)))
    return merged[differs]


def save_edits(
    conn: Connection, *, meeting_id: int, current: pd.DataFrame, edited: pd.DataFrame,
    choices: dict[str, int], on: dt.date,
) -> int:
    """Apply the rows of ``edited`` that differ from ``current`` (both from :func:`editable_table`)
    in one transaction: a new status is a step dated ``on``; an edited email, phone or job title
    is stored on the person. Returns how many prospects changed."""
    changed = _changes(current, edited)
    if changed.empty:
        return 0
    status = changed["status_new"].map(lambda s: _status(s).value)
    moved = changed[status != changed["status"].map(lambda s: _status(s).value)]
    steps = pd.DataFrame({"prospect_id": moved["prospect_id"], "status": status[moved.index]})
    check_steps(conn, meeting_id=meeting_id, steps=steps, on=on)
    contacts = contact_updates(changed)
    updates = pd.DataFrame({
        "prospect_id": changed["prospect_id"].astype("int64"),
        "asker_id": changed["asker_new"].map(lambda a: _asker(a, choices)).astype("Int64"),
        "channel": changed["channel_new"].map(lambda c: _channel(c)).astype(object),
        **{t: changed[f"{t}_new"].fillna(False).astype(bool) for t in CIVIC_TRAITS},
    })
    with transaction(conn):
        write_steps(conn, steps=steps, on=on)
        write_contacts(conn, partnership_id=get_meeting(conn, meeting_id=meeting_id).partnership_id,
                       updates=contacts)
        with registered(conn, "prospect_edits", updates):
            conn.execute("INSERT INTO meeting_asker (meeting_id, person_id) SELECT DISTINCT ?, asker_id FROM "
                         "prospect_edits WHERE asker_id IS NOT NULL ON CONFLICT DO NOTHING", [meeting_id])
            conn.execute("""UPDATE prospect SET asker_id = e.asker_id, channel = e.channel,
                                   collaborative = e.collaborative, strategic = e.strategic,
                                   interdependent = e.interdependent
                            FROM prospect_edits e WHERE prospect.id = e.prospect_id
                              AND prospect.meeting_id = ?""", [meeting_id])
    return len(changed)


def _status(label: object) -> ProspectStatus:
    found = parse_status(None if blank(label) else str(label))
    if found is None:
        raise ValidationError("Every prospect needs a status; pick one from the list.")
    return found


def _asker(label: object, choices: dict[str, int]) -> int | None:
    if blank(label):
        return None
    if str(label) not in choices:
        raise ValidationError(f"{label} is not one of this meeting's askers. Add them as an asker first.")
    return choices[str(label)]


def _channel(label: object) -> str | None:
    if blank(label):
        return None
    found = parse_channel(str(label))
    return None if found is None else found.value


def assign(
    conn: Connection, *, prospect_id: int, asker_id: int | None, channel: Channel | str | None
) -> None:
    """Set who makes the personal ask and how (None clears it); the asker joins the meeting's askers."""
    meeting_id = meeting_of(conn, prospect_id)
    chosen = parse_channel(None if channel is None else str(channel))
    with transaction(conn):
        if asker_id is not None:
            found = conn.execute(
                "SELECT count(*) FROM person p JOIN meeting m ON m.partnership_id = p.partnership_id "
                "WHERE p.id = ? AND m.id = ?", [asker_id, meeting_id]).fetchall()
            if not found or not found[0][0]:
                raise ValidationError("That asker is not in this partnership. Pick someone from the list.")
            conn.execute("INSERT INTO meeting_asker (meeting_id, person_id) VALUES (?, ?) "
                         "ON CONFLICT DO NOTHING",
                         [meeting_id, asker_id])
        conn.execute("UPDATE prospect SET asker_id = ?, channel = ? WHERE id = ?",
                     [asker_id, None if chosen is None else chosen.value, prospect_id])


def set_traits(conn: Connection, *, prospect_id: int, traits: Iterable[str]) -> None:
    """Tick the civic-entrepreneur traits this prospect shows (the others are unticked)."""
    chosen = set(traits)
    unknown = chosen - set(CIVIC_TRAITS)
    if unknown:
        raise ValidationError(f"Unknown trait(s) {sorted(unknown)}; use {', '.join(CIVIC_TRAITS)}.")
    meeting_of(conn, prospect_id)
    with transaction(conn):
        conn.execute(
            "UPDATE prospect SET collaborative = ?, strategic = ?, interdependent = ? WHERE id = ?",
            [name in chosen for name in CIVIC_TRAITS] + [prospect_id])
