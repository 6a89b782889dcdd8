"""Screenshot app pages in headless Chromium: ``python tools/screenshot.py URL OUT.png [WAIT_TEXT]``."""

from __future__ import annotations

import os
import sys

from playwright.sync_api import sync_playwright

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def main() -> None:
    url, out = sys.argv[1], sys.argv[2]
    wait_text = sys.argv[3] if len(sys.argv) > 3 else None
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page(
            viewport={"width": 1400, "height": int(sys.argv[4]) if len(sys.argv) > 4 else 2600}
        )
        page.goto(url)
        page.wait_for_selector("[data-testid='stApp']", timeout=30000)
        if wait_text:
            page.get_by_text(wait_text).first.wait_for(timeout=30000)
        page.wait_for_timeout(int(os.environ.get("SHOT_WAIT_MS", "4000")))
        page.screenshot(path=out, full_page=True)
        browser.close()


if __name__ == "__main__":
    main()
