"""Invitations written as from the champions to their peers, and the mail-merge file.

The guide: "the invitation to a refresh meeting should ideally come from a business
leader (or group of business leaders) addressed to their industry peers ... your
industry champions sign the letter, but it is emailed on their behalf by the
convening organization(s). It should also be personalized."

Placeholders are ``{name}`` words; unknown ones are reported and left as typed,
never an error, and nothing but the listed values can be reached from a template.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pandas as pd

from refresh_core import words
from refresh_core.db import Connection, transaction
from refresh_core.errors import ValidationError
from refresh_core.meetings import Meeting, get_meeting
from refresh_core.recruitment.pipeline import OPEN_STATUSES
from refresh_core.recruitment.prospects import prospect_table
from refresh_core.recruitment.signature import Signature, signature
from refresh_core.tables import to_safe_csv

PLACEHOLDERS: dict[str, str] = {
    "first_name": "the prospect's first name",
    "company": "the prospect's company",
    "champions": "the champions signing the invitation",
    "date": "the meeting's day and time",
    "place": "where the meeting is",
    "asker": "who will call them",
}
DEFAULT_SUBJECT = "Join fellow industry leaders on {date}: what should we do together next?"
DEFAULT_BODY = """Dear {first_name},

We are writing to you as fellow business leaders in our industry. On {date} we are bringing \
together leaders from companies across the region at {place} to take a fresh look at our sector \
partnership, and we would like {company} to be at the table.

This will not be a presentation. Together we will celebrate what the partnership has achieved, \
talk frankly about where our industry is today, and decide what we need to do together, that no \
one company could do on its own, to strengthen and grow our industry here. Those who wish can then \
lead the work on the priorities we choose.

Your experience would make a real difference. {asker} will give you a call in the next few days; \
in the meantime, please reply to let us know you can join us.

With best regards,
{champions}
"""
_FIELD = re.compile(r"\{([^{}\n]*)\}")
MERGE_COLUMNS = ["email", "subject", "body", "name", "company", "check"]
CHECK_COMPANY = "Company not known: the invitation says 'your company'. Add their company before sending."
NOBODY_SIGNS = "[nobody signs yet]"
UNSIGNED = ("Nobody signs this invitation yet: no industry champion is among the askers or the action "
            "teams. The guide: invitations come from business leaders to their peers. Name who signs "
            "(an industry champion or business leader who agreed to), then download the mail merge.")


@dataclass(frozen=True)
class Template:
    subject: str
    body: str
    is_default: bool


@dataclass(frozen=True)
class Rendered:
    subject: str
    body: str
    unknown: tuple[str, ...]  # placeholders that are not known, left as typed


@dataclass(frozen=True)
class MailMerge:
    frame: pd.DataFrame  # MERGE_COLUMNS
    without_email: tuple[str, ...]  # names of prospects skipped for want of an email
    unknown: tuple[str, ...]
    unknown_company: tuple[str, ...]  # names of prospects whose invitation says "your company"


def unknown_placeholders(*texts: str) -> tuple[str, ...]:
    """Placeholders in ``texts`` that are not in PLACEHOLDERS, in order of appearance."""
    found = [m.group(1) for text in texts for m in _FIELD.finditer(text)]
    return tuple(dict.fromkeys(name for name in found if name not in PLACEHOLDERS))


def fill(text: str, values: dict[str, str]) -> str:
    """Replace known ``{placeholders}``; anything else stays exactly as typed."""
    return _FIELD.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def fill_column(text: str, values: dict[str, pd.Series | str]) -> pd.Series:
    """:func:`fill` for many invitations at once: ``values`` holds a column (one value per
    invitation, all with the same index) or one text shared by all."""
    parts = _FIELD.split(text)  # literal, name, literal, name, ..., literal
    columns = [v for v in values.values() if isinstance(v, pd.Series)]
    index = columns[0].index if columns else pd.RangeIndex(1)
    out = pd.Series(parts[0], index=index, dtype=object)
    for name, literal in zip(parts[1::2], parts[2::2], strict=True):
        value = values.get(name, "{" + name + "}")
        out = out + (value.astype(str) if isinstance(value, pd.Series) else value) + literal
    return out


def render(template: Template, values: dict[str, str]) -> Rendered:
    """The template filled with ``values``, and the unknown placeholders it contains."""
    return Rendered(fill(template.subject, values), fill(template.body, values),
                    unknown_placeholders(template.subject, template.body))


def get_template(conn: Connection, *, meeting_id: int) -> Template:
    """The meeting's invitation: the convener's edited text, else the default."""
    rows = conn.execute("SELECT subject, body FROM invitation_template WHERE meeting_id = ?",
                        [meeting_id]).fetchall()
    if not rows:
        return Template(DEFAULT_SUBJECT, DEFAULT_BODY, True)
    return Template(str(rows[0][0]), str(rows[0][1]), False)


def save_template(
    conn: Connection, *, meeting_id: int, subject: str, body: str
) -> tuple[str, ...]:
    """Keep the convener's invitation for the meeting; returns unknown placeholders to fix."""
    if not subject.strip() or not body.strip():
        raise ValidationError("The invitation needs a subject and a body. Type both, or go back to "
                              "the default text.")
    get_meeting(conn, meeting_id=meeting_id)
    with transaction(conn):
        conn.execute("DELETE FROM invitation_template WHERE meeting_id = ?", [meeting_id])
        conn.execute("INSERT INTO invitation_template (meeting_id, subject, body) VALUES (?, ?, ?)",
                     [meeting_id, subject.strip(), body.strip() + "\n"])
    return unknown_placeholders(subject, body)


def reset_template(conn: Connection, *, meeting_id: int) -> None:
    """Go back to the default invitation."""
    with transaction(conn):
        conn.execute("DELETE FROM invitation_template WHERE meeting_id = ?", [meeting_id])


def first_name(full_name: str) -> str:
    """'Omar' from 'Omar Kim' or 'Kim, Omar'."""
    name = full_name.split(",", 1)[1] if "," in full_name else full_name
    parts = name.split()
    return parts[0] if parts else full_name.strip()


def when_text(meeting: Meeting) -> str:
    """'Thursday 14 January 2027, 7:30 to 9:30 am' (the time when known; 'am' or 'pm' once when both
    ends share it: '11:30 am to 1:00 pm', '6:00 to 8:00 pm')."""
    day = f"{meeting.date:%A} {words.day(meeting.date, '%B %Y')}"
    if meeting.start_time is None:
        return day
    start = dt.datetime.combine(meeting.date, meeting.start_time)
    begins, half = _clock(start)
    if not meeting.minutes:
        return f"{day}, {begins} {half}"
    ends, end_half = _clock(start + dt.timedelta(minutes=meeting.minutes))
    return f"{day}, {begins}{'' if half == end_half else ' ' + half} to {ends} {end_half}"


def _clock(moment: dt.datetime) -> tuple[str, str]:
    """('7:30', 'am') for 07:30, ('12:00', 'pm') for noon, ('12:00', 'am') for midnight."""
    return f"{moment.hour % 12 or 12}:{moment.minute:02d}", "am" if moment.hour < 12 else "pm"


def meeting_values(
    conn: Connection, *, meeting_id: int, meeting: Meeting | None = None,
    signed: Signature | None = None,
) -> dict[str, str]:
    """The values shared by every invitation for the meeting (the signature shows as a gap to
    fill while nobody signs: see :func:`unsigned`)."""
    meeting = meeting or get_meeting(conn, meeting_id=meeting_id)
    signed = signed or signature(conn, meeting_id=meeting_id, meeting=meeting)
    return {"champions": signed.text or NOBODY_SIGNS, "date": when_text(meeting),
            "place": meeting.location or "a venue we will confirm shortly"}


def unsigned(template: Template, signed: Signature) -> bool:
    """True when the invitation's text has a ``{champions}`` signature and nobody signs yet."""
    uses = {m.group(1) for text in (template.subject, template.body) for m in _FIELD.finditer(text)}
    return "champions" in uses and not signed.text


def company_name(row: pd.Series) -> str | None:
    """The prospect's company by its name (a prospect table row's ``company``), or None when it
    is not known (no organisation, one named after an email domain, a stand-in)."""
    company = row["company"]
    return company if isinstance(company, str) and company.strip() else None


def without_email(table: pd.DataFrame) -> tuple[str, ...]:
    """Names of the prospects still to win over (a prospect table's rows) who have no email
    address: the mail merge skips them; they need a letter or a call."""
    open_ = table["status"].isin([s.value for s in OPEN_STATUSES])
    return tuple(table.loc[open_ & (table["email"].fillna("").str.strip() == ""), "name"].astype(str))


def unknown_companies(table: pd.DataFrame) -> tuple[str, ...]:
    """Names of the prospects still to win over (a prospect table's rows) whose invitation would
    say 'your company', for the convener to fix before sending."""
    open_ = table["status"].isin([s.value for s in OPEN_STATUSES])
    return tuple(table.loc[open_ & table["company"].isna(), "name"].astype(str))


def prospect_values(shared: dict[str, str], row: pd.Series) -> dict[str, str]:
    """The values for one prospect (a row of the prospect table)."""
    return {**shared, "first_name": first_name(str(row["name"])),
            "company": company_name(row) or "your company",
            "asker": str(row["asker"]) if pd.notna(row["asker"]) else "One of us"}


def preview(
    conn: Connection, *, meeting_id: int, prospect_id: int, template: Template,
    as_of: dt.date,
) -> Rendered:
    """The invitation as this prospect would receive it."""
    table = prospect_table(conn, meeting_id=meeting_id, as_of=as_of)
    match = table[table["prospect_id"] == prospect_id]
    if match.empty:
        raise ValidationError("That prospect is not on this meeting's list. Pick one from the list.")
    return render(template, prospect_values(meeting_values(conn, meeting_id=meeting_id), match.iloc[0]))


def mail_merge(
    conn: Connection, *, meeting_id: int, template: Template, as_of: dt.date
) -> MailMerge:
    """One row (email, subject, body, name, company, check) per prospect still to win over
    (identified, asked, called, no response) who has an email address. ``check`` says what to
    look at before sending (an unknown company). Refused while nobody signs the invitation."""
    meeting = get_meeting(conn, meeting_id=meeting_id)
    signed = signature(conn, meeting_id=meeting_id, meeting=meeting)
    if unsigned(template, signed):
        raise ValidationError(UNSIGNED)
    table = prospect_table(conn, meeting_id=meeting_id, as_of=as_of, meeting=meeting)
    table = table[table["status"].isin([s.value for s in OPEN_STATUSES])]
    has_mail = table["email"].fillna("").str.strip() != ""
    shared = meeting_values(conn, meeting_id=meeting_id, meeting=meeting, signed=signed)
    mailed = table[has_mail]
    company = mailed["company"].astype(object)
    values: dict[str, pd.Series | str] = {
        **shared, "first_name": mailed["name"].astype(str).map(first_name),
        "company": company.fillna("your company"),
        "asker": mailed["asker"].astype(object).fillna("One of us")}
    frame = pd.DataFrame({
        "email": mailed["email"].astype(str).str.strip(), "subject": fill_column(template.subject, values),
        "body": fill_column(template.body, values), "name": mailed["name"].astype(str),
        "company": company.fillna(""), "check": company.isna().map({True: CHECK_COMPANY, False: ""}),
    }, columns=MERGE_COLUMNS).reset_index(drop=True)
    return MailMerge(frame, without_email(table),
                     unknown_placeholders(template.subject, template.body),
                     tuple(frame.loc[frame["check"] != "", "name"]))


def mail_merge_csv(merge: MailMerge) -> bytes:
    """The mail-merge file for Word, Outlook or Gmail merge tools (UTF-8 CSV, formula-safe)."""
    return to_safe_csv(merge.frame)
