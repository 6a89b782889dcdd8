"""Problems a convener can meet on upload: each gives a typed error naming the file, line and fix."""

from __future__ import annotations

import io
import zipfile

import pytest

from refresh_core.errors import RefreshError, ValidationError
from refresh_core.ingest import (
    BinaryFileError,
    EmptyFileError,
    FileTooLargeError,
    Format,
    ImportFileError,
    UnrecognisedFormat,
    detect_format,
    parse_file,
    parse_with_mapping,
)
from tests.ingest.conftest import FIXTURES


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize("data", [b"", b"   \r\n\r\n", b"\xef\xbb\xbf", b"\xff\xfe", b",,,\n,,,\n"])
def test_empty_files(data: bytes) -> None:
    """An empty export says the file is empty and to export it again."""
    with pytest.raises(EmptyFileError, match=r"^a\.csv: the file is empty"):
        parse_file(data, file_name="a.csv")


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, r"\.xls"),
        (_zip({"notes.txt": b"hello"}), "zip"),
        (_zip({"[Content_Types].xml": b"<x/>", "xl/workbook.xml": b"broken"}), "damaged"),
        (bytes(range(256)) * 4, "binary"),
        (b"\x00\x01\x02garbage\xff\xfe not a csv", "binary"),  # (walk-through: it went to column matching)
    ],
)
def test_binary_files_are_refused(data: bytes, kind: str) -> None:
    """A PDF, picture, old .xls or zip gets 'this looks like ..., export as CSV or Excel'."""
    with pytest.raises(BinaryFileError, match=kind) as caught:
        parse_file(data, file_name="scan.pdf")
    assert "CSV or Excel" in str(caught.value)


def test_file_too_large_names_the_limit() -> None:
    """An oversized upload is refused with the limit in the message."""
    with pytest.raises(FileTooLargeError, match=r"over the 1 KB limit") as caught:
        parse_file(b"Name\n" + b"x\n" * 1000, file_name="big.csv", max_bytes=1_000)
    assert caught.value.limit == 1_000


def test_unrecognised_columns_carry_the_header() -> None:
    """Unknown headings lead to the column-mapping step, which gets the file's own headings."""
    data = (FIXTURES / "unrecognised_columns.csv").read_bytes()
    with pytest.raises(UnrecognisedFormat) as caught:
        parse_file(data, file_name="u.csv")
    assert caught.value.header == ("Quién", "Correo", "Empresa", "Día")
    with pytest.raises(UnrecognisedFormat):
        detect_format(data, file_name="u.csv")


def test_errors_are_refresh_errors() -> None:
    """Import problems are shown like every other product error (one kind of message box)."""
    for cls in (EmptyFileError, BinaryFileError, FileTooLargeError, UnrecognisedFormat):
        assert issubclass(cls, ImportFileError)
    assert issubclass(ImportFileError, RefreshError)


def test_no_readable_row_names_line_and_column() -> None:
    """When no row can be read, the message points at the first bad cell and says what to do."""
    data = b"Name,Date\nAda Lovelace,31/31/2024\n"
    with pytest.raises(ImportFileError) as caught:
        parse_file(data, file_name="attendance.csv")
    error = caught.value
    assert (error.file_name, error.line, error.column) == ("attendance.csv", 2, "Date")
    assert str(error) == (
        "attendance.csv, line 2, column 'Date': '31/31/2024' is not a date. "
        "Fix the cell or choose the other date order, then upload again."
    )


@pytest.mark.parametrize(
    "header",
    [
        b"Name,Email,Company\n",
        b"Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes)\n",
        b"Full Name\tUser Action\tTimestamp\n",
        b"Timestamp,Full Name\n",
        b"Order #,First Name,Last Name,Email,Ticket Type,Attendee Status\n",
    ],
)
def test_header_without_rows(header: bytes) -> None:
    """A sheet with headings but nobody listed says no attendance rows were found."""
    with pytest.raises(ImportFileError, match="no attendance rows") as caught:
        parse_file(header, file_name="blank.csv")
    assert not caught.value.unexpected


def test_bad_date_order_value_is_refused() -> None:
    """A date order other than month first or day first is a validation error, not a crash."""
    with pytest.raises(ValidationError):
        parse_file(b"Name\nA\n", file_name="a.csv", date_order="year_first")


def test_forced_format_that_does_not_fit() -> None:
    """Forcing 'Teams' on a plain sign-in sheet without join times still reads the people it can."""
    parsed = parse_file(b"Name,Email\nAda,ada@example.com\n", file_name="a.csv", format=Format.TEAMS)
    assert parsed.confidence == 1.0
    assert parsed.rows["name"].tolist() == ["Ada"]


def test_forced_format_on_unrelated_file() -> None:
    """Forcing a format on a file with no usable columns explains instead of crashing."""
    with pytest.raises(UnrecognisedFormat):
        parse_file(b"colour,size\nred,L\n", file_name="a.csv", format=Format.ZOOM)


def test_mapping_errors() -> None:
    """Mapping mistakes (unknown field, no name column, missing heading) get plain messages."""
    data = (FIXTURES / "unrecognised_columns.csv").read_bytes()
    with pytest.raises(ImportFileError, match="cannot be mapped"):
        parse_with_mapping(data, file_name="u.csv", mapping={"nom": "Quién"})
    with pytest.raises(ImportFileError, match="at least one of the name"):
        parse_with_mapping(data, file_name="u.csv", mapping={"organisation": "Empresa"})
    with pytest.raises(UnrecognisedFormat, match="'Nope'"):
        parse_with_mapping(data, file_name="u.csv", mapping={"name": "Nope"})
