"""Downloads never share this session's busy cursor (issue 10): every download button is made by
``ui.downloads``, with bytes built in the script run or, built when clicked, a cursor of its own."""

from __future__ import annotations

import re

import pytest

from tests.conftest import ROOT
from ui.downloads import download

OWN_BUTTONS = {"ui/downloads.py"}


def test_no_page_makes_a_download_button_of_its_own() -> None:
    """A page calling ``download_button`` directly could pass a function that runs on another thread."""
    sources = [*ROOT.glob("pages/*.py"), *ROOT.glob("ui/*.py"), ROOT / "streamlit_app.py"]
    direct = [str(p.relative_to(ROOT)) for p in sources
              if re.search(r"\bdownload_button\(", p.read_text(encoding="utf-8"))]
    assert sorted(direct) == sorted(OWN_BUTTONS)


def test_a_function_instead_of_bytes_is_refused() -> None:
    """The lambda that broke Recruitment's downloads is refused before any button is drawn."""
    with pytest.raises(TypeError, match="download_later"):
        download(None, "Mail-merge CSV", lambda: b"x", file_name="x.csv", mime="text/csv")  # type: ignore[arg-type]
