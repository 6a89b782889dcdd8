"""Every convener page checks the role itself (issue 13: pages/agenda.py had no guard)."""

from __future__ import annotations

import pytest

from tests.pages.test_settings_pages import app_db, page

__all__ = ["app_db"]  # the fixture, shared


@pytest.mark.parametrize("name", ["agenda.py", "follow_through.py"])
def test_agenda_and_follow_through_refuse_viewers(app_db: str, name: str) -> None:
    """Run directly by a viewer's session (a share link): one sentence, nothing else."""
    at = page(name, role="viewer")
    assert not at.exception
    assert at.error and "Only conveners" in at.error[0].value
    assert not at.title and not at.button and not at.download_button


def test_agenda_still_opens_for_a_convener(app_db: str) -> None:
    """The guard lets a convener through to the agenda builder."""
    at = page("agenda.py")
    assert not at.exception and not at.error
    assert at.title[0].value == "Refresh meeting agenda"
