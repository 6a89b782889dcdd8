"""The command line loads only the module of the command it runs (issue 13: every command paid for
every module), and ``--help`` still lists every command."""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from refresh_core import Deferred
from refresh_core.cli import COMMANDS, build_parser, command_modules, main
from refresh_core.cli.imports import FORMATS
from refresh_core.ingest import Format
from tests.conftest import LAKESHORE, ROOT


def test_command_table_matches_what_the_modules_register() -> None:
    """COMMANDS names exactly the commands each module registers (a new command cannot be forgotten)."""
    found = {}
    for name in command_modules():
        sub = argparse.ArgumentParser().add_subparsers()
        importlib.import_module(name).register(sub)
        found.update(dict.fromkeys(sub.choices, name.rsplit(".", 1)[1]))
    assert found == COMMANDS


def test_help_lists_every_command() -> None:
    """``--help`` builds the whole parser: every command is listed."""
    text = build_parser().format_help()
    assert all(command in text for command in COMMANDS)


def test_a_command_imports_only_its_own_module(tmp_path: object) -> None:
    """Running ``agenda`` (pure arithmetic) loads neither the import nor the recruitment commands, nor
    the Excel reader."""
    code = (
        "import sys; from refresh_core.cli import main; "
        "main(['agenda', '--start', '09:00', '--minutes', '120']); "
        "print(sorted(m for m in sys.modules if m.startswith(('refresh_core.cli.', 'openpyxl', "
        "'refresh_core.imports', 'refresh_core.recruitment'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "['refresh_core.cli.meeting_day']"


# Libraries no `diagnose` needs: the Excel reader, fuzzy matching, the PostgreSQL driver, PDF and
# image writers, calendars, password hashing, charts, the web app, transliteration.
UNRELATED = ("openpyxl", "rapidfuzz", "psycopg", "psycopg_pool", "fpdf", "PIL", "lxml", "icalendar",
             "argon2", "altair", "streamlit", "anyascii", "weasyprint")
# Domains a diagnosis never reads (health reads meeting and the base only).
OTHER_DOMAINS = tuple(f"refresh_core.{d}" for d in ("ingest", "imports", "people", "recruitment", "reports",
                                                      "hosting"))


def _loaded_after(argv: list[str], tmp_path: Path) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    """Run the command line in a fresh DuckDB-only process; its result and every module it loaded."""
    code = ("import json, os, sys\nfrom refresh_core.cli import main\ntry:\n    code = main(sys.argv[1:])\n"
            "finally:\n    with open(os.environ['MODULES_RECORD'], 'w') as f:\n"
            "        json.dump(sorted(sys.modules), f)\nsys.exit(code)")
    record = tmp_path / "modules.json"
    env = {k: v for k, v in os.environ.items() if k != "REFRESH_DATABASE_URL"}
    env["MODULES_RECORD"] = str(record)
    done = subprocess.run([sys.executable, "-c", code, *argv], cwd=ROOT, env=env, capture_output=True,
                          text=True, check=False)
    return done, set(json.loads(record.read_text(encoding="utf-8")))


def test_diagnose_json_loads_no_unrelated_library(demo_db: Path, tmp_path: Path) -> None:
    """``diagnose --json`` (issue 13's start-up target) prints the verdict having loaded the health
    domain only: no Excel reader, fuzzy matcher, PostgreSQL driver, PDF writer or other domain."""
    installed = [name for name in UNRELATED if importlib.util.find_spec(name) is not None]
    assert {"openpyxl", "rapidfuzz", "psycopg"} <= set(installed)  # else the check below proves nothing
    db = tmp_path / "demo.duckdb"
    db.write_bytes(demo_db.read_bytes())
    argv = ["--db", str(db), "diagnose", "--partnership", LAKESHORE, "--json"]
    done, loaded = _loaded_after(argv, tmp_path)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["refresh_recommended"] is True
    assert "refresh_core.health.diagnosis" in loaded  # the deferred module did load when used
    assert sorted(m for m in loaded if m.split(".")[0] in installed) == []
    assert sorted(m for m in loaded if m.startswith(OTHER_DOMAINS)) == []


def test_help_loads_no_domain(tmp_path: Path) -> None:
    """``--help`` lists every command without loading any domain module or heavy library."""
    done, loaded = _loaded_after(["--help"], tmp_path)
    assert done.returncode == 0 and "diagnose" in done.stdout and "import-history" in done.stdout
    assert {f"refresh_core.cli.{m}" for m in set(COMMANDS.values())} <= loaded
    assert sorted(m for m in loaded if m.startswith((*OTHER_DOMAINS, "refresh_core.health.", "openpyxl",
                                                      "rapidfuzz", "psycopg"))) == []


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_help_of_each_command_is_the_whole_parsers(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    """``COMMAND --help`` (which builds only that command's module) shows the same arguments as the
    full parser's help for it, for the command and each of its actions."""
    full = build_parser()
    [group] = [a for a in full._actions if isinstance(a, argparse._SubParsersAction)]
    parser = group.choices[command]
    expected = {(): parser.format_help()}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            expected.update({(name,): sub.format_help() for name, sub in action.choices.items()})
    for words, text in expected.items():
        with pytest.raises(SystemExit) as stop:
            main([command, *words, "--help"])
        assert stop.value.code == 0
        assert capsys.readouterr().out == text
        assert "usage: python -m refresh_core " + " ".join([command, *words]) in text


def test_every_deferred_module_exists() -> None:
    """Each module a command binds for later is a real module (a typo would fail only when run)."""
    bound = [(name, value.__name__) for name in command_modules()
             for value in vars(importlib.import_module(name)).values() if isinstance(value, Deferred)]
    assert len(bound) >= 15
    for _, module in bound:
        assert importlib.import_module(module).__name__ == module


def test_import_format_choices_are_the_readers_formats() -> None:
    """``import --format`` offers exactly the formats the readers know (named in the CLI so its parser
    does not load them)."""
    assert tuple(f.value for f in Format) == FORMATS


def test_a_duckdb_refusal_does_not_load_the_postgresql_driver(tmp_path: Path) -> None:
    """A refused write on DuckDB still becomes the plain "nothing was written" message without
    loading psycopg; ``DatabaseError`` still names both stores' errors when asked for."""
    code = (
        "import sys; from refresh_core.db import connect, transaction; from refresh_core.errors import "
        "StorageError\nc = connect(':memory:'); c.execute('CREATE TABLE t (x INTEGER NOT NULL)')\n"
        "try:\n    with transaction(c): c.execute('INSERT INTO t VALUES (NULL)')\n"
        "except StorageError as exc: print(exc)\n"
        "print('psycopg' in sys.modules, c.execute('SELECT count(*) FROM t').fetchone()[0])\n"
        "from refresh_core.db import DatabaseError\n"
        "print(sorted(f'{e.__module__}.{e.__qualname__}' for e in DatabaseError))\n"
        "import refresh_core.db; print(hasattr(refresh_core.db, 'DatabaseErrror'))"
    )
    env = {k: v for k, v in os.environ.items() if k != "REFRESH_DATABASE_URL"}
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                          check=True)
    refused, driver, names, typo = done.stdout.strip().splitlines()
    assert refused.startswith("The change was not saved, and nothing was written: a value is missing")
    assert driver == "False 0"
    assert names == "['_duckdb.Error', 'psycopg.Error']"
    assert typo == "False"
