"""Zoom participant reports: plain, with the meeting-info block on top, localised, older columns."""

from __future__ import annotations

from refresh_core.ingest.columns import compact, find_header, first_row, recognise
from refresh_core.ingest.errors import UnrecognisedFormat
from refresh_core.ingest.model import Outcome
from refresh_core.ingest.sessions import CallInfo, read_sessions
from refresh_core.ingest.sheet import Sheet
from refresh_core.ingest.table import body

_BLOCK_ID = {"meetingid", "ミーティングid", "idderéunion", "iddareunião", "iddelareunión", "meetingid#"}
_BLOCK_TOPIC = {"topic", "トピック", "sujet", "tópico", "tema", "thema"}
_BLOCK_START = {"starttime", "開始時間", "heurededébut", "horadeinício", "horadeinicio", "startzeit"}
_BLOCK_HOST = {"useremail", "ユーザーメール", "emaildelutilisateur", "emaildousuário", "benutzeremail"}


def meeting_block(sheet: Sheet) -> tuple[CallInfo, int] | None:
    """The meeting-info block (header + values) if the file starts with one; (info, next position)."""
    positions = [int(p) for p in sheet.nonempty().nonzero()[0][:2]]
    if len(positions) < 2:
        return None
    keys = [compact(c) for c in sheet.row(positions[0])]
    if not (_BLOCK_ID & set(keys) and _BLOCK_TOPIC & set(keys)):
        return None
    values = sheet.row(positions[1]) + [""] * len(keys)

    def pick(names: set[str]) -> str | None:
        return next((values[i] or None for i, k in enumerate(keys) if k in names), None)

    info = CallInfo(title=pick(_BLOCK_TOPIC), start=pick(_BLOCK_START), host_email=pick(_BLOCK_HOST))
    return info, positions[1] + 1


def has_block(sheet: Sheet) -> bool:
    return meeting_block(sheet) is not None


def parse_zoom(sheet: Sheet, date_order: str) -> Outcome:
    block = meeting_block(sheet)
    info, start = block if block is not None else (CallInfo(), 0)
    pos = find_header(sheet, start=start)
    if pos is None:
        raise UnrecognisedFormat(sheet.file_name, first_row(sheet), "no participant table was found")
    header = sheet.row(pos)
    original = any("original" in compact(c) or "元の名前" in c for c in header)
    info = CallInfo(info.title, info.start, info.host_email, original_names=original)
    return read_sessions(body(sheet, pos, recognise(header)), date_order, info)
