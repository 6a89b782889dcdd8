"""Settings, share links and the sign-in gate, run server-side with Streamlit's AppTest."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from streamlit.testing.v1 import AppTest

import ui
from refresh_core import errors, guard
from refresh_core.db import connect
from refresh_core.hosting import access
from refresh_core.hosting.backup import backup
from refresh_core.partnerships import ensure_partnership, get_partnership, partnership_names
from tests.conftest import LAKESHORE, ROOT, THREE_RIVERS
from tests.pages.conftest import Serve
from ui import signin

PASSWORD = "a long convener passphrase"


@pytest.fixture
def app_db(serve: Serve, monkeypatch: pytest.MonkeyPatch) -> str:
    """The app pointed at a private copy of the demo database, with no sign-in configured."""
    for name in ("REFRESH_BACKUP_DIR", "REFRESH_BASE_URL", access.PASSWORD_HASH_ENV):
        monkeypatch.delenv(name, raising=False)
    return serve("demo")


def page(name: str, *, partnership: str | None = LAKESHORE, role: str | None = "convener") -> AppTest:
    """Run a page as a session the sign-in gate has admitted with ``role`` (None: never admitted)."""
    at = AppTest.from_file(str(ROOT / "pages" / name), default_timeout=30)
    if partnership:
        at.session_state["partnership"] = partnership
    if role:
        at.session_state["role"] = role
    return at.run()


def texts(at: AppTest) -> str:
    """All the text on the page, with ui.md's escapes removed."""
    return " ".join(str(e.value) for kind in ("markdown", "info", "success", "error", "caption", "warning")
                    for e in getattr(at, kind)).replace("\\", "")


# ---- settings --------------------------------------------------------------------------------

def test_settings_shows_sign_in_mode_and_backup_controls(app_db: str) -> None:
    """With nothing configured: open local mode explained, a download button, automatic backups off."""
    at = page("settings.py")
    assert not at.exception
    assert "Open local mode" in texts(at)
    assert [b.label for b in at.download_button] == ["Download backup"]
    assert "Automatic backups are off, so download a backup above now and then." in texts(at)
    assert "REFRESH_BACKUP_DIR" not in texts(at)  # a convener's next step, not a setting to type
    assert "Ask whoever hosts the app to set a folder for automatic backups" in texts(at)


def test_back_up_now_writes_an_automatic_backup(app_db: str, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """With REFRESH_BACKUP_DIR set, 'Back up now' writes a zip and the status counts it."""
    folder = tmp_path / "backups"
    monkeypatch.setenv("REFRESH_BACKUP_DIR", str(folder))
    at = page("settings.py")
    assert "Automatic backups: 0 backups kept" in texts(at)
    next(b for b in at.button if b.label == "Back up now").click().run()
    assert not at.exception
    assert len(list(folder.glob("pulse-*-manual.zip"))) == 1
    assert "Automatic backups: 1 backup kept" in texts(at)
    assert str(folder) not in texts(at)  # a convener is not shown the server's folder


def test_restore_from_an_uploaded_backup_needs_confirmation(app_db: str, demo_db: Path,
                                                             tmp_path: Path) -> None:
    """Upload shows what the backup holds; Restore stays disabled until confirmed, then replaces the data."""
    source = tmp_path / "source.duckdb"
    source.write_bytes(demo_db.read_bytes())
    conn = connect(source)
    ensure_partnership(conn, name="Only in the backup")
    backup(conn, path=tmp_path / "demo.zip", now=dt.datetime(2026, 11, 30, 19, 12, 40, tzinfo=dt.UTC))
    conn.close()
    live = connect(app_db)
    ensure_partnership(live, name="Added after the backup")
    live.close()
    at = page("settings.py")
    at.file_uploader[0].set_value(("demo.zip", (tmp_path / "demo.zip").read_bytes(), "application/zip")).run()
    assert "This backup was made 30 Nov 2026 at 19:12 UTC and holds 3 partnerships, " in texts(at)
    restore_button = next(b for b in at.button if b.label == "Restore")
    assert restore_button.disabled
    at.checkbox[0].check().run()
    next(b for b in at.button if b.label == "Restore").click().run()
    assert not at.exception
    assert "The backup is restored" in texts(at)
    assert partnership_names(ui._connection()) == [LAKESHORE, "Only in the backup", THREE_RIVERS]
    safety = list((tmp_path / "backups").glob("pulse-*-before-restore.zip"))
    assert len(safety) == 1  # the replaced data was saved first
    assert "A backup of what was there before was kept: download it below" in texts(at)
    assert str(tmp_path) not in texts(at)  # never a path on the server
    assert "Download the backup of what was there before" in [b.label for b in at.download_button]


def test_a_damaged_upload_is_refused_with_a_message(app_db: str) -> None:
    """A file that is not a backup shows why, offers no Restore button, and changes nothing."""
    at = page("settings.py")
    at.file_uploader[0].set_value(("holiday.zip", b"PK\x03\x04 not really", "application/zip")).run()
    assert not at.exception
    assert "not a readable zip" in " ".join(e.value for e in at.error)
    assert not [b for b in at.button if b.label == "Restore"]
    assert len(partnership_names(ui._connection())) == 2


def test_admin_adds_and_removes_conveners(app_db: str) -> None:
    """The convener list is managed on the page: add one limited to a partnership, then remove them."""
    at = page("settings.py")
    at.text_input[0].input("maria@board.org")
    at.multiselect[0].select(THREE_RIVERS)
    next(b for b in at.button if b.label == "Add convener").click().run()
    assert not at.exception
    table = at.dataframe[0].value
    assert table["email"].tolist() == ["maria@board.org"]
    assert table["partnerships"].tolist() == [THREE_RIVERS]
    at.selectbox[0].select("maria@board.org").run()
    next(b for b in at.button if b.label == "Remove").click().run()
    assert not at.exception
    assert "No conveners yet" in texts(at)


def test_non_admin_cannot_manage_conveners(app_db: str) -> None:
    """A convener who is not an admin sees no convener form."""
    at = AppTest.from_file(str(ROOT / "pages" / "settings.py"), default_timeout=30)
    at.session_state["role"] = "convener"
    at.session_state["is_admin"] = False
    at.run()
    assert "Only an admin convener" in texts(at)
    assert not [b for b in at.button if b.label == "Add convener"]


@pytest.mark.parametrize("role", ["viewer", None])
@pytest.mark.parametrize("name", ["settings.py", "share_links.py"])
def test_convener_pages_refuse_viewers_and_sessions_never_admitted(app_db: str, name: str,
                                                                   role: str | None) -> None:
    """Even if reached, the convener pages show nothing to a viewer or to a session the gate never saw."""
    at = page(name, role=role)
    assert not at.exception
    assert at.error and "Only conveners" in at.error[0].value
    assert not at.button and not at.file_uploader and not at.download_button


# ---- share links --------------------------------------------------------------------------------

def test_create_show_once_and_revoke_a_share_link(app_db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A new link's full URL is shown once; it opens this partnership; revoking removes it at once."""
    monkeypatch.setenv("REFRESH_BASE_URL", "https://pulse.example.org/")
    at = page("share_links.py", partnership=THREE_RIVERS)
    assert "No live links" in texts(at)
    at.text_input[0].input("Champions, spring 2027")  # then: created, never used yet
    at.number_input[0].set_value(30)
    at.button[0].click().run()
    assert not at.exception
    url = at.code[0].value
    assert url.startswith("https://pulse.example.org/?share=")
    token = parse_qs(urlsplit(url).query)["share"][0]
    cursor = ui._connection().cursor()
    assert access.resolve_share_token(cursor, token=token) == get_partnership(cursor, name=THREE_RIVERS).id
    at.run()
    assert not at.code  # shown only once
    assert "Champions, spring 2027" in texts(at) and "last used" in texts(at)
    revoke = next(b for b in at.button if b.label == "Revoke")
    revoke.click().run()
    next(b for b in at.button if b.label == "Yes, revoke it").click().run()
    assert not at.exception
    assert "No live links" in texts(at)
    with pytest.raises(errors.AccessDenied):
        access.resolve_share_token(cursor, token=token)
    cursor.close()


def test_revoking_a_share_link_asks_first_and_then_names_the_link(app_db: str) -> None:
    """Regression (walk-through): one click on Revoke switched "Board, winter 2026" off with no question
    and no message. Revoke now asks; Cancel keeps the link working; "Yes, revoke it" switches it off and
    says which link no longer opens anything."""
    conn = connect(app_db)
    pid = get_partnership(conn, name=THREE_RIVERS).id
    _, url = access.create_share_link(conn, partnership_id=pid, label="Board, winter 2026",
                                      base_url="http://localhost/")
    conn.close()
    token = parse_qs(urlsplit(url).query)["share"][0]
    at = page("share_links.py", partnership=THREE_RIVERS)
    next(b for b in at.button if b.label == "Revoke").click().run()
    assert not at.exception
    assert "Revoke the link 'Board, winter 2026'?" in at.warning[0].value.replace("\\", "")
    cursor = ui._connection().cursor()
    assert access.resolve_share_token(cursor, token=token) == pid  # asking switched nothing off
    next(b for b in at.button if b.label == "Cancel").click().run()
    assert not at.warning and "Board, winter 2026" in texts(at)
    assert access.resolve_share_token(cursor, token=token) == pid
    next(b for b in at.button if b.label == "Revoke").click().run()
    next(b for b in at.button if b.label == "Yes, revoke it").click().run()
    assert not at.exception
    assert at.success[0].value.replace("\\", "") == (
        "Revoked the link 'Board, winter 2026': it no longer opens anything.")
    assert "No live links" in texts(at)
    with pytest.raises(errors.AccessDenied):
        access.resolve_share_token(cursor, token=token)
    cursor.close()


def test_share_link_label_is_required(app_db: str) -> None:
    """Creating a link without a label explains what to type."""
    at = page("share_links.py")
    at.button[0].click().run()
    assert not at.exception
    assert "Give the link a label" in at.error[0].value
    assert not at.code


def test_a_second_link_with_the_same_label_is_refused_on_the_page(app_db: str) -> None:
    """Regression (walk-through): two links for "Champions" made two rows nobody could tell apart, and
    revoking "the" link was ambiguous. The second is refused with a message saying what to type instead;
    the live list keeps one row."""
    at = page("share_links.py", partnership=THREE_RIVERS)
    at.text_input[0].input("Champions")
    at.button[0].click().run()
    at.run()
    at.text_input[0].input("Champions")
    at.button[0].click().run()
    assert not at.exception and not at.code
    said = at.error[0].value.replace("\\", "")  # user text is shown escaped
    assert "A live link for 'Champions' already exists" in said and "for example 'Champions (2)'" in said
    assert [b.label for b in at.button].count("Revoke") == 1


# ---- the sign-in gate (signin.gate) ---------------------------------------------------------------

GATE = textwrap.dedent("""
    import streamlit as st
    import ui
    from ui import signin
    signin.gate()
    st.write(f"role={ui.role()} partnership={st.session_state.get('viewer_partnership_id')}")
    st.write(f"share={st.query_params.get('share')}")
""")


def gate_app(*, share: str | None = None, secrets: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_string(GATE, default_timeout=30)
    if share is not None:
        at.query_params["share"] = share
    for key, value in (secrets or {}).items():
        at.secrets[key] = value
    return at


def make_link(db: Path, name: str = THREE_RIVERS) -> tuple[int, int, str]:
    conn = connect(db)
    pid = get_partnership(conn, name=name).id
    link, url = access.create_share_link(conn, partnership_id=pid, label="x", base_url="http://localhost/")
    conn.close()
    return link.id, pid, parse_qs(urlsplit(url).query)["share"][0]


def test_share_link_makes_a_viewer_of_its_partnership_until_revoked(app_db: str) -> None:
    """A live token gives a viewer session; after revoking, the very next run shows the neutral message."""
    link_id, pid, token = make_link(app_db)
    at = gate_app(share=token).run()
    assert not at.exception
    assert f"role=viewer partnership={pid}" in texts(at)
    assert guard.viewer_scope(at.session_state["_cursor"]) == pid  # the session's cursor is marked
    access.revoke_share_link(ui._connection(), link_id=link_id)
    at.run()
    assert at.info[0].value == errors.NEUTRAL_MESSAGE
    assert "role=" not in texts(at)


def test_bad_token_shows_only_the_neutral_message(app_db: str) -> None:
    """An unknown token reveals nothing and renders nothing else."""
    at = gate_app(share="A" * 43).run()
    assert not at.exception
    assert [e.value for e in at.info] == [errors.NEUTRAL_MESSAGE]
    assert "role=" not in texts(at) and not at.button and not at.text_input


def test_a_viewer_session_stays_a_viewer_without_the_parameter(app_db: str) -> None:
    """Dropping ?share= from the URL mid-session does not turn a viewer into a convener."""
    _, pid, token = make_link(app_db)
    at = gate_app(share=token).run()
    at.query_params.pop("share")
    at.run()
    assert f"role=viewer partnership={pid}" in texts(at)
    assert f"share={token}" in texts(at)  # put back so a reload keeps working


def test_password_mode_signs_in_with_the_right_password_only(app_db: str) -> None:
    """With a hash configured, nothing shows until the password; a wrong one is refused."""
    at = gate_app(secrets={access.PASSWORD_HASH_ENV: access.hash_password(PASSWORD)}).run()
    assert "role=" not in texts(at) and at.text_input[0].label == "Convener password"
    at.text_input[0].input("wrong guess, sorry")
    at.button[0].click().run()
    assert "That password is not right" in at.error[0].value and "role=" not in texts(at)
    at.text_input[0].input(PASSWORD)
    at.button[0].click().run()
    assert not at.exception
    assert "role=convener" in texts(at)


def test_password_mode_locks_out_after_five_wrong_tries(app_db: str) -> None:
    """The sixth try after five wrong passwords is refused, even when right, and says how long to wait."""
    at = gate_app(secrets={access.PASSWORD_HASH_ENV: access.hash_password(PASSWORD)}).run()
    for _ in range(5):
        at.text_input[0].input("wrong guess, sorry")
        at.button[0].click().run()
    at.text_input[0].input(PASSWORD)
    at.button[0].click().run()
    assert "Too many attempts. Try again in 15 minutes." in at.error[0].value
    assert "role=" not in texts(at)


def test_open_local_mode_admits_a_convener_with_a_notice(app_db: str,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing configured: a local visitor is a convener, and the session carries the localhost notice."""
    monkeypatch.setattr(signin, "remote_ip", lambda: None)  # AppTest has no real client address
    monkeypatch.setattr(signin, "request_headers", lambda: {"Host": "localhost:8501"})
    at = gate_app().run()
    assert not at.exception
    assert "role=convener" in texts(at)
    assert "localhost" in at.session_state["_access_notice"]


def test_open_local_mode_refuses_a_rebinding_shaped_host(app_db: str,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """A loopback connection naming another site as its Host (DNS rebinding) gets nothing."""
    monkeypatch.setattr(signin, "remote_ip", lambda: None)
    monkeypatch.setattr(signin, "request_headers", lambda: {"Host": "attacker.example:8501",
                                                            "Origin": "http://attacker.example:8501"})
    at = gate_app().run()
    assert "role=" not in texts(at)
    assert "No sign-in is configured" in at.error[0].value


def test_a_misconfigured_trusted_proxy_list_lets_nobody_in(app_db: str,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """A REFRESH_TRUSTED_PROXIES entry that is not an address stops the app with what to fix."""
    monkeypatch.setenv("REFRESH_TRUSTED_PROXIES", "proxy.internal")
    monkeypatch.setattr(signin, "remote_ip", lambda: None)
    monkeypatch.setattr(signin, "request_headers", lambda: {"Host": "localhost:8501"})
    at = gate_app().run()
    assert "role=" not in texts(at)
    shown = at.error[0].value.replace("\\", "")  # as rendered: Markdown escapes dropped
    assert "proxy.internal" in shown and "not an IP address" in shown


def test_open_local_mode_refuses_a_remote_visitor(app_db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing configured and a visitor from elsewhere: nothing opens; the message says how to secure it."""
    monkeypatch.setattr(signin, "remote_ip", lambda: "203.0.113.9")
    at = gate_app().run()
    assert "role=" not in texts(at)
    assert "No sign-in is configured" in at.error[0].value
