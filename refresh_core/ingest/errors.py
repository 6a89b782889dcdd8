"""Typed errors for attendance import.

Every message names the file (and the line and column when there is one) and says
what the convener can do next.
"""

from __future__ import annotations

from refresh_core.errors import RefreshError


def _where(file_name: str, line: int | None, column: str | None) -> str:
    parts = [file_name]
    if line is not None:
        parts.append(f"line {line}")
    if column is not None:
        parts.append(f"column {column!r}")
    return ", ".join(parts)


class ImportFileError(RefreshError):
    """An uploaded attendance file cannot be read; the message says where and what to do."""

    def __init__(
        self,
        file_name: str,
        message: str,
        *,
        line: int | None = None,
        column: str | None = None,
    ) -> None:
        self.file_name = file_name
        self.line = line
        self.column = column
        self.detail = message
        self.unexpected = False  # True when an internal problem was turned into this error
        super().__init__(f"{_where(file_name, line, column)}: {message}")


class EmptyFileError(ImportFileError):
    """The file holds no data at all."""

    def __init__(self, file_name: str) -> None:
        super().__init__(
            file_name,
            "the file is empty. Export the attendance again (CSV or Excel) and upload the new file.",
        )


class BinaryFileError(ImportFileError):
    """The file is not text or an Excel workbook (for example a PDF, an image or a zip)."""

    def __init__(self, file_name: str, kind: str) -> None:
        self.kind = kind
        super().__init__(
            file_name,
            f"this looks like {kind}, not a spreadsheet. Save or export the attendance as CSV "
            "or Excel (.xlsx), then upload that file.",
        )


class FileTooLargeError(ImportFileError):
    """The file is bigger than the upload limit."""

    def __init__(self, file_name: str, size: int, limit: int) -> None:
        self.size = size
        self.limit = limit
        super().__init__(
            file_name,
            f"the file is {_megabytes(size)}, over the {_megabytes(limit)} limit. Remove unused "
            "sheets or columns, or split it into smaller files, then upload again.",
        )


class UnreadableFileError(ImportFileError):
    """A file on disk that could not be read (removed, or made a folder, since it was named)."""

    def __init__(self, file_name: str, error: OSError) -> None:
        reason = error.strerror or error
        super().__init__(file_name, f"the file could not be read ({reason}). Check that it is still there.")


class UnrecognisedFormat(ImportFileError):
    """The columns were not recognised; the UI offers a column-mapping step using `header`."""

    def __init__(self, file_name: str, header: tuple[str, ...], why: str | None = None) -> None:
        self.header = header
        shown = ", ".join(repr(h) for h in header[:12] if h) or "none found"
        reason = why or "the columns were not recognised as an attendance list"
        super().__init__(
            file_name,
            f"{reason} (columns: {shown}). Match the columns to the fields by hand, "
            "or check that this is the attendance file.",
        )


def _megabytes(size: int) -> str:
    if size < 1_000:
        return f"{size} bytes"
    if size < 1_000_000:
        return f"{size / 1_000:.0f} KB"
    return f"{size / 1_000_000:.1f} MB".replace(".0 MB", " MB")
