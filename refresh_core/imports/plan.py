"""Work out what importing one parsed file would do, without writing anything.

The same computation runs for the preview and again inside the import's
transaction, so what is written always matches the database at that moment.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from refresh_core import words
from refresh_core.db import Connection, registered
from refresh_core.imports import meeting_groups as mg
from refresh_core.imports import meetings as mt
from refresh_core.imports.moves import moved_on
from refresh_core.imports.organisations import org_refs, resolve_for
from refresh_core.imports.rows import (
    attendance_pairs,
    attendees,
    keyed_with_rows,
    lookup,
    lookup_coded,
    people_of,
    usable_rows,
)
from refresh_core.ingest import ParsedFile
from refresh_core.ingest.model import CODE_COLUMNS
from refresh_core.people.matching import existing_people, match_people, review_pairs


@dataclass(frozen=True)
class Computed:
    meetings: pd.DataFrame  # key, date, title, kind, attendees, meeting_id, mkey
    people: pd.DataFrame  # identity, full_name, email, ..., org_ref, org_id, person_id, how
    new_orgs: pd.DataFrame  # ref, name, domain, kind, public_subtype, kind_source
    org_ids: pd.DataFrame  # ref -> existing org id
    org_changes: pd.DataFrame  # key1 (org id), column_name, old_value, new_value
    person_changes: pd.DataFrame  # key1 (person id), column_name, old_value, new_value
    attendance: pd.DataFrame  # mkey, identity, role, minutes, exists, fill_minutes, org_ref, org_known
    reviews: pd.DataFrame  # identity, candidate_id, candidate_identity, score, reason
    warnings: tuple[str, ...]
    problems: tuple[str, ...]


def compute(
    conn: Connection, *, partnership_id: int, parsed: ParsedFile, choice: mg.MeetingChoice
) -> Computed:
    rows, notes = usable_rows(parsed)
    codes = parser_codes(parsed, rows)
    keyed, per_row = keyed_with_rows(rows, finer=None if codes is None else codes["person"].to_numpy())
    identity = per_row["identity"]
    org_ids, new_orgs, org_changes = resolve_for(conn, partnership_id=partnership_id, refs=org_refs(keyed))
    people = (
        people_of(keyed).merge(org_ids, how="left", left_on="org_ref", right_on="ref").drop(columns="ref")
    )
    people["org_id"] = people["org_id"].astype("Int64")
    existing = existing_people(conn, partnership_id=partnership_id)
    people = match_people(existing, people)
    reviews = review_pairs(existing, people)
    groups = mg.groups(rows, choice, finer=None if codes is None else codes["meeting"].to_numpy())
    person_of = people.set_index("identity")["person_id"]
    known = pd.DataFrame({"key": groups.key, "person_id": lookup(identity, person_of)}, index=rows.index)
    meetings = mt.meetings(conn, partnership_id, groups, choice, known)
    meeting_of_row = pd.Series(groups.per_row(meetings.set_index("key")["mkey"]), index=rows.index)
    attendance = attendance_pairs(identity, rows, meeting_of_row)
    attendance = _against_database(conn, attendance, meetings, people)
    attendance = _affiliations(attendance, per_row.assign(mkey=meeting_of_row), people, existing, keyed)
    counts = attendees(attendance)
    meetings["attendees"] = meetings["mkey"].map(counts).fillna(0).astype(int)
    person_changes, held = _person_changes(conn, existing, people)
    moved = moved_on(conn, people=people, attendance=attendance, meetings=meetings, org_ids=org_ids,
                     existing=existing)
    person_changes = pd.concat([person_changes, moved], ignore_index=True)
    person_changes = person_changes.drop_duplicates(["key1", "column_name"])
    warnings = (*notes, *_joined_warnings(meetings), *_org_warnings(new_orgs), *held)
    return Computed(meetings, people, new_orgs, org_ids, org_changes, person_changes, attendance, reviews,
                    warnings, tuple(_problems(meetings, groups)))


def parser_codes(parsed: ParsedFile, rows: pd.DataFrame) -> pd.DataFrame | None:
    """The parser's codes (:attr:`ParsedFile.codes`) of ``rows`` (all of the parsed rows, or some of
    them), or None when the parser gave none."""
    codes = parsed.codes
    if codes is None or len(codes) != len(parsed.rows) or not set(CODE_COLUMNS) <= set(codes.columns):
        return None
    if len(rows) == len(parsed.rows):
        return codes
    return codes.iloc[parsed.rows.index.get_indexer(rows.index)]


def _against_database(
    conn: Connection, att: pd.DataFrame, meetings: pd.DataFrame, people: pd.DataFrame
) -> pd.DataFrame:
    """Mark pairs already recorded (existing attendance wins) and those whose minutes can be filled."""
    mid = meetings.drop_duplicates("mkey").set_index("mkey")["meeting_id"]
    pid = people.set_index("identity")["person_id"]
    probe = pd.DataFrame(
        {
            "meeting_id": lookup(att["mkey"], mid).astype("Int64"),
            "person_id": lookup(att["identity"], pid).astype("Int64"),
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


def _affiliations(
    att: pd.DataFrame,
    per_row: pd.DataFrame,
    people: pd.DataFrame,
    existing: pd.DataFrame,
    keyed: pd.DataFrame,
) -> pd.DataFrame:
    """Each attendance's organisation of the day: the one its rows name, else the person's in this
    file (both as ``org_ref``), else the person's recorded organisation (``org_known``)."""
    person = people.set_index("identity")
    named_orgs = keyed.dropna(subset=["row_org"]).groupby("identity")["row_org"].nunique()
    if named_orgs.empty or named_orgs.max() <= 1:  # nobody came with two organisations in this file
        ref = lookup_coded(att["identity"], person["org_ref"])
    else:
        named = per_row.dropna(subset=["row_org"]).drop_duplicates(["mkey", "identity"])
        att = att.merge(named[["mkey", "identity", "row_org"]], on=["mkey", "identity"], how="left")
        ref = att["row_org"].where(att["row_org"].notna(), lookup(att["identity"], person["org_ref"]))
        att = att.drop(columns="row_org")
    coded = isinstance(ref.dtype, pd.CategoricalDtype)  # (missing: no code)
    att["org_ref"] = ref if coded else ref.astype(object).where(ref.notna(), None)
    recorded = existing.set_index("id")["organisation_id"] if len(existing) else pd.Series(dtype="Int64")
    unnamed = att["org_ref"].isna()
    att["org_known"] = pd.Series(pd.NA, index=att.index, dtype="Int64")
    if unnamed.any():
        known = att.loc[unnamed, "identity"].map(person["person_id"]).map(recorded)
        att.loc[unnamed, "org_known"] = known.astype("Int64")
    return att


def _person_changes(
    conn: Connection, existing: pd.DataFrame, people: pd.DataFrame
) -> tuple[pd.DataFrame, list[str]]:
    """Blanks of matched people that the file fills in (email, phone, title, level, organisation).
    (long: one vectorised pass per column that an import may fill in)"""
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


def _problems(meetings: pd.DataFrame, groups: mg.Groups) -> list[str]:
    undated = meetings[meetings["date"].isna()]
    if undated.empty:
        return []
    rows = int(groups.rows[groups.distinct["key"].isin(undated["key"]).to_numpy()].sum())
    what = "1 row has" if rows == 1 else f"{rows} rows have"
    return [f"{what} no meeting date. Give the meeting's date, then import."]


def _joined_warnings(meetings: pd.DataFrame) -> list[str]:
    """Say when a file's meeting was recognised as one already recorded under another title."""
    joined = meetings[meetings["joined_as"].notna()] if "joined_as" in meetings else meetings.iloc[:0]
    return [
        f"{r['joined_as']} on {words.day(r['date'])} is the meeting already recorded as \"{r['title']}\" "
        f"(most of its people are recorded there); only people and minutes not yet there are added."
        for r in joined.to_dict("records")
    ]


def _org_warnings(new_orgs: pd.DataFrame) -> list[str]:
    """A sentence on new organisations no rule recognised, and one on those only guessed."""
    out = []
    for rows, what in (
        (new_orgs[new_orgs["kind"] == "unclassified"],
         "could not be classified, so their people count as neither industry nor public partners until you "
         "decide"),
        (new_orgs[new_orgs["kind_source"] == "guess"], "were only guessed (from an email domain alone)"),
    ):
        if rows.empty:
            continue
        names = ", ".join(rows["name"].head(5))
        more = f" and {len(rows) - 5} more" if len(rows) > 5 else ""
        one = len(rows) == 1
        out.append(f"{len(rows)} new {'organisation' if one else 'organisations'} ({names}{more}) "
                   f"{what.replace('were', 'was') if one else what}; see the queue on the People and "
                   "organisations page.")
    return out


def _digest(*columns: str) -> str:
    """SQL for 'rows:md5 of the rows in key order' (each value as text, ``~`` for NULL), in both stores."""
    row = " || '|' || ".join(f"coalesce({c}::VARCHAR, '~')" for c in columns)
    return f"count(*) || ':' || coalesce(md5(string_agg({row}, ',' ORDER BY {row})), '')"


def fingerprint(conn: Connection, *, partnership_id: int) -> str:
    """A digest of everything :func:`compute` reads: equal digests mean a plan is still valid."""
    row = conn.execute(
        f"""
        SELECT (SELECT {_digest("id", "full_name", "email", "phone", "title", "level", "organisation_id",
                                "merged_into_id")} FROM person WHERE partnership_id = $p),
               (SELECT {_digest("id", "name", "domain", "kind", "public_subtype", "kind_source")}
                  FROM organisation WHERE partnership_id = $p),
               (SELECT {_digest("id", "date", "title", "kind")} FROM meeting WHERE partnership_id = $p),
               (SELECT {_digest("a.meeting_id", "a.person_id", "a.minutes")}
                  FROM attendance a JOIN meeting m ON m.id = a.meeting_id WHERE m.partnership_id = $p)
        """,
        {"p": partnership_id},
    ).fetchone()
    return "/".join(str(v) for v in row) if row else ""
