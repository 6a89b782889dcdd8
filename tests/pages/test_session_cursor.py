"""Two script runs of one session never share a database cursor (issue 10: picking another partnership
while a page was still running showed "connection is busy" from the sidebar's partnership list)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.pages.conftest import Serve


def _script() -> None:
    """Runs in AppTest: the cursor this run gets twice, and the one a second run's thread gets while
    this run still holds its own (a rerun that starts before the old run's query has ended)."""
    import threading

    import streamlit as st
    from streamlit.runtime.scriptrunner import add_script_run_ctx, get_script_run_ctx

    import ui as pages_ui

    first = pages_ui.conn()
    again = pages_ui.conn()
    other: list[object] = []
    ctx = get_script_run_ctx()

    def second_run() -> None:
        add_script_run_ctx(threading.current_thread(), ctx)
        cursor = pages_ui.conn()
        other.append(cursor)
        other.append(cursor.execute("SELECT count(*) FROM partnership").fetchone())

    worker = threading.Thread(target=second_run)
    worker.start()
    worker.join()
    st.write(f"same run, same cursor: {first is again}")
    st.write(f"other run, own cursor: {other[0] is not first}")
    st.write(f"other run's query: {other[1]}")
    st.write(f"this run's query: {first.execute('SELECT count(*) FROM partnership').fetchone()}")


@pytest.fixture
def on_demo(serve: Serve) -> None:
    serve("demo")


def test_each_run_thread_gets_its_own_cursor(on_demo: None) -> None:
    """Within one run the page reuses its cursor; a run on another thread (a rerun started before the
    old one finished) gets a cursor of its own, and both still answer."""
    at = AppTest.from_function(_script, default_timeout=30).run()
    assert not at.exception
    said = [m.value for m in at.markdown]
    assert "same run, same cursor: True" in said
    assert "other run, own cursor: True" in said
    assert "other run's query: (2,)" in said and "this run's query: (2,)" in said
