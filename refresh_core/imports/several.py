"""Several files uploaded together, previewed in order: a file's preview is what it adds after the files
above it that will be imported with it, as the import (one transaction, file by file) will count it.

:func:`previews` opens one rehearsal (:func:`refresh_core.db.rehearsal`: a transaction that is always
rolled back) for the whole page run. Each file is planned against what is recorded plus the files added
so far (:meth:`Previews.prepare`), then, when it will be imported, imported into the rehearsal
(:meth:`Previews.add`) as import -1, -2...: each file is imported once per run, whatever the number of
files, and no import number people read is used up. Files above holding more than
:data:`REHEARSED_ROWS` rows in all stop the rehearsal there (later previews would cost as much as the
import): a file's :attr:`Upload.after` says how many files above it its preview counts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import replace

import pandas as pd

from refresh_core.db import Connection, rehearsal
from refresh_core.db.refusals import refusals
from refresh_core.errors import RefreshError
from refresh_core.imports.apply import rehearse
from refresh_core.imports.upload import Upload, prepare_upload

__all__ = ["REHEARSED_ROWS", "Previews", "previews"]

REHEARSED_ROWS = 50_000  # this product's default: the most rows of files above that a preview imports first


class Previews:
    """The files of one upload, planned in order inside one rehearsal (see :func:`previews`)."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn
        self._files = 0  # files imported into the rehearsal
        self._rows = 0
        self._open = True  # False once the rows would pass REHEARSED_ROWS, or an import was refused

    def prepare(
        self,
        *,
        partnership_id: int,
        data: bytes,
        file_name: str,
        format: str = "auto",
        date_order: str = "month_first",
        mapping: Mapping[str, str] | None = None,
        meetings: pd.DataFrame | None = None,
        meeting_date: dt.date | None = None,
        meeting_kind: str | None = None,
    ) -> Upload:
        """:func:`refresh_core.imports.upload.prepare_upload` after the files added so far."""
        upload = prepare_upload(
            self._conn, partnership_id=partnership_id, data=data, file_name=file_name, format=format,
            date_order=date_order, mapping=mapping, meetings=meetings, meeting_date=meeting_date,
            meeting_kind=meeting_kind,
        )  # fmt: skip
        return replace(upload, after=self._files)

    def add(self, upload: Upload) -> None:
        """Count ``upload`` in the previews of the files below it, when it will be imported."""
        if not self._open or not upload.importable or upload.plan is None:
            return
        rows = len(upload.plan.request.parsed.rows)
        if self._rows + rows > REHEARSED_ROWS:
            self._open = False
            return
        refused: tuple[type[Exception], ...] = (RefreshError, *refusals())
        try:
            rehearse(self._conn, plan=upload.plan, number=-1 - self._files)
        except refused:  # (refused, or another session's import of the same records committed meanwhile:
            # the files below are planned against what is recorded)
            self._conn.execute("ROLLBACK")
            self._conn.execute("BEGIN TRANSACTION")
            self._files, self._open = 0, False
            return
        self._files += 1
        self._rows += rows


@contextmanager
def previews(conn: Connection) -> Iterator[Previews]:
    """Plan several uploaded files in order, each after those above it (see the module's docstring);
    nothing is written: everything imported for the previews is rolled back when the block ends."""
    with rehearsal(conn):
        yield Previews(conn)
