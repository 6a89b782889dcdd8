"""Start the app's server: ``python -m ui.serve [streamlit options]``, what ``make run``, the Dockerfile,
the hosting examples and the browser tests run. It is ``streamlit run streamlit_app.py [options]`` with
one difference.

Until an entry script has called ``st.navigation`` once in a server process, Streamlit runs a ``pages/``
folder in its older multipage mode: the first visit after every start is routed by file name before
the entry script runs, and an address no page file has (``/agendaa``, an old bookmark) gets Streamlit's
own "Page not found" box. This app routes every address itself (:mod:`ui.routes`), so the launcher
switches that mode off before the server starts, and the first visit after a start (a deploy, a
restart) is answered like every later one. (Under plain ``streamlit run`` the app still answers:
:func:`ui.session.front_door` sends such a first visit through the entry script and its gate; only
the box is left.)
"""

from __future__ import annotations

import sys
from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

ENTRY = Path(__file__).resolve().parent.parent / "streamlit_app.py"


def main(argv: list[str] | None = None) -> None:
    """Serve the app with ``argv`` (default: this command's arguments) as ``streamlit run`` options."""
    PagesManager.uses_pages_directory = False  # (read once, when the first visitor's session starts)
    cli.main(["run", str(ENTRY), *(sys.argv[1:] if argv is None else argv)], prog_name="streamlit")


if __name__ == "__main__":
    main()
