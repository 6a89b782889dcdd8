"""Fresh PostgreSQL databases for the tests when ``REFRESH_DATABASE_URL`` is set.

Each test gets its own database, copied from a template that already holds the migrations
(``CREATE DATABASE x TEMPLATE t`` copies files, far quicker than migrating again); the demo
has a template of its own. Databases are dropped after the test. Without the variable every
helper here is unused and the suite runs on DuckDB as always.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Callable
from typing import Any

import psycopg
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from refresh_core.db import DATABASE_URL_ENV, Connection, connect, release

_TEMPLATES: dict[str, str] = {}
# The server's URL as the run started: a page test points $REFRESH_DATABASE_URL at its own fresh database
# (that is how the app under test finds it), so creating and dropping databases must not follow it there.
_ADMIN_URL = os.environ.get(DATABASE_URL_ENV, "")


def enabled() -> bool:
    """Whether this run is the PostgreSQL pass."""
    return bool(_ADMIN_URL)


def _admin_url() -> str:
    return _ADMIN_URL


def url_of(name: str) -> str:
    """The URL of database ``name`` on the test server."""
    params: dict[str, Any] = conninfo_to_dict(_admin_url())
    params["dbname"] = name
    return "postgresql://{user}@{host}:{port}/{dbname}".format(**params)


def _admin(sql: str) -> None:
    with psycopg.connect(make_conninfo(_admin_url()), autocommit=True) as admin:
        admin.execute(sql)  # type: ignore[arg-type]  # names are generated here, never user text


def template(key: str, fill: Callable[[Connection], object] | None = None) -> str:
    """The template database for ``key`` (migrated, then ``fill``-ed), made once per run."""
    if key not in _TEMPLATES:
        name = f"tpl_{key}_{uuid.uuid4().hex[:8]}"
        _admin(f'CREATE DATABASE "{name}"')
        conn = connect(url_of(name))
        if fill is not None:
            fill(conn)
        conn.close()
        release(url_of(name))
        _TEMPLATES[key] = name
    return _TEMPLATES[key]


def bare() -> str:
    """A new, empty database (no migrations yet); its URL."""
    name = f"bare_{uuid.uuid4().hex[:10]}"
    _admin(f'CREATE DATABASE "{name}"')
    return url_of(name)


def fresh(key: str = "empty", fill: Callable[[Connection], object] | None = None) -> str:
    """A new database copied from the template ``key``; its URL."""
    name = f"t_{dt.datetime.now(dt.UTC):%H%M%S}_{uuid.uuid4().hex[:10]}"
    _admin(f'CREATE DATABASE "{name}" TEMPLATE "{template(key, fill)}"')
    return url_of(name)


def drop(url: str) -> None:
    """Let go of the database at ``url`` and drop it."""
    release(url)
    name = conninfo_to_dict(url)["dbname"]
    _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
