"""An email cell we cannot read leaves the row's email empty (None), never NaN, at any file size.

Found by review of the import speed-up: rows that are not regrouped (no one signs in twice) no longer
pass through the output's NaN-to-None step, and an email column holding two odd cells ('bob@' and
'<b@x.org>') gave NaN for the one that is not an address, in small files and large ones alike.
"""

from __future__ import annotations

import pytest

from refresh_core.ingest import parse_file
from refresh_core.ingest import sheet as sheet_module

SHEET = b"Name,Email,Date\nAna Diaz,bob@,3/1/2025\nBo Lee,<b@x.org>,3/1/2025\nCy Park,cy@x.org,3/1/2025\n"
ZOOM = (
    b"Name (Original Name),User Email,Duration (Minutes)\n"
    b"Ana Diaz,bob@,30\nBo Lee,<b@x.org>,20\nCy Park,cy@x.org,10\n"
)


@pytest.mark.parametrize("data", [SHEET, ZOOM], ids=["sign-in", "zoom"])
@pytest.mark.parametrize("chars", [None, 0], ids=["python-reader", "duckdb-reader"])
def test_an_unreadable_email_is_empty_not_nan(
    data: bytes, chars: int | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The unreadable address reads as no email (None: a JSON null, an empty cell in exports), the odd
    but readable one as its address."""
    if chars is not None:
        monkeypatch.setattr(sheet_module, "FAST_READ_CHARS", chars)
    rows = parse_file(data, file_name="odd.csv").rows
    assert rows["email"].tolist() == [None, "b@x.org", "cy@x.org"]
    assert [type(v) for v in rows["email"]] == [type(None), str, str]
