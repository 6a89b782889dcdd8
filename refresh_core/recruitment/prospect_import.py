"""Loading prospects from a file (registrations from an Eventbrite export: :mod:`.eventbrite_import`).

People are matched and created exactly as in attendance import (the same
functions: email, then name + organisation, close matches queued for review,
organisations classified by the same rules), recorded as one import batch.
One upload is one transaction.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

import pandas as pd

from refresh_core import words
from refresh_core.db import Connection, registered, transaction
from refresh_core.errors import ValidationError
from refresh_core.imports.batches import new_batch
from refresh_core.imports.meetings import MEETING_COLUMNS
from refresh_core.imports.organisations import org_refs, resolve_for
from refresh_core.imports.plan import Computed, _person_changes
from refresh_core.imports.rows import keyed_rows, people_of
from refresh_core.imports.write import write
from refresh_core.meetings import get_meeting
from refresh_core.people.keys import name_key
from refresh_core.people.matching import existing_people, match_people, review_pairs
from refresh_core.recruitment.pipeline import ProspectSource, ProspectStatus, StepSource
from refresh_core.recruitment.prospect_file import ProspectFile, read_prospects, rows_from_records
from refresh_core.recruitment.prospects import insert_prospects
from refresh_core.recruitment.steps import advance

_ROW_COLUMNS = ["line", "name", "email", "organisation", "title", "phone", "affiliation", "public_subtype"]


@dataclass(frozen=True)
class ProspectImport:
    file_name: str
    rows_read: int
    rejected: pd.DataFrame  # line, column, reason, raw
    prospects_added: int
    prospects_updated: int  # already on the list: status moved on, asker or channel set
    people_added: int
    people_matched: int
    reviews: int  # close matches queued for the convener
    ignored_columns: tuple[str, ...]
    warnings: tuple[str, ...]
    prospects: int  # people the file listed as prospects (added or already on the list)
    askers: int  # people the file named as askers (people_added and people_matched count them too)

    def to_json(self) -> dict[str, object]:
        return {"file": self.file_name, "rows_read": self.rows_read, "rows_rejected": len(self.rejected),
                "prospects_added": self.prospects_added, "prospects_updated": self.prospects_updated,
                "people_added": self.people_added, "people_matched": self.people_matched,
                "review_items": self.reviews, "ignored_columns": list(self.ignored_columns),
                "rejected": self.rejected.to_dict("records"), "warnings": list(self.warnings),
                "prospects": self.prospects, "askers": self.askers}

    def sentence(self) -> str:
        """What the list did, in words: its prospects apart from the askers it named (people_added and
        people_matched count both), then who was new to the records."""
        named = f" ({words.count(self.askers, 'asker')} named)" if self.askers else ""
        people = words.count(self.people_added + self.people_matched, "person", "people")
        return (f"{self.file_name}: {words.count(self.prospects, 'prospect')}{named}. "
                f"{self.prospects_added:,} added to the list, {self.prospects_updated:,} updated. Of the "
                f"{people} in the file, {self.people_added:,} {words.plural(self.people_added, 'is', 'are')} "
                f"new to the records and {self.people_matched:,} "
                f"{words.plural(self.people_matched, 'was', 'were')} already known.")


def _empty(columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})


def match_or_create_people(
    conn: Connection, *, partnership_id: int, batch_id: int, rows: pd.DataFrame
) -> tuple[pd.Series, int, int]:
    """Inside a transaction: the person id for every row of ``rows`` (columns of _ROW_COLUMNS),
    matching or creating people and organisations as attendance import does, queueing close
    matches for review. Returns (person ids aligned to rows, people added, review items)."""
    keyed = keyed_rows(rows[_ROW_COLUMNS].reset_index(drop=True))
    people = _matched(conn, partnership_id, keyed)
    existing = existing_people(conn, partnership_id=partnership_id)
    reviews = review_pairs(existing, people)
    person_changes, held = _person_changes(conn, existing, people)
    org_ids, new_orgs, org_changes = resolve_for(conn, partnership_id=partnership_id, refs=org_refs(keyed))
    plan = Computed(_empty(MEETING_COLUMNS), people, new_orgs, org_ids, org_changes, person_changes,
                    _empty(["mkey", "identity", "role", "minutes", "exists", "fill_minutes"]), reviews,
                    tuple(held), ())
    done = write(conn, partnership_id=partnership_id, batch_id=batch_id, plan=plan)
    ids = _ids_after_write(conn, partnership_id, batch_id, keyed)
    return pd.Series(ids.to_numpy(), index=rows.index), done.people_added, len(reviews)


def _matched(conn: Connection, partnership_id: int, keyed: pd.DataFrame) -> pd.DataFrame:
    """The file's people matched to existing people (person_id <NA> for people to create)."""
    org_ids, _, _ = resolve_for(conn, partnership_id=partnership_id, refs=org_refs(keyed))
    people = people_of(keyed).merge(org_ids, how="left", left_on="org_ref", right_on="ref")
    people = people.drop(columns="ref")
    people["org_id"] = people["org_id"].astype("Int64")
    return match_people(existing_people(conn, partnership_id=partnership_id), people)


def _ids_after_write(
    conn: Connection, partnership_id: int, batch_id: int, keyed: pd.DataFrame
) -> pd.Series:
    """Person id per keyed row once written: the same matching again (everyone now matches),
    falling back to the people this batch created with the same name and email."""
    people = _matched(conn, partnership_id, keyed)
    missing = people[people["person_id"].isna()]
    if len(missing):
        fresh = conn.execute("SELECT id, name_key, coalesce(email, '') AS mail FROM person "
                             "WHERE batch_id = ? ORDER BY id", [batch_id]).df()
        found = missing.assign(mail=missing["email"].fillna("")).merge(
            fresh.drop_duplicates(["name_key", "mail"]), on=["name_key", "mail"], how="left")
        people.loc[missing.index, "person_id"] = found["id"].astype("Int64").to_numpy()
    ids = people.set_index("identity")["person_id"]
    if ids.isna().any():
        raise ValidationError("Some people in the file could not be matched after saving; nothing was "
                              "written. Check the file for duplicate rows and try again.")
    return keyed["identity"].map(ids).astype("int64")


def record_batch(conn: Connection, *, partnership_id: int, file_name: str, data: bytes,
                 fmt: str, rows: int, rejected: int) -> int:
    """Inside a transaction: the import batch that people created from ``data`` belong to."""
    # The digest is prefixed so an attendance import of the same bytes is never taken as a repeat.
    return new_batch(conn, partnership_id=partnership_id, file_name=file_name,
                     sha256=f"{fmt}:{hashlib.sha256(data).hexdigest()}", fmt=fmt, rows_read=rows,
                     rows_rejected=rejected)


def import_prospects(
    conn: Connection, *, meeting_id: int, data: bytes, file_name: str, on: dt.date
) -> ProspectImport:
    """Read a prospect list and put its people on the meeting's list in one transaction.

    New prospects get the file's asker, channel and status (identified when blank). People
    already on the list get a blank asker or channel filled and their status moved forward
    (a file never moves anyone backward). Askers named in the file join the meeting's askers.
    """
    parsed = read_prospects(data, file_name=file_name)
    return load_prospect_rows(conn, meeting_id=meeting_id, parsed=parsed, data=data, on=on)


def load_prospect_rows(
    conn: Connection, *, meeting_id: int, parsed: ProspectFile, data: bytes, on: dt.date,
    source: ProspectSource = ProspectSource.IMPORT,
) -> ProspectImport:
    """Write already-read prospect rows (see :func:`import_prospects`)."""
    meeting = get_meeting(conn, meeting_id=meeting_id)
    rows = parsed.rows
    if rows.empty:
        raise ValidationError(f"{parsed.file_name}: no usable rows. "
                              + ("See the rejected rows listed." if len(parsed.rejected) else
                                 "Add one row per prospect below the column names."))
    with transaction(conn):
        batch = record_batch(conn, partnership_id=meeting.partnership_id, file_name=parsed.file_name,
                             data=data, fmt="prospects", rows=len(rows) + len(parsed.rejected),
                             rejected=len(parsed.rejected))
        known = _meeting_askers(conn, meeting_id, rows["asker"])
        people, added, reviews = match_or_create_people(
            conn, partnership_id=meeting.partnership_id, batch_id=batch, rows=_with_askers(rows, known))
        asker_ids = _asker_ids(rows, people.iloc[len(rows):], known)
        if "asker_id" in rows:
            asker_ids = rows["asker_id"].astype("Int64").where(rows["asker_id"].notna(), asker_ids)
        frame = rows.assign(person_id=people.iloc[:len(rows)].to_numpy(), asker_id=asker_ids)
        before = set(conn.execute("SELECT person_id FROM prospect WHERE meeting_id = ?",
                                  [meeting_id]).df()["person_id"].astype(int))
        new = insert_prospects(conn, meeting_id=meeting_id, rows=frame, on=on, source=source)
        updated = _update_existing(conn, meeting_id, frame[frame["person_id"].isin(before)], on)
        _join_askers(conn, meeting_id, frame["asker_id"].dropna())
        # everyone the file names, askers already asking for the meeting included, is added or matched
        matched = int(pd.concat([people, frame["asker_id"].dropna().astype("int64")]).nunique()) - added
        listed, named = int(frame["person_id"].nunique()), int(frame["asker_id"].nunique())
        conn.execute("UPDATE import_batch SET people_added = ?, people_matched = ?, prospects = ?, "
                     "askers = ? WHERE id = ?", [added, matched, listed, named, batch])
    return ProspectImport(
        file_name=parsed.file_name, rows_read=len(rows) + len(parsed.rejected), rejected=parsed.rejected,
        prospects_added=new, prospects_updated=updated, people_added=added, people_matched=matched,
        reviews=reviews, ignored_columns=parsed.ignored_columns, warnings=parsed.warnings,
        prospects=listed, askers=named)


def add_by_hand(
    conn: Connection, *, meeting_id: int, on: dt.date, name: str, email: str = "",
    phone: str = "", company: str = "", title: str = "", affiliation: str = "",
    asker_id: int | None = None, channel: str = "", status: str = "",
) -> ProspectImport:
    """Add one prospect typed by the convener, matched to existing people exactly as a file row."""
    parsed = rows_from_records([{
        "name": name, "email": email, "phone": phone, "company": company, "title": title,
        "affiliation": affiliation, "asker": "", "channel": channel, "status": status}],
        file_name="typed by hand")
    if len(parsed.rejected):
        raise ValidationError(str(parsed.rejected.iloc[0]["reason"]))
    rows = parsed.rows.assign(asker_id=pd.array([asker_id], dtype="Int64"))
    return load_prospect_rows(conn, meeting_id=meeting_id, on=on, source=ProspectSource.HAND,
                              parsed=ProspectFile(parsed.file_name, rows, parsed.rejected, ()),
                              data=f"{name}|{email}|{dt.datetime.now().isoformat()}".encode())


def _meeting_askers(conn: Connection, meeting_id: int, texts: pd.Series) -> dict[str, int]:
    """The file's asker texts that name one of the meeting's askers: by email, or by a full name
    only one of them has (the convener who added themself, then named themself in the file)."""
    found = conn.execute(
        "SELECT p.id, p.name_key, p.email FROM meeting_asker a JOIN person p ON p.id = a.person_id "
        "WHERE a.meeting_id = ?", [meeting_id]).fetchall()
    by_email = {str(email).lower(): int(pid) for pid, _, email in found if email}
    keys = [str(key) for _, key, _ in found]
    by_name = {str(key): int(pid) for pid, key, _ in found if keys.count(str(key)) == 1}
    known: dict[str, int] = {}
    for text in texts.dropna().drop_duplicates():
        typed = str(text).strip()
        pid = by_email.get(typed.lower()) if "@" in typed else by_name.get(name_key(typed))
        if pid is not None:
            known[str(text)] = pid
    return known


def _with_askers(rows: pd.DataFrame, known: dict[str, int]) -> pd.DataFrame:
    """Prospect rows, then one row per distinct asker text not already one of the meeting's askers
    (``known``): an email when it has an @, else a name."""
    prospects = rows.rename(columns={"company": "organisation"})
    names = rows["asker"].dropna().drop_duplicates()
    names = names[~names.isin(list(known))]
    askers = pd.DataFrame({"line": 0, "name": names.where(~names.str.contains("@"), None),
                           "email": names.where(names.str.contains("@"), None)}, columns=_ROW_COLUMNS)
    return pd.concat([prospects[_ROW_COLUMNS], askers], ignore_index=True)


def _asker_ids(rows: pd.DataFrame, asker_people: pd.Series, known: dict[str, int]) -> pd.Series:
    names = rows["asker"].dropna().drop_duplicates()
    names = names[~names.isin(list(known))]
    lookup = {**known, **dict(zip(names, asker_people.to_numpy(), strict=True))}
    return rows["asker"].map(lookup).astype("Int64")


def _update_existing(
    conn: Connection, meeting_id: int, frame: pd.DataFrame, on: dt.date
) -> int:
    if frame.empty:
        return 0
    updates = frame[["person_id", "asker_id", "channel", "status"]].astype(
        {"person_id": "int64", "asker_id": "Int64", "channel": object, "status": object})
    with registered(conn, "prospect_updates", updates):
        filled = conn.execute(
            """UPDATE prospect SET asker_id = coalesce(prospect.asker_id, u.asker_id),
                      channel = coalesce(prospect.channel, u.channel)
               FROM prospect_updates u WHERE prospect.meeting_id = ? AND prospect.person_id = u.person_id
                 AND ((prospect.asker_id IS NULL AND u.asker_id IS NOT NULL)
                      OR (prospect.channel IS NULL AND u.channel IS NOT NULL))
               RETURNING prospect.id""", [meeting_id]).fetchall()
        ids = conn.execute("SELECT p.id, u.status FROM prospect p JOIN prospect_updates u USING (person_id) "
                           "WHERE p.meeting_id = ? AND u.status IS NOT NULL", [meeting_id]).df()
    moved: set[int] = set()
    for status, group in ids.groupby("status"):
        moved |= set(advance(conn, prospect_ids=group["id"], status=ProspectStatus(str(status)), on=on,
                             source=StepSource.IMPORT))
    return len({int(r[0]) for r in filled} | moved)


def _join_askers(conn: Connection, meeting_id: int, asker_ids: pd.Series) -> None:
    for asker in sorted({int(a) for a in asker_ids}):
        conn.execute("INSERT INTO meeting_asker (meeting_id, person_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                     [meeting_id, asker])
