"""The access commands: share links, backup/restore, conveners, password hashes (contract in issue 6)."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from refresh_core.cli import main
from refresh_core.db import connect
from refresh_core.hosting.access import resolve_share_token, verify_password
from tests.conftest import LAKESHORE, THREE_RIVERS


@pytest.fixture
def db(demo_db: Path, tmp_path: Path) -> Path:
    path = tmp_path / "cli.duckdb"
    path.write_bytes(demo_db.read_bytes())
    return path


def run(db: Path, capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["--db", str(db), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_share_create_json_contract(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`share create --json` prints id, url (base + ?share=TOKEN only) and expiry; the link works."""
    code, out, _ = run(db, capsys, "share", "create", "--partnership", THREE_RIVERS, "--days", "30",
                       "--label", "Champions, spring 2027", "--base-url", "https://pulse.example.org/",
                       "--json")
    assert code == 0
    payload = json.loads(out)
    assert set(payload) == {"id", "url", "expires"} and isinstance(payload["id"], str)
    parts = urlsplit(payload["url"])
    assert payload["url"].startswith("https://pulse.example.org/?share=")
    assert list(parse_qs(parts.query)) == ["share"]
    assert payload["expires"] == (dt.datetime.now(dt.UTC).date() + dt.timedelta(days=30)).isoformat()
    conn = connect(db)
    token = parse_qs(parts.query)["share"][0]
    assert resolve_share_token(conn, token=token) == conn.execute(
        "SELECT id FROM partnership WHERE name = ?", [THREE_RIVERS]).fetchone()[0]
    conn.close()


def test_share_create_defaults(db: Path, capsys: pytest.CaptureFixture[str],
                               monkeypatch: pytest.MonkeyPatch) -> None:
    """Without --base-url the link uses $REFRESH_BASE_URL; without --days it lasts 90 days."""
    monkeypatch.setenv("REFRESH_BASE_URL", "https://hosted.example.org/pulse")
    code, out, _ = run(db, capsys, "share", "create", "--partnership", LAKESHORE, "--json")
    payload = json.loads(out)
    assert code == 0 and payload["url"].startswith("https://hosted.example.org/pulse?share=")
    assert payload["expires"] == (dt.datetime.now(dt.UTC).date() + dt.timedelta(days=90)).isoformat()


def test_share_list_and_revoke(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Listed links show label and dates; a revoked link leaves the live list at once."""
    _, out, _ = run(db, capsys, "share", "create", "--partnership", LAKESHORE, "--label", "Board", "--json")
    link_id = json.loads(out)["id"]
    code, out, _ = run(db, capsys, "share", "list", "--json")
    listed = json.loads(out)
    assert code == 0 and [r["label"] for r in listed] == ["Board"]
    assert listed[0]["partnership"] == LAKESHORE and listed[0]["last_used"] is None
    code, out, _ = run(db, capsys, "share", "list")
    assert "Board" in out and "last used never" in out
    code, out, _ = run(db, capsys, "share", "revoke", link_id)
    assert code == 0 and "switched off" in out
    _, out, _ = run(db, capsys, "share", "list", "--json")
    assert json.loads(out) == []
    _, out, _ = run(db, capsys, "share", "list", "--all", "--json")
    assert json.loads(out)[0]["status"] == "revoked"


def test_share_create_keeps_live_labels_apart(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """As on the Share links page, a second live link with a label already in use is refused (exit 2, a
    message saying what to do, nothing created); without --label each link gets a label of its own, so
    `share list` never shows two rows alike."""
    run(db, capsys, "share", "create", "--partnership", LAKESHORE, "--label", "Board")
    code, out, err = run(db, capsys, "share", "create", "--partnership", LAKESHORE, "--label", "BOARD")
    assert code == 2 and not out
    assert "A live link for 'BOARD' already exists" in err and "for example 'BOARD (2)'" in err
    for _ in range(2):
        assert run(db, capsys, "share", "create", "--partnership", LAKESHORE)[0] == 0
    _, out, _ = run(db, capsys, "share", "list", "--json")
    assert sorted(r["label"] for r in json.loads(out)) == [
        "Board", f"Read-only link for {LAKESHORE}", f"Read-only link for {LAKESHORE} (2)"]


def test_share_errors_exit_2(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Unknown partnership or link id: exit code 2 and a message on stderr."""
    code, _, err = run(db, capsys, "share", "create", "--partnership", "Nowhere", "--json")
    assert code == 2 and "No partnership named 'Nowhere'" in err
    code, _, err = run(db, capsys, "share", "revoke", "77")
    assert code == 2 and "No share link #77" in err
    code, _, err = run(db, capsys, "share", "revoke", "abc")
    assert code == 2 and "ids are numbers" in err


def test_backup_then_restore_round_trip(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`backup FILE.zip` then `restore FILE.zip` on a fresh install brings back every partnership."""
    archive = tmp_path / "out" / "pulse.zip"
    code, out, _ = run(db, capsys, "backup", str(archive))
    assert code == 0 and archive.exists() and "Backed up" in out
    fresh = tmp_path / "fresh.duckdb"
    code, out, err = run(fresh, capsys, "restore", str(archive))
    assert code == 0, err
    conn = connect(fresh)
    assert [r[0] for r in conn.execute("SELECT name FROM partnership ORDER BY name").fetchall()] == [
        LAKESHORE, THREE_RIVERS]
    conn.close()


def test_restore_of_a_bad_file_exits_2_and_changes_nothing(db: Path, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    """A damaged or missing backup: exit code 2, a clear message, the database byte-for-byte unchanged."""
    connect(db).close()  # bring it to the current schema first, as any command would
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"PK\x03\x04 definitely not a zip")
    code, _, err = run(db, capsys, "restore", str(bad))
    assert code == 2 and "not a readable zip" in err
    code, _, err = run(db, capsys, "restore", str(tmp_path / "missing.zip"))
    assert code == 2 and "could not be read" in err
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


def test_conveners_add_list_remove(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An admin and a convener limited to one partnership; the last admin cannot be removed."""
    assert run(db, capsys, "conveners", "add", "boss@board.org", "--admin")[0] == 0
    code, out, _ = run(db, capsys, "conveners", "add", "maria@board.org", "--partnership", LAKESHORE)
    assert code == 0 and LAKESHORE in out
    _, out, _ = run(db, capsys, "conveners", "list", "--json")
    assert json.loads(out) == [
        {"email": "boss@board.org", "admin": True, "partnerships": "all partnerships"},
        {"email": "maria@board.org", "admin": False, "partnerships": LAKESHORE}]
    code, _, err = run(db, capsys, "conveners", "remove", "boss@board.org")
    assert code == 2 and "last admin" in err
    assert run(db, capsys, "conveners", "remove", "maria@board.org")[0] == 0


def test_password_hash_from_stdin(db: Path, capsys: pytest.CaptureFixture[str],
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """`password-hash --stdin` prints one argon2 hash that verifies the password typed."""
    monkeypatch.setattr("sys.stdin", io.StringIO("a long convener passphrase\n"))
    code, out, _ = run(db, capsys, "password-hash", "--stdin")
    assert code == 0 and verify_password(out.strip(), "a long convener passphrase")
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    code, _, err = run(db, capsys, "password-hash", "--stdin")
    assert code == 2 and "at least 12" in err
