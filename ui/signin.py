"""Who is using this session: the sign-in gate, share links, and the viewer's read-only run.

``streamlit_app.py`` calls :func:`gate` before building the navigation and runs
the chosen page with :func:`run_page`. The rules themselves live in the core:
tokens and hashes in :mod:`refresh_core.hosting.access`, who is knocking (Host,
proxy headers, trusted proxies) in :mod:`refresh_core.hosting.frontdoor`, the rate
limits (kept in the database) in :mod:`refresh_core.hosting.limits`.

Session keys set here: ``role`` (``session.CONVENER``/``session.VIEWER``),
``viewer_partnership_id`` (viewers), ``allowed_partnership_ids`` (None = all),
``convener_email`` (OIDC only), ``is_admin``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import streamlit as st

from refresh_core import errors, guard
from refresh_core.errors import AccessDenied, ValidationError
from refresh_core.hosting import access, conveners, frontdoor
from refresh_core.hosting.access import SignInMode
from refresh_core.hosting.limits import RateLimiter
from ui import backups, routes, session

SHARE_TOKEN = "_share_token"
ADMITTED_TOKEN = "_admitted_token"
PASSWORD_OK = "_password_ok"
NOTICE = "_access_notice"
BASE_URL_ENV = "REFRESH_BASE_URL"
# Counted in the database, so every app server on it shares the counts.
SHARE_LIMIT = RateLimiter(scope="share")
PASSWORD_LIMIT = RateLimiter(scope="password")


def secrets_map() -> Mapping[str, Any]:
    """``st.secrets`` as a plain mapping ({} when there is no secrets file)."""
    try:
        return {key: st.secrets[key] for key in st.secrets}
    except Exception:  # no secrets.toml, or an unreadable one: treat as not configured
        return {}


def mode() -> SignInMode:
    """The sign-in mode configured for this installation."""
    return access.sign_in_mode(secrets_map=secrets_map(), env=os.environ)


def remote_ip() -> str | None:
    """The client's address (None when it connects from this computer, or nobody says)."""
    ip = st.context.ip_address
    return ip if isinstance(ip, str) else None


def request_headers() -> dict[str, str]:
    """The headers of this session's connection; a repeated one's values joined with commas, as
    proxies join X-Forwarded-For (so two Host headers never read as one local Host)."""
    headers = st.context.headers
    return {name: ", ".join(headers.get_all(name)) for name in headers}


def client_key() -> str:
    """Who is knocking, for rate limiting: the peer, or what a trusted proxy forwarded
    (``$REFRESH_TRUSTED_PROXIES``; see :mod:`refresh_core.hosting.frontdoor`)."""
    return frontdoor.client_address(peer=remote_ip(), headers=request_headers(),
                                    trusted=frontdoor.trusted_proxies(os.environ),
                                    uvicorn_trusted=os.environ.get(frontdoor.UVICORN_TRUSTED_ENV))


def base_url() -> str:
    """The app's root address for share links: ``$REFRESH_BASE_URL``, else this page's own host."""
    configured = os.environ.get(BASE_URL_ENV, "").strip()
    if configured:
        return configured
    parts = urlsplit(st.context.url or "http://localhost:8501/")
    path = "/" + str(st.get_option("server.baseUrlPath") or "").strip("/")
    return urlunsplit((parts.scheme, parts.netloc, path.rstrip("/") + "/", "", ""))


def _only(render: Callable[[], None]) -> None:
    """Show one page (a sign-in form or a message) with no navigation to anything else, then stop."""
    st.navigation(routes.answer_any_address(render, home="welcome"), position="hidden").run()
    st.stop()


def _neutral() -> None:
    st.title("Partnership Pulse")
    st.info(errors.NEUTRAL_MESSAGE, icon=":material/link_off:")


def _admit_viewer(token: str | None) -> None:
    """A share link: re-checked on every run, so a revoked link stops at the next click."""
    st.session_state["role"] = session.VIEWER  # for good: this session never becomes a convener's
    st.session_state[SHARE_TOKEN] = token
    if not token:
        _only(_neutral)
    # A token this session already opened is re-checked (revocation) but is not a guess to count.
    guess = st.session_state.get(ADMITTED_TOKEN) != token
    cursor = session.service_cursor()
    try:
        partnership_id = access.resolve_share_token(cursor, token=str(token),
                                                    limiter=SHARE_LIMIT if guess else None,
                                                    client_key=client_key() if guess else "")
    except AccessDenied:
        st.session_state.pop("viewer_partnership_id", None)
        st.session_state.pop(ADMITTED_TOKEN, None)
        _only(_neutral)
        return
    finally:
        cursor.close()
    st.session_state[ADMITTED_TOKEN] = token
    st.session_state["viewer_partnership_id"] = partnership_id
    st.session_state["allowed_partnership_ids"] = frozenset({partnership_id})
    st.session_state["is_admin"] = False
    guard.mark_viewer(session.conn(), partnership_id=partnership_id)
    if st.query_params.get(access.SHARE_PARAM) != token:
        st.query_params[access.SHARE_PARAM] = str(token)  # page switches drop it; reloads need it


def _as_convener(*, email: str | None, allowed: frozenset[int] | None, notice: str | None) -> None:
    st.session_state.update({"role": session.CONVENER, "convener_email": email,
                             "allowed_partnership_ids": allowed, "is_admin": allowed is None, NOTICE: notice})
    backups.daily_backup()


def _provider() -> list[str]:
    """``st.login`` arguments: the one named provider under [auth], if any."""
    section = secrets_map().get("auth", {})
    named = [k for k, v in section.items() if isinstance(v, Mapping)]
    return named[:1] if len(named) == 1 else []


def _oidc() -> None:
    if not st.user.is_logged_in:
        def sign_in() -> None:
            st.title("Partnership Pulse")
            st.write("Conveners: sign in to see and manage your partnerships.")
            st.button("Sign in", icon=":material/login:", on_click=st.login, args=_provider(), type="primary")
            st.caption("Champions: open the read-only link your convener sent you.")
        _only(sign_in)
    email = str(st.user.get("email") or "")
    cursor = session.service_cursor()
    try:
        if st.user.get("email_verified") is False:
            raise AccessDenied(f"{email} is not a verified address with your identity provider.")
        allowed = conveners.allowed_partnership_ids(cursor, email=email)
    except AccessDenied as exc:
        def refused(message: str = str(exc)) -> None:
            st.title("Partnership Pulse")
            st.warning(session.md(message), icon=":material/block:")
            st.button("Sign out", on_click=st.logout)
        _only(refused)
        return
    finally:
        cursor.close()
    _as_convener(email=email, allowed=allowed, notice=None)


def _password(stored_hash: str) -> None:
    if st.session_state.get(PASSWORD_OK):
        _as_convener(email=None, allowed=None, notice=None)
        return

    def sign_in() -> None:
        st.title("Partnership Pulse")
        with st.form("sign_in"):
            password = st.text_input("Convener password", type="password")
            submitted = st.form_submit_button("Sign in", icon=":material/login:", type="primary")
        if submitted:
            _check_password(stored_hash, password)
        st.caption("Champions: open the read-only link your convener sent you.")
    _only(sign_in)


def _check_password(stored_hash: str, password: str) -> None:
    """Sign in with the right password; count a wrong one; refuse while this client is locked out."""
    key = client_key()
    cursor = session.service_cursor()
    try:
        wait = PASSWORD_LIMIT.retry_after(cursor, key)
        if wait is not None:
            minutes = max(1, -(-int(wait.total_seconds()) // 60))
            st.error(f"Too many attempts. Try again in {minutes} minute{'s' if minutes != 1 else ''}.",
                     icon=":material/timer:")
        elif access.verify_password(stored_hash, password):
            st.session_state[PASSWORD_OK] = True
            st.rerun()
        else:
            PASSWORD_LIMIT.record_failure(cursor, key)
            st.error("That password is not right.", icon=":material/error:")
    finally:
        cursor.close()


def _open_local() -> None:
    if not access.open_mode_allowed(remote_ip=remote_ip(), headers=request_headers()):
        def refused() -> None:
            st.title("Partnership Pulse")
            st.error("No sign-in is configured, so this app only serves the computer it runs on. To host it, "
                     f"set a convener password ({access.PASSWORD_HASH_ENV}) or an [auth] section in "
                     "secrets; see the README's hosting section.", icon=":material/lock:")
        _only(refused)
    _as_convener(email=None, allowed=None,
                 notice="Open local mode: no sign-in. The app listens on this computer only (localhost) "
                        "and is not secured; set a password before hosting it.")


def _misconfigured(message: str) -> None:
    def refused() -> None:
        st.title("Partnership Pulse")
        st.error(session.md(message), icon=":material/settings_alert:")
    _only(refused)


def gate() -> None:
    """Decide this session's role, or show a sign-in form / the neutral message and stop."""
    try:
        frontdoor.trusted_proxies(os.environ)
    except ValidationError as exc:  # fail closed: nobody gets in through a proxy we cannot read
        _misconfigured(str(exc))
    token = st.query_params.get(access.SHARE_PARAM) or st.session_state.get(SHARE_TOKEN)
    if token or st.session_state.get("role") == session.VIEWER:
        _admit_viewer(token)
        return
    configured = mode()
    if configured is SignInMode.OIDC:
        _oidc()
    elif configured is SignInMode.PASSWORD:
        _password(access.password_hash_setting(secrets_map=secrets_map(), env=os.environ) or "")
    else:
        _open_local()


def run_page(page: Any) -> None:
    """Run the chosen page; a viewer's runs inside a READ ONLY transaction scoped to their partnership."""
    if session.role() == session.VIEWER:
        viewer_pid = int(st.session_state["viewer_partnership_id"])
        with guard.viewer_session(session.conn(), partnership_id=viewer_pid):
            page.run()
    else:
        page.run()


def sidebar() -> None:
    """The sign-in notice (open local mode) and the sign-out button, in the sidebar."""
    if session.role() == session.VIEWER:
        st.sidebar.caption(":material/visibility: Read-only view shared by the partnership's convener.")
        return
    if st.session_state.get(NOTICE):
        st.sidebar.caption(":material/lock_open: " + str(st.session_state[NOTICE]))
    if st.session_state.get(PASSWORD_OK):
        if st.sidebar.button("Sign out", icon=":material/logout:"):
            st.session_state.pop(PASSWORD_OK, None)
            st.rerun()
    elif st.session_state.get("convener_email"):
        st.sidebar.caption(session.md(st.session_state["convener_email"]))
        st.sidebar.button("Sign out", icon=":material/logout:", on_click=st.logout)
