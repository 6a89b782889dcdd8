"""Which meetings an import's rows belong to, and what kind each is.

A meeting is identified within a partnership by its date and normalised title.
A file without titles gets the title the user supplied, else the one meeting
already recorded on that date, else "Meeting on 12 Mar 2026". The kind comes
from the title (:func:`refresh_core.imports.meeting_kinds.infer_kind`), else the
file's meeting-type column, else the kind the user supplied, else ``other``;
``kind_from`` says which, so the page can show it before anything is saved. An
action-team meeting whose title contains a team's name belongs to that team. Two files
that describe the same meeting under different titles (a Zoom report exported plain,
then with its meeting block naming the topic) are one meeting too: a group joins a
meeting on the same day, of a compatible kind, that already records at least half of
the group's known people (at least two), when either side has no title of its own.
An existing meeting keeps its own title and kind.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from typing import Any, cast

import pandas as pd

from refresh_core import words
from refresh_core.db import Connection, registered
from refresh_core.enums import MeetingKind
from refresh_core.imports.meeting_groups import Groups, MeetingChoice, as_date
from refresh_core.imports.meeting_kinds import infer_kind, kind_from_title
from refresh_core.ingest import vocabulary
from refresh_core.people import keys as textkeys
from refresh_core.tables import blank, whole

MEETING_COLUMNS = ["key", "date", "title", "kind", "action_team_id", "kind_from", "attendees", "meeting_id",
                   "mkey"]
# Where a meeting's kind came from, in words for the import page.
KIND_FROM = {
    "title": "read from the title",
    "file": "from the file's meeting type",
    "chosen": "your choice",
    "recorded": "already recorded",
    "none": "not recognised: check it",
}


def title_key(title: str) -> str:
    """Title for matching: accents, case, punctuation and spacing ignored."""
    return textkeys.title_key(title)


def default_title(day: dt.date) -> str:
    return f"Meeting on {words.day(day)}"


def meetings(
    conn: Connection,
    partnership_id: int,
    grouped: Groups,
    choice: MeetingChoice,
    known: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per group key: final date, title, kind, and the existing meeting it is (if any).

    ``known``: (key, person_id) for the group's people already in the database, to recognise a meeting
    recorded before under another title by the people it shares."""
    frame, weights = grouped.distinct, grouped.rows
    existing = conn.execute(
        "SELECT id, date, title, kind, action_team_id FROM meeting WHERE partnership_id = ? ORDER BY id",
        [partnership_id],
    ).df()
    existing["date"] = existing["date"].map(as_date)
    existing["tkey"] = textkeys.title_keys(existing["title"])
    teams = conn.execute("SELECT id, name FROM action_team WHERE partnership_id = ? "
                         "ORDER BY status <> 'active', length(name) DESC, id", [partnership_id]).fetchall()
    team_keys = [(int(i), textkeys.title_key(str(n))) for i, n in teams]
    keys = sorted(int(k) for k in frame["key"].unique())
    days = frame.drop_duplicates("key").set_index("key")["date"]
    titles = textkeys.modes(frame, "key", "title", weights=weights)
    kinds_given = frame.assign(fk=textkeys.per_unique(frame["file_kind"], _file_kind))
    file_kinds = textkeys.modes(kinds_given, "key", "fk", weights=weights)
    out = []
    for key in keys:
        title = titles.get(key)
        title = title if isinstance(title, str) else None
        kind, source = _first_kind(title, _kind_value(file_kinds.get(key)), _kind_value(choice.kind))
        out.append({"key": key, "date": days.get(key), "title": title, "kind": kind, "kind_from": source})
    # object columns: a missing title stays None (pandas' text columns would make it NaN, i.e. 'nan')
    columns = ("key", "date", "title", "kind", "kind_from")
    found = pd.DataFrame({c: pd.Series([o[c] for o in out], dtype=object) for c in columns})
    found["action_team_id"] = pd.array([None] * len(found), dtype="Int64")
    found = _apply_overrides(found, choice.overrides)
    found["action_team_id"] = _teams(found, team_keys)
    overlaps = functools.cache(lambda: _overlaps(conn, partnership_id, known))  # (asked only when needed)
    return _match_existing(found, existing, overlaps)


def _overlaps(
    conn: Connection, partnership_id: int, known: pd.DataFrame | None
) -> pd.DataFrame:
    """Per (group key, existing meeting): how many of the group's known people it already records,
    and how many known people the group has. (Worked out only when a group has a meeting recorded on
    its day that its title does not name: at a million rows, 0.9 s.)"""
    columns = ["key", "meeting_id", "shared", "known"]
    if known is None or known.empty:
        return pd.DataFrame(columns=columns)
    pairs = known.dropna().drop_duplicates().astype("int64")
    with registered(conn, "_known", pairs):
        return conn.execute(
            """SELECT k.key, a.meeting_id, count(*) AS shared,
                      min(n.known) AS known
               FROM _known k JOIN attendance a ON a.person_id = k.person_id
               JOIN meeting m ON m.id = a.meeting_id AND m.partnership_id = ?
               JOIN (SELECT key, count(*) AS known FROM _known GROUP BY key) n ON n.key = k.key
               GROUP BY k.key, a.meeting_id""",
            [partnership_id],
        ).df()


def _first_kind(title: str | None, file_kind: MeetingKind | None,
                chosen: MeetingKind | None) -> tuple[MeetingKind | None, str]:
    """The kind from the title, else the file's type column, else the user's choice; and which it was."""
    guess = infer_kind(title)
    if guess.recognised:
        return guess.kind, "title"
    if file_kind is not None:
        return file_kind, "file"
    return (chosen, "chosen") if chosen is not None else (None, "none")


def _teams(found: pd.DataFrame, team_keys: list[tuple[int, str]]) -> pd.Series:
    """The team of each action-team meeting: the one chosen, else the longest team name in the title."""
    chosen = found["action_team_id"].astype("Int64")
    out: list[object] = []
    for kind, team, title in zip(found["kind"], chosen, found["title"], strict=True):
        if kind != MeetingKind.ACTION_TEAM:
            out.append(pd.NA)
        elif pd.isna(team) and isinstance(title, str):
            folded = textkeys.title_key(title)
            out.append(next((tid for tid, key in team_keys if key and key in folded), pd.NA))
        else:
            out.append(team)
    return pd.Series(out, index=found.index, dtype="Int64")


def _file_kind(value: object) -> str | None:
    """A meeting-type cell as a kind value ('Quarterly meeting' -> 'quarterly')."""
    return vocabulary.meeting_kind(str(value))


def _kind_value(value: object) -> MeetingKind | None:
    return MeetingKind(value) if isinstance(value, str) and value in MeetingKind._value2member_map_ else None


def _apply_overrides(found: pd.DataFrame, overrides: pd.DataFrame | None) -> pd.DataFrame:
    """The convener's edits (None = unchanged); a new title without a chosen kind re-reads the kind.
    A chosen action team (``action_team_id``) comes with its kind."""
    if overrides is None or overrides.empty:
        return found
    edits = {int(cast(int, r["key"])): r for r in overrides.to_dict("records")}
    for i, row in found.iterrows():
        edit = edits.get(int(cast(int, row["key"])))
        if edit is None:
            continue
        day, title, kind = as_date(edit.get("date")), edit.get("title"), _kind_value(edit.get("kind"))
        if day is not None:
            found.at[i, "date"] = day
        if isinstance(title, str) and title.strip():
            found.at[i, "title"] = " ".join(title.split())
            named = kind_from_title(title)
            if named is not None:
                found.at[i, "kind"], found.at[i, "kind_from"] = named, "title"
        if kind is not None:
            found.at[i, "kind"], found.at[i, "kind_from"] = kind, "chosen"
            team = whole(edit.get("action_team_id"))
            found.at[i, "action_team_id"] = pd.NA if team is None else team
    return found


def _match_existing(
    found: pd.DataFrame, existing: pd.DataFrame, overlaps: Callable[[], pd.DataFrame]
) -> pd.DataFrame:
    """Each group's existing meeting: same day and title; else the same meeting by shared people."""
    ids: list[int | None] = []
    titles: list[str | None] = []
    kinds: list[str] = []
    teams: list[int | None] = []
    sources: list[str] = []
    joined: list[str | None] = []  # the file's own title, for a group recognised by its people
    found["tkey"] = textkeys.title_keys(found["title"])
    by_day = {day: part for day, part in existing.groupby("date", sort=False)} if len(existing) else {}
    nothing = existing.iloc[:0]
    for row in found.itertuples():
        day = as_date(row.date)
        same_day = by_day.get(day) if day is not None else None
        hit, by_people = (nothing, True) if same_day is None else _same_day(row, same_day, overlaps)
        own = f'"{row.title!s}"' if row.title else "A meeting without a title"
        joined.append(own if by_people and len(hit) else None)
        if len(hit):
            ids.append(int(hit["id"].iloc[0]))
            titles.append(str(hit["title"].iloc[0]))
            kinds.append(str(hit["kind"].iloc[0]))
            teams.append(whole(hit["action_team_id"].iloc[0]))
            sources.append("recorded")
        else:
            ids.append(None)
            titles.append(str(row.title) if row.title else (default_title(day) if day else None))
            kinds.append(MeetingKind.OTHER.value if blank(row.kind) else str(row.kind))
            teams.append(whole(row.action_team_id))
            sources.append(str(row.kind_from))
    found["meeting_id"] = pd.array(ids, dtype="Int64")
    found["title"], found["kind"], found["kind_from"] = titles, kinds, sources
    found["action_team_id"] = pd.Series(teams, index=found.index, dtype="Int64")
    found["joined_as"] = joined
    keys = textkeys.title_keys(found["title"]).fillna("")
    found["mkey"] = [f"{d}|{k}" for d, k in zip(found["date"], keys, strict=True)]
    return found.drop(columns="tkey")


def _same_day(
    row: Any, same_day: pd.DataFrame, overlaps: Callable[[], pd.DataFrame]
) -> tuple[pd.DataFrame, bool]:
    """The recorded meeting of that day this group is (none: an empty frame), and whether it was
    recognised by its people rather than its title."""
    if row.title:
        hit = same_day[same_day["tkey"] == row.tkey]
    else:
        hit = same_day if len(same_day) == 1 else same_day.iloc[:0]
    if hit.empty:
        return _same_people(row, same_day, overlaps), True
    return hit, False


def _same_people(row: Any, same_day: pd.DataFrame, overlaps: Callable[[], pd.DataFrame]) -> pd.DataFrame:
    """The same-day meeting sharing the most of this group's known people, when it shares at least half
    of them (two or more), kinds agree (or one is 'other') and one side has no title of its own."""
    if same_day.empty or overlaps().empty:
        return same_day.iloc[:0]
    table = overlaps()
    mine = table[table["key"] == row.key]
    mine = mine[(mine["shared"] >= 2) & (mine["shared"] * 2 >= mine["known"])]
    day = as_date(row.date)
    untitled = not row.title or (day is not None and row.tkey == textkeys.title_key(default_title(day)))
    fits = same_day.merge(mine, left_on="id", right_on="meeting_id")
    if day is not None and not untitled:
        fits = fits[fits["tkey"] == textkeys.title_key(default_title(day))]
    kind = MeetingKind.OTHER.value if blank(row.kind) else str(row.kind)  # (no kind is saved as 'other')
    fits = fits[(fits["kind"] == kind) | (fits["kind"] == MeetingKind.OTHER.value) | (kind == "other")]
    return fits.sort_values(["shared", "id"], ascending=[False, True]).head(1)

