"""The command line loads only the module of the command it runs (issue 13: every command paid for
every module), and ``--help`` still lists every command."""

from __future__ import annotations

import argparse
import importlib
import subprocess
import sys

from refresh_core.cli import COMMANDS, build_parser, command_modules
from tests.conftest import ROOT


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
