"""What the stores raise when they refuse a statement, and a user's words for it.

psycopg is named only once it is loaded (see :func:`refresh_core.deferred`): a DuckDB process never
loads the PostgreSQL driver to catch its errors.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import duckdb

from refresh_core import deferred

if TYPE_CHECKING:
    import psycopg
else:
    psycopg = deferred("psycopg")

__all__ = ["CLASH", "refusals", "refused_message"]

CLASH = ("someone else was changing the same records at that moment (an import, or an import's preview "
         "in another window).")


def refusals() -> tuple[type[Exception], ...]:
    """What the stores in use raise when they refuse a statement: DuckDB's error, and psycopg's once
    the driver is loaded (no psycopg error can exist before), without loading it."""
    pg_error = getattr(sys.modules.get("psycopg"), "Error", None)
    return (duckdb.Error,) if pg_error is None else (duckdb.Error, pg_error)


def refused_message(exc: Exception) -> str:
    """A user's words for a database refusal (the raw text stays on the exception's cause)."""
    head = "The change was not saved, and nothing was written: "
    if isinstance(exc, duckdb.Error):
        integrity, read_only = isinstance(exc, duckdb.ConstraintException), False
        clash = isinstance(exc, duckdb.TransactionException) and "conflict" in str(exc).casefold()
    else:  # psycopg's, so the driver is loaded already
        integrity = isinstance(exc, psycopg.errors.IntegrityError)
        read_only = isinstance(exc, psycopg.errors.ReadOnlySqlTransaction)
        clash = isinstance(exc, psycopg.errors.SerializationFailure | psycopg.errors.DeadlockDetected)
    if clash:  # (two sessions writing the same records at once: an import and another's preview)
        return head + (CLASH + " Try again in a few seconds.")
    if integrity:
        return head + ("a value is missing, repeated or not allowed (for example an empty name). "
                       "Check what you entered and try again.")
    if read_only or "read-only" in str(exc):
        return head + "this view is read-only."
    return head + "the database refused it. Try again; if it keeps happening, take a backup and report it."
