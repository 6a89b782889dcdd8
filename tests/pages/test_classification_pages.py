"""The classification queue on People and organisations, and the Health page's unclassified band and link
(AppTest)."""

from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

import ui
from refresh_core.db import connect
from refresh_core.people.classification import organisations_json
from tests.builders import Builder
from tests.conftest import ROOT, THREE_RIVERS
from tests.importing import load, sheet
from tests.pages.conftest import Serve

SIGNIN = ("Name", "Email", "Organization", "Date", "Meeting")


@pytest.fixture
def app_db(serve: Serve) -> str:
    """The demo plus an import into Three Rivers: one organisation no rule knows, one known by domain only."""
    copy = serve("demo")
    conn = connect(copy)
    load(
        conn,
        sheet(
            [
                ("Ann Bell", "ann@hartwellgroup.com", "The Hartwell Group", "11/5/2026", "Quarterly"),
                ("Bo Chan", "bo@valleyortho.com", "", "11/5/2026", "Quarterly"),
            ],
            SIGNIN,
        ),
        "november.csv",
        partnership=THREE_RIVERS,
    )
    conn.close()
    return copy


def words(text: str) -> str:
    """Shown Markdown without the escapes that keep user text literal."""
    return text.replace("\\", "")


def page(name: str, partnership: str = THREE_RIVERS) -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / name), default_timeout=30)
    at.session_state["role"] = ui.CONVENER
    at.session_state["partnership"] = partnership
    return at.run()


def kinds(path: str) -> dict[str, tuple[str, str | None, str]]:
    conn = connect(path)
    try:
        pid = int(conn.execute("SELECT id FROM partnership WHERE name = ?", [THREE_RIVERS]).fetchone()[0])  # type: ignore[index]
        return {
            o["name"]: (o["kind"], o["subtype"], o["source"])
            for o in organisations_json(conn, partnership_id=pid)
        }
    finally:
        conn.close()


def test_queue_lists_unclassified_and_guesses_with_attendees_and_reasons(app_db: str) -> None:
    """The queue shows the two unclassified organisations and the guess, with attendees and the reason."""
    at = page("people.py")
    assert not at.exception
    names = [words(m.value) for m in at.markdown if "·" in m.value and "**" in m.value]
    assert any("Hartwell Group" in n and "not classified" in n for n in names)
    assert any("valleyortho.com" in n and "guessed industry" in n for n in names)
    assert any(
        "1 attendee" in c.value and "No rule recognises the name" in words(c.value) for c in at.caption
    )


def test_one_click_industry_and_public_partner_type(app_db: str) -> None:
    """One click makes The Hartwell Group industry; choosing a type makes Lakeside Partners a public partner;
    both leave the queue and are the convener's."""
    at = page("people.py")
    hartwell = kinds(app_db)
    oid = next(b.key for b in at.button if b.label == "Industry" and b.key and b.key.startswith("ind_"))
    assert hartwell["The Hartwell Group"][0] == "unclassified"
    at.button(key=oid).click().run()
    assert not at.exception
    lakeside_key = next(s.key for s in at.selectbox if s.key and s.key.startswith("pub_"))
    at.selectbox(key=lakeside_key).select("community").run()
    assert not at.exception
    after = kinds(app_db)
    decided = {
        n: v
        for n, v in after.items()
        if v[2] == "convener" and n in {"The Hartwell Group", "Lakeside Partners"}
    }
    assert sorted(v[:2] for v in decided.values()) == [("industry", None), ("public_partner", "community")]


def test_bulk_confirm_makes_every_guess_the_conveners(app_db: str) -> None:
    """'Confirm the guess as shown' keeps the guessed kind and marks it as the convener's; the queue's tab
    counts one organisation fewer."""
    at = page("people.py")
    assert any(t.label == "To classify (3)" for t in at.tabs)
    next(b for b in at.button if b.label == "Confirm the guess as shown").click().run()
    assert not at.exception
    assert kinds(app_db)["valleyortho.com"] == ("industry", None, "convener")
    assert any(t.label == "To classify (2)" for t in at.tabs)


def test_history_tab_shows_organisations_over_time(app_db: str) -> None:
    """The history tab picks a person and shows the organisations they came with, with dates."""
    at = page("people.py")
    assert not at.exception
    table = next(d.value for d in at.dataframe if "first_meeting" in d.value.columns)
    assert list(table.columns) == ["organisation", "kind", "first_meeting", "last_meeting", "meetings"]


def test_health_page_shows_the_grey_band_sentence(app_db: str) -> None:
    """Three Rivers has attendees from unclassified organisations: the chart's sentence says so in words."""
    at = page("health.py")
    assert not at.exception
    assert any(words(c.value).startswith("Grey: 4 attendances at 4 meetings") for c in at.caption)


def test_health_page_waits_for_classification_and_links_there(serve: Serve) -> None:
    """When unclassified attendees would change a sign, the verdict is not green, a warning says which sign
    waits, and the page points to People and organisations."""
    conn = connect(serve("empty"))
    build = Builder.new(conn, "Unsure Partnership")
    industry, public = build.people(4, prefix="I"), build.people(3, kind="public_partner", prefix="Q")
    unsure = [build.person(f"U{i} Person", "Meridian Solutions", kind="unclassified") for i in range(8)]
    today = dt.date.today()
    for day in (today - dt.timedelta(days=98), today - dt.timedelta(days=7)):
        build.attend(build.meeting(day), industry + public + unsure)
    conn.close()
    at = page("health.py", partnership="Unsure Partnership")
    assert not at.exception
    assert at.info[0].value.startswith("Not enough data to judge yet")
    assert not at.success
    assert "industry engagement is waning" in at.warning[0].value
    assert any("People and organisations" in c.value for c in at.caption)


def test_all_organisations_says_nobody_set_the_kind_of_one_no_rule_recognised(app_db: str) -> None:
    """Regression (walk-through): on All organisations, The Hartwell Group (no rule recognises its name)
    read "Not classified | Kind set by: rule | Why: No rule recognises the name…", as if a rule had
    decided. Nobody has set its kind yet, and the table says so; a guess confirmed by nobody is still a
    guess, and a kind the convener chose is theirs."""
    at = page("people.py")
    assert not at.exception
    table = at.data_editor(key="orgs_editor").value.set_index("name")
    assert table.loc["The Hartwell Group", "kind_source"] == "nobody yet"
    assert table.loc["valleyortho.com", "kind_source"] == "a guess (confirm it)"
    at.button(key=f"ind_{int(table.loc['The Hartwell Group', 'id'])}").click().run()
    assert not at.exception
    table = at.data_editor(key="orgs_editor").value.set_index("name")
    assert table.loc["The Hartwell Group", "kind_source"] == "you"


def test_one_click_says_which_organisation_is_now_what(app_db: str) -> None:
    """Regression (walk-through): classifying Meridian Solutions as Industry only toasted "Saved.", so the
    convener could not tell which of the similar rows had changed. The toast names the organisation and
    its new kind, with the public partner's type."""
    at = page("people.py")
    table = at.data_editor(key="orgs_editor").value.set_index("name")
    at.button(key=f"ind_{int(table.loc['The Hartwell Group', 'id'])}").click().run()
    assert not at.exception
    assert [words(t.value) for t in at.toast] == ["The Hartwell Group is now Industry."]
    at.selectbox(key=f"pub_{int(table.loc['Lakeside Partners', 'id'])}").select("community").run()
    assert not at.exception
    assert [words(t.value) for t in at.toast] == [
        "Lakeside Partners is now a public partner (Community organisation)."]
