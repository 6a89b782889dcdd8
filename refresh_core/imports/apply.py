"""Importing attendance files: preview (plan), then one transaction (apply).

:func:`plan_import` shows what a parsed file would add: meetings, people new
and matched, review items, rejected rows. :func:`apply_import` writes it in one
transaction, recomputing the plan inside it so the write matches the database
at that moment. The same file bytes twice are reported as already imported and
change nothing; overlapping files never add a second attendance for a person
at a meeting. :func:`import_files` reads and imports several files (the command
line) in one transaction: a file that cannot be read leaves the database as it was.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Hashable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from refresh_core.db import Connection, transaction
from refresh_core.enums import MeetingKind
from refresh_core.errors import MissingDateError, ValidationError
from refresh_core.imports.batches import new_batch
from refresh_core.imports.digests import checked_digest, file_digest
from refresh_core.imports.mappings import parse_upload
from refresh_core.imports.meeting_groups import MeetingChoice
from refresh_core.imports.plan import compute, fingerprint
from refresh_core.imports.preview import preview
from refresh_core.imports.results import AlreadyImported, ImportPlan, ImportRequest, ImportResult
from refresh_core.imports.write import write
from refresh_core.ingest import Format, ParsedFile
from refresh_core.ingest.api import DEFAULT_MAX_BYTES
from refresh_core.ingest.arrowtext import release_memory
from refresh_core.partnerships import get_partnership

__all__ = [
    "AlreadyImported", "ImportPlan", "ImportRequest", "ImportResult", "already_imported", "apply_import",
    "apply_imports", "file_digest", "import_files", "plan_import", "rehearse",
]  # fmt: skip


def _rows_digest(parsed: ParsedFile) -> str:
    return file_digest(parsed.rows.to_csv(index=False).encode("utf-8"))


def already_imported(
    conn: Connection, *, partnership_id: int, sha256: str
) -> AlreadyImported | None:
    row = conn.execute(
        "SELECT id, imported_at, file_name, coalesce(number, id) FROM import_batch WHERE partnership_id = ? "
        "AND sha256 = ? ORDER BY id LIMIT 1",
        [partnership_id, sha256],
    ).fetchone()
    return AlreadyImported(int(row[0]), row[1], str(row[2]), int(row[3])) if row else None


def plan_import(
    conn: Connection,
    *,
    partnership_id: int,
    parsed: ParsedFile,
    meeting_date: dt.date | None = None,
    meeting_kind: str | None = None,
    meeting_title: str | None = None,
    meetings: pd.DataFrame | None = None,
    sha256: str | None = None,
) -> ImportPlan:
    """What importing ``parsed`` would do. ``meetings``: the edited meetings table (key, date, title, kind);
    ``sha256``: the uploaded bytes' digest (see :func:`file_digest`)."""
    _check_kind(meeting_kind)
    choice = MeetingChoice(meeting_date, meeting_kind, meeting_title, meetings)
    state = fingerprint(conn, partnership_id=partnership_id)
    plan = compute(conn, partnership_id=partnership_id, parsed=parsed, choice=choice)
    request = ImportRequest(partnership_id, parsed, sha256 or _rows_digest(parsed), choice, plan, state)
    done = already_imported(conn, partnership_id=partnership_id, sha256=request.sha256)
    return preview(request, plan, done)


def _check_kind(kind: str | None) -> None:
    if kind is not None and kind not in {k.value for k in MeetingKind}:
        raise ValidationError(
            f"Meeting kind {kind!r} is not one of: {', '.join(k.value for k in MeetingKind)}."
        )


def apply_import(conn: Connection, *, plan: ImportPlan) -> ImportResult:
    """Import the planned file in one transaction (or report it as already imported)."""
    with transaction(conn):
        return _apply(conn, plan.request)


def apply_imports(
    conn: Connection,
    *,
    plans: Sequence[ImportPlan],
    progress: Callable[[int, str], None] | None = None,
) -> list[ImportResult]:
    """Import several planned files in ONE transaction: all of them, or (on any error) none.

    ``progress(i, file_name)`` is called before each file (for a progress display).
    """
    results = []
    with transaction(conn):
        for i, plan in enumerate(plans):
            if progress is not None:
                progress(i, plan.file_name)
            results.append(_apply(conn, plan.request))
    return results


def rehearse(conn: Connection, *, plan: ImportPlan, number: int) -> ImportResult:
    """Import the planned file inside a rehearsal (:func:`refresh_core.db.rehearsal`, rolled back after
    it) as import ``number``, a negative one: the numbers people read in the import history are never
    used up by a preview."""
    if number >= 0:
        raise ValidationError("A rehearsed import takes a negative number.")
    return _apply(conn, plan.request, batch_id=number)


def _apply(conn: Connection, request: ImportRequest, *, batch_id: int | None = None) -> ImportResult:
    """(long: one transaction's steps in the order they must run) ``batch_id``: the import's number
    when it is given one (a rehearsal's), else the next one."""
    parsed = request.parsed
    rows_read, rejected = len(parsed.rows) + len(parsed.rejected) + parsed.merged, len(parsed.rejected)
    listed = tuple(
        (int(r["line"]), str(r["column"]), str(r["reason"])) for r in parsed.rejected.to_dict("records")
    )
    done = already_imported(conn, partnership_id=request.partnership_id, sha256=request.sha256)
    plan = request.computed
    if plan is None or request.state != fingerprint(conn, partnership_id=request.partnership_id):
        plan = compute(conn, partnership_id=request.partnership_id, parsed=parsed, choice=request.choice)
        release_memory()  # (the plan's Arrow columns, before the write's peak)
    meetings = tuple(_meeting_json(m) for m in plan.meetings.drop_duplicates("mkey").to_dict("records"))
    if done is not None:
        return ImportResult(
            parsed.file_name,
            parsed.format.value,
            "already_imported",
            done.batch_id,
            meetings,
            rows_read,
            rejected,
            0,
            0,
            0,
            (done.sentence(),),
            listed,
        )
    if plan.problems:  # (rows with no meeting date: the only problem a plan has)
        raise MissingDateError(f"{parsed.file_name}: {' '.join(plan.problems)}")
    batch_id = new_batch(conn, partnership_id=request.partnership_id, file_name=parsed.file_name,
                         sha256=request.sha256, fmt=parsed.format.value, rows_read=rows_read,
                         rows_rejected=rejected, batch_id=batch_id)
    done_write = write(conn, partnership_id=request.partnership_id, batch_id=batch_id, plan=plan)
    result = ImportResult(
        parsed.file_name,
        parsed.format.value,
        "imported",
        batch_id,
        meetings,
        rows_read,
        rejected,
        done_write.attendance_added,
        done_write.people_added,
        done_write.people_matched,
        tuple([*parsed.warnings, *plan.warnings]),
        listed,
    )
    conn.execute(
        "UPDATE import_batch SET attendance_added = ?, people_added = ?, people_matched = ?, report_json = ? "
        "WHERE id = ?",
        [
            result.attendance_added,
            result.people_added,
            result.people_matched,
            json.dumps(result.to_json(), default=str),
            batch_id,
        ],
    )
    return result


def _meeting_json(m: Mapping[Hashable, Any]) -> dict[str, Any]:
    day = m["date"]
    return {
        "date": day.isoformat() if day is not None else None,
        "title": m["title"],
        "kind": m["kind"],
        "attendees": int(m["attendees"]),
    }


def import_files(
    conn: Connection,
    *,
    partnership: str,
    files: Sequence[tuple[str, bytes | Path]],
    format: Format | None = None,
    meeting_date: dt.date | None = None,
    meeting_kind: str | None = None,
    meeting_title: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> list[ImportResult]:
    """Read every file first, then import them all in one transaction (creating the partnership).

    A file whose bytes this partnership already imported is reported from its earlier batch without
    being parsed (a re-import costs one hash). A file given by its path (the command line) is read
    where it lies when it is regular UTF-8 text, never held whole in memory. ``max_bytes``: the largest
    file read (the web upload's 20 MB by default; the command line takes ``--max-mb``).
    (long: the digest check, the parse and the one transaction, in order)"""
    name = " ".join(partnership.split())
    if not name:
        raise ValidationError("Give the partnership's name (--partnership NAME).")
    existing = conn.execute(
        "SELECT id, date_order FROM partnership WHERE lower(name) = lower(?)", [name]
    ).fetchone()
    order = str(existing[1]) if existing else "month_first"
    pid = int(existing[0]) if existing else None
    _check_kind(meeting_kind)
    digests = [checked_digest(fname, data, max_bytes=max_bytes) for fname, data in files]
    known = [
        None if pid is None else _known(conn, pid, fname, sha)
        for (fname, _), sha in zip(files, digests, strict=True)
    ]
    parsed = [
        None
        if done is not None
        else parse_upload(
            conn,
            partnership_id=pid,
            data=data,
            file_name=fname,
            format=format,
            date_order=order,
            max_bytes=max_bytes,
        )
        for (fname, data), done in zip(files, known, strict=True)
    ]
    choice = MeetingChoice(meeting_date, meeting_kind, meeting_title)
    with transaction(conn):
        if pid is None:
            conn.execute("INSERT INTO partnership (name) VALUES (?)", [name])
            pid = get_partnership(conn, name=name).id
        results = []
        for p, sha, done in zip(parsed, digests, known, strict=True):
            results.append(
                done if p is None and done is not None else _apply(conn, _request(pid, p, sha, choice))
            )
        return results


def _request(pid: int, parsed: ParsedFile | None, sha: str, choice: MeetingChoice) -> ImportRequest:
    assert parsed is not None  # only files not already imported were parsed
    return ImportRequest(pid, parsed, sha, choice)


def _known(conn: Connection, pid: int, file_name: str, sha256: str) -> ImportResult | None:
    """The result for bytes this partnership already imported, from that batch (no parsing)."""
    row = conn.execute(
        "SELECT id, imported_at, file_name, format, rows_read, rows_rejected, report_json, "
        "coalesce(number, id) FROM import_batch WHERE partnership_id = ? AND sha256 = ? ORDER BY id LIMIT 1",
        [pid, sha256],
    ).fetchone()
    if row is None:
        return None
    report = json.loads(row[6]) if row[6] else {}
    done = AlreadyImported(int(row[0]), row[1], str(row[2]), int(row[7]))
    return ImportResult(
        file=file_name,
        format=str(row[3]),
        status="already_imported",
        batch_id=done.batch_id,
        meetings=tuple(report.get("meetings", ())),
        rows_read=int(row[4]),
        rows_rejected=int(row[5]),
        attendance_added=0,
        people_added=0,
        people_matched=0,
        warnings=(done.sentence(),),
    )
