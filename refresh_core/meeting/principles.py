"""Core principles (R11): the partnership's short list, and its reaffirmation at the refresh meeting.

The guide, among the goals of a refresh meeting: "To reaffirm commitment to core
principles. Consider the core foundation your partnership is built on. What makes this
effort distinct? ... What core principles guide your work?" Its examples
(``guidance.PRINCIPLE_EXAMPLES``) are offered as suggestions, never written for the
partnership. A meeting records that the principles were reaffirmed or changed, dated
by the meeting, with the list as it stood.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

import pandas as pd

from refresh_core import words
from refresh_core.db import Connection, one, registered, transaction
from refresh_core.enums import FULL_KINDS
from refresh_core.errors import ValidationError
from refresh_core.guidance import PRINCIPLE_EXAMPLES
from refresh_core.meetings import get_meeting, label_sql
from refresh_core.tables import text

MAX_PRINCIPLES = 10  # "a short list": more than this stops being a foundation (this product's limit)
MAX_LENGTH = 200


class ReviewOutcome(StrEnum):
    REAFFIRMED = "reaffirmed"
    CHANGED = "changed"


@dataclass(frozen=True)
class PrincipleReview:
    meeting_id: int
    meeting_title: str
    on: dt.date  # the meeting's date
    outcome: ReviewOutcome
    principles: tuple[str, ...]  # the list as it stood when recorded
    notes: str

    @property
    def sentence(self) -> str:
        return f"{self.outcome.value.capitalize()} at {self.meeting_title} on {words.day(self.on)}."


def principles(conn: Connection, *, partnership_id: int) -> pd.DataFrame:
    """The partnership's core principles in their order: id, text."""
    return conn.execute(
        "SELECT id, text FROM principle WHERE partnership_id = ? ORDER BY position, id", [partnership_id]
    ).df()


def suggestions(current: Iterable[str]) -> list[str]:
    """The guide's examples not on the list yet (compared without case)."""
    have = {c.strip().lower() for c in current}
    return [p for p in PRINCIPLE_EXAMPLES if p.lower() not in have]


def _clean(values: Iterable[object]) -> list[str]:
    found: list[str] = []
    for value in values:
        clean = text(value)
        if not clean:
            continue
        if len(clean) > MAX_LENGTH:
            raise ValidationError(
                f"A principle is a short phrase: shorten \u201c{clean[:40]}...\u201d to under {MAX_LENGTH} "
                "characters."
            )
        if clean.lower() not in {f.lower() for f in found}:
            found.append(clean)
    if len(found) > MAX_PRINCIPLES:
        raise ValidationError(
            f"Keep the core principles to a short list: {len(found)} is more than {MAX_PRINCIPLES}. "
            "Merge or drop some."
        )
    return found


def save_principles(conn: Connection, *, partnership_id: int, texts: Iterable[object]) -> int:
    """Replace the list with ``texts`` in order (blank rows and repeats dropped); returns its length."""
    found = _clean(texts)
    rows = pd.DataFrame({"position": range(len(found)), "text": found})
    with transaction(conn), registered(conn, "principle_rows", rows):
        conn.execute("DELETE FROM principle WHERE partnership_id = ?", [partnership_id])
        conn.execute(
            "INSERT INTO principle (partnership_id, position, text) "
            "SELECT ?, position, text FROM principle_rows ORDER BY position",
            [partnership_id],
        )
    return len(found)


def adopt(conn: Connection, *, partnership_id: int, picked: Iterable[str]) -> int:
    """Add suggested principles at the end of the list; returns how many were new."""
    current = principles(conn, partnership_id=partnership_id)["text"].tolist()
    merged = _clean([*current, *picked])
    save_principles(conn, partnership_id=partnership_id, texts=merged)
    return len(merged) - len(current)


def record_review(
    conn: Connection,
    *,
    meeting_id: int,
    outcome: ReviewOutcome | str,
    as_of: dt.date,
    notes: str = "",
) -> PrincipleReview:
    """Record that a held full-partnership meeting reaffirmed or changed the principles (replacing
    what was recorded for it before), keeping the list as it stands."""
    meeting = get_meeting(conn, meeting_id=meeting_id)
    if meeting.kind.value not in FULL_KINDS:
        raise ValidationError("Core principles are reaffirmed by the full partnership: pick a full meeting.")
    if meeting.date > as_of:
        raise ValidationError(
            f"{meeting.title} is on {words.day(meeting.date)}: record what it decided once it has met."
        )
    listed = principles(conn, partnership_id=meeting.partnership_id)["text"].tolist()
    if not listed:
        raise ValidationError(
            "Write down the core principles first (the guide's examples can start the list)."
        )
    try:
        result = ReviewOutcome(str(outcome))
    except ValueError as exc:
        raise ValidationError("Say whether the principles were reaffirmed or changed.") from exc
    with transaction(conn):
        conn.execute("DELETE FROM principle_review WHERE meeting_id = ?", [meeting_id])
        conn.execute(
            "INSERT INTO principle_review (partnership_id, meeting_id, outcome, principles, notes) "
            "VALUES (?, ?, ?, ?, ?)",
            [meeting.partnership_id, meeting_id, result.value, "\n".join(listed), text(notes) or None],
        )
    return PrincipleReview(meeting_id=meeting_id, meeting_title=meeting.title, on=meeting.date,
                           outcome=result, principles=tuple(listed), notes=text(notes))


def review_meetings(
    conn: Connection, *, partnership_id: int, as_of: dt.date
) -> dict[str, int]:
    """Held full-partnership meetings that can record a review, refresh meetings first then newest:
    label ('12 Nov 2026 · Refresh meeting') -> meeting id."""
    rows = conn.execute(
        f"""SELECT id, {label_sql(conn)} FROM meeting
           WHERE partnership_id = ? AND (kind = ANY(?)) AND date <= ?
           ORDER BY kind = 'refresh' DESC, date DESC, id DESC""",
        [partnership_id, list(FULL_KINDS), as_of],
    ).fetchall()
    return {str(label): int(mid) for mid, label in rows}


def latest_review(
    conn: Connection, *, partnership_id: int, meeting_id: int | None = None
) -> PrincipleReview | None:
    """The latest meeting that reaffirmed or changed the principles (or that meeting's, if given)."""
    row = one(
        conn,
        """SELECT r.meeting_id, m.title, m.date, r.outcome, r.principles, coalesce(r.notes, '')
           FROM principle_review r JOIN meeting m ON m.id = r.meeting_id
           WHERE r.partnership_id = ? AND (?::INTEGER IS NULL OR r.meeting_id = ?)
           ORDER BY m.date DESC, r.id DESC LIMIT 1""",
        [partnership_id, meeting_id, meeting_id],
    )
    if row is None:
        return None
    return PrincipleReview(meeting_id=int(row[0]), meeting_title=str(row[1]), on=row[2],
                           outcome=ReviewOutcome(row[3]), principles=tuple(str(row[4]).splitlines()),
                           notes=str(row[5]))
