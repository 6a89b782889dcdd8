"""The PostgreSQL store behind the same connection the core takes (``psycopg`` 3 with a pool).

:class:`PgConnection` behaves like the DuckDB connection where the core uses it: ``execute``
(``?`` and ``$name`` placeholders), ``fetchone``/``fetchall``/``df()``/``description``,
``BEGIN``/``COMMIT``/``ROLLBACK`` statements, ``cursor()`` and ``close()``. Outside a transaction
each statement borrows a pooled server connection and gives it back with its rows read, so an idle
browser session holds none; ``BEGIN`` (and a frame lent with :meth:`PgConnection.lend`, a TEMP
table filled by ``COPY``) keeps one until the transaction ends. A viewer's statements (see
``refresh_core.guard``) run inside ``READ ONLY`` transactions.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa

from refresh_core import deferred
from refresh_core.db.pgtypes import ARROW, arrow_value, pg_type, type_name
from refresh_core.guard import viewer_scope

if TYPE_CHECKING:  # the driver loads with the first PostgreSQL connection (a DuckDB process never pays)
    import psycopg
    import psycopg_pool
    from psycopg.types import numeric
else:
    psycopg = deferred("psycopg")
    psycopg_pool = deferred("psycopg_pool")
    numeric = deferred("psycopg.types.numeric")

_POOLS: dict[str, psycopg_pool.ConnectionPool[psycopg.Connection[Any]]] = {}
_POOLS_LOCK = threading.Lock()
_LOCAL = threading.local()
_TOKEN = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|--[^\n]*|\$[A-Za-z_]\w*|\?|%")
_COUNTED = re.compile(r"\s*(?:WITH\b.*?\)\s*)?(INSERT|UPDATE|DELETE)\b", re.IGNORECASE | re.DOTALL)

def is_url(target: str) -> bool:
    """Whether a database name is a PostgreSQL URL rather than a DuckDB file."""
    return target.startswith(("postgresql://", "postgres://"))


def _configure(conn: psycopg.Connection[Any]) -> None:
    """Every pooled connection: numbers as floats (DuckDB's DOUBLE), timestamps in UTC."""
    conn.adapters.register_loader("numeric", numeric.FloatLoader)
    conn.execute("SET TIME ZONE 'UTC'")


def pool(url: str) -> psycopg_pool.ConnectionPool[psycopg.Connection[Any]]:
    """The one pool per database URL in this process (opened on first use)."""
    with _POOLS_LOCK:
        found = _POOLS.get(url)
        if found is None:
            found = psycopg_pool.ConnectionPool(url, min_size=1, max_size=20, open=True, configure=_configure,
                                   kwargs={"autocommit": True}, name="refresh")
            _POOLS[url] = found
        return found


def close_pool(url: str) -> None:
    """Close the pool for ``url`` (its server connections end), e.g. before dropping the database."""
    with _POOLS_LOCK:
        found = _POOLS.pop(url, None)
    if found is not None:
        found.close()


@lru_cache(maxsize=4096)
def translate(sql: str, named: bool) -> str:
    """DuckDB placeholders to psycopg's: ``?`` -> ``%s``, ``$name`` -> ``%(name)s``, ``%`` -> ``%%``
    (outside string literals, quoted names and comments, where ``%`` is still doubled)."""

    def swap(match: re.Match[str]) -> str:
        token = match.group(0)
        if token == "%":
            return "%%"
        if token == "?" and not named:
            return "%s"
        if token.startswith("$") and named:
            return f"%({token[1:]})s"
        return token.replace("%", "%%") if token[0] in "'\"-" else token

    return _TOKEN.sub(swap, sql)


def _params(parameters: object) -> tuple[bool, Any]:
    if parameters is None:
        return False, None
    if isinstance(parameters, dict):
        return True, {k: _plain(v) for k, v in parameters.items()}
    if isinstance(parameters, Sequence) and not isinstance(parameters, str):
        return False, [_plain(v) for v in parameters]
    raise TypeError(f"Query parameters must be a list or a dict, not {type(parameters).__name__}")


def _plain(value: object) -> object:
    """Python values for psycopg: pandas' missing values become NULL, numpy scalars plain numbers."""
    if isinstance(value, np.ndarray):
        value = value.tolist()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, (str, bytes, dt.time, bool, int)):
        return value
    if pd.api.types.is_scalar(value) and pd.isna(value):  # type: ignore[call-overload]
        return None
    if isinstance(value, (float, dt.date)):
        return value
    item = getattr(value, "item", None)
    return item() if callable(item) else value


class PgConnection:
    """One session's handle on the PostgreSQL store (see the module docstring)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._pool = pool(url)
        self._held: psycopg.Connection[Any] | None = None
        self._holds = 0
        self._in_transaction = False
        self._rows: list[tuple[Any, ...]] = []
        self._columns: list[tuple[str, str]] = []
        self._closed = False

    # The DuckDB-shaped surface -------------------------------------------------------------------

    def execute(self, query: object, parameters: object = None) -> PgConnection:
        """Run one statement (or several without parameters); its rows are read at once."""
        sql = str(query)
        named, params = _params(parameters)
        verb = sql.lstrip().split(None, 1)[0].upper() if sql.strip() else ""
        if verb == "BEGIN":
            self._hold()
            self._in_transaction = True
        elif verb in ("COMMIT", "ROLLBACK", "ABORT", "END") and not self._in_transaction:
            self._rows, self._columns = [], []
            return self
        text = translate(sql, named) if params is not None else sql
        try:
            if self._held is not None:
                self._run(self._held, text, params)
            else:
                with self._borrowed() as conn:
                    self._run(conn, text, params)
        finally:
            if verb in ("COMMIT", "ROLLBACK", "ABORT", "END") and self._in_transaction:
                self._in_transaction = False
                self._release()
        return self

    def fetchone(self) -> tuple[Any, ...] | None:
        """The next row of the last result, or None."""
        return self._rows.pop(0) if self._rows else None

    def fetchall(self) -> list[tuple[Any, ...]]:
        """The remaining rows of the last result."""
        rows, self._rows = self._rows, []
        return rows

    @property
    def description(self) -> list[tuple[Any, ...]] | None:
        """DB-API columns of the last result (name first), as DuckDB gives them."""
        return [(name, kind, None, None, None, None, None) for name, kind in self._columns] or None

    def arrow(self) -> pa.Table:
        """The remaining rows as an Arrow table typed from the columns' PostgreSQL types."""
        rows = self.fetchall()
        fields = [pa.field(name, ARROW.get(kind, pa.string())) for name, kind in self._columns]
        columns = [[arrow_value(r[i], f.type) for r in rows] for i, f in enumerate(fields)]
        return pa.Table.from_arrays([pa.array(c, type=f.type) for c, f in zip(columns, fields, strict=True)],
                                    schema=pa.schema(fields))

    def df(self) -> pd.DataFrame:
        """The remaining rows as a data frame with the dtypes DuckDB's ``df()`` would give."""
        table = self.arrow()
        local: duckdb.DuckDBPyConnection | None = getattr(_LOCAL, "duck", None)
        if local is None:
            local = _LOCAL.duck = duckdb.connect()
        frame: pd.DataFrame = local.from_arrow(table).df()
        return frame

    def cursor(self) -> PgConnection:
        """Another handle on the same store (its own transactions), as DuckDB's ``cursor()``."""
        return PgConnection(self.url)

    def close(self) -> None:
        """Give back a held server connection (an open transaction is rolled back)."""
        if self._held is not None:
            self._holds = 1
            self._in_transaction = False
            self._release()
        self._closed = True

    @contextmanager
    def lend(self, name: str, frame: pd.DataFrame) -> Iterator[None]:
        """Let statements in the block read ``frame`` as the TEMP table ``name`` (COPY in)."""
        self._hold()
        assert self._held is not None
        try:
            columns = ", ".join(f'"{c}" {pg_type(frame[c])}' for c in frame.columns)
            self._held.execute(f'CREATE TEMP TABLE "{name}" ({columns})')
            names = ", ".join(f'"{c}"' for c in frame.columns)
            with self._held.cursor().copy(f'COPY "{name}" ({names}) FROM STDIN') as copy:
                for row in frame.itertuples(index=False, name=None):
                    copy.write_row([_plain(v) for v in row])
            yield
        finally:
            with suppress(psycopg.Error):
                self._held.execute(f'DROP TABLE IF EXISTS "{name}"')
            self._release()

    # Holding and borrowing server connections ----------------------------------------------------

    def _hold(self) -> None:
        if self._held is None:
            self._held = self._pool.getconn()
            if viewer_scope(self) is not None:
                self._held.execute("SET default_transaction_read_only = on")
        self._holds += 1

    def _release(self) -> None:
        self._holds -= 1
        if self._holds <= 0 and self._held is not None:
            held, self._held, self._holds = self._held, None, 0
            with suppress(psycopg.Error):
                if held.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
                    held.execute("ROLLBACK")
                held.execute("RESET ALL")
                held.execute("SET TIME ZONE 'UTC'")
            self._pool.putconn(held)

    @contextmanager
    def _borrowed(self) -> Iterator[psycopg.Connection[Any]]:
        with self._pool.connection() as conn:
            if viewer_scope(self) is None:
                yield conn
                return
            conn.execute("BEGIN READ ONLY")
            try:
                yield conn
            finally:
                conn.execute("ROLLBACK")

    def _run(self, conn: psycopg.Connection[Any], text: str, params: Any) -> None:
        with conn.cursor() as cur:
            cur.execute(text, params)
            if cur.description is None:  # DuckDB answers a write with its row count: so do we
                counted = _COUNTED.match(text) is not None and cur.rowcount >= 0
                self._rows = [(cur.rowcount,)] if counted else []
                self._columns = [("Count", "int8")] if counted else []
                return
            self._columns = [(c.name, type_name(conn, c.type_code)) for c in cur.description]
            self._rows = list(cur.fetchall())
