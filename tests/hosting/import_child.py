"""A child process for ``test_kill_mid_import``: the import page's own path, stopped inside its transaction.

    python -m tests.hosting.import_child DATABASE PARTNERSHIP FILE...

Each file is planned as the page plans an upload (``prepare_upload``), then all are imported as the
page imports them: under the shared import lock (``tasks.exclusive``) in one transaction
(``apply_imports``). When the last file's turn comes (its progress callback, inside the transaction:
every earlier file's rows are written, nothing is committed) it prints ``inside the transaction`` and
waits for a line on stdin, which never comes: the test kills it there.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from refresh_core.db import connect
from refresh_core.hosting import tasks
from refresh_core.imports.apply import apply_imports
from refresh_core.imports.upload import prepare_upload
from refresh_core.partnerships import get_partnership

MARK = "inside the transaction"


def main(database: str, partnership: str, files: list[str]) -> None:
    conn = connect(database)
    pid = get_partnership(conn, name=partnership).id
    uploads = [prepare_upload(conn, partnership_id=pid, data=Path(f).read_bytes(), file_name=Path(f).name)
               for f in files]
    plans = [u.plan for u in uploads if u.plan is not None]
    assert len(plans) == len(files), [u.error for u in uploads]

    def progress(i: int, name: str) -> None:
        if i == len(plans) - 1:
            print(MARK, flush=True)
            sys.stdin.readline()

    with tasks.exclusive(conn, name=tasks.IMPORT, holder=f"killed session {os.getpid()}"):
        apply_imports(conn, plans=plans, progress=progress)
    print("committed", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3:])
