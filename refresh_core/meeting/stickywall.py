"""The sticky wall of a meeting: ideas, the categories they are grouped into, dot votes.

Answers the guide's key question for "Where we're going"; each category can
then become a priority at the call for champions (``champions.py``).
Category names are unique per meeting, ignoring case.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from refresh_core.db import Connection, registered, transaction
from refresh_core.enums import PriorityStatus
from refresh_core.errors import NotFoundError, ValidationError
from refresh_core.meeting.whiteboard import MAX_IDEA, clean_idea
from refresh_core.meetings import get_meeting


def _name(name: str) -> str:
    clean = " ".join(str(name).split())
    if not clean:
        raise ValidationError("A category needs a name, for example 'Apprenticeships'.")
    if len(clean) > 120:
        raise ValidationError("Category names are at most 120 characters; shorten it.")
    return clean


def _category_ids(conn: Connection, meeting_id: int) -> dict[str, int]:
    rows = conn.execute(
        "SELECT lower(name), id FROM idea_category WHERE meeting_id = ?", [meeting_id]
    ).fetchall()
    return {name: int(cid) for name, cid in rows}


def _ensure_categories(
    conn: Connection, meeting_id: int, names: Sequence[str]
) -> dict[str, int]:
    """Create the categories that do not exist yet (inside the caller's transaction)."""
    wanted: dict[str, str] = {}
    for n in names:
        if n and str(n).strip():
            wanted.setdefault(_name(n).lower(), _name(n))  # the first spelling wins
    existing = _category_ids(conn, meeting_id)
    new = pd.DataFrame({"name": [v for k, v in wanted.items() if k not in existing]}, dtype=object)
    if len(new):
        with registered(conn, "new_categories", new):
            conn.execute(
                "INSERT INTO idea_category (meeting_id, name) SELECT ?, name FROM new_categories",
                [meeting_id],
            )
    return _category_ids(conn, meeting_id)


def add_ideas(
    conn: Connection,
    *,
    meeting_id: int,
    ideas: Sequence[str],
    groups: Sequence[str | None] | None = None,
    category: str | None = None,
) -> int:
    """Put ideas on the wall (optionally each in a named group, or all in ``category``); returns count."""
    get_meeting(conn, meeting_id=meeting_id)
    texts = [clean_idea(str(i))[:MAX_IDEA] for i in ideas]
    labels = list(groups) if groups is not None else [category] * len(texts)
    keep = [(t, g) for t, g in zip(texts, labels, strict=True) if t]
    if not keep:
        raise ValidationError("No ideas to add: type one idea per line, or pick a CSV with a text column.")
    with transaction(conn):
        ids = _ensure_categories(conn, meeting_id, [str(g) for _, g in keep if g])
        frame = pd.DataFrame(
            {
                "text": [t for t, _ in keep],
                "category_id": [ids.get(_name(g).lower()) if g else None for _, g in keep],
                "n": range(len(keep)),
            }
        ).astype({"category_id": "Int64"})
        with registered(conn, "new_ideas", frame):
            conn.execute(
                "INSERT INTO idea (meeting_id, category_id, text) "
                "SELECT ?, category_id, text FROM new_ideas ORDER BY n",
                [meeting_id],
            )
    return len(keep)


def wall(conn: Connection, *, meeting_id: int) -> pd.DataFrame:
    """Ideas in the order entered: id, text, category_id, category (None when unsorted)."""
    return conn.execute(
        """SELECT i.id, i.text, i.category_id, c.name AS category FROM idea i
           LEFT JOIN idea_category c ON c.id = i.category_id
           WHERE i.meeting_id = ? ORDER BY i.id""",
        [meeting_id],
    ).df()


def categories(conn: Connection, *, meeting_id: int) -> pd.DataFrame:
    """Categories with idea counts, votes, the priority each became and its outcome, most votes first."""
    frame = conn.execute(
        """SELECT c.id, c.name, c.votes, count(i.id) AS ideas, c.priority_id,
                  p.title AS priority, p.status AS priority_status
           FROM idea_category c LEFT JOIN idea i ON i.category_id = c.id
           LEFT JOIN priority p ON p.id = c.priority_id
           WHERE c.meeting_id = ? GROUP BY c.id, c.name, c.votes, c.priority_id, p.title, p.status
           ORDER BY c.votes DESC, c.id""",
        [meeting_id],
    ).df()
    frame["outcome"] = [outcome(s) for s in frame["priority_status"]]
    return frame


def outcome(priority_status: object) -> str:
    """What became of a category at the call for champions, in words ("" before the call)."""
    if not isinstance(priority_status, str):
        return ""
    status = PriorityStatus(priority_status)
    return OUTCOMES.get(status, status.label)


OUTCOMES = {PriorityStatus.ACTIVE: "Action team", PriorityStatus.ON_HOLD: "Parked: no champion yet"}


def create_category(conn: Connection, *, meeting_id: int, name: str) -> int:
    """A new, empty category; an existing one with the same name is reused."""
    get_meeting(conn, meeting_id=meeting_id)
    with transaction(conn):
        return _ensure_categories(conn, meeting_id, [name])[_name(name).lower()]


def _owned(conn: Connection, meeting_id: int, ids: Sequence[int]) -> dict[int, int | None]:
    """category id -> priority id for categories of this meeting; unknown ids raise."""
    rows = dict(
        conn.execute(
            "SELECT id, priority_id FROM idea_category WHERE meeting_id = ?", [meeting_id]
        ).fetchall()
    )
    missing = [i for i in ids if i not in rows]
    if missing:
        raise NotFoundError(f"Category #{missing[0]} is not on this meeting's wall; reload the page.")
    return {int(k): v for k, v in rows.items() if k in ids}


def save_categories(conn: Connection, *, meeting_id: int, frame: pd.DataFrame) -> None:
    """Renames and dot votes from an edited categories table (columns id, name, votes)."""
    _owned(conn, meeting_id, [int(i) for i in frame["id"]])
    names = [_name(str(n)) for n in frame["name"]]
    if len({n.lower() for n in names}) != len(names):
        raise ValidationError("Two categories have the same name: rename one, or merge them.")
    votes = [0 if pd.isna(v) else int(v) for v in frame["votes"]]
    if any(v < 0 for v in votes):
        raise ValidationError("Dot votes cannot be negative.")
    edits = pd.DataFrame({"id": [int(i) for i in frame["id"]], "name": names, "votes": votes})
    with transaction(conn), registered(conn, "category_edits", edits):
        conn.execute(
            """UPDATE idea_category SET name = e.name, votes = e.votes FROM category_edits e
                            WHERE idea_category.id = e.id AND idea_category.meeting_id = ?""",
            [meeting_id],
        )


def merge_categories(
    conn: Connection, *, meeting_id: int, source_ids: Sequence[int], target_id: int
) -> None:
    """Move every idea (and dot vote) of the sources into the target, then remove the sources."""
    target_id = int(target_id)
    sources = [int(s) for s in source_ids if int(s) != target_id]
    if not sources:
        raise ValidationError("Pick at least one category to merge into another one.")
    decided = _owned(conn, meeting_id, [*sources, int(target_id)])
    if any(decided[s] is not None for s in sources):
        raise ValidationError(
            "A category already turned into a priority cannot be merged away; merge "
            "the others into it instead."
        )
    marks = ", ".join("?" for _ in sources)
    with transaction(conn):
        conn.execute(
            f"UPDATE idea SET category_id = ? WHERE meeting_id = ? AND category_id IN ({marks})",
            [target_id, meeting_id, *sources],
        )
        conn.execute(
            f"""UPDATE idea_category SET votes = votes + (SELECT coalesce(sum(votes), 0)
                         FROM idea_category WHERE id IN ({marks})) WHERE id = ?""",
            [*sources, target_id],
        )
        conn.execute(f"DELETE FROM idea_category WHERE id IN ({marks})", sources)


def delete_category(conn: Connection, *, meeting_id: int, category_id: int) -> None:
    """Remove a category; its ideas go back to unsorted."""
    if _owned(conn, meeting_id, [category_id])[category_id] is not None:
        raise ValidationError(
            "This category is already a priority; change the priority on the Priorities & teams page."
        )
    with transaction(conn):
        conn.execute("UPDATE idea SET category_id = NULL WHERE category_id = ?", [category_id])
        conn.execute("DELETE FROM idea_category WHERE id = ?", [category_id])


def move_ideas(
    conn: Connection, *, meeting_id: int, idea_ids: Sequence[int], category_id: int | None
) -> None:
    """Put ideas into a category (None: back to unsorted)."""
    if category_id is not None:
        _owned(conn, meeting_id, [category_id])
    marks = ", ".join("?" for _ in idea_ids) or "NULL"
    with transaction(conn):
        conn.execute(
            f"UPDATE idea SET category_id = ? WHERE meeting_id = ? AND id IN ({marks})",
            [category_id, meeting_id, *[int(i) for i in idea_ids]],
        )


def save_wall(conn: Connection, *, meeting_id: int, frame: pd.DataFrame) -> None:
    """Apply an edited ideas table (id, text, category name): edits, new rows, removed rows."""
    rows = frame.assign(text=[clean_idea(str(t)) if not pd.isna(t) else "" for t in frame["text"]])
    rows = rows[rows["text"] != ""]
    if (rows["text"].str.len() > MAX_IDEA).any():
        raise ValidationError(f"A sticky note holds one short idea (at most {MAX_IDEA} characters).")
    labels = [None if pd.isna(c) or not str(c).strip() else str(c) for c in rows["category"]]
    with transaction(conn):
        ids = _ensure_categories(conn, meeting_id, [c for c in labels if c])
        edits = pd.DataFrame(
            {
                "id": pd.array([None if pd.isna(i) else int(i) for i in rows["id"]], dtype="Int64"),
                "text": list(rows["text"]),
                "n": range(len(rows)),
                "category_id": pd.array(
                    [ids[_name(c).lower()] if c else None for c in labels], dtype="Int64"
                ),
            }
        )
        with registered(conn, "wall_edits", edits):
            conn.execute(
                """DELETE FROM idea WHERE meeting_id = ? AND id NOT IN
                            (SELECT id FROM wall_edits WHERE id IS NOT NULL)""",
                [meeting_id],
            )
            conn.execute(
                """UPDATE idea SET text = e.text, category_id = e.category_id FROM wall_edits e
                            WHERE idea.id = e.id AND idea.meeting_id = ?""",
                [meeting_id],
            )
            conn.execute(
                """INSERT INTO idea (meeting_id, category_id, text) SELECT ?, category_id, text
                            FROM wall_edits WHERE id IS NULL ORDER BY n""",
                [meeting_id],
            )


def vote_share(frame: Mapping[str, int]) -> str:
    """A one-line takeaway on the dot votes (category name -> votes)."""
    total = sum(frame.values())
    if not total:
        return "No dot votes recorded: votes are optional, champions decide what goes forward."
    top, votes = max(frame.items(), key=lambda kv: kv[1])
    return f"{top} drew the most dot votes ({votes} of {total}); champions still decide what goes forward."
