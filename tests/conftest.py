"""Shared fixtures: in-memory databases through the real migrations, the demo, paths."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from refresh_core.cli import main
from refresh_core.db import Connection, connect
from refresh_core.hosting.demo import load_demo
from tests import pg
from tests.builders import Builder

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
REAL_EXPORTS = SHARED / "real_exports"
TODAY = dt.date(2026, 11, 27)  # demo dates are shifted relative to this in tests
LAKESHORE = "Lakeshore Advanced Manufacturing Partnership"
THREE_RIVERS = "Three Rivers Healthcare Partnership"


def _load_demo(conn: Connection) -> None:
    load_demo(conn, today=TODAY)


def _load_history(conn: Connection) -> None:
    load_demo(conn, today=TODAY, stories=False)


@pytest.fixture
def conn() -> Iterator[Connection]:
    """An empty database with the current schema (a fresh PostgreSQL database on that pass)."""
    if pg.enabled():
        url = pg.fresh()
        c = connect(url)
        yield c
        c.close()
        pg.drop(url)
        return
    c = connect(":memory:")
    yield c
    c.close()


@pytest.fixture
def build(conn: Connection) -> Builder:
    """A builder for one test partnership in the empty database."""
    return Builder.new(conn)


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database file holding the two demo partnerships (shifted to TODAY); copy before writing."""
    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    c = connect(path)
    load_demo(c, today=TODAY)
    c.close()
    return path


@pytest.fixture(scope="session")
def history_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo's attendance history and plan without its refresh stories (no meeting planned, no
    prospects, no meeting-day outcomes), for tests that build their own; copy before writing."""
    path = tmp_path_factory.mktemp("history") / "history.duckdb"
    c = connect(path)
    _load_history(c)
    c.close()
    return path


@pytest.fixture
def db(demo_db: Path, tmp_path: Path) -> Iterator[str]:
    """The path of a private copy of the demo database, for command-line tests (a URL on PostgreSQL)."""
    if pg.enabled():
        url = pg.fresh("demo", _load_demo)
        yield url
        pg.drop(url)
        return
    copy = tmp_path / "cli.duckdb"
    copy.write_bytes(demo_db.read_bytes())
    yield str(copy)


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run ``python -m refresh_core`` in-process: (exit code, stdout, stderr)."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def demo_conn(demo_db: Path, tmp_path: Path) -> Iterator[Connection]:
    """A private writable copy of the demo database."""
    if pg.enabled():
        url = pg.fresh("demo", _load_demo)
        c = connect(url)
        yield c
        c.close()
        pg.drop(url)
        return
    copy = tmp_path / "demo.duckdb"
    copy.write_bytes(demo_db.read_bytes())
    c = connect(copy)
    yield c
    c.close()
