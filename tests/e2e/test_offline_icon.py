"""The app in a real browser asks nothing of the internet: every request goes to its own server.

Screenshots go to test-output/e2e/.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.e2e.conftest import Server, nav, settle

pytestmark = pytest.mark.browser


def test_the_tab_icon_and_every_request_come_from_the_app_itself(server: Server, page: Any) -> None:
    """Regression (browser walk, 1 Dec 2026): every page logged "Failed to load resource:
    net::ERR_NAME_NOT_RESOLVED" for an icon on fonts.gstatic.com, and on a machine without internet
    access the tab had no icon. The icon is now the app's own file; no page asks another host."""
    own = urlsplit(server.url).netloc
    elsewhere: list[str] = []
    page.on("request", lambda r: elsewhere.append(r.url)
            if urlsplit(r.url).scheme in ("http", "https") and urlsplit(r.url).netloc != own else None)
    page.goto(server.url)
    settle(page, "The four signs")
    nav(page, "Recruitment")
    settle(page, "Recruitment")
    icon = page.locator("link[rel~='icon']").first.get_attribute("href") or ""
    assert urlsplit(page.evaluate("h => new URL(h, document.baseURI).href", icon)).netloc == own, icon
    fetched = page.request.get(page.evaluate("h => new URL(h, document.baseURI).href", icon))
    assert fetched.ok and fetched.body()[:8] == b"\x89PNG\r\n\x1a\n"
    assert elsewhere == []
