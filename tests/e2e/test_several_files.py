"""Several attendance files uploaded together: a later file's preview counts what it adds after the files
above it, so people it shares with them show as matched, as the import then counts them."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import Server, after_run, nav, no_errors, settle, shot

pytestmark = pytest.mark.browser

HEADER = "Name,Email,Organization,Date,Meeting\n"
PEOPLE = [("Ann Lee", "ann@acme-tools.com", "Acme Tools"), ("Bo Chan", "bo@brightsteel.com", "Bright Steel"),
          ("Cy Diaz", "cy@corefab.com", "Core Fab")]  # fmt: skip


NEW_PEOPLE = """() => [...document.querySelectorAll("[data-testid='stMain'] [data-testid='stMetric']")]
    .map(m => m.innerText.replace(/\\s+/g, ' ').trim()).filter(t => t.startsWith('New people'))"""


def _new_people(page: Any) -> list[str]:
    """The previews' "New people" counts, once both previews have drawn theirs: the second file's
    preview text can be on screen a moment before its counts (run ci16, 1 Dec 2026: read once, none
    were there yet)."""
    page.wait_for_function(f"({NEW_PEOPLE})().length >= 2", timeout=30_000)
    found: list[str] = page.evaluate(NEW_PEOPLE)
    return found


def _sheet(path: Path, day: str, title: str) -> Path:
    path.write_text(HEADER + "".join(f"{n},{e},{o},{day},{title}\n" for n, e, o in PEOPLE), encoding="utf-8")
    return path


def test_the_second_files_preview_counts_people_shared_with_the_first_as_matched(
    own_server: Server, page: Any, tmp_path: Path
) -> None:
    """Two sign-in sheets naming the same three new people: the first preview counts them as new, the
    second as matched after the file above (and says so), and the import adds them once."""
    first = _sheet(tmp_path / "october.csv", "10/14/2026", "October employer roundtable")
    second = _sheet(tmp_path / "november.csv", "11/18/2026", "November employer roundtable")
    page.goto(own_server.url)
    settle(page, "The four signs")
    nav(page, "Import attendance")
    settle(page, "Attendance files")
    upload = page.locator("input[type=file]")
    after_run(page, lambda: upload.set_input_files([str(first), str(second)]))
    settle(page, "Import 2 files")
    main = page.locator("[data-testid='stMain']")
    text = main.inner_text()
    after = "These counts are what this file adds after the files above"
    assert text.count(after) == 1 and text.index("november.csv") < text.index(after)
    assert _new_people(page) == ["New people 3", "New people 0"]
    page.set_viewport_size({"width": 1400, "height": 3200})  # (both previews in the screenshot)
    shot(page, "46-two-files-preview")
    after_run(page, page.get_by_role("button", name=re.compile("Import 2 files")).click)
    settle(page, "Undo an import on the Import history page")
    done = main.inner_text()
    assert "october.csv: 3 attendance records added; 3 new people, 0 matched" in done
    assert "november.csv: 3 attendance records added; 0 new people, 3 matched" in done
    no_errors(page)
    # The same October sheet again, above the November one: nothing above will be imported, so the
    # November preview is simply against what is recorded, with no note about the files above.
    upload = page.locator("input[type=file]")
    after_run(page, lambda: upload.set_input_files([str(first), str(second)]))
    settle(page, "This file was already imported")
    text = main.inner_text()
    assert "after the files above" not in text and "are matched when you import them together" not in text
    no_errors(page)


def test_columns_matched_by_hand_are_used_and_remembered(own_server: Server, page: Any) -> None:
    """A sheet with unfamiliar headings (Quién, Correo, Empresa, Día): the convener matches its columns,
    presses "Use these columns" and gets the preview of its two people (the choice is saved by the next
    run, before the previews are worked out)."""
    data = Path(__file__).resolve().parent.parent / "ingest" / "fixtures" / "unrecognised_columns.csv"
    page.goto(own_server.url)
    settle(page, "The four signs")
    nav(page, "Import attendance")
    settle(page, "Attendance files")
    upload = page.locator("input[type=file]")
    after_run(page, lambda: upload.set_input_files([str(data)]))
    settle(page, "Tell us which column holds what")
    for label, heading in [("Full name", "Quién"), ("Email", "Correo"), ("Organisation / company", "Empresa"),
                           ("Meeting date", "Día")]:  # fmt: skip
        page.get_by_role("combobox", name=label).click()
        page.get_by_role("option", name=heading, exact=True).first.click()
    after_run(page, page.get_by_role("button", name=re.compile("Use these columns")).click)
    settle(page, "Rows read")  # (the preview drawn: what the assertions below read)
    settle(page, "Import 1 file")
    main = page.locator("[data-testid='stMain']")
    main.get_by_test_id("stMetric").first.wait_for()
    assert "Tell us which column holds what" not in main.inner_text()
    metrics = [re.sub(r"\s+", " ", m.inner_text()).strip() for m in main.get_by_test_id("stMetric").all()]
    assert "Rows read 2" in metrics
    no_errors(page)
