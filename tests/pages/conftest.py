"""The database the app under test serves, on either store.

Every page test gets its database from :func:`serve`: on DuckDB a private file (a copy of the demo, of
the demo's history, or a new empty file); on the PostgreSQL pass (``REFRESH_DATABASE_URL`` set by
``tools/with_postgres.sh``) a fresh database copied from a template, which the app finds through
``REFRESH_DATABASE_URL`` pointed at it for the test. Either way ``REFRESH_DB`` names a file in the
test's own folder, so whatever the app keeps beside its database (the safety backup a restore takes)
lands in ``tmp_path``. The value handed back opens with ``connect()`` on both stores.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Literal

import pytest

import ui
from refresh_core.db import DATABASE_URL_ENV
from tests import pg
from tests.conftest import _load_demo, _load_history

Kind = Literal["demo", "history", "empty"]
Serve = Callable[[Kind], str]
_FILL = {"demo": _load_demo, "history": _load_history}

only_duckdb = pytest.mark.skipif(
    pg.enabled(), reason="about the DuckDB file itself (one process holds it); PostgreSQL has no such file"
)


@pytest.fixture
def serve(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Serve]:
    """``serve(kind)``: point the app at a new private database of ``kind`` ("demo", the demo's "history"
    without its refresh stories, or "empty"); returns its name for ``connect()`` (a file or a URL). The
    app opens it on its next run, so a test may write what it needs into it first."""
    made: list[str] = []

    def point(kind: Kind = "demo") -> str:
        file = tmp_path / ("app.duckdb" if not made else f"app{len(made)}.duckdb")
        if pg.enabled():
            target = pg.fresh() if kind == "empty" else pg.fresh(kind, _FILL[kind])
            monkeypatch.setenv(DATABASE_URL_ENV, target)
        else:
            target = str(file)
            if kind != "empty":
                source: Path = request.getfixturevalue(f"{kind}_db")
                file.write_bytes(source.read_bytes())
        made.append(target)
        monkeypatch.setenv("REFRESH_DB", str(file))
        ui._connection.clear()
        return target

    yield point
    ui._connection.clear()
    if pg.enabled():
        for url in made:
            pg.drop(url)
