"""Attendance import, parsing layer: uploaded bytes (or a file on disk) -> a normalised table of
attendance rows.

Nothing here writes to the database; a file on disk is only read (see :mod:`.survey`). Formats:
paper sign-in sheets (CSV/XLSX), Google Forms, Zoom, Microsoft Teams, Google Meet, Eventbrite and
Webex exports.
"""

from __future__ import annotations

from refresh_core.ingest.api import detect_format, parse_file, parse_with_mapping
from refresh_core.ingest.errors import (
    BinaryFileError,
    EmptyFileError,
    FileTooLargeError,
    ImportFileError,
    UnrecognisedFormat,
)
from refresh_core.ingest.model import REJECT_COLUMNS, ROW_COLUMNS, Format, ParsedFile

__all__ = [
    "REJECT_COLUMNS",
    "ROW_COLUMNS",
    "BinaryFileError",
    "EmptyFileError",
    "FileTooLargeError",
    "Format",
    "ImportFileError",
    "ParsedFile",
    "UnrecognisedFormat",
    "detect_format",
    "parse_file",
    "parse_with_mapping",
]
