"""The three entry points: detect a file's format, parse it, or parse it with a hand-made mapping."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TypeVar

from refresh_core.errors import ValidationError
from refresh_core.ingest.arrowtext import release_memory
from refresh_core.ingest.decode import binary_kind, decode_bytes
from refresh_core.ingest.detect import detect_sheet
from refresh_core.ingest.errors import (
    BinaryFileError,
    EmptyFileError,
    FileTooLargeError,
    ImportFileError,
    UnreadableFileError,
)
from refresh_core.ingest.eventbrite import parse_eventbrite
from refresh_core.ingest.forms import parse_forms
from refresh_core.ingest.mapping import parse_mapped
from refresh_core.ingest.meet import parse_meet
from refresh_core.ingest.model import DATE_ORDERS, Format, Outcome, ParsedFile
from refresh_core.ingest.sheet import Sheet, sheet_from_path, sheet_from_text, sheet_from_utf8
from refresh_core.ingest.signin import parse_signin
from refresh_core.ingest.teams import parse_teams
from refresh_core.ingest.webex import parse_webex
from refresh_core.ingest.xlsx import sheet_from_xlsx
from refresh_core.ingest.zoom import parse_zoom

DEFAULT_MAX_BYTES = 20_000_000
_NOT_BLANK = re.compile(rb"[^ \t\r\n\x00]")
T = TypeVar("T")

_READERS: dict[Format, Callable[[Sheet, str], Outcome]] = {
    Format.SIGNIN: parse_signin,
    Format.FORMS: parse_forms,
    Format.ZOOM: parse_zoom,
    Format.TEAMS: parse_teams,
    Format.MEET: parse_meet,
    Format.EVENTBRITE: parse_eventbrite,
    Format.WEBEX: parse_webex,
}


def _check_order(date_order: str) -> None:
    if date_order not in DATE_ORDERS:
        raise ValidationError(f"Date order must be one of {', '.join(DATE_ORDERS)}, not {date_order!r}.")


def _guarded(file_name: str, work: Callable[[], T]) -> T:
    """Run `work`; anything but an ImportFileError becomes one (a file must never crash the page)."""
    try:
        return work()
    except ImportFileError:
        raise
    except Exception as exc:
        error = ImportFileError(
            file_name,
            f"the file could not be read ({type(exc).__name__}). Save it again as CSV or Excel and "
            "upload that, or map the columns by hand.",
        )
        error.unexpected = True
        raise error from exc


def _result(file_name: str, fmt: Format, confidence: float, sheet: Sheet, out: Outcome) -> ParsedFile:
    warnings = tuple(dict.fromkeys([*sheet.warnings, *out.warnings]))
    return ParsedFile(
        file_name, fmt, confidence, out.rows, out.rejected, warnings, out.date_order, out.header, out.codes,
        out.merged,
    )


def detect_format(data: bytes | Path, *, file_name: str) -> tuple[Format, float]:
    """The file's format and how sure we are (0..1); raise ImportFileError (UnrecognisedFormat...)."""
    return _guarded(file_name, lambda: detect_sheet(load_sheet(data, file_name, DEFAULT_MAX_BYTES)))


def parse_file(
    data: bytes | Path,
    *,
    file_name: str,
    format: Format | None = None,
    date_order: str = "month_first",
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> ParsedFile:
    """Read an uploaded attendance file (its bytes, or its path) into rows; the format is detected
    unless given."""
    _check_order(date_order)

    def work() -> ParsedFile:
        sheet = load_sheet(data, file_name, max_bytes)
        fmt, confidence = (Format(format), 1.0) if format is not None else detect_sheet(sheet)
        parsed = _result(file_name, fmt, confidence, sheet, _READERS[fmt](sheet, date_order))
        release_memory()
        return parsed

    return _guarded(file_name, work)


def parse_with_mapping(
    data: bytes | Path,
    *,
    file_name: str,
    mapping: Mapping[str, str],
    date_order: str = "month_first",
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> ParsedFile:
    """Read a file whose columns the user matched to fields by hand (read as a sign-in sheet)."""
    _check_order(date_order)

    def work() -> ParsedFile:
        sheet = load_sheet(data, file_name, max_bytes)
        return _result(file_name, Format.SIGNIN, 1.0, sheet, parse_mapped(sheet, mapping, date_order))

    return _guarded(file_name, work)


def load_sheet(data: bytes | Path, file_name: str, max_bytes: int) -> Sheet:
    """Bytes of a CSV/TSV/TXT or XLSX upload, or such a file on disk, to a Sheet; raise ImportFileError
    subclasses. A large regular UTF-8 file on disk is read where it lies; any other is read whole."""
    refused = False  # (DuckDB already refused the file read where it lies: the text path, not again)
    if isinstance(data, Path):
        on_disk = _from_disk(data, file_name, max_bytes)
        if isinstance(on_disk, Sheet):
            return on_disk
        data, refused = on_disk
    if len(data) > max_bytes:
        raise FileTooLargeError(file_name, len(data), max_bytes)
    if not data or _NOT_BLANK.search(data) is None:  # (a search, not a stripped copy of the upload)
        raise EmptyFileError(file_name)
    if data.startswith(b"PK\x03\x04"):
        return sheet_from_xlsx(data, file_name)
    if data.startswith(b"PK"):
        raise BinaryFileError(file_name, "a zip archive")
    kind = binary_kind(data)
    if kind is not None:
        raise BinaryFileError(file_name, kind)
    sheet, refused = (None, True) if refused else sheet_from_utf8(data, file_name)
    if sheet is not None:
        replaced = not data.isascii() and b"\xef\xbf\xbd" in data  # a literal U+FFFD (strict UTF-8 makes
        # no others; an ASCII file has none: a check 6x faster than the search)
    else:
        text, encoding = decode_bytes(data, file_name)
        sheet = sheet_from_text(text, file_name, encoding, duckdb_refused=refused)
        replaced = "\ufffd" in text
        del text
    return _checked(sheet, file_name, replaced=replaced)


def _checked(sheet: Sheet, file_name: str, *, replaced: bool) -> Sheet:
    if not sheet.nonempty().any():
        raise EmptyFileError(file_name)
    if replaced:
        sheet.warnings.append(
            "Some characters could not be read and show as '\ufffd'. Check names with accents; saving "
            "the file again as 'CSV UTF-8' usually fixes this."
        )
    return sheet


def _from_disk(path: Path, file_name: str, max_bytes: int) -> Sheet | tuple[bytes, bool]:
    """The sheet of a file on disk read where it lies, else (its bytes, whether DuckDB refused it); never
    more than ``max_bytes`` read, even from a file that grows while it is read."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise FileTooLargeError(file_name, size, max_bytes)
        found = sheet_from_path(path, file_name, max_bytes=max_bytes)
        if found.sheet is not None:
            return _checked(found.sheet, file_name, replaced=found.replaced)
        data = _read_at_most(path, max_bytes + 1)
    except OSError as exc:
        raise UnreadableFileError(file_name, exc) from exc
    if len(data) > max_bytes:  # (it grew since)
        raise FileTooLargeError(file_name, len(data), max_bytes)
    return data, found.refused


def _read_at_most(path: Path, size: int) -> bytes:
    """The file's first ``size`` bytes (all of it when it is smaller)."""
    with path.open("rb") as handle:
        return handle.read(size)
