"""Download buttons that never share a busy connection.

A function passed as a download button's data runs on the server's own thread
when clicked, while the click's rerun used this session's cursor: the two
collided (``_duckdb.ResourceInUseException``), and the rerun replaced the
pending file so the download never arrived (issue 10). So here:

- :func:`download` takes a file already made during the script run;
- :func:`download_later` is for files too slow to make on every run (a Word
  document of 2,000 calls, a backup): it is made when clicked, with a cursor
  of its own that is closed afterwards, never this session's;
- and neither click starts a rerun, so nothing can replace a pending file.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import ExitStack

from streamlit.delta_generator import DeltaGenerator

from refresh_core import guard
from refresh_core.db import Connection
from ui import session

WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def download(
    where: DeltaGenerator,
    label: str,
    data: bytes | str,
    *,
    file_name: str,
    mime: str,
    icon: str | None = None,
    help: str | None = None,
    disabled: bool = False,
) -> None:
    """A download button in ``where`` (a column or container) for ready-made ``data``."""
    if callable(data):  # the type says bytes; this keeps a lambda from slipping through at run time
        raise TypeError("Build the download's bytes in the script run, or use download_later.")
    where.download_button(label, data, file_name=file_name, mime=mime, icon=icon, help=help,
                          disabled=disabled, on_click="ignore")


def download_later(
    where: DeltaGenerator,
    label: str,
    make: Callable[[Connection], bytes | str],
    *,
    file_name: str,
    mime: str,
    icon: str | None = None,
    help: str | None = None,
) -> None:
    """A download button whose file ``make(cursor)`` builds when clicked, on the server's own
    thread, with a fresh cursor on the app's connection (closed after). ``make`` must take
    everything else as plain values, never this session's cursor. A viewer's cursor is marked
    as theirs and read-only, exactly as their page run is (``refresh_core.guard``)."""
    shared = session._shared()  # looked up in the run (its cache); a held database: a message
    viewer_pid = session.viewer_partnership_id()

    def build() -> bytes | str:
        cursor = shared.cursor()
        try:
            with ExitStack() as stack:
                if viewer_pid is not None:
                    stack.enter_context(guard.viewer_session(cursor, partnership_id=viewer_pid))
                return make(cursor)
        finally:
            cursor.close()

    where.download_button(label, build, file_name=file_name, mime=mime, icon=icon, help=help,
                          on_click="ignore")
