"""Sign-in through a real OpenID Connect provider, run inside the test on a loopback port.

The provider is ``oidc-provider-mock`` (a real OIDC server: discovery, authorization code,
tokens, userinfo, end-session). The app reads its ``[auth]`` section from a secrets file
written into the test's temporary folder (``STREAMLIT_SECRETS_FILES``); nothing is written
into the project. Screenshots go to test-output/e2e/.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from refresh_core.db import connect
from refresh_core.hosting.conveners import add_convener
from tests.e2e.conftest import Server, nav_labels, serve, settle, shot

pytestmark = pytest.mark.browser

CONVENER = "maria.lopez@lakeshore-partnership.org"
STRANGER = "someone@elsewhere.example"


@pytest.fixture(scope="module")
def provider() -> Iterator[str]:
    """An OpenID Connect provider on localhost with two people who can sign in."""
    mock = pytest.importorskip("oidc_provider_mock", reason="oidc-provider-mock is in requirements-dev.txt")
    people = [mock.User(sub="maria", claims={"email": CONVENER, "email_verified": True, "name": "Maria"}),
              mock.User(sub="stranger", claims={"email": STRANGER, "email_verified": True})]
    with mock.run_server_in_thread(port=0, user_claims=people) as server:
        yield f"http://localhost:{server.server_port}"


@pytest.fixture(scope="module")
def oidc_server(chromium: Path, provider: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The app with an [auth] section pointing at the provider, and one allowed convener (an admin)."""
    pytest.importorskip("authlib", reason="streamlit[auth] (Authlib) is in requirements.txt")
    folder = tmp_path_factory.mktemp("oidc")

    def prepare(db: Path | str, app_url: str) -> None:
        conn = connect(db)
        add_convener(conn, email=CONVENER, is_admin=True)
        conn.close()
        (folder / "secrets.toml").write_text(
            "[auth]\n"
            f'redirect_uri = "{app_url}oauth2callback"\n'
            f'cookie_secret = "{secrets.token_hex(32)}"\n'
            'client_id = "partnership-pulse"\n'
            f'client_secret = "{secrets.token_hex(16)}"\n'
            f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n', encoding="utf-8")

    env = {"STREAMLIT_SECRETS_FILES": str(folder / "secrets.toml")}
    with serve(folder, "oidc", env=env, prepare=prepare, host="localhost") as started:
        yield started


def sign_in_as(page: Any, server: Server, who: str) -> None:
    """Open the app, press Sign in, and choose ``who`` at the provider."""
    page.goto(server.url)
    settle(page, "Conveners: sign in")
    assert nav_labels(page) == []
    page.get_by_role("button", name=re.compile("Sign in")).click()
    page.get_by_role("button", name=who, exact=True).click()  # the provider's page: a known person


def test_allowed_convener_signs_in_and_out(oidc_server: Server, page: Any) -> None:
    """A convener on the list signs in with the provider, sees every page and their address, then
    signs out and is back at the sign-in page."""
    sign_in_as(page, oidc_server, "maria")
    settle(page, "The four signs")
    assert {"Health overview", "Share links", "Settings"} <= set(nav_labels(page))
    assert page.get_by_text(CONVENER).count() == 1
    shot(page, "40-oidc-signed-in")
    page.get_by_role("button", name=re.compile("Sign out")).click()
    page.get_by_role("button", name="End session").click()  # the provider ends its session too
    settle(page, "Conveners: sign in")
    assert nav_labels(page) == []
    page.goto(oidc_server.url)  # a fresh load is still signed out
    settle(page, "Conveners: sign in")
    assert page.get_by_text(CONVENER).count() == 0
    shot(page, "41-oidc-signed-out")


def test_stranger_gets_the_refusal_and_nothing_else(oidc_server: Server, page: Any) -> None:
    """Someone the provider knows but who is not on the conveners list sees one refusal, no page."""
    sign_in_as(page, oidc_server, "stranger")
    settle(page, "is not on this installation's list of conveners")
    body = page.inner_text("body")
    assert "Health overview" not in body and "Lakeshore" not in body
    assert nav_labels(page) == []
    assert page.get_by_role("button", name=re.compile("Sign out")).count() == 1
    shot(page, "42-oidc-stranger-refused")
