"""Microsoft Teams attendance: 2021/2022 reports with a summary, 2022+ numbered sections, legacy lists."""

from __future__ import annotations

import re

import numpy as np

from refresh_core.ingest.columns import compact, find_header, first_row, recognise
from refresh_core.ingest.errors import UnrecognisedFormat
from refresh_core.ingest.model import Outcome
from refresh_core.ingest.sessions import CallInfo, read_sessions
from refresh_core.ingest.sheet import Sheet
from refresh_core.ingest.table import body
from refresh_core.ingest.teams_legacy import parse_event_log

_SECTION = re.compile(r"^\s*(?P<n>[0-9]{1,2})\s*[.)]\s*\S")
_SUMMARY = re.compile(
    r"^\W*(?:[0-9]\.\s*)?(?:meeting summary|summary|résumé|resumo|resumen|zusammenfassung|riepilogo|"
    r"samenvatting|podsumowanie|概要)",
    re.IGNORECASE,
)
_TITLE_KEYS = ("title", "titre", "título", "titulo", "titel", "titolo", "タイトル", "tytuł")
_START_KEYS = ("start", "début", "início", "inicio", "beginn", "開始", "rozpocz", "inizio")


def looks_like_report(sheet: Sheet) -> bool:
    """The file opens with a Teams summary heading ('1. Summary', 'Meeting Summary', 'Résumé ...')."""
    positions = sheet.nonempty().nonzero()[0][:3]
    return any(_SUMMARY.match(sheet.row(int(p))[0] if sheet.row(int(p)) else "") for p in positions)


def _sections(sheet: Sheet) -> dict[int, int]:
    """Numbered section headings ('2. Participants'): number -> row position."""
    found: dict[int, int] = {}
    first = sheet.cells[0] if sheet.width else None
    if first is None:
        return found
    single = (sheet.cells.iloc[:, 1:] == "").all(axis=1) if sheet.width > 1 else first != ""
    for pos in np.flatnonzero(single.to_numpy() & first.str.match(_SECTION.pattern).fillna(False).to_numpy()):
        match = _SECTION.match(str(first.iloc[pos]))
        if match:
            found.setdefault(int(match.group("n")), int(pos))
    return found


def _summary(sheet: Sheet, stop: int) -> CallInfo:
    title: str | None = None
    start: str | None = None
    for pos in sheet.nonempty()[:stop].nonzero()[0]:
        cells = sheet.row(int(pos))
        if len(cells) < 2:
            continue
        key = compact(cells[0])
        if title is None and any(k in key for k in _TITLE_KEYS):
            title = cells[1]
        elif start is None and any(k in key for k in _START_KEYS):
            start = cells[1]
    return CallInfo(title=title, start=start, guest_suffix=True)


def _table_end(sheet: Sheet, header_pos: int, sections: dict[int, int]) -> int | None:
    empty = ~sheet.nonempty()
    empty[: header_pos + 1] = False
    later = [p for p in sections.values() if p > header_pos]
    blanks = empty.nonzero()[0]
    ends = later + ([int(blanks[0])] if blanks.size else [])
    return min(ends) if ends else None


def parse_teams(sheet: Sheet, date_order: str) -> Outcome:
    sections = _sections(sheet)
    start = sections.get(2, 0)
    stop = sections.get(3)
    pos = find_header(sheet, start=start, stop=stop)
    if pos is None:
        raise UnrecognisedFormat(sheet.file_name, first_row(sheet), "no participant table was found")
    colmap = recognise(sheet.row(pos))
    if "action" in colmap and "timestamp" in colmap:
        return parse_event_log(body(sheet, pos, colmap), date_order)
    info = _summary(sheet, pos)
    return read_sessions(body(sheet, pos, colmap, _table_end(sheet, pos, sections)), date_order, info)
