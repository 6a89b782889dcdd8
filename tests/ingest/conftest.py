"""Fixtures for the attendance-parsing tests: fixture paths, a small workbook, golden files."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from refresh_core.ingest import ParsedFile

FIXTURES = Path(__file__).resolve().parent / "fixtures"
UPDATE_GOLDEN = os.environ.get("UPDATE_GOLDEN") == "1"


def build_signin_xlsx() -> bytes:
    """A sign-in workbook: a title row, a blank row, then the header; real date cells and a numeric phone."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Sign-in"
    ws["A1"] = "Three Rivers Healthcare Partnership - refresh meeting sign-in"
    ws.append([])
    ws.append(
        ["Name", "Email Address", "Company", "Phone Number", "Meeting Date", "Industry or public partner?"]
    )
    rosa = ["Rosa Diaz", "rosa@diazmfg.com", "Diaz Manufacturing", "0161 496 0000"]
    ws.append([*rosa, dt.datetime(2025, 3, 14), "Industry"])
    helen = ["Helen Park", "HPark@NorthCC.edu", "North Community College", 5551234567]
    ws.append([*helen, dt.datetime(2025, 3, 14, 9, 30), "Public - education"])
    ws.append([])
    ws.append(["Ike Okafor", None, "Okafor Build", None, "3/14/2025", "industry"])
    ws.append(["", "", "", "", "", ""])
    ws.append(["Nia Brown", "nia@brownco.com", "Brown & Co", "+44 7700 900456", "not yet", "Business"])
    second = wb.create_sheet("Notes")
    second["A1"] = "This sheet is ignored: only the first sheet is read."
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def snapshot(parsed: ParsedFile) -> dict[str, Any]:
    """Everything a golden file records about a parse, as JSON-ready values."""

    def plain(value: Any) -> Any:
        return value.isoformat() if isinstance(value, dt.date) else value

    rows = [{k: plain(v) for k, v in row.items()} for row in parsed.rows.to_dict("records")]
    rejected = [{k: plain(v) for k, v in row.items()} for row in parsed.rejected.to_dict("records")]
    return {
        "format": str(parsed.format),
        "confidence": parsed.confidence,
        "date_order": parsed.date_order,
        "header": list(parsed.header),
        "warnings": list(parsed.warnings),
        "rows": rows,
        "rejected": rejected,
    }


def check_golden(name: str, parsed: ParsedFile) -> None:
    """Compare with fixtures/<name>.expected.json (UPDATE_GOLDEN=1 rewrites it)."""
    path = FIXTURES / f"{name}.expected.json"
    actual = snapshot(parsed)
    if UPDATE_GOLDEN or not path.exists():
        path.write_text(json.dumps(actual, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        if not UPDATE_GOLDEN:
            pytest.fail(f"wrote missing golden file {path.name}; check it by eye and run again")
    expected = json.loads(path.read_text(encoding="utf-8"))
    assert actual == expected


@pytest.fixture(scope="session")
def signin_xlsx() -> bytes:
    return build_signin_xlsx()
