"""Every download in the app, clicked in a real browser: the file arrives, is not empty, and the
page shows no error afterwards (issue 10: each Recruitment download turned the page into a red
``_duckdb.ResourceInUseException`` box, and twice the file never arrived).

The server runs over the demo with a refresh meeting being recruited for (prospects, askers) and
a refresh meeting held ten days ago (its follow-through clock), so every download has data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from refresh_core.db import connect
from refresh_core.hosting.demo import load_demo
from refresh_core.meetings import add_meeting, recent_meetings
from refresh_core.partnerships import get_partnership
from refresh_core.recruitment.askers import add_askers, suggested_askers
from refresh_core.recruitment.callsheets import NO_ASKER, call_list
from refresh_core.recruitment.prospect_import import import_prospects
from tests.conftest import LAKESHORE
from tests.e2e.conftest import SHOTS, serve
from tests.refresh_scenario import hold_refresh_meeting, thirty_notes

pytestmark = pytest.mark.browser

PROSPECTS = ("name,email,phone,company,title,affiliation,status\n"
             "Ada Lee,ada@acme-tools.com,0612 345 678,Acme Tools,Plant Manager,industry,asked\n"
             "Bo Chen,bo@bolt-works.com,0700 111 222,Bolt Works,CEO,industry,identified\n"
             "Cy Dean,cy@springs.edu,,Springs College,Dean,education,confirmed\n")
# The convener's pages with downloads: (address, part of the name in the navigation, buttons offered).
PAGES = [
    ("recruitment", "Recruitment",
     ["Mail-merge CSV", "Call sheets (CSV)", "Call sheets (PDF, to print)", "Call sheets (Word)"]),
    ("agenda", "Refresh agenda", ["Run-of-show (Word)", "Run-of-show (Markdown)"]),
    ("follow_through", "Follow-through", ["Calendar of due dates (.ics)", "Participant list for the survey"]),
    ("settings", "Settings", ["Download backup"]),
]
# How each kind of file begins (Word files and backups are zips; CSVs carry a BOM for Excel).
STARTS = {".docx": b"PK", ".zip": b"PK", ".csv": b"\xef\xbb\xbf", ".ics": b"BEGIN:VCALENDAR",
          ".pdf": b"%PDF", ".md": b"# "}


def recruiting_demo(path: Path | str) -> list[str]:
    """The demo, with Lakeshore recruiting for a meeting in six weeks and a refresh held ten days ago.
    The askers with calls for the meeting the Recruitment page opens on (the demo's own refresh, the
    soonest), by name."""
    conn = connect(path)
    load_demo(conn)
    today = dt.date.today()
    pid = get_partnership(conn, name=LAKESHORE).id
    ideas, groups = thirty_notes()
    hold_refresh_meeting(conn, partnership_id=pid, day=today - dt.timedelta(days=10), ideas=ideas,
                         groups=groups, champions=2, with_members=False)
    meeting = add_meeting(conn, partnership_id=pid, date=today + dt.timedelta(days=42), kind="refresh",
                          title="Refresh meeting", start_time="07:30", minutes=120, location="Lakeshore CC")
    import_prospects(conn, meeting_id=meeting, data=PROSPECTS.encode(), file_name="p.csv", on=today)
    champions = suggested_askers(conn, meeting_id=meeting)["person_id"][:2]
    add_askers(conn, meeting_id=meeting, person_ids=champions)
    opened = int(recent_meetings(conn, partnership_id=pid, as_of=today)["id"].iloc[0])
    names = sorted(set(call_list(conn, meeting_id=opened, as_of=today)["asker"]))
    conn.close()
    return names


@pytest.fixture(scope="module")
def askers() -> list[str]:
    """The askers with calls in the recruiting demo (filled in when the server's database is made)."""
    return []


@pytest.fixture(scope="module")
def app_url(chromium: Path, tmp_path_factory: pytest.TempPathFactory, askers: list[str]) -> Iterator[str]:
    """A server of its own over the recruiting demo."""
    with serve(tmp_path_factory.mktemp("downloads"), "downloads", demo=False,
               prepare=lambda db, _: askers.extend(recruiting_demo(db))) as started:
        yield started.url


def tracebacks(page: Any) -> list[str]:
    """Texts of exception boxes (a traceback is never the page's own message)."""
    return [t.strip()[:300] for t in page.locator("[data-testid='stException']").all_inner_texts()]


def error_boxes(page: Any) -> list[str]:
    """Texts of red error boxes (some pages show one as their verdict: compare before and after)."""
    return [t.strip()[:300] for t in page.locator("[data-testid='stAlertContentError']").all_inner_texts()]


def download_button(page: Any, label: str) -> Any:
    return page.locator("[data-testid='stDownloadButton']", has_text=label).first


def open_page(page: Any, url: str, nav: str, labels: list[str]) -> None:
    """The page opened from the navigation, every expected download button drawn."""
    page.goto(url)
    page.get_by_text("The four signs").wait_for()  # the home page's run is under way
    page.locator("[data-testid='stSidebarNav'] a", has_text=nav).first.click()
    if nav == "Recruitment":  # the downloads are in the last of the page's sections
        page.get_by_text("Invitations and call sheets", exact=True).click()
    for label in labels:
        download_button(page, label).wait_for()


@pytest.mark.parametrize(("address", "nav", "labels"), PAGES, ids=[p[0] for p in PAGES])
def test_every_download_on_the_page_arrives_and_breaks_nothing(app_url: str, page: Any, address: str,
                                                                nav: str, labels: list[str],
                                                                tmp_path: Path) -> None:
    """Each download button on the convener's page gives a non-empty file of the expected type, and
    no error box or traceback follows (clicking one starts no rerun, so nothing can race it)."""
    open_page(page, app_url, nav, labels)
    assert page.url == app_url + address
    assert tracebacks(page) == []
    before = error_boxes(page)
    sizes: dict[str, int] = {}
    kinds: dict[str, bool] = {}
    for label in labels:
        with page.expect_download(timeout=60_000) as info:
            download_button(page, label).locator("button").click()
        target = tmp_path / info.value.suggested_filename
        info.value.save_as(target)
        sizes[label] = target.stat().st_size
        kinds[label] = target.read_bytes().startswith(STARTS.get(target.suffix, b""))
        assert tracebacks(page) == [], f"after downloading {label!r}"
        assert error_boxes(page) == before, f"after downloading {label!r}"
    page.screenshot(path=str(SHOTS / f"30-downloads-{address}.png"), full_page=True)
    assert {label: size for label, size in sizes.items() if size == 0} == {}
    assert {label for label, right in kinds.items() if not right} == set()
    every = page.locator("[data-testid='stDownloadButton']").count()
    assert every == len(labels), "a download this test does not click: add it to PAGES"


def test_the_call_sheets_to_print_are_a_pdf_with_a_sheet_per_asker(app_url: str, page: Any, askers: list[str],
                                                                    tmp_path: Path) -> None:
    """Regression (browser walk, 1 Dec 2026, defect 11): "Call sheets (print)" saved call-sheets.txt,
    plain text. "Call sheets (PDF, to print)" saves call-sheets.pdf, a PDF with a sheet for each asker
    of the meeting shown, headed with their name, and one for the calls nobody has been given yet."""
    label = "Call sheets (PDF, to print)"
    open_page(page, app_url, "Recruitment", [label])
    with page.expect_download(timeout=60_000) as info:
        download_button(page, label).locator("button").click()
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    assert target.name == "call-sheets.pdf" and target.read_bytes().startswith(b"%PDF")
    pages = [" ".join((p.extract_text() or "").split()) for p in PdfReader(target).pages]
    assert NO_ASKER in askers and len(askers) >= 3  # the demo's refresh: calls given and not yet given
    sheets = [p for p in pages if "(continued)" not in p]  # each sheet's first page
    titles = ["Calls with no asker yet", *(f"Call sheet for {name}" for name in askers if name != NO_ASKER)]
    assert len(sheets) == len(titles)
    assert all(sheet.startswith(title + " ") for sheet, title in zip(sheets, titles, strict=True))
    assert all("Phone: " in p and "Answer: yes maybe no" in p for p in pages)
