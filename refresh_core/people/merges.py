"""The people review queue and reversible merges.

An import never merges two people on a weak match; it queues the pair here. The
convener merges (attendance and team memberships move to the person kept; when
both attended one meeting the kept person's record stays) or dismisses. Every
merge records what it moved or dropped, so :func:`undo_merge` restores it exactly.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from refresh_core import words
from refresh_core.db import Connection, transaction
from refresh_core.errors import NotFoundError, ValidationError

_PERSON = """
    SELECT p.id, p.partnership_id, p.full_name, p.merged_into_id FROM person p WHERE p.id = ?
"""


def list_reviews(
    conn: Connection, *, partnership_id: int, status: str = "open"
) -> pd.DataFrame:
    """Review items (newest first) with both people's name, email, organisation and meeting count."""
    return conn.execute(
        """
        WITH who AS (
            SELECT p.id, p.full_name, p.email, o.name AS organisation,
                   (SELECT count(*) FROM attendance a WHERE a.person_id = p.id) AS meetings
            FROM person p LEFT JOIN organisation o ON o.id = p.organisation_id
        )
        SELECT r.id, r.person_id, n.full_name AS person, n.email AS person_email,
               n.organisation AS person_organisation, n.meetings AS person_meetings,
               r.candidate_id, c.full_name AS candidate, c.email AS candidate_email,
               c.organisation AS candidate_organisation, c.meetings AS candidate_meetings,
               round(r.score) AS score, r.reason, r.status, r.batch_id, r.created_at
        FROM person_review r JOIN who n ON n.id = r.person_id JOIN who c ON c.id = r.candidate_id
        WHERE r.partnership_id = ? AND r.status = ?
          AND (r.status <> 'open' OR NOT EXISTS (SELECT 1 FROM person x WHERE x.id IN (r.person_id,
               r.candidate_id) AND x.merged_into_id IS NOT NULL))
        ORDER BY r.created_at DESC, r.id DESC
        """,
        [partnership_id, status],
    ).df()


def dismiss_review(conn: Connection, *, review_id: int) -> None:
    """Mark a review item as 'different people' so it leaves the queue."""
    with transaction(conn):
        row = conn.execute(
            "UPDATE person_review SET status = 'dismissed', resolved_at = current_timestamp "
            "WHERE id = ? AND status = 'open' RETURNING id",
            [review_id],
        ).fetchone()
        if row is None:
            raise NotFoundError(
                f"Review item {review_id} is not open (already merged or dismissed?). "
                "Reload the page to see the current queue."
            )


def _person(conn: Connection, person_id: int) -> tuple[int, int, str, object]:
    row = conn.execute(_PERSON, [person_id]).fetchone()
    if row is None:
        raise NotFoundError(f"No person with id {person_id}. Reload the page and try again.")
    return row[0], row[1], row[2], row[3]


def merge_people(conn: Connection, *, keep_id: int, merge_id: int) -> int:
    """Merge person ``merge_id`` into ``keep_id``; return the merge's id (for :func:`undo_merge`).

    Every open review naming the merged-away person leaves the queue with the merge (and
    comes back if the merge is undone).
    """
    with transaction(conn):
        return _merge(conn, keep_id=keep_id, merge_id=merge_id)


def merge_reviews(conn: Connection, *, review_ids: Sequence[int]) -> list[int]:
    """Merge every listed review pair (its person into its candidate: the person an import created
    into the earlier one, a guest into the roster's record), all or nothing; return the merges' ids.
    Pairs already resolved by an earlier merge are skipped."""
    merged: list[int] = []
    with transaction(conn):
        for review_id in review_ids:
            row = conn.execute("SELECT person_id, candidate_id, status FROM person_review WHERE id = ?",
                               [review_id]).fetchall()
            if not row:
                raise NotFoundError(f"No review item {review_id}. Reload the page to see the current queue.")
            person_id, candidate_id, status = row[0]
            if status == "open":
                merged.append(_merge(conn, keep_id=int(candidate_id), merge_id=int(person_id)))
    return merged


def dismiss_reviews(conn: Connection, *, review_ids: Sequence[int]) -> int:
    """Mark every listed open review as 'different people'; return how many left the queue."""
    with transaction(conn):
        rows = conn.execute(
            "UPDATE person_review SET status = 'dismissed', resolved_at = current_timestamp "
            "WHERE (id = ANY(?)) AND status = 'open' RETURNING id",
            [[int(i) for i in review_ids]],
        ).fetchall()
    return len(rows)


def _merge(conn: Connection, *, keep_id: int, merge_id: int) -> int:
    """The merge itself, inside the caller's transaction."""
    keep, merge = _person(conn, keep_id), _person(conn, merge_id)
    if keep_id == merge_id:
        raise ValidationError("A person cannot be merged with themselves: pick two different people.")
    if keep[1] != merge[1]:
        raise ValidationError("These two people belong to different partnerships and cannot be merged.")
    for who in (keep, merge):
        if who[3] is not None:
            raise ValidationError(f"{who[2]} was already merged into someone else; undo that merge first.")
    mid = _one(
        conn,
        "INSERT INTO person_merge (partnership_id, keep_person_id, merged_person_id) "
        "VALUES (?, ?, ?) RETURNING id",
        [keep[1], keep_id, merge_id],
    )
    _move(conn, mid, keep_id, merge_id)
    reviews = conn.execute(
        "UPDATE person_review SET status = 'merged', resolved_at = current_timestamp "
        "WHERE status = 'open' AND (person_id = $b OR candidate_id = $b) RETURNING id",
        {"b": merge_id},
    ).fetchall()
    conn.execute(
        "UPDATE person_merge SET review_ids = ? WHERE id = ?",
        [",".join(str(r[0]) for r in reviews) or None, mid],
    )
    conn.execute("UPDATE person SET merged_into_id = ? WHERE id = ?", [keep_id, merge_id])
    return mid


def _one(conn: Connection, sql: str, params: list[object]) -> int:
    row = conn.execute(sql, params).fetchone()
    assert row is not None
    return int(row[0])


def _move(conn: Connection, mid: int, keep_id: int, merge_id: int) -> None:
    """Record, then move (or drop where the kept person already has one) attendance and teams."""
    p = {"m": mid, "keep": keep_id, "merge": merge_id}
    conn.execute(
        """INSERT INTO person_merge_attendance
               (merge_id, meeting_id, role, minutes, batch_id, action, organisation_id, batch_ids)
           SELECT $m, a.meeting_id, a.role, a.minutes, a.batch_id,
                  CASE WHEN EXISTS (SELECT 1 FROM attendance k WHERE k.person_id = $keep
                       AND k.meeting_id = a.meeting_id) THEN 'dropped' ELSE 'moved' END, a.organisation_id,
                  a.batch_ids
           FROM attendance a WHERE a.person_id = $merge""",
        p,
    )
    conn.execute(
        """INSERT INTO person_merge_team
           SELECT $m, t.team_id, t.role, t.joined_on,
                  CASE WHEN EXISTS (SELECT 1 FROM team_member k WHERE k.person_id = $keep
                       AND k.team_id = t.team_id) THEN 'dropped' ELSE 'moved' END
           FROM team_member t WHERE t.person_id = $merge""",
        p,
    )
    conn.execute(
        """DELETE FROM attendance WHERE person_id = $merge AND meeting_id IN
                    (SELECT meeting_id FROM person_merge_attendance WHERE merge_id = $m
                     AND action = 'dropped')""",
        {"m": mid, "merge": merge_id},
    )
    conn.execute(
        """DELETE FROM team_member WHERE person_id = $merge AND team_id IN
                    (SELECT team_id FROM person_merge_team WHERE merge_id = $m
                     AND action = 'dropped')""",
        {"m": mid, "merge": merge_id},
    )
    conn.execute("UPDATE attendance SET person_id = ? WHERE person_id = ?", [keep_id, merge_id])
    conn.execute("UPDATE team_member SET person_id = ? WHERE person_id = ?", [keep_id, merge_id])


def undo_merge(conn: Connection, *, merge_id: int) -> None:
    """Reverse merge ``merge_id`` (an id from :func:`list_merges`): both people are back as they were."""
    row = conn.execute(
        "SELECT keep_person_id, merged_person_id, review_ids, undone_at FROM person_merge WHERE id = ?",
        [merge_id],
    ).fetchone()
    if row is None:
        raise NotFoundError(f"No merge with id {merge_id}. Reload the page to see the current list.")
    keep_id, merged_id, review_ids, undone_at = row
    if undone_at is not None:
        raise ValidationError(f"Merge {merge_id} was already undone on {words.day(undone_at)}.")
    p = {"m": merge_id, "keep": keep_id, "merged": merged_id}
    with transaction(conn):
        _move_back(conn, p)
        conn.execute("UPDATE person SET merged_into_id = NULL WHERE id = ?", [merged_id])
        if review_ids:
            ids = [int(i) for i in str(review_ids).split(",")]
            conn.execute(
                "UPDATE person_review SET status = 'open', resolved_at = NULL WHERE (id = ANY(?))",
                [ids],
            )
        conn.execute("UPDATE person_merge SET undone_at = current_timestamp WHERE id = ?", [merge_id])


def _move_back(conn: Connection, p: dict[str, object]) -> None:
    """Attendance and team places the merge moved go back; those it dropped come back."""
    conn.execute(
        """UPDATE attendance SET person_id = $merged WHERE person_id = $keep AND meeting_id IN
                    (SELECT meeting_id FROM person_merge_attendance WHERE merge_id = $m
                     AND action = 'moved')""",
        p,
    )
    conn.execute(
        """INSERT INTO attendance (meeting_id, person_id, role, minutes, batch_id, batch_ids, organisation_id)
                    SELECT d.meeting_id, $merged, d.role, d.minutes,
                           CASE WHEN d.batch_id IS NULL THEN NULL ELSE d.batch_ids[1] END, d.batch_ids,
                           (SELECT o.id FROM organisation o WHERE o.id = d.organisation_id)
                    FROM person_merge_attendance d WHERE d.merge_id = $m AND d.action = 'dropped'
                    AND EXISTS (SELECT 1 FROM meeting x WHERE x.id = d.meeting_id)
                    -- recorded only by imports undone since: nothing left to restore
                    AND (d.batch_id IS NULL OR coalesce(cardinality(d.batch_ids), 0) > 0)""",
        _only(p, "m", "merged"),
    )
    conn.execute(
        """UPDATE team_member SET person_id = $merged WHERE person_id = $keep AND team_id IN
                    (SELECT team_id FROM person_merge_team WHERE merge_id = $m AND action = 'moved')""",
        p,
    )
    conn.execute(
        """INSERT INTO team_member (team_id, person_id, role, joined_on)
                    SELECT d.team_id, $merged, d.role, d.joined_on FROM person_merge_team d
                    WHERE d.merge_id = $m AND d.action = 'dropped'
                    AND EXISTS (SELECT 1 FROM action_team x WHERE x.id = d.team_id)""",
        _only(p, "m", "merged"),
    )


def _only(params: dict[str, object], *names: str) -> dict[str, object]:
    return {n: params[n] for n in names}


def list_merges(conn: Connection, *, partnership_id: int, limit: int = 50) -> pd.DataFrame:
    """Recent merges, newest first: who was kept, who was merged in, when, and whether undone."""
    return conn.execute(
        """
        SELECT m.id, k.full_name AS kept, x.full_name AS merged, m.merged_at, m.undone_at,
               (SELECT count(*) FROM person_merge_attendance d WHERE d.merge_id = m.id) AS attendance_rows
        FROM person_merge m JOIN person k ON k.id = m.keep_person_id
        JOIN person x ON x.id = m.merged_person_id
        WHERE m.partnership_id = ? ORDER BY m.merged_at DESC, m.id DESC LIMIT ?
        """,
        [partnership_id, limit],
    ).df()
