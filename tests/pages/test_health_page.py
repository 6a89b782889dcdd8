"""The Health overview page, run server-side with Streamlit's AppTest."""

from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

import ui
from refresh_core import words
from refresh_core.db import connect
from refresh_core.health.reflections import add_reflection
from refresh_core.partnerships import get_partnership
from tests.builders import Builder
from tests.conftest import LAKESHORE, ROOT, THREE_RIVERS
from tests.pages.conftest import Serve


@pytest.fixture
def app_db(serve: Serve) -> str:
    """The app pointed at a private copy of the demo database."""
    return serve("demo")


def health(partnership: str | None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / "health.py"), default_timeout=30)
    if partnership:
        at.session_state["partnership"] = partnership
    return at.run()


def test_health_page_recommends_refresh_for_waning_demo(app_db: str) -> None:
    """The waning partnership's page opens with a refresh banner and four sign cards."""
    at = health(LAKESHORE)
    assert not at.exception
    assert at.error[0].value.startswith("A refresh is recommended")
    assert "four signs" in " ".join(h.value for h in at.subheader).lower()
    assert len([m for m in at.markdown if "Flag" in m.value or "Watch" in m.value or "OK" in m.value]) >= 4


def test_switching_partnership_changes_the_verdict(app_db: str) -> None:
    """Picking the healthy partnership turns the banner into 'no refresh needed'."""
    at = health(LAKESHORE)
    assert at.error and "refresh is recommended" in at.error[0].value
    at.session_state["partnership"] = THREE_RIVERS
    at.run()
    assert not at.exception
    assert at.success[0].value.startswith("No refresh needed")
    assert THREE_RIVERS in at.title[0].value


def test_every_chart_has_a_takeaway(app_db: str) -> None:
    """Each chart section carries a plain sentence saying what it shows."""
    at = health(LAKESHORE)
    text = " ".join(m.value for m in at.markdown)
    assert "At the latest meeting" in text
    assert "first time in the last 12 months" in text
    assert "Registered Apprenticeship had no industry leader" in text


def test_reflection_form_feeds_sign_three(app_db: str) -> None:
    """Saving 'the agenda no longer fits' flags sign 3 on the next run."""
    at = health(THREE_RIVERS)
    assert at.success  # healthy before
    at.radio[0].set_value("No, it no longer fits")
    at.button[0].click().run()
    assert not at.exception
    assert at.error and "refresh is recommended" in at.error[0].value
    assert "sector or economy has changed" in at.error[0].value


def test_champion_reads_who_noted_the_agenda_no_longer_fits(app_db: str) -> None:
    """After the convener saves "the agenda no longer fits", the champion's Health overview (share
    link) says the convener noted it, not "you noted it": the champion made no reflection."""
    conn = connect(app_db)
    pid = get_partnership(conn, name=LAKESHORE).id
    add_reflection(conn, partnership_id=pid, answered_on=dt.date.today(), changed=set(),
                   agenda_still_fits=False)
    conn.close()
    at = AppTest.from_file(str(ROOT / "pages" / "health.py"), default_timeout=30)
    at.session_state["role"] = ui.VIEWER
    at.session_state["partnership"] = LAKESHORE
    at.session_state["viewer_partnership_id"] = pid
    at.run()
    assert not at.exception
    assert not at.radio  # no reflection form for a champion
    text = " ".join(m.value for m in at.markdown).replace("\\", "")
    assert f"On {words.day(dt.date.today())} the convener noted the agenda no longer fits" in text
    assert "you noted" not in text


def test_empty_database_explains_what_to_do(serve: Serve) -> None:
    """With no partnership at all, the page says how to get started instead of failing."""
    serve("empty")
    at = health(None)
    assert not at.exception
    assert "No partnership yet" in at.info[0].value


def test_user_text_is_not_rendered_as_markup() -> None:
    """Names with Markdown or HTML are shown literally."""
    assert ui.md("**bold** <b>x</b> [link](http://e.com)") == (
        r"\*\*bold\*\* \<b\>x\</b\> \[link\]\(http\://e\.com\)"
    )


def test_overdue_follow_through_shows_on_health(app_db: str) -> None:
    """A refresh meeting whose two-week survey is late shows as overdue on the Health page."""
    import datetime as dt

    from refresh_core.db import connect
    from refresh_core.meeting.followups import overdue_items, sync_clock
    from refresh_core.meetings import add_meeting
    from refresh_core.partnerships import get_partnership

    conn = connect(app_db)
    partnership = get_partnership(conn, name=LAKESHORE)
    meeting = add_meeting(conn, partnership_id=partnership.id, date=dt.date.today() - dt.timedelta(days=30))
    sync_clock(conn, meeting_id=meeting)
    assert not overdue_items(conn, partnership_id=partnership.id, as_of=dt.date.today()).empty
    conn.close()
    at = health(LAKESHORE)
    assert not at.exception
    assert any("overdue" in w.value for w in at.warning)


def test_no_public_partner_at_any_meeting_is_said_instead_of_an_empty_ratio_chart(serve: Serve) -> None:
    """Industry leaders only at every meeting: the ratio section says there is no ratio to draw rather
    than showing an empty frame with the 1:1 line."""
    conn = connect(serve("empty"))
    build = Builder.new(conn, "Industry Only")
    people = build.people(4)
    for days in (200, 100):
        build.attend(build.meeting(dt.date.today() - dt.timedelta(days=days)), people)
    conn.close()
    at = health("Industry Only")
    assert not at.exception
    text = " ".join(m.value.replace("\\", "") for m in at.markdown)  # ui.md escapes punctuation
    assert "No public partner came to any full-partnership meeting yet" in text
    specs = [str(c.proto) for c in at.get("vega_lite_chart")]
    assert len(specs) == 2  # the people in the room and the newcomers
    assert not any("public partners outnumber industry" in spec for spec in specs)  # no 1:1 line


def test_the_sector_form_shows_and_ticks_the_last_reflection(app_db: str) -> None:
    """Regression: Lakeshore's last reflection (market forces and technology had changed) was neither
    mentioned nor ticked, so the convener answered from a blank form. Now its date and answers are said
    above the form and ticked in it; Three Rivers' (nothing changed) ticks nothing."""
    conn = connect(app_db)
    day = conn.execute("SELECT answered_on FROM sector_reflection WHERE partnership_id = "
                       "(SELECT id FROM partnership WHERE name = ?)", [LAKESHORE]).fetchone()[0]
    conn.close()
    at = health(LAKESHORE)
    assert not at.exception
    said = " ".join(c.value for c in at.caption).replace("\\", "")
    assert (f"Your last reflection, on {words.day(day)}: market forces and technology had changed; the "
            "agenda still fitted the industry.") in said
    assert {c.key for c in at.checkbox if c.value} == {"market_forces_changed", "technology_changed"}
    assert at.radio[0].value == "Yes, it still fits"
    at = health(THREE_RIVERS)
    assert "nothing had changed; the agenda still fitted" in " ".join(c.value for c in at.caption)
    assert not [c.key for c in at.checkbox if c.value]


def test_a_champion_is_not_told_to_do_what_only_the_convener_can(serve: Serve) -> None:
    """Regression (walk-through): through a share link a champion read "Classify their organisations on
    the People and organisations page", "add them on the Priorities & teams page" and "record a
    reflection", none of which a champion can do. The signs now say what is missing, not what to do."""
    conn = connect(serve("empty"))
    build = Builder.new(conn, "Fresh Start")
    people = build.people(6, kind="unknown")
    for days in (200, 100):
        build.attend(build.meeting(dt.date.today() - dt.timedelta(days=days)), people)
    pid = build.pid
    conn.close()
    at = AppTest.from_file(str(ROOT / "pages" / "health.py"), default_timeout=30)
    at.session_state["partnership"] = "Fresh Start"
    at.session_state["role"] = ui.VIEWER
    at.session_state["viewer_partnership_id"] = pid
    at.run()
    assert not at.exception
    shown = " ".join(str(e.value) for k in ("markdown", "caption", "warning", "info")
                     for e in getattr(at, k)).replace("\\", "")
    assert "No priorities recorded yet" in shown and "Not answered yet" in shown
    assert "Cannot judge yet" in shown
    for order in ("Classify their organisations", "add them on", "record a reflection"):
        assert order not in shown, order
