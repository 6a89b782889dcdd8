"""Reading a prospect list (CSV or XLSX) into clean rows; nothing is written.

Columns (any order, any case, spaces or underscores): name (or first name + last
name), email, phone, company, title, affiliation, asker, channel, status. Other
columns are ignored and listed. Every cell is read as text, so phone numbers keep
their leading zeros. Channel, status and affiliation accept the words people use
(:mod:`refresh_core.ingest.vocabulary`); an unknown one leaves that cell empty,
keeps the row and is reported as a warning with its lines. Rows that cannot be
used (no name and no email, a malformed email) are returned with their line
number and the reason, never dropped silently.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from refresh_core.errors import ValidationError
from refresh_core.ingest import vocabulary
from refresh_core.ingest.api import DEFAULT_MAX_BYTES, load_sheet
from refresh_core.ingest.classify import classify_affiliation, clean_emails
from refresh_core.ingest.columns import compact
from refresh_core.tables import blank

FIELDS = ("name", "email", "phone", "company", "title", "affiliation", "asker", "channel", "status")
_ALIASES: dict[str, frozenset[str]] = {
    "name": frozenset({"name", "fullname", "prospect", "contact", "contactname"}),
    "first_name": frozenset({"firstname", "first", "givenname"}),
    "last_name": frozenset({"lastname", "last", "surname", "familyname"}),
    "email": frozenset({"email", "emailaddress", "e-mail", "mail"}),
    "phone": frozenset({"phone", "phonenumber", "phone#", "telephone", "mobile", "cell", "cellphone"}),
    "company": frozenset({"company", "organisation", "organization", "employer", "business",
                          "companyname"}),
    "title": frozenset({"title", "jobtitle", "position", "role"}),
    "affiliation": frozenset({"affiliation", "sector", "partnertype", "type", "kind"}),
    "asker": frozenset({"asker", "askedby", "caller", "ask", "whoasks", "champion", "owner"}),
    "channel": frozenset({"channel", "askchannel", "how", "method"}),
    "status": frozenset({"status", "stage", "pipeline"}),
}
_LOOKUP = {compact(key): fld for fld, keys in _ALIASES.items() for key in keys}
COLUMNS = ["line", *FIELDS, "public_subtype"]


@dataclass(frozen=True)
class ProspectFile:
    file_name: str
    rows: pd.DataFrame  # line, name, email, phone, company, title, affiliation, asker, channel, status
    rejected: pd.DataFrame  # line, column, reason, raw
    ignored_columns: tuple[str, ...]
    warnings: tuple[str, ...] = ()  # unknown words in optional columns (the rows were kept)


def _header(cells: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for i, text in enumerate(cells):
        field = _LOOKUP.get(compact(text))
        if field and field not in found:
            found[field] = i
    return found


def _text(frame: pd.DataFrame, position: int | None) -> pd.Series:
    if position is None:
        return pd.Series([None] * len(frame), index=frame.index, dtype=object)
    values = frame[position].astype(str).map(lambda v: " ".join(v.split()))
    return values.astype(object).where(values != "", None)


def read_prospects(data: bytes, *, file_name: str) -> ProspectFile:
    """Parse an uploaded prospect list; raise a typed error when it is not one."""
    sheet = load_sheet(data, file_name, DEFAULT_MAX_BYTES)
    filled = sheet.nonempty()
    first = int(filled.argmax())
    header_cells = sheet.row(first)
    columns = _header(header_cells)
    if "email" not in columns and "name" not in columns and "last_name" not in columns:
        shown = ", ".join(repr(h) for h in header_cells[:12] if h) or "none"
        raise ValidationError(
            f"{file_name}: no name or email column found (columns: {shown}). The first row should name "
            f"the columns: {', '.join(FIELDS)}.")
    body = sheet.cells.iloc[first + 1:][filled[first + 1:]]
    lines = sheet.lines[first + 1:][filled[first + 1:]]
    used = set(columns.values())
    ignored = tuple(h for i, h in enumerate(header_cells) if i not in used and h)
    rows = pd.DataFrame({"line": lines.astype(int)}, index=body.index)
    for field in FIELDS:
        rows[field] = _text(body, columns.get(field))
    if "name" not in columns:
        parts = pd.concat([_text(body, columns.get("first_name")), _text(body, columns.get("last_name"))],
                          axis=1)
        joined = parts.apply(lambda r: " ".join(str(v) for v in r if v is not None), axis=1)
        rows["name"] = joined.astype(object).where(joined != "", None) if len(rows) else rows["name"]
    return _validate(file_name, rows.reset_index(drop=True), sheet.delimiter, ignored)


def rows_from_records(records: list[dict[str, str]], *, file_name: str) -> ProspectFile:
    """Rows typed in a form (keys: the FIELDS), validated as a file's rows would be."""
    frame = pd.DataFrame(records, columns=list(FIELDS)).astype(object)
    for field in FIELDS:
        text = frame[field].map(lambda v: "" if blank(v) else " ".join(str(v).split())).astype(object)
        frame[field] = text.where(text != "", None)
    frame.insert(0, "line", range(1, len(frame) + 1))
    return _validate(file_name, frame, ",", ())


def _validate(file_name: str, rows: pd.DataFrame, delimiter: str, ignored: tuple[str, ...]) -> ProspectFile:
    problems: list[dict[str, object]] = []
    raw = rows[list(FIELDS)].fillna("").astype(str).agg(delimiter.join, axis=1) if len(rows) else rows["line"]
    emails = clean_emails(rows["email"].fillna("")) if len(rows) else rows["email"]
    bad_email = rows["email"].notna() & emails.isna()
    for i in rows.index[bad_email]:
        problems.append({"i": i, "column": "email", "reason": f"{rows.at[i, 'email']!r} is not an email "
                         "address; fix it or leave the cell empty."})
    rows["email"] = emails
    missing = rows["name"].isna() & rows["email"].isna()
    for i in rows.index[missing & ~bad_email]:
        problems.append({"i": i, "column": "name", "reason": "no name and no email: add one of them."})
    warnings = [
        *_optional(rows, "status", vocabulary.status, "Status", _STATUS_FALLBACK),
        *_optional(rows, "channel", vocabulary.channel, "Channel", _CHANNEL_FALLBACK),
    ]
    affiliation, subtype = classify_affiliation(rows["affiliation"].fillna(""))
    warnings += _unread(rows, "affiliation", affiliation, "Affiliation",
                        "the person's organisation is classified by its name instead")
    rows["affiliation"] = affiliation.where(rows["affiliation"].notna(), None)
    rows["public_subtype"] = subtype.where(rows["affiliation"].notna(), None)
    bad = pd.DataFrame(problems, columns=["i", "column", "reason"])
    rejected = pd.DataFrame({"line": rows.loc[bad["i"], "line"].to_numpy(), "column": bad["column"],
                             "reason": bad["reason"], "raw": raw.loc[bad["i"]].to_numpy()})
    keep = ~rows.index.isin(bad["i"])
    return ProspectFile(file_name, rows[keep].reset_index(drop=True)[COLUMNS],
                        rejected.sort_values("line", kind="stable").reset_index(drop=True), ignored,
                        tuple(warnings))


_STATUS_FALLBACK = (
    "the row is loaded as identified (statuses: asked, called, confirmed, declined, no response, attended)"
)
_CHANNEL_FALLBACK = (
    "the row is loaded with no channel (channels: personal ask in person, phone call, email from a "
    "champion, letter, mass email, flyer)"
)


def _optional(rows: pd.DataFrame, field: str, read: Callable[[str | None], str | None], label: str,
              fallback: str) -> list[str]:
    """Read an optional closed-set column in place: an unknown value leaves the cell empty, keeps the row,
    and gives a warning with its lines."""
    given = rows[field]
    found = given.map(lambda v: None if blank(v) else read(str(v))).astype(object)
    rows[field] = found
    return _unread(rows.assign(**{field: given}), field, found, label, fallback)


def _unread(rows: pd.DataFrame, field: str, found: pd.Series, label: str, fallback: str) -> list[str]:
    return vocabulary.unread_warnings(rows[field], found, rows["line"], label=label, what_happens=fallback)
