"""A database held by another process: every page shows a plain message, never Streamlit's error box
(issue 13, "Crash")."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import ui
from tests.conftest import LAKESHORE, ROOT
from tests.pages.conftest import only_duckdb

PAGES = sorted(p.name for p in (ROOT / "pages").glob("*.py"))
pytestmark = only_duckdb
HOLD = "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('held', flush=True); time.sleep(120)"


@pytest.fixture(scope="module")
def held(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A database file another process has open for writing (DuckDB lets one process do that)."""
    path = tmp_path_factory.mktemp("held") / "held.duckdb"
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(path)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        yield path
    finally:
        holder.kill()
        holder.wait(timeout=10)


@pytest.fixture
def app_on(held: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("REFRESH_DB", str(held))
    ui._connection.clear()
    yield held
    ui._connection.clear()


@pytest.mark.parametrize("name", [f"pages/{p}" for p in PAGES])
def test_every_page_says_plainly_that_the_database_is_in_use(app_on: Path, name: str) -> None:
    """Each page, as a signed-in convener: a warning in plain words, no exception."""
    at = AppTest.from_file(str(ROOT / name), default_timeout=30)
    at.session_state["partnership"] = LAKESHORE
    at.session_state["role"] = "convener"
    started = time.monotonic()
    at.run()
    assert not at.exception
    shown = " ".join(str(w.value) for w in at.warning)
    assert "in use by another program" in shown
    assert "duckdb" not in shown.lower() and "python -m" not in shown
    assert time.monotonic() - started < 30


def test_entry_script_shows_one_plain_page_and_lists_no_other(app_on: Path) -> None:
    """The app's front door on a held database: the plain message, and no page list (Streamlit would
    otherwise list the pages folder when navigation never ran)."""
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=30).run()
    assert not at.exception
    assert "in use by another program" in " ".join(str(w.value) for w in at.warning)
    assert not at.title or at.title[0].value == "Partnership Pulse"
