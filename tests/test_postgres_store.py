"""The PostgreSQL store behind the one connection: placeholders, migrations, viewers, concurrency.

The first tests need no server (they check the translation and the migration pairing); the rest
run on the PostgreSQL pass only (``tools/with_postgres.sh``) and skip with that reason otherwise.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pandas as pd
import psycopg
import pytest

from refresh_core.db import (
    Connection,
    connect,
    latest_version,
    migrations,
    paired,
    registered,
    transaction,
)
from refresh_core.db.postgres import translate
from refresh_core.errors import PermissionDenied, SchemaError, StorageError
from refresh_core.guard import mark_viewer
from tests import pg

needs_postgres = pytest.mark.skipif(not pg.enabled(), reason="PostgreSQL pass only (tools/with_postgres.sh)")


def test_placeholders_are_translated_outside_string_literals_only() -> None:
    """A question mark or a dollar name inside quotes is text, not a parameter; percent signs are doubled."""
    sql = "SELECT '?', \"a?\", ? FROM t WHERE name LIKE '%x' -- really?\n AND y = ?"
    assert translate(sql, False) == (
        "SELECT '?', \"a?\", %s FROM t WHERE name LIKE '%%x' -- really?\n AND y = %s"
    )
    assert translate("SELECT $p, '$p', 'it''s $q' WHERE a = $q", True) == (
        "SELECT %(p)s, '$p', 'it''s $q' WHERE a = %(q)s"
    )


def test_every_duckdb_migration_has_a_postgres_twin() -> None:
    """The shipped migrations pair up one to one, in the same order, with the same names."""
    duck = migrations()
    twins = migrations(postgres=True)
    assert [(v, n) for v, n, _ in twins] == [(v, n) for v, n, _ in duck]
    assert twins[-1][0] == latest_version()


def test_a_migration_without_a_postgres_twin_is_named() -> None:
    """A DuckDB migration added without its twin stops the Postgres start with a message naming it."""
    duck = [(1, "001_core.sql", ""), (12, "012_new_thing.sql", "")]
    with pytest.raises(SchemaError, match=r"012_new_thing\.sql has no PostgreSQL twin"):
        paired(duck, [(1, "001_core.sql", "")])


@pytest.fixture
def empty_url() -> Iterator[str]:
    """A database with nothing in it yet (not even the migrations)."""
    url = pg.bare()
    yield url
    pg.drop(url)


@needs_postgres
def test_two_servers_starting_together_apply_each_migration_once(empty_url: str) -> None:
    """Two migrators racing on an empty database both open it; every migration is recorded once."""
    start = threading.Barrier(2)
    errors: list[BaseException] = []
    opened: list[Connection] = []

    def server() -> None:
        start.wait()
        try:
            opened.append(connect(empty_url))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=server) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert errors == []
    assert len(opened) == 2
    rows = opened[0].execute("SELECT version, count(*) FROM schema_version GROUP BY 1 ORDER BY 1").fetchall()
    assert [v for v, _ in rows] == [v for v, _, _ in migrations()]
    assert {n for _, n in rows} == {1}
    for c in opened:
        c.close()


@needs_postgres
def test_foreign_keys_refuse_a_person_in_a_missing_partnership(conn: Connection) -> None:
    """PostgreSQL keeps the references DuckDB cannot: a person pointing nowhere is refused at commit."""
    with pytest.raises(StorageError, match="nothing was written"), transaction(conn):
        conn.execute("INSERT INTO person (partnership_id, full_name, name_key) VALUES (999, 'A B', 'a b')")
    assert conn.execute("SELECT count(*) FROM person").fetchone() == (0,)


@needs_postgres
def test_a_viewer_cannot_write_even_outside_a_transaction(conn: Connection) -> None:
    """A viewer's statements run read-only in the database, not only behind transaction()."""
    conn.execute("INSERT INTO partnership (name) VALUES ('Ours')")
    viewer = conn.cursor()
    mark_viewer(viewer, partnership_id=1)
    with pytest.raises(PermissionDenied), transaction(viewer):
        pass
    with pytest.raises(psycopg.errors.ReadOnlySqlTransaction):
        viewer.execute("UPDATE partnership SET name = 'Theirs'")
    assert conn.execute("SELECT name FROM partnership").fetchall() == [("Ours",)]
    viewer.close()


@needs_postgres
def test_a_lent_frame_is_a_temp_table_gone_after_the_block(conn: Connection) -> None:
    """registered() lends a frame as a TEMP table for the block only (and to this session only)."""
    with registered(conn, "_lent", pd.DataFrame({"id": [1, 2], "name": ["a", None]})):
        assert conn.execute("SELECT count(*), count(name) FROM _lent").fetchone() == (2, 1)
    with pytest.raises(psycopg.errors.UndefinedTable):
        conn.execute("SELECT * FROM _lent")
