"""Commands: ``import``, ``export``, ``import-history``, ``undo-import``."""

from __future__ import annotations

import argparse
import os
import socket
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from refresh_core import deferred, words
from refresh_core.cli import iso_date, print_json
from refresh_core.db import Connection
from refresh_core.enums import MeetingKind
from refresh_core.errors import MissingDateError, ValidationError
from refresh_core.meetings import KIND_LABELS

if TYPE_CHECKING:  # loaded when a command uses them (see refresh_core.deferred)
    from refresh_core import ingest
    from refresh_core.hosting import backup, export, tasks
    from refresh_core.imports import apply, batches
    from refresh_core.imports.results import ImportResult
else:
    tasks = deferred("refresh_core.hosting.tasks")
    backup = deferred("refresh_core.hosting.backup")
    export = deferred("refresh_core.hosting.export")
    apply = deferred("refresh_core.imports.apply")
    batches = deferred("refresh_core.imports.batches")
    ingest = deferred("refresh_core.ingest")

# The values of refresh_core.ingest.Format (tests/cli checks): naming them here keeps the file readers
# (and openpyxl) out of every command's parser.
FORMATS = ("signin", "forms", "zoom", "teams", "meet", "eventbrite", "webex")
CLI_MAX_MB = 1000.0  # the command line reads files far larger than a web upload (rows stay capped)


def register(sub: Any) -> None:
    p = sub.add_parser("import", help="import attendance files (sign-in sheets, Zoom, Teams, ...)")
    p.add_argument("files", nargs="+", metavar="FILE", type=Path)
    p.add_argument("--partnership", required=True, metavar="NAME", help="created when new")
    p.add_argument("--format", default="auto", choices=["auto", *FORMATS])
    p.add_argument(
        "--meeting-date",
        type=iso_date,
        default=None,
        metavar="YYYY-MM-DD",
        help="date for rows without one (required for Eventbrite)",
    )
    p.add_argument("--meeting-kind", default=None, choices=[k.value for k in MeetingKind])
    p.add_argument("--meeting-title", default=None, metavar="TEXT")
    p.add_argument(
        "--max-mb",
        type=float,
        default=CLI_MAX_MB,
        metavar="MB",
        help=f"largest file to read, in megabytes (default {CLI_MAX_MB:g}; web uploads stop at 20)",
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("export", help="write every table as CSV plus manifest.json")
    p.add_argument("directory", metavar="DIR", type=Path)
    p.add_argument("--partnership", default=None, metavar="NAME")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("import-history", help="list import batches, newest first")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_history)

    p = sub.add_parser("undo-import", help="remove everything one import batch added")
    p.add_argument("batch_id", type=int, metavar="BATCH_ID")
    p.set_defaults(func=cmd_undo)


def _read(path: Path) -> tuple[str, bytes | Path]:
    """The file's name and path, once it can be opened: the import reads a file where it lies; a pipe or
    a device (``/dev/stdin``, a shell's ``<(...)``) can be read once only, so its bytes are read here."""
    try:
        if not path.is_file():
            return path.name, path.read_bytes()
        with path.open("rb"):
            return path.name, path
    except OSError as exc:
        raise ValidationError(
            f"{path}: cannot be read ({exc.strerror or exc}). Check the file name."
        ) from exc


def cmd_import(conn: Connection, args: argparse.Namespace) -> int:
    files = [_read(path) for path in args.files]
    # one import at a time, with the app servers on the same database too (their import lock)
    holder = f"command line {os.getpid()}@{socket.gethostname()}"
    with tasks.exclusive(conn, name=tasks.IMPORT, holder=holder):
        try:
            results = apply.import_files(
                conn,
                partnership=args.partnership,
                files=files,
                format=None if args.format == "auto" else ingest.Format(args.format),
                meeting_date=args.meeting_date,
                meeting_kind=args.meeting_kind,
                meeting_title=args.meeting_title,
                max_bytes=int(args.max_mb * 1_000_000),
            )
        except MissingDateError as exc:
            raise MissingDateError(f"{exc} Give it with --meeting-date YYYY-MM-DD.") from exc
    backup_dir = backup.backup_dir_from_env()
    if backup_dir is not None and any(r.attendance_added or r.people_added for r in results):
        backup.auto_backup(conn, directory=backup_dir, reason="import")
    if args.json:
        print_json({"files": [r.to_json() for r in results]})
        for result in results:
            _print_rejected(result, sys.stderr)
        return 0
    for result in results:
        _print_result(result)
        _print_rejected(result, sys.stdout)
    return 0


def _print_result(result: ImportResult) -> None:
    if result.status == "already_imported":
        print(f"{result.file}: already imported, nothing changed ({result.warnings[0]})")
        return
    print(
        f"{result.file} ({result.format}): {words.count(result.attendance_added, 'attendance record')} "
        f"added; {words.count(result.people_added, 'new person', 'new people')}, "
        f"{result.people_matched:,} matched; {words.count(result.rows_read, 'row')} read, "
        f"{result.rows_rejected:,} rejected."
    )
    for m in result.meetings:
        kind = KIND_LABELS[MeetingKind(m["kind"])]
        print(f"  {m['date']}  {m['title']} ({kind}): {words.count(m['attendees'], 'attendee')}")
    for warning in result.warnings:
        print(f"  note: {warning}")


def _print_rejected(result: ImportResult, stream: TextIO) -> None:
    for line, column, reason in result.rejected:
        print(f"  {result.file}: line {line} not imported ({column}): {reason}", file=stream)


def cmd_export(conn: Connection, args: argparse.Namespace) -> int:
    result = export.export_all(conn, directory=args.directory, partnership=args.partnership)
    print(
        f"Wrote {len(result.row_counts)} tables ({sum(result.row_counts.values())} rows) and "
        f"{result.manifest.name} to {result.directory}"
    )
    return 0


def cmd_history(conn: Connection, args: argparse.Namespace) -> int:
    table = batches.import_history(conn)
    if args.json:
        print_json(
            [
                {k: (None if str(v) in ("NaT", "nan", "<NA>") else v) for k, v in row.items()}
                for row in table.to_dict("records")
            ]
        )
        return 0
    if table.empty:
        print("No imports yet. Import a file with `import FILE --partnership NAME`.")
    for r in table.to_dict("records"):
        print(
            f"#{r['batch_id']}  {r['imported_at']:%Y-%m-%d %H:%M} UTC  {r['partnership']} (its import "
            f"{r['number']})  {r['file_name']} "
            f"({r['format']}): {batches.what_it_did(r)}; "
            f"{words.count(int(r['people_added']), 'person', 'people')} new to the records"
        )
    return 0


def cmd_undo(conn: Connection, args: argparse.Namespace) -> int:
    print(batches.undo_import(conn, batch_id=args.batch_id).sentence())
    return 0
