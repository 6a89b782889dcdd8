"""Who signs a meeting's invitation.

The guide: the invitation "should ideally come from a business leader (or group of
business leaders) addressed to their industry peers ... your industry champions sign
the letter". By default the industry champions of active action teams sign, else the
meeting's industry askers; the convener can name who signs instead (a new champion who
agreed, the chair). With nobody named and no industry champion, the invitation has no
signature yet: it never goes out from an unnamed "partnership's industry champions".
"""

from __future__ import annotations

from dataclasses import dataclass

from refresh_core.db import Connection, transaction
from refresh_core.errors import ValidationError
from refresh_core.meetings import Meeting, get_meeting

MAX_SIGNATURE = 200


@dataclass(frozen=True)
class Signature:
    text: str  # the names under the invitation; "" while nobody signs
    named: bool  # typed by the convener (else the champions or the industry askers)
    champions: tuple[str, ...]  # who signs when the convener names nobody


def join_names(names: list[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def signers(conn: Connection, *, meeting_id: int, meeting: Meeting | None = None) -> list[str]:
    """Who signs by default: the industry champions of active action teams, else the meeting's
    industry askers (by name)."""
    meeting = meeting or get_meeting(conn, meeting_id=meeting_id)
    rows = conn.execute(
        """SELECT DISTINCT per.full_name FROM team_member tm JOIN action_team t ON t.id = tm.team_id
           JOIN person per ON per.id = tm.person_id JOIN organisation o ON o.id = per.organisation_id
           WHERE t.partnership_id = ? AND t.status = 'active' AND tm.role = 'champion'
             AND o.kind = 'industry' AND per.merged_into_id IS NULL
           UNION SELECT per.full_name FROM meeting_asker ma JOIN person per ON per.id = ma.person_id
           JOIN organisation o ON o.id = per.organisation_id
           WHERE ma.meeting_id = ? AND o.kind = 'industry'
             AND NOT EXISTS (SELECT 1 FROM team_member tm JOIN action_team t ON t.id = tm.team_id
                             JOIN person cp ON cp.id = tm.person_id
                             JOIN organisation co ON co.id = cp.organisation_id
                             WHERE t.partnership_id = ? AND t.status = 'active' AND tm.role = 'champion'
                               AND co.kind = 'industry' AND cp.merged_into_id IS NULL)
           ORDER BY 1""",
        [meeting.partnership_id, meeting_id, meeting.partnership_id]).fetchall()
    return [str(r[0]) for r in rows]


def signature(
    conn: Connection, *, meeting_id: int, meeting: Meeting | None = None
) -> Signature:
    """The meeting's signature: the names the convener typed, else the default signers."""
    meeting = meeting or get_meeting(conn, meeting_id=meeting_id)
    champions = tuple(signers(conn, meeting_id=meeting_id, meeting=meeting))
    rows = conn.execute("SELECT signed_by FROM invitation_signer WHERE meeting_id = ?",
                        [meeting_id]).fetchall()
    if rows:
        return Signature(text=str(rows[0][0]), named=True, champions=champions)
    return Signature(text=join_names(list(champions)), named=False, champions=champions)


def set_signature(conn: Connection, *, meeting_id: int, signed_by: str) -> Signature:
    """Name who signs the meeting's invitation (blank: back to the industry champions)."""
    text = " ".join(signed_by.split())
    if len(text) > MAX_SIGNATURE:
        raise ValidationError(f"The signature is longer than {MAX_SIGNATURE} characters. Give the names "
                              "(and, if you like, their companies) only.")
    meeting = get_meeting(conn, meeting_id=meeting_id)
    with transaction(conn):
        conn.execute("DELETE FROM invitation_signer WHERE meeting_id = ?", [meeting_id])
        if text:
            conn.execute("INSERT INTO invitation_signer (meeting_id, signed_by) VALUES (?, ?)",
                         [meeting_id, text])
    return signature(conn, meeting_id=meeting_id, meeting=meeting)
