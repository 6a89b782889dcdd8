"""Reading a file the user mapped by hand: field -> the file's own header text."""

from __future__ import annotations

from collections.abc import Mapping

from refresh_core.ingest.columns import IDENTITY, first_row
from refresh_core.ingest.errors import ImportFileError, UnrecognisedFormat
from refresh_core.ingest.model import Outcome
from refresh_core.ingest.sheet import Sheet
from refresh_core.ingest.signin import read_people
from refresh_core.ingest.table import body

MAPPABLE = (
    "name", "first_name", "last_name", "email", "organisation", "title", "affiliation", "meeting_date",
    "meeting_title", "meeting_kind", "role", "phone", "minutes",
)  # fmt: skip


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def _check(sheet: Sheet, mapping: dict[str, str]) -> None:
    unknown = sorted(set(mapping) - set(MAPPABLE))
    if unknown:
        raise ImportFileError(
            sheet.file_name,
            f"{', '.join(unknown)} cannot be mapped; the fields are {', '.join(MAPPABLE)}.",
        )
    if not any(f in mapping for f in IDENTITY):
        raise ImportFileError(
            sheet.file_name,
            "map at least one of the name, first name, last name or email columns, then try again.",
        )


def _locate(sheet: Sheet, mapping: dict[str, str], scan: int = 60) -> tuple[int, dict[str, int]]:
    wanted = {fld: _norm(header) for fld, header in mapping.items()}
    for pos in sheet.nonempty().nonzero()[0][:scan]:
        cells = [_norm(c) for c in sheet.row(int(pos))]
        if all(w in cells for w in wanted.values()):
            return int(pos), {fld: cells.index(w) for fld, w in wanted.items()}
    missing = ", ".join(repr(h) for h in mapping.values())
    raise UnrecognisedFormat(sheet.file_name, first_row(sheet), f"no row holds all the columns {missing}")


def parse_mapped(sheet: Sheet, mapping: Mapping[str, str], date_order: str) -> Outcome:
    chosen = {fld: header for fld, header in mapping.items() if header and header.strip()}
    _check(sheet, chosen)
    pos, colmap = _locate(sheet, chosen)
    return read_people(body(sheet, pos, colmap), date_order, "meeting_date")
