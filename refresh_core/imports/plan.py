"""Work out what importing one parsed file would do, without writing anything.

The same computation runs for the preview and again inside the import's
transaction, so what is written always matches the database at that moment.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from refresh_core.db import registered
from refresh_core.imports import meetings as mt
from refresh_core.imports.organisations import org_refs, resolve
from refresh_core.imports.rows import keyed_people, people_of, usable_rows
from refresh_core.ingest import ParsedFile
from refresh_core.people.matching import existing_people, match_people, review_pairs
from refresh_core.people.organisations import existing_organisations


@dataclass(frozen=True)
class Computed:
    meetings: pd.DataFrame  # key, date, title, kind, attendees, meeting_id, mkey
    people: pd.DataFrame  # identity, full_name, email, ..., org_ref, org_id, person_id, how
    new_orgs: pd.DataFrame  # ref, name, domain, kind, public_subtype, kind_source
    org_ids: pd.DataFrame  # ref -> existing org id
    org_changes: pd.DataFrame  # key1 (org id), column_name, old_value, new_value
    person_changes: pd.DataFrame  # key1 (person id), column_name, old_value, new_value
    attendance: pd.DataFrame  # mkey, identity, role, minutes, exists, fill_minutes
    reviews: pd.DataFrame  # identity, candidate_id, candidate_identity, score, reason
    warnings: tuple[str, ...]
    problems: tuple[str, ...]


def compute(
    conn: duckdb.DuckDBPyConnection, *, partnership_id: int, parsed: ParsedFile, choice: mt.MeetingChoice
) -> Computed:
    rows, notes = usable_rows(parsed)
    keyed, identity = keyed_people(rows)
    refs = org_refs(keyed)
    org_ids, new_orgs, org_changes = resolve(
        existing_organisations(conn, partnership_id=partnership_id), refs
    )
    people = (
        people_of(keyed).merge(org_ids, how="left", left_on="org_ref", right_on="ref").drop(columns="ref")
    )
    people["org_id"] = people["org_id"].astype("Int64")
    existing = existing_people(conn, partnership_id=partnership_id)
    people = match_people(existing, people)
    reviews = review_pairs(existing, people)
    groups = mt.groups(rows, choice)
    person_of = people.set_index("identity")["person_id"]
    known = pd.DataFrame({"key": groups["key"], "person_id": identity.map(person_of)})
    meetings = mt.meetings(conn, partnership_id, groups, choice, known)
    meeting_of_row = groups["key"].map(meetings.set_index("key")["mkey"])
    attendance = mt.attendance(identity, rows, meeting_of_row)
    attendance = _against_database(conn, attendance, meetings, people)
    counts = attendance.groupby("mkey")["identity"].nunique()
    meetings["attendees"] = meetings["mkey"].map(counts).fillna(0).astype(int)
    person_changes, held = _person_changes(conn, existing, people)
    problems = _problems(meetings, groups)
    warnings = [*notes, *_joined_warnings(meetings), *_org_warnings(new_orgs), *held]
    return Computed(
        meetings,
        people,
        new_orgs,
        org_ids,
        org_changes,
        person_changes,
        attendance,
        reviews,
        tuple(warnings),
        tuple(problems),
    )


def _against_database(
    conn: duckdb.DuckDBPyConnection, att: pd.DataFrame, meetings: pd.DataFrame, people: pd.DataFrame
) -> pd.DataFrame:
    """Mark pairs already recorded (existing attendance wins) and those whose minutes can be filled."""
    mid = meetings.drop_duplicates("mkey").set_index("mkey")["meeting_id"]
    pid = people.set_index("identity")["person_id"]
    probe = pd.DataFrame(
        {
            "meeting_id": att["mkey"].map(mid).astype("Int64"),
            "person_id": att["identity"].map(pid).astype("Int64"),
            "minutes": att["minutes"],
        }
    )
    att["exists"], att["fill_minutes"] = False, False
    known = probe.dropna(subset=["meeting_id", "person_id"])
    if known.empty:
        return att
    with registered(conn, "_probe", known.reset_index()):
        found = conn.execute(
            "SELECT p.index, a.minutes IS NULL AND p.minutes IS NOT NULL AS fill FROM _probe p "
            "JOIN attendance a ON a.meeting_id = p.meeting_id AND a.person_id = p.person_id"
        ).df()
    att.loc[found["index"], "exists"] = True
    att.loc[found["index"], "fill_minutes"] = found["fill"].to_numpy(dtype=bool)
    return att


def _person_changes(
    conn: duckdb.DuckDBPyConnection, existing: pd.DataFrame, people: pd.DataFrame
) -> tuple[pd.DataFrame, list[str]]:
    """Blanks of matched people that the file fills in (email, phone, title, level, organisation)."""
    columns = ["key1", "column_name", "old_value", "new_value"]
    matched = people.dropna(subset=["person_id"]).merge(
        existing.set_index("id"), left_on="person_id", right_index=True, suffixes=("", "_old")
    )
    changes: list[pd.DataFrame] = []
    for col in ("email", "phone", "title"):
        fill = matched[matched[f"{col}_old"].isna() & matched[col].notna()]
        changes.append(
            pd.DataFrame(
                {"key1": fill["person_id"], "column_name": col, "old_value": None, "new_value": fill[col]}
            )
        )
    lvl = matched[
        matched["title_old"].isna()
        & matched["title"].notna()
        & (matched["level_old"] == "other")
        & (matched["level"] != "other")
    ]
    changes.append(
        pd.DataFrame(
            {
                "key1": lvl["person_id"],
                "column_name": "level",
                "old_value": "other",
                "new_value": lvl["level"],
            }
        )
    )
    orgless = matched[matched["organisation_id"].isna() & matched["org_ref"].notna()]
    changes.append(
        pd.DataFrame(
            {
                "key1": orgless["person_id"],
                "column_name": "organisation_id",
                "old_value": None,
                "new_value": "ref:" + orgless["org_ref"],
            }
        )
    )
    frame = (
        pd.concat([c for c in changes if len(c)], ignore_index=True)
        if any(len(c) for c in changes)
        else pd.DataFrame(columns=columns)
    )
    frame = frame.drop_duplicates(["key1", "column_name"])
    return frame, []  # (changes, notes): no change is ever held back since 001 dropped foreign keys


def _problems(meetings: pd.DataFrame, groups: pd.DataFrame) -> list[str]:
    undated = meetings[meetings["date"].isna()]
    if undated.empty:
        return []
    rows = int(groups["key"].isin(undated["key"]).sum())
    what = "1 row has" if rows == 1 else f"{rows} rows have"
    return [f"{what} no meeting date. Give the meeting date (in the meetings table, or --meeting-date on "
            "the command line), then import again."]


def _joined_warnings(meetings: pd.DataFrame) -> list[str]:
    """Say when a file's meeting was recognised as one already recorded under another title."""
    joined = meetings[meetings["joined_as"].notna()] if "joined_as" in meetings else meetings.iloc[:0]
    return [
        f"{r['joined_as']} on {r['date']:%d %b %Y} is the meeting already recorded as \"{r['title']}\" "
        f"(most of its people are recorded there); only people and minutes not yet there are added."
        for r in joined.to_dict("records")
    ]


def _org_warnings(new_orgs: pd.DataFrame) -> list[str]:
    unknown = new_orgs[new_orgs["kind"] == "unknown"]
    if unknown.empty:
        return []
    names = ", ".join(unknown["name"].head(5))
    more = f" and {len(unknown) - 5} more" if len(unknown) > 5 else ""
    return [
        f"{len(unknown)} new organisations could not be classified ({names}{more}); set industry or "
        "public partner for them on the People page."
    ]


def fingerprint(conn: duckdb.DuckDBPyConnection, *, partnership_id: int) -> str:
    """A digest of everything :func:`compute` reads: equal digests mean a plan is still valid."""
    row = conn.execute(
        """
        SELECT (SELECT count(*) || ':' || coalesce(bit_xor(hash(id, full_name, email, phone, title, level,
                       organisation_id, merged_into_id)), 0) FROM person WHERE partnership_id = $p),
               (SELECT count(*) || ':' || coalesce(bit_xor(hash(id, name, domain, kind, public_subtype,
                       kind_source)), 0) FROM organisation WHERE partnership_id = $p),
               (SELECT count(*) || ':' || coalesce(bit_xor(hash(id, date, title, kind)), 0)
                  FROM meeting WHERE partnership_id = $p),
               (SELECT count(*) || ':' || coalesce(bit_xor(hash(a.meeting_id, a.person_id, a.minutes)), 0)
                  FROM attendance a JOIN meeting m ON m.id = a.meeting_id WHERE m.partnership_id = $p)
        """,
        {"p": partnership_id},
    ).fetchone()
    return "/".join(str(v) for v in row) if row else ""
