"""The PDFs, read back as a board member's or a state office's software would: pages, words, no contacts."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
from pathlib import Path

import duckdb
import pytest
from pypdf import PdfReader

from bench.large import END, build_large
from refresh_core.db import Connection
from refresh_core.guidance import evidence_rows
from refresh_core.partnerships import get_partnership
from refresh_core.printing import document
from refresh_core.reports import portfolio_view as view
from refresh_core.reports.content import partnership_report
from refresh_core.reports.portfolio import portfolio
from refresh_core.reports.portfolio_pdf import portfolio_pdf
from refresh_core.reports.report_pdf import partnership_pdf, render_report
from tests.builders import Builder
from tests.conftest import LAKESHORE, ROOT, THREE_RIVERS, TODAY

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
PHONE = re.compile(r"\(?\b\d{3}\)?[ .-]\d{3}[ .-]\d{4}\b")
SHOTS = ROOT / "test-output" / "reports"


def read(data: bytes) -> tuple[int, str]:
    """(pages, all the text) of a PDF."""
    reader = PdfReader(io.BytesIO(data))
    return len(reader.pages), " ".join((page.extract_text() or "") for page in reader.pages)


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def demo_reports(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """Both demo partnerships' reports, made once for the module."""
    copy = tmp_path_factory.mktemp("pdf") / "demo.duckdb"
    shutil.copy(demo_db, copy)
    conn = duckdb.connect(str(copy))
    try:
        return {name: partnership_pdf(conn, partnership=get_partnership(conn, name=name), as_of=TODAY)
                for name in (LAKESHORE, THREE_RIVERS)}
    finally:
        conn.close()


@pytest.mark.parametrize("name", [LAKESHORE, THREE_RIVERS])
def test_report_is_one_page_with_the_verdict_and_every_section(demo_reports: dict[str, bytes],
                                                               name: str) -> None:
    """One page: the name, the verdict, the four signs, both charts' headings, priorities, what's next."""
    pages, text = read(demo_reports[name])
    text = flat(text)
    assert pages == 1
    assert name in text
    verdict = "A refresh is recommended" if name == LAKESHORE else "No refresh needed"
    assert verdict in text
    for heading in ("Industry engagement is waning", "The same core group", "The sector or economy",
                    "The agenda has gotten stale", "Industry leaders and public partners",
                    "New and returning industry leaders", "Active priorities and their champions",
                    "The last full-partnership meeting", "What comes next", "Recent accomplishments"):
        assert heading in text, heading
    assert "Evidence:" in text
    assert "Institute for Networked Communities" in text  # the guide is credited


@pytest.mark.parametrize("partnership", [LAKESHORE, THREE_RIVERS])
def test_every_evidence_item_on_the_report_is_whole(demo_conn: Connection, partnership: str) -> None:
    """Regression (walk #7): Lakeshore's PDF cut its evidence off mid-list ("...Average industry leaders,
    last 3 meetings: 8.0; Average...", "Mid-level managers who came: 4; Attendees from organisations...").
    Now no line ends in an ellipsis; each sign shows its evidence items whole ("label: value") and says
    how many more the Health overview has ("and 7 more on the Health overview"), on one page."""
    report = partnership_report(demo_conn, partnership=get_partnership(demo_conn, name=partnership),
                                as_of=TODAY)
    pages, text = read(render_report(report))
    text = flat(text)
    assert pages == 1
    assert "..." not in text and "\u2026" not in text, text
    for sign in report.overview.diagnosis.signs:
        items = [f"{label}: {value}" for label, value in evidence_rows(dict(sign.evidence))]
        shown = [item for item in items if item in text]
        assert shown, sign.title
        hidden = len(items) - len(shown)
        if hidden:
            assert f"and {hidden} more on the Health overview." in text, (sign.title, hidden, text)
    if partnership == LAKESHORE:  # the key figures of the waning sign, whole, and the cut ones owned up to
        assert ("Average industry leaders, last 3 meetings: 8.0; "
                "Average industry leaders, 3 meetings before: 15.0") in text
        assert "Share of industry attendance from the 5 most regular: 56%" in text
        assert "more on the Health overview" in text


@pytest.mark.parametrize("name", [LAKESHORE, THREE_RIVERS])
def test_report_has_no_contact_details(demo_reports: dict[str, bytes], name: str) -> None:
    """No email address and no phone number anywhere in the report (the demo has both on file)."""
    _, text = read(demo_reports[name])
    assert not EMAIL.search(text) and not PHONE.search(text)


def test_champions_are_named_on_the_report(demo_reports: dict[str, bytes]) -> None:
    """Each active priority shows its industry champions by name."""
    text = flat(read(demo_reports[THREE_RIVERS])[1])
    assert "Behavioral Health Workforce" in text
    assert "championed by Leah Sorensen, Olivia Ramirez" in text


def test_contacts_typed_into_free_text_are_removed(build: Builder) -> None:
    """A priority or an accomplishment carrying an address or a number reaches the page without it."""
    build.priority("Call Jo at (555) 123-4567 or jo.doe@plant.example.com", TODAY - dt.timedelta(days=30))
    build.conn.execute("INSERT INTO accomplishment (partnership_id, date, text) VALUES (?, ?, ?)",
                       [build.pid, TODAY - dt.timedelta(days=3),
                        "Write to team@plant.example.org, +1 555 765 4321"])
    pages, text = read(partnership_pdf(build.conn, partnership=build.partnership, as_of=TODAY))
    assert pages == 1
    assert not EMAIL.search(text) and not PHONE.search(text) and "765" not in text
    assert "[contact removed]" in flat(text)


def test_a_partnership_with_nothing_yet_still_gets_a_page(build: Builder) -> None:
    """No meetings, no priorities: one page that says what is missing instead of failing."""
    pages, text = read(partnership_pdf(build.conn, partnership=build.partnership, as_of=TODAY))
    text = flat(text)
    assert pages == 1
    assert "No full-partnership meeting with attendance recorded yet." in text
    assert "No active priority" in text


def test_names_in_any_script_fit_on_the_page(conn: duckdb.DuckDBPyConnection) -> None:
    """Accents, dashes and a long name are drawn (DejaVu) and the page stays one page."""
    long_name = ("Région Côte-Nord — Santé et services sociaux, partenariat sectoriel " * 2)[:120]
    build = Builder.new(conn, long_name)  # the longest name a partnership may have
    build.priority("Main-d’œuvre qualifiée – «Łódź» pilot", TODAY - dt.timedelta(days=10))
    pages, text = read(partnership_pdf(conn, partnership=build.partnership, as_of=TODAY))
    assert pages == 1 and "Côte-Nord" in text


def test_without_dejavu_the_core_font_still_makes_the_report(build: Builder,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """On a system without DejaVu the report falls back to the PDF core font, replacing what it lacks."""
    monkeypatch.setattr(document, "FONT_DIRS", ())
    build.priority("Skills “pipeline” — Łódź", TODAY - dt.timedelta(days=10))
    pages, text = read(partnership_pdf(build.conn, partnership=build.partnership, as_of=TODAY))
    assert pages == 1 and 'Skills "pipeline" - ?' in flat(text)


def test_portfolio_pdf_has_one_line_per_partnership(tmp_path: Path) -> None:
    """The 50-partnership benchmark: every partnership on a line, pages numbered after the first."""
    conn = build_large(tmp_path / "large.duckdb")
    try:
        pages, text = read(portfolio_pdf(conn, as_of=END))
    finally:
        conn.close()
    assert pages >= 2
    assert all(f"Partnership {n:02d}" in text for n in range(1, 51))
    assert "50 partnerships: 50 refresh recommended" in flat(text)
    assert "(continued, page 2)" in text


def test_portfolio_pdf_says_none_planned_like_the_page(demo_conn: duckdb.DuckDBPyConnection) -> None:
    """Regression (walk-through): Three Rivers has no meeting planned; the PDF's "Next meeting" said "-"
    and the page's "Coming up" was blank. Both now say "None planned"."""
    _, text = read(portfolio_pdf(demo_conn, as_of=TODAY))
    line = next(x for x in text.splitlines() if x.startswith("Healthy "))  # Three Rivers' line
    assert "30 : 10 None planned - 1" in line
    assert flat(text).count("None planned") == 1  # Lakeshore's refresh meeting is planned
    row = next(r for r in portfolio(demo_conn, as_of=TODAY).rows if r.name == THREE_RIVERS)
    assert view.coming_up(row, as_of=TODAY, goal=20) == "None planned"


def test_report_renders_to_an_image(demo_reports: dict[str, bytes], tmp_path: Path) -> None:
    """pdftoppm draws the page (a real renderer, not only our own reader); the image is kept to look at."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm is not installed (apt-get install poppler-utils); the PDF is checked by pypdf")
    SHOTS.mkdir(parents=True, exist_ok=True)
    for n, name in enumerate((LAKESHORE, THREE_RIVERS)):
        source = tmp_path / f"report-{n}.pdf"
        source.write_bytes(demo_reports[name])
        out = SHOTS / f"report-{n}"
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-singlefile", str(source), str(out)], check=True)
        image = out.with_suffix(".png")
        assert image.stat().st_size > 30_000  # text, two charts and colour, not a blank page
