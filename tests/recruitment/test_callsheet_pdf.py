"""The call sheets to print, read back from the PDF as a printer or a PDF reader would see them."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from refresh_core.printing import document
from refresh_core.recruitment.askers import add_askers
from refresh_core.recruitment.callsheet_pdf import call_sheets_pdf
from refresh_core.recruitment.callsheets import TALKING_POINTS, call_list
from refresh_core.recruitment.prospect_import import import_prospects
from refresh_core.recruitment.prospects import prospect_table
from tests.builders import Builder
from tests.conftest import ROOT, TODAY
from tests.recruiting import pages_of, plan

SHOTS = ROOT / "test-output" / "recruitment"


def recruiting(build: Builder, rows: str) -> tuple[int, bytes]:
    """A meeting with two askers (one named with non-ASCII letters), the prospects in ``rows`` (CSV
    lines: name,email,phone,company,title,asker,status) and its call sheets as a PDF."""
    meeting = plan(build)
    cara = build.person("Cara Champ", "Champ Co")
    soren = build.person("Søren Ødegård", "Fjord Works")
    add_askers(build.conn, meeting_id=meeting, person_ids=[cara, soren])
    import_prospects(build.conn, meeting_id=meeting, on=TODAY, file_name="p.csv",
                     data=("name,email,phone,company,title,asker,status\n" + rows).encode())
    calls = call_list(build.conn, meeting_id=meeting, as_of=TODAY)
    return meeting, call_sheets_pdf(build.conn, meeting_id=meeting, calls=calls, made_on=TODAY)


def test_each_asker_has_a_page_of_their_own_calls_and_nobody_elses(build: Builder) -> None:
    """Regression (browser walk, 1 Dec 2026, defect 11): "Call sheets (print)" gave a plain .txt file.
    The PDF has one page per asker headed with their name and the meeting, holding their calls (name,
    title, company, phone and email as typed, where they stand, boxes for the answer) and only theirs;
    the calls nobody has been given come first, headed "Calls with no asker yet", with what to do;
    names with letters beyond ASCII print as typed."""
    _, data = recruiting(build, (
        "Ada Lee,ada@acme.com,0044 20 7946 0018,Acme,Plant Manager,Cara Champ,asked\n"
        "Bo Chen,bo@bolt.com,,Bolt,CEO,Søren Ødegård,\n"
        "Zoë Åkesson,zoe@ahus.se,+46 8 123 456,Åhus Bruk,Ägare,Søren Ødegård,called\n"
        "Eve Open,eve@open.org,555 010 9999,Open Co,,,\n"
        "Cy Gone,cy@gone.com,,Gone Co,,Cara Champ,declined\n"))
    assert data.startswith(b"%PDF")
    pages = pages_of(data)
    assert len(pages) == 3
    nobody, cara, soren = pages
    assert nobody.startswith("Calls with no asker yet") and "(no asker yet)" not in nobody
    assert "give them to askers with Balance the calls on the Recruitment page" in nobody
    assert cara.startswith("Call sheet for Cara Champ Refresh meeting, ")
    assert soren.startswith("Call sheet for Søren Ødegård")
    assert "Community College" in cara and TALKING_POINTS[0] in cara
    holds = {"Eve Open": nobody, "Ada Lee": cara, "Bo Chen": soren, "Zoë Åkesson": soren}
    for name, page in holds.items():
        assert [n for n in holds if n in page] == [n for n, p in holds.items() if p is page], name
    assert "Cy Gone" not in " ".join(pages)  # declined: nobody calls them again
    assert "Ada Lee, Plant Manager, Acme" in cara
    assert "Phone: 0044 20 7946 0018 Email: ada@acme.com" in cara
    assert "Now: Asked; asked" in cara and "Next: Follow-up call." in cara
    assert "Zoë Åkesson, Ägare, Åhus Bruk" in soren and "Phone: +46 8 123 456 Email: zoe@ahus.se" in soren
    assert "Phone: not on file Email: bo@bolt.com" in soren
    assert all("Answer: yes maybe no" in page and "Notes:" in page for page in pages)


def test_a_long_list_goes_on_to_more_pages_never_splitting_a_call(build: Builder) -> None:
    """Thirty calls for one asker: their sheet runs over pages headed "(continued)", every call whole
    on one page, the next asker still starting on a page of their own."""
    rows = "".join(f"Lead{n:02} Maker,lead{n:02}@maker.com,555 010 {n:04},Maker {n:02},Owner,Cara Champ,\n"
                   for n in range(30))
    _, data = recruiting(build, rows + "Bo Chen,bo@bolt.com,,Bolt,CEO,Søren Ødegård,\n")
    pages = pages_of(data)
    assert len(pages) >= 3
    *cara, soren = pages
    assert cara[0].startswith("Call sheet for Cara Champ")
    assert all(p.startswith("Call sheet for Cara Champ (continued)") for p in cara[1:])
    assert cara[0].count("Answer:") < 30 and all("Call sheet for Cara Champ, page" in p for p in cara)
    for n in range(30):
        [page] = [p for p in cara if f"Lead{n:02} Maker, Owner" in p]
        assert f"Phone: 555 010 {n:04} Email: lead{n:02}@maker.com" in page
    assert soren.startswith("Call sheet for Søren Ødegård") and "Lead" not in soren


def test_with_no_calls_left_the_pdf_says_so(build: Builder) -> None:
    """Everyone has answered: one page saying there are no calls to make."""
    meeting = plan(build)
    calls = call_list(build.conn, meeting_id=meeting, as_of=TODAY)
    assert prospect_table(build.conn, meeting_id=meeting, as_of=TODAY).empty
    pages = pages_of(call_sheets_pdf(build.conn, meeting_id=meeting, calls=calls))
    assert len(pages) == 1 and "No calls to make: every prospect has answered." in pages[0]


def test_without_dejavu_the_core_font_still_prints_the_names(build: Builder,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """On a system without DejaVu the sheets fall back to the PDF core font, which still has the
    letters of "Søren Ødegård" and "Zoë Åkesson"."""
    monkeypatch.setattr(document, "FONT_DIRS", ())
    _, data = recruiting(build, "Zoë Åkesson,zoe@ahus.se,+46 8 123 456,Åhus Bruk,Ägare,Søren Ødegård,\n")
    [page] = pages_of(data)
    assert page.startswith("Call sheet for Søren Ødegård") and "Zoë Åkesson, Ägare, Åhus Bruk" in page


def test_pdftoppm_draws_the_sheets(build: Builder) -> None:
    """A real renderer draws each page (kept under test-output/recruitment to look at)."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm is not installed")
    _, data = recruiting(build, (
        "Ada Lee,ada@acme.com,0044 20 7946 0018,Acme,Plant Manager,Cara Champ,asked\n"
        "Zoë Åkesson,zoe@ahus.se,+46 8 123 456,Åhus Bruk,Ägare,Søren Ødegård,called\n"
        "Eve Open,eve@open.org,555 010 9999,Open Co,,,\n"))
    SHOTS.mkdir(parents=True, exist_ok=True)
    source = SHOTS / "call-sheets.pdf"
    source.write_bytes(data)
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(source), str(SHOTS / "call-sheets")], check=True)
    assert len(sorted(SHOTS.glob("call-sheets-*.png"))) >= 3
