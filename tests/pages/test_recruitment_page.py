"""The Recruitment page, run server-side with Streamlit's AppTest."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from streamlit.testing.v1 import AppTest

import ui
from refresh_core import words
from refresh_core.db import connect
from refresh_core.meetings import add_meeting
from refresh_core.partnerships import get_partnership
from refresh_core.recruitment import prospect_edits
from refresh_core.recruitment.askers import add_askers, suggested_askers
from refresh_core.recruitment.prospect_import import import_prospects
from tests.conftest import LAKESHORE, ROOT, THREE_RIVERS
from tests.pages.conftest import Serve

TODAY = dt.date.today()  # the page works on the real today
PROSPECTS = ("name,email,phone,company,title,affiliation,status\n"
             "Ada Lee,ada@acme-tools.com,0612 345 678,Acme Tools,Plant Manager,industry,confirmed\n"
             "Bo Chen,bo@bolt-works.com,0700 111 222,Bolt Works,CEO,industry,asked\n"
             "Cy Dean,cy@springs.edu,,Springs College,Dean,education,confirmed\n")


@pytest.fixture
def app_db(serve: Serve) -> str:
    """The app pointed at a private copy of the demo's attendance history (no refresh stories)."""
    copy = serve("history")
    return copy


@pytest.fixture
def planned(app_db: str) -> str:
    """Lakeshore with a refresh meeting in six weeks, three prospects and the champions as askers."""
    conn = connect(app_db)
    partnership = get_partnership(conn, name=LAKESHORE)
    meeting = add_meeting(conn, partnership_id=partnership.id, date=TODAY + dt.timedelta(days=42),
                          location="Lakeshore Community College")
    import_prospects(conn, meeting_id=meeting, data=PROSPECTS.encode(), file_name="p.csv", on=TODAY)
    champions = suggested_askers(conn, meeting_id=meeting)["person_id"][:3]
    add_askers(conn, meeting_id=meeting, person_ids=champions)
    conn.close()
    return app_db


def page(role: str = ui.CONVENER, partnership: str = LAKESHORE) -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / "recruitment.py"), default_timeout=60)
    at.session_state["partnership"] = partnership
    at.session_state["role"] = role
    if role == ui.VIEWER:  # a share link opens exactly one partnership
        at.session_state["viewer_partnership_id"] = get_partnership(ui._connection(), name=LAKESHORE).id
    return at.run()


def all_text(at: AppTest) -> str:
    parts = [e.value for e in (*at.markdown, *at.caption, *at.info, *at.warning, *at.success, *at.text)]
    parts += [str(m.value) + m.label for m in at.metric]
    parts += [df.value.to_csv() for df in at.dataframe]
    return " ".join(str(p) for p in parts)


def test_without_a_meeting_the_page_offers_to_plan_one(app_db: str) -> None:
    """Empty state: say what to do, and planning a meeting makes it the one shown."""
    at = page()
    assert not at.exception
    assert "No full-partnership meeting is planned yet" in at.info[0].value
    day = TODAY + dt.timedelta(days=30)
    at.date_input[0].set_value(day)
    next(b for b in at.button if b.label == "Plan the meeting").click().run()
    assert not at.exception
    picker = at.selectbox(key="recruit_meeting")
    assert picker.format_func(picker.value) == f"{words.day(day)} · Refresh meeting, {day:%B %Y}"  # as Agenda
    assert not at.info[0].value.startswith("No full-partnership meeting")
    assert "0 / 20" in all_text(at)


@pytest.mark.parametrize(("partnership", "kind", "title"), [
    (LAKESHORE, "Refresh", "Refresh meeting"),  # a refresh is recommended
    (THREE_RIVERS, "Full partnership (regular)", "Quarterly meeting"),  # healthy: its regular meeting
])
def test_plan_a_meeting_defaults_to_the_kind_the_verdict_calls_for(app_db: str, partnership: str, kind: str,
                                                                   title: str) -> None:
    """Regression: Three Rivers, healthy and owing only its next full-partnership meeting, was offered a
    refresh meeting by default. The form offers a refresh only where the Health verdict recommends one."""
    at = page(partnership=partnership)
    assert not at.exception
    picker = next(s for s in at.selectbox if s.label == "Kind")
    assert picker.format_func(picker.value) == kind
    assert next(t for t in at.text_input if t.label == "Title (optional)").placeholder.startswith(title)


def test_goal_meter_counts_industry_confirmations_only(planned: str) -> None:
    """Ada (industry) counts; Cy (college) is shown as a public partner, not counted."""
    at = page()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Industry leaders confirmed"] == "1"
    assert metrics["Expected in the room"] == "0 / 20"  # 1 confirmed x the default 80%
    assert metrics["Public partners confirmed"] == "1"
    assert at.get("progress")[0].proto.value == 4  # 0.8 of 20
    assert any("confirmed or attended" in m.value for m in at.markdown)


def test_adding_a_prospect_by_hand(planned: str) -> None:
    """The form adds a new person to the list and the table shows them."""
    at = page()
    at.radio(key="recruit_section").set_value("Add prospects").run()
    form_inputs = {t.label: t for t in at.text_input}
    form_inputs["Name"].set_value("Dina Novak")
    form_inputs["Email"].set_value("dina@novak-metal.com")
    form_inputs["Company"].set_value("Novak Metal")
    next(b for b in at.button if b.label == "Add prospect").click().run()
    assert not at.exception
    at.radio(key="recruit_section").set_value("Prospects").run()
    assert "Dina Novak (Novak Metal)" in at.selectbox(key="step_prospect").options


def test_changing_a_status_moves_the_meter(planned: str) -> None:
    """Recording Bo's confirmation takes the meter from 1 to 2."""
    at = page()
    who = next(o for o in at.selectbox(key="step_prospect").options if o.startswith("Bo Chen"))
    at.selectbox(key="step_prospect").set_value(who)
    at.selectbox(key="step_status").set_value("Confirmed")
    next(b for b in at.button if b.label == "Record step").click().run()
    assert not at.exception
    assert {m.label: m.value for m in at.metric}["Industry leaders confirmed"] == "2"


def test_balance_the_calls_gives_everyone_an_asker(planned: str) -> None:
    """One click and the 'nobody to ask them' warning is gone."""
    at = page()
    assert any("nobody to ask them" in w.value for w in at.warning)
    at.radio(key="recruit_section").set_value("Askers").run()
    next(b for b in at.button if b.label == "Balance the calls").click().run()
    assert not at.exception
    assert not any("nobody to ask them" in w.value for w in at.warning)


def test_balance_the_calls_says_what_it_changed(planned: str) -> None:
    """Regression (walk-through): "Balance the calls" reassigned prospects and said nothing (its toast
    was lost in the rerun), so the convener had to compare the counts to see whether anything
    happened. It now says how many prospects it gave an asker and how many each asker has, the same
    numbers as Calls per asker; a second click says the calls are already balanced."""
    at = page()
    at.radio(key="recruit_section").set_value("Askers").run()
    next(b for b in at.button if b.label == "Balance the calls").click().run()
    assert not at.exception
    said = [s.value.replace("\\", "") for s in at.success]
    table = next(d.value for d in at.dataframe if "assigned" in d.value.columns)
    counts = dict(zip(table["asker"], table["assigned"], strict=True))
    first, *others = counts
    expected = (f"1 prospect given an asker: {first} now has {words.count(counts[first], 'prospect')}, "
                + " and ".join(f"{name} {counts[name]}" for name in others) + ".")
    assert said == [expected]
    assert sorted(counts.values()) == [0, 0, 1]
    next(b for b in at.button if b.label == "Balance the calls").click().run()
    said = [s.value.replace("\\", "") for s in at.success]
    assert len(said) == 1 and said[0].startswith(f"The calls are already balanced: {first} has 1 prospect, ")


def test_a_champion_viewer_sees_counts_only(planned: str) -> None:
    """Read-only link: the goal meter and counts, no names, emails, phones, edits or downloads."""
    at = page(ui.VIEWER)
    assert not at.exception
    text = all_text(at)
    assert "0 / 20Expected in the room" in text
    for secret in ("Ada Lee", "Bo Chen", "ada@acme-tools.com", "0612 345 678", "Acme Tools"):
        assert secret not in text
    assert not at.text_input and not at.text_area and not at.button and not at.dataframe
    assert not at.get("download_button") and not at.get("arrow_data_frame")
    assert not at.warning  # warnings may name askers


def test_suggested_regulars_can_be_added_in_one_click(planned: str) -> None:
    """'Add all' in the regulars group puts them on the list; they leave the suggestions."""
    at = page()
    at.radio(key="recruit_section").set_value("Add prospects").run()
    add_all = [b for b in at.button if b.key == "all_regular"]
    assert add_all, "the regulars group offers an 'Add all' button"
    count = int(add_all[0].label.split()[-1])
    add_all[0].click().run()
    assert not at.exception
    assert any(f"of {3 + count} prospects" in m.value for m in at.markdown)
    assert not [b for b in at.button if b.key == "all_regular"]


def test_invitation_preview_is_personal_and_downloads_are_offered(planned: str) -> None:
    """The preview greets the prospect by first name; mail merge and call sheets can be downloaded."""
    at = page()
    at.radio(key="recruit_section").set_value("Invitations and call sheets").run()
    assert not at.exception
    assert any(t.value.startswith("Dear Ada,") for t in at.text)
    assert len(at.get("download_button")) == 4


def section(at: AppTest, name: str) -> AppTest:
    """Open one of the convener's panels."""
    return at.radio(key="recruit_section").set_value(name).run()


def test_the_convener_adds_themselves_as_an_asker(planned: str) -> None:
    """Someone not in the records (name and organisation only) becomes an asker; adding them again
    does not make a second person."""
    at = section(page(), "Askers")
    for _ in range(2):
        at.text_input(key="new_asker_name").set_value("Maria Lopez")
        at.text_input(key="new_asker_org").set_value("Lakeshore Workforce Board")
        next(b for b in at.button if b.label == "Add as asker").click().run()
        assert not at.exception and not at.error
    roster = next(df.value for df in at.dataframe if "name" in df.value.columns)  # the askers table
    assert roster["name"].tolist().count("Maria Lopez") == 1
    assert "Maria Lopez" in at.selectbox(key="asker_drop").options


def test_downloads_are_offered_and_unknown_companies_are_listed(planned: str) -> None:
    """All four downloads are offered (the browser test clicks them); a prospect known only by an
    email domain is listed as having no known company, by name, never by the domain."""
    conn = connect(planned)
    meeting = conn.execute("SELECT max(id) FROM meeting").fetchall()[0][0]
    import_prospects(conn, meeting_id=meeting, data=b"name,email\nBruce Wayne,bruce@dc.com\n",
                     file_name="b.csv", on=TODAY)
    conn.close()
    at = section(page(), "Invitations and call sheets")
    assert not at.exception
    buttons = at.get("download_button")
    assert [b.proto.label for b in buttons] == ["Mail-merge CSV", "Call sheets (CSV)",
                                                "Call sheets (PDF, to print)", "Call sheets (Word)"]
    assert not any(b.proto.disabled for b in buttons)
    warning = next(w.value for w in at.warning if "company of 1 prospect is not known" in w.value)
    assert "Bruce Wayne" in warning and "dc\\.com" not in warning
    # (the prospect table shows 'dc.com' as the organisation: the warning says why it is no company)
    assert "only an email address's domain, or nothing" in warning.replace("\\", "")


def test_the_call_sheets_to_print_are_a_pdf(planned: str) -> None:
    """Regression (browser walk, 1 Dec 2026, defect 11): "Call sheets (print)" gave a plain .txt file.
    The button says what it gives, "Call sheets (PDF, to print)", beside the CSV and Word sheets (the
    file itself, a PDF, is checked in a real browser: tests/e2e/test_downloads.py; the PDF's pages in
    tests/recruitment/test_callsheet_pdf.py)."""
    at = section(page(), "Invitations and call sheets")
    assert not at.exception
    labels = [b.proto.label for b in at.get("download_button")]
    assert "Call sheets (PDF, to print)" in labels and "Call sheets (print)" not in labels
    assert {"Call sheets (CSV)", "Call sheets (Word)"} <= set(labels)


def test_with_no_industry_champion_the_convener_names_who_signs(planned: str) -> None:
    """No active team and only public-partner askers: a warning, the mail merge waits; once the
    convener names the signer, the preview ends with their name and the mail merge is offered."""
    conn = connect(planned)
    conn.execute("UPDATE action_team SET status = 'closed'")
    conn.execute("DELETE FROM meeting_asker")
    conn.close()
    at = section(page(), "Invitations and call sheets")
    assert any("Nobody signs this invitation yet" in w.value for w in at.warning)
    assert at.get("download_button")[0].proto.disabled
    assert not any("industry champions" in t.value for t in at.text)
    next(t for t in at.text_input if t.label == "Signed by").set_value("Omar Kim")
    next(b for b in at.button if b.label == "Save signature").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert not any("Nobody signs this invitation yet" in w.value for w in at.warning)
    assert any(t.value.rstrip().endswith("Omar Kim") for t in at.text)
    assert not at.get("download_button")[0].proto.disabled


def test_the_prospect_list_shows_a_set_of_columns_that_fits_the_page(serve: Serve) -> None:
    """Regression (browser walk, 1 Dec 2026, defect 8): the prospect list had fourteen columns, wider than
    the page at 1400 and 1280 px: Channel read "Personal emai…" and the traits, phone and email were off
    to the right. It shows one set of columns at a time after the name and organisation ("The ask", "Who
    they are", "Civic entrepreneur traits", "Contact details"); each set fits the 818 px a 1280 px
    window leaves, and together they hold every column."""
    serve("demo")
    at = page()
    assert not at.exception
    sets = at.segmented_control(key="prospect_columns")
    assert list(sets.options) == ["The ask", "Who they are", "Civic entrepreneur traits", "Contact details"]
    seen: set[str] = set()
    for name in sets.options:
        at.segmented_control(key="prospect_columns").set_value(name).run()
        assert not at.exception
        editor = next(e for e in at.data_editor if str(e.key).startswith("prospects_"))
        shown = list(editor.proto.column_order)
        config = json.loads(editor.proto.columns)
        widths = {column: config[column]["width"] for column in shown}
        assert shown[:2] == ["name", "organisation"], shown
        assert sum(widths.values()) <= 812, (name, widths)
        seen |= set(shown)
        if "channel" in shown:  # the demo's longest channel, whole
            assert "Personal email from a champion" in set(editor.value["channel"])
            assert widths["channel"] >= 189 + 16, widths  # (its width in the app's font, and the padding)
    assert seen == set(prospect_edits.TABLE_COLUMNS) - {"prospect_id", "person_id"}
