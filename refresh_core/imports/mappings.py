"""Column mappings for file layouts we do not recognise, saved per partnership and reused.

When a CSV or XLSX's columns are not recognised, the convener matches our fields
to the file's headers once; the mapping is saved under the header's signature
and used automatically the next time a file with the same header arrives.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Mapping
from pathlib import Path

from refresh_core.db import Connection, transaction
from refresh_core.errors import ValidationError
from refresh_core.ingest import Format, ParsedFile, UnrecognisedFormat, parse_file, parse_with_mapping
from refresh_core.ingest.api import DEFAULT_MAX_BYTES

# Our fields a convener can map, with the label shown to them (identity fields first).
MAPPABLE_FIELDS: dict[str, str] = {
    "name": "Full name",
    "first_name": "First name",
    "last_name": "Last name",
    "email": "Email",
    "organisation": "Organisation / company",
    "title": "Job title",
    "affiliation": "Industry or public partner",
    "meeting_date": "Meeting date",
    "meeting_title": "Meeting name",
    "meeting_kind": "Meeting type",
    "role": "Role in the meeting",
    "phone": "Phone",
    "minutes": "Minutes attended",
}


def header_signature(header: tuple[str, ...] | list[str]) -> str:
    """The header's cells, normalised (case, spacing, accents) and joined: the mapping's key."""
    cells = [" ".join(unicodedata.normalize("NFKC", str(h)).casefold().split()) for h in header]
    return "|".join(c for c in cells if c)


def check_mapping(header: tuple[str, ...], mapping: Mapping[str, str]) -> dict[str, str]:
    """The mapping without blank choices; raise when it names no person column or unknown fields."""
    chosen = {f: h for f, h in mapping.items() if h}
    unknown = sorted(set(chosen) - set(MAPPABLE_FIELDS))
    if unknown:
        raise ValidationError(f"Unknown fields in the mapping: {', '.join(unknown)}.")
    if not {"name", "first_name", "last_name", "email"} & set(chosen):
        raise ValidationError("Choose the column that holds each person's name or email, then try again.")
    missing = [h for h in chosen.values() if h not in header]
    if missing:
        raise ValidationError(f"The file has no column {missing[0]!r}; pick one of its columns.")
    return chosen


def save_mapping(
    conn: Connection,
    *,
    partnership_id: int,
    header: tuple[str, ...],
    mapping: Mapping[str, str],
) -> None:
    """Remember ``mapping`` (field -> header text) for files with this header."""
    chosen = check_mapping(header, mapping)
    signature = header_signature(header)
    with transaction(conn):
        conn.execute(
            "DELETE FROM saved_mapping WHERE partnership_id = ? AND signature = ?",
            [partnership_id, signature],
        )
        conn.execute(
            "INSERT INTO saved_mapping (partnership_id, signature, mapping_json) VALUES (?, ?, ?)",
            [partnership_id, signature, json.dumps(chosen, ensure_ascii=False)],
        )


def saved_mapping(
    conn: Connection, *, partnership_id: int, header: tuple[str, ...]
) -> dict[str, str] | None:
    """The mapping saved for this header, if any."""
    row = conn.execute(
        "SELECT mapping_json FROM saved_mapping WHERE partnership_id = ? AND signature = ?",
        [partnership_id, header_signature(header)],
    ).fetchone()
    return {str(k): str(v) for k, v in json.loads(row[0]).items()} if row else None


def parse_upload(
    conn: Connection,
    *,
    partnership_id: int | None,
    data: bytes | Path,
    file_name: str,
    format: Format | None = None,
    date_order: str = "month_first",
    mapping: Mapping[str, str] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> ParsedFile:
    """Parse an upload: with the given mapping, else by detection, else with a saved mapping.

    Raises the parser's ImportFileError (UnrecognisedFormat when a mapping is needed).
    """
    if mapping:
        return parse_with_mapping(data, file_name=file_name, mapping=mapping, date_order=date_order,
                                  max_bytes=max_bytes)
    try:
        return parse_file(
            data, file_name=file_name, format=format, date_order=date_order, max_bytes=max_bytes
        )
    except UnrecognisedFormat as exc:
        saved = (
            None
            if partnership_id is None
            else saved_mapping(conn, partnership_id=partnership_id, header=exc.header)
        )
        if saved is None:
            raise
        return parse_with_mapping(data, file_name=file_name, mapping=saved, date_order=date_order,
                                  max_bytes=max_bytes)
