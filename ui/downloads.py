"""Download buttons that never share a busy connection.

A function passed as a download button's data runs on the server's own thread
when clicked, while the click's rerun uses this session's cursor: the two
collided (``_duckdb.ResourceInUseException``), and the rerun replaced the
pending file so the download never arrived (issue 10). So every download gets
its bytes built during the script run, and clicking it starts no rerun. The
one exception, the backup, opens a cursor of its own (:mod:`ui.backups`).
"""

from __future__ import annotations

from streamlit.delta_generator import DeltaGenerator

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
    key: str | None = None,
) -> None:
    """A download button in ``where`` (``st``, a column, a container) for ready-made ``data``."""
    if callable(data):  # the type says bytes; this keeps a lambda from slipping through at run time
        raise TypeError("Build the download's bytes in the script run; a callable would share the cursor.")
    where.download_button(label, data, file_name=file_name, mime=mime, icon=icon, help=help,
                          disabled=disabled, key=key, on_click="ignore")
