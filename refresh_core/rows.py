"""Fetching a single row so that no result is left pending on the connection.

DuckDB refuses ``register`` (and some other calls) while a previous result has
not been read to the end, which ``fetchone()`` leaves behind.
"""

from __future__ import annotations

from typing import Any

import duckdb


def one(conn: duckdb.DuckDBPyConnection, sql: str, params: Any = None) -> tuple[Any, ...] | None:
    """The first row of the query's result (None when empty), with the result read to the end."""
    rows = conn.execute(sql, params).fetchall()
    return rows[0] if rows else None
