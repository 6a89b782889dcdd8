"""A prospect's contact details (email, phone, job title), corrected by the convener on the
prospect list and kept on the person, so every list and later import sees them.

Values are checked as a prospect-list file's cells are: an email must look like one (stored
trimmed and in lower case), a phone needs digits, a title has a sensible length. An email
another person in the partnership already has is refused: the two are probably one person.
"""

from __future__ import annotations

import pandas as pd

from refresh_core.db import Connection, registered
from refresh_core.errors import ValidationError
from refresh_core.ingest.classify import clean_emails
from refresh_core.people.matching import levels

CONTACT_COLUMNS = ("title", "phone", "email")
MAX_TITLE = 120
# Digits with the usual separators, an optional leading + and an optional extension.
_PHONE = r"^\+?[0-9][0-9 ().\-/]{3,30}(?:\s*(?:x|ext\.?)\s*[0-9]{1,6})?$"


def _text(values: pd.Series) -> pd.Series:
    """Cells as text with whitespace collapsed; None when blank."""
    out = values.map(lambda v: " ".join(str(v).split()) if isinstance(v, str) else None)
    return out.where(out.fillna("") != "", None).astype(object)


def _refuse(rows: pd.DataFrame, bad: pd.Series, what: str) -> None:
    if bad.any():
        first = rows[bad].iloc[0]
        raise ValidationError(f"{what.format(value=first['_value'], name=first['name'])} "
                              "Correct the cell, or empty it, and save again.")


def contact_updates(changed: pd.DataFrame) -> pd.DataFrame:
    """The people whose contact cells were edited, with the values to store: person_id, email,
    phone, title, level (from the title). ``changed`` holds person_id, name, and for each of
    title, phone and email the stored value and the typed one (``<column>_new``); only typed
    cells that differ are checked, so an old odd value never blocks another edit. A
    ValidationError names the prospect and the cell that cannot be used."""
    old = {c: _text(changed[c].astype(object)) for c in CONTACT_COLUMNS}
    new = {c: _text(changed[f"{c}_new"].astype(object)) for c in CONTACT_COLUMNS}
    moved = {c: old[c].fillna("") != new[c].fillna("") for c in CONTACT_COLUMNS}
    rows = changed[["name"]].assign(_value=new["email"])
    clean = clean_emails(new["email"].fillna("")).astype(object)
    _refuse(rows, moved["email"] & new["email"].notna() & clean.isna(),
            "{value!r} is not an email address (for {name}).")
    email = clean.where(moved["email"], changed["email"].astype(object))
    rows = rows.assign(_value=new["phone"])
    phone_ok = new["phone"].fillna("").str.match(_PHONE, case=False)
    _refuse(rows, moved["phone"] & new["phone"].notna() & ~phone_ok,
            "{value!r} is not a phone number (for {name}): use digits, spaces, +, -, brackets.")
    rows = rows.assign(_value=new["title"])
    _refuse(rows, moved["title"] & (new["title"].fillna("").str.len() > MAX_TITLE),
            f"The job title of {{name}} is longer than {MAX_TITLE} characters.")
    touched = moved["email"] | moved["phone"] | moved["title"]
    rows = rows.assign(_value=email)
    _refuse(rows, touched & email.notna() & email.duplicated(keep=False),
            "{value} is the email of two prospects, {name} and another.")
    phone = new["phone"].where(moved["phone"], changed["phone"].astype(object))
    title = new["title"].where(moved["title"], changed["title"].astype(object))
    out = pd.DataFrame({"person_id": changed["person_id"].astype("int64"), "email": email, "phone": phone,
                        "title": title, "level": levels(title.fillna(""))})
    return out[touched].reset_index(drop=True)


def write_contacts(conn: Connection, *, partnership_id: int, updates: pd.DataFrame) -> int:
    """Inside a transaction: store ``updates`` (see :func:`contact_updates`) on the people; the
    level follows the title only when the title changed. Returns how many people changed."""
    if updates.empty:
        return 0
    with registered(conn, "contact_updates", updates):
        taken = conn.execute(
            """SELECT u.email, other.full_name FROM contact_updates u JOIN person other
               ON other.email = u.email AND other.id <> u.person_id AND other.partnership_id = ?
               AND other.merged_into_id IS NULL ORDER BY u.email LIMIT 1""", [partnership_id]).fetchall()
        if taken:
            raise ValidationError(
                f"{taken[0][0]} is already the email of {taken[0][1]}. If they are the same person, merge "
                "them on the People and organisations page; otherwise check the address.")
        changed = conn.execute(
            """UPDATE person SET email = u.email, phone = u.phone, title = u.title,
                   level = CASE WHEN person.title IS DISTINCT FROM u.title THEN u.level ELSE person.level END
               FROM contact_updates u WHERE person.id = u.person_id AND person.partnership_id = ?
                 AND (person.email IS DISTINCT FROM u.email OR person.phone IS DISTINCT FROM u.phone
                      OR person.title IS DISTINCT FROM u.title)
               RETURNING person.id""", [partnership_id]).fetchall()
    return len(changed)
