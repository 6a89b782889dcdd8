"""The demo gives the same ``--json`` answers on DuckDB and on PostgreSQL (PostgreSQL pass only).

One core, two stores: after the demo and one attendance import are loaded into each, every
read-out a convener or a script relies on must agree exactly, except the import's timestamp.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests import pg
from tests.conftest import LAKESHORE, THREE_RIVERS, TODAY, run_cli
from tests.importing import FIXTURES

pytestmark = pytest.mark.skipif(not pg.enabled(), reason="PostgreSQL pass only (tools/with_postgres.sh)")

AS_OF = ["--as-of", TODAY.isoformat()]
COMMANDS: list[list[str]] = [
    *(["diagnose", "--partnership", p, *AS_OF, "--json"] for p in (LAKESHORE, THREE_RIVERS)),
    *(["recruitment", "--partnership", p, "--as-of", "2099-03-01", "--json"]
      for p in (LAKESHORE, THREE_RIVERS)),
    ["agenda", "--start", "07:30", "--minutes", "120", "--json"],
    *(["followups", "--partnership", p, *AS_OF, "--json"] for p in (LAKESHORE, THREE_RIVERS)),
    *(["organisations", "--partnership", p, "--json"] for p in (LAKESHORE, THREE_RIVERS)),
    ["import-history", "--json"],
]


def _without_clock(value: Any) -> Any:
    """The answer with the moments an import happened left out (they differ by a few milliseconds)."""
    if isinstance(value, dict):
        return {k: _without_clock(v) for k, v in value.items() if k not in ("imported_at", "created_at")}
    if isinstance(value, list):
        return [_without_clock(v) for v in value]
    return value


PROSPECTS = ("name,email,company,affiliation,status,channel\n"
             "Ada Lee,ada@acme-tools.com,Acme Tools,industry,confirmed,flyer\n"
             "Bo Chen,bo@springs.edu,Springs College,education,confirmed,\n"
             "Cy New,cy@newco.com,New Co,industry,asked,\n")


def _answers(capsys: pytest.CaptureFixture[str], db: str, prospects: Path) -> list[Any]:
    steps = [["import", str(FIXTURES / "signin_spring.csv"), "--partnership", LAKESHORE, "--json"]]
    for name in (LAKESHORE, THREE_RIVERS):
        steps.append(["meeting", "add", "--partnership", name, "--date", "2099-03-11"])
        steps.append(["prospects", "import", str(prospects), "--partnership", name,
                      "--meeting", "2099-03-11"])
    for argv in steps:
        code, _, err = run_cli(capsys, "--db", db, *argv)
        assert code == 0, (argv, err)
    out = []
    for argv in COMMANDS:
        code, text, err = run_cli(capsys, "--db", db, *argv)
        assert code == 0, (argv, err)
        out.append(_without_clock(json.loads(text)))
    return out


def test_demo_answers_are_identical_on_duckdb_and_postgres(
    capsys: pytest.CaptureFixture[str], demo_db: Path, db: str, tmp_path: Path
) -> None:
    """diagnose, recruitment, agenda, followups, organisations and import-history agree on both stores."""
    assert db.startswith("postgresql://")
    duck = tmp_path / "same.duckdb"
    duck.write_bytes(demo_db.read_bytes())
    prospects = tmp_path / "prospects.csv"
    prospects.write_text(PROSPECTS, encoding="utf-8")
    on_duckdb = _answers(capsys, str(duck), prospects)
    on_postgres = _answers(capsys, db, prospects)
    assert len(on_postgres) == len(COMMANDS)
    for argv, left, right in zip(COMMANDS, on_duckdb, on_postgres, strict=True):
        assert right == left, " ".join(argv)
    assert on_postgres[-1], "the import shows in the history"
