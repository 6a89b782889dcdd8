"""The viewer guard: a champion's read-only cursor can never write.

Viewer enforcement is structural: :func:`viewer_session` marks the cursor as a
viewer's and opens a ``READ ONLY`` transaction, so any write fails in the
database itself, and :func:`ensure_writable` (called by
:func:`refresh_core.db.transaction`) refuses a viewer's unit of work up front.
This module sits below ``db`` and imports nothing of the core but its errors.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import Any

from refresh_core.errors import AccessDenied, PermissionDenied

#: A connection of either store (``refresh_core.db.Connection``; this module sits below ``db``).
Handle = Any
_VIEWERS: weakref.WeakKeyDictionary[Handle, int] = weakref.WeakKeyDictionary()


def mark_viewer(conn: Handle, *, partnership_id: int) -> None:
    """Mark this cursor as a viewer's, for good: it can never write again."""
    current = _VIEWERS.get(conn)
    if current is not None and current != partnership_id:
        raise AccessDenied()
    _VIEWERS[conn] = partnership_id


def viewer_scope(conn: Handle) -> int | None:
    """The one partnership a viewer's cursor may see; None for a convener's cursor."""
    return _VIEWERS.get(conn)


def ensure_writable(conn: Handle) -> None:
    """Refuse any write through a viewer's cursor (called at the top of ``transaction()``)."""
    if conn in _VIEWERS:
        raise PermissionDenied("This is a read-only link: nothing can be changed from it. "
                               "Ask the partnership's convener to make the change.")


def ensure_scope(conn: Handle, *, partnership_id: int) -> None:
    """Refuse a viewer asking for any partnership other than the one their link opens."""
    scope = viewer_scope(conn)
    if scope is not None and scope != partnership_id:
        raise AccessDenied()


@contextmanager
def viewer_session(conn: Handle, *, partnership_id: int) -> Iterator[None]:
    """Run the body as a viewer: the cursor is marked and inside a READ ONLY transaction."""
    mark_viewer(conn, partnership_id=partnership_id)
    conn.execute("BEGIN TRANSACTION READ ONLY")
    try:
        yield
    finally:
        # Already ended (DuckDB raises, PostgreSQL only warns): nothing could have been written.
        with suppress(Exception):
            conn.execute("ROLLBACK")
