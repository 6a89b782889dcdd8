"""The fast reader for regular delimited text: DuckDB's ``read_csv`` (every column as text) plus Arrow.

A *regular* file is one where every record is one physical line and no line is blank: the usual
sign-in sheet or export. DuckDB reads it (all columns VARCHAR, no header handling: the header is found
later, as for every other file) into Arrow columns, and Arrow trims each cell of the same characters
the Python reader strips (Unicode spaces, zero-width spaces, byte-order marks). The result is the same
grid of cells, row for row and column for column, as :func:`refresh_core.ingest.sheet.read_text`
gives, which :mod:`tests.ingest.test_duckread` checks on every fixture. Anything irregular (a blank
line, a quoted line break, a stray quote DuckDB refuses, a line of 2 MB) returns None and the Python
reader takes the file, with its exact line numbers in messages.

This parses in a private in-memory DuckDB (never the store): parsing never writes.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from refresh_core.ingest.arrowtext import release_memory
from refresh_core.ingest.coded import code_type
from refresh_core.ingest.limits import MAX_COLUMNS

# What Python's str.strip() removes (str.isspace), plus zero-width spaces and byte-order marks.
STRIPPED = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680"
    + "".join(chr(c) for c in range(0x2000, 0x200B))
    + "\u2028\u2029\u202f\u205f\u3000"
    + "\u200b\u200c\u200d\u2060\ufeff"
)
_HEAD_BYTES = 65_536
_SHM = "/dev/shm"
_Columns = list[pa.ChunkedArray]  # one dictionary-encoded column per column of the file
_BATCH_ROWS = 131_072  # rows read and encoded at a time
_MAX_LINE = 2_097_152  # a longer line goes to the Python reader
_BUFFER = 4 * _MAX_LINE  # DuckDB's CSV buffer: its default (16 lines' worth, 32 MB, per thread) raised the
# read's peak by 80 MB at 1M rows, for no CPU saved
SCAN_DELIMITER = "\x01"  # a byte no text file uses: read each physical line as one cell


def read_regular(text: str, delimiter: str) -> pd.DataFrame | None:
    """Trimmed cells ("" when empty, columns 0..n-1) of a regular file; None when it is not regular.

    (Columns: as many as the most delimiters on any line, like the Python reader.)"""
    return read_regular_bytes(text.encode("utf-8"), delimiter)


def read_regular_bytes(data: bytes, delimiter: str, start: int = 0) -> pd.DataFrame | None:
    """:func:`read_regular` of UTF-8 ``data[start:]`` as it stands (line ends LF or CR LF, no lone CR,
    no NUL): the upload goes to DuckDB without a decoded copy of the text."""
    if data.find(SCAN_DELIMITER.encode(), start) != -1 or len(data) <= start:
        return None
    lines = data.count(b"\n", start) + (0 if data.endswith(b"\n") else 1)
    guess = None if data.find(b'"', start) != -1 else _head_width(data, delimiter, start)
    return _encoded(lambda: _via_file(memoryview(data)[start:], delimiter, lines, guess))


def read_regular_path(path: str, delimiter: str, *, lines: int, head: bytes | None) -> pd.DataFrame | None:
    """:func:`read_regular_bytes` of a file on disk, read where it lies (no copy): ``lines`` its physical
    lines, ``head`` its first bytes when it has no quote anywhere (else None: its width is scanned for).
    The caller has checked it is plain UTF-8 (see :mod:`refresh_core.ingest.survey`)."""
    guess = None if head is None else _head_width(head, delimiter, 0)
    return _encoded(lambda: _linked(path, delimiter, lines, guess))


def _linked(path: str, delimiter: str, lines: int, guess: int | None) -> _Columns | None:
    """The file read through a link of a plain name: DuckDB takes ``*``, ``?`` and ``[...]`` in a path
    as a pattern ("sheet[1].csv" read "sheet1.csv"), and a link costs no copy."""
    with tempfile.TemporaryDirectory(prefix="pulse-read-", dir=_scratch(0)) as tmp:
        link = os.path.join(tmp, "upload.csv")
        os.symlink(os.path.abspath(path), link)
        return _with_reader(link, delimiter, lines, guess)


def _encoded(read: Callable[[], _Columns | None]) -> pd.DataFrame | None:
    try:
        columns = read()
    except (duckdb.Error, OSError):  # DuckDB refused it, or no temporary space: the Python reader
        return None
    if columns is None:
        return None
    cells = _cells(columns)
    del columns
    release_memory()
    return cells


def _spaced_quote(delimiter: str) -> str:
    """RE2 pattern for a quote after spaces at the start of a field (``Ann Lee, "Acme, Inc"``), or after
    a closing quote and spaces (``"Ana Diaz" "Acme, Inc"``): the Python reader keeps it as text, as
    spreadsheets do, where DuckDB would unquote it; so such a file goes to the Python reader and a file
    reads the same at any size. (Tested per line in DuckDB's scan, on lines with a quote only: a Python
    regex over the whole text cost more than the read itself.)"""
    blanks = "".join(c for c in " \t" if c != delimiter)  # (a tab between quoted fields of a TSV is fine)
    return f'(^|[{delimiter}])[ \t]+"|"[{blanks}]+"'


def _head_width(data: bytes, delimiter: str, start: int) -> int:
    """Columns of the widest of the first lines (a file without quotes: every delimiter separates)."""
    head = data[start : start + _HEAD_BYTES].split(b"\n")
    return max(line.count(delimiter.encode()) for line in head) + 1


def _scratch(size: int) -> str | None:
    """Where the upload's temporary copy goes: the shared-memory file system when there is one with room
    for twice the file (writing there costs a copy in memory; a disk-backed temporary directory cost 7x
    that at 115 MB), else the system's temporary directory."""
    try:
        stat = os.statvfs(_SHM)
    except OSError:
        return None
    free = stat.f_bavail * stat.f_frsize
    return _SHM if free > 2 * size and os.access(_SHM, os.W_OK) else None


def _via_file(data: memoryview, delimiter: str, lines: int, guess: int | None) -> _Columns | None:
    """The bytes as a temporary file, read by a private in-memory DuckDB."""
    with tempfile.TemporaryDirectory(prefix="pulse-read-", dir=_scratch(len(data))) as tmp:
        path = os.path.join(tmp, "upload.csv")
        with open(path, "wb") as handle:
            handle.write(data)
        return _with_reader(path, delimiter, lines, guess)


def _with_reader(path: str, delimiter: str, lines: int, guess: int | None) -> _Columns | None:
    """The file at ``path`` read by a private in-memory DuckDB."""
    conn = duckdb.connect(":memory:")  # (a database kept open between files kept 12-40 MB more)
    try:
        conn.execute("SET enable_progress_bar = false")  # never draw on a command line's output
        conn.execute("SET arrow_large_buffer_size = true")  # pandas' text columns use large strings
        conn.execute("SET threads = 1")  # (the batches are encoded one at a time in Python: a second
        # thread kept 52 MB more after a 1M-row read, for 0.3 s more CPU and 0.04 s less wall time)
        if guess is not None:  # no quote anywhere: read at the head's width, no scan first
            try:
                return _read_cells(conn, path, delimiter, lines, guess)
            except duckdb.Error:  # a wider line further down: scan for the width
                pass
        return _read(conn, path, delimiter, lines)
    finally:
        conn.close()


def _read(conn: duckdb.DuckDBPyConnection, path: str, delimiter: str, lines: int) -> _Columns | None:
    """The raw cells, or None when a line is blank, a record spans lines (row count != line count) or a
    field starts with spaces and a quote."""
    scan = conn.execute(
        "SELECT count(*), max(strlen(l) - strlen(replace(l, ?, ''))), "  # bytes: the delimiter is ASCII
        "bool_or(CASE WHEN contains(l, '\"') THEN regexp_matches(l, ?) ELSE false END) "  # (AND: no skip)
        "FROM read_csv(?, header=false, "
        "delim=?, quote='', escape='', columns={'l': 'VARCHAR'}, auto_detect=false)",
        [delimiter, _spaced_quote(delimiter), path, SCAN_DELIMITER],
    ).fetchall()[0]
    if int(scan[0]) != lines or lines == 0 or scan[2]:
        return None
    return _read_cells(conn, path, delimiter, lines, int(scan[1] or 0) + 1)


def _read_cells(
    conn: duckdb.DuckDBPyConnection, path: str, delimiter: str, lines: int, width: int
) -> _Columns | None:
    """The raw cells in ``width`` columns, each dictionary-encoded (its distinct texts and an index per
    row, nulls as ""); None when the rows are not the lines or too wide; DuckDB raises when a line has
    more columns. Read in batches, each encoded as it comes: a large file's cells are never all held
    as strings at once."""
    if width > MAX_COLUMNS:
        return None
    columns = "{" + ", ".join(f"'c{i}': 'VARCHAR'" for i in range(width)) + "}"
    names = ", ".join(f"'c{i}'" for i in range(width))
    relation = conn.sql(
        f"SELECT * FROM read_csv('{_quoted(path)}', header=false, delim='{_quoted(delimiter)}', "
        f"quote='\"', escape='\"', null_padding=true, columns={columns}, auto_detect=false, "
        f"force_not_null=[{names}], "  # (an empty cell is "", not NULL)
        f"max_line_size={_MAX_LINE}, buffer_size={_BUFFER})"
    )
    encoded: list[list[pa.Array]] = [[] for _ in range(width)]
    rows = 0
    try:
        for batch in relation.to_arrow_reader(_BATCH_ROWS):
            rows += batch.num_rows
            for i, column in enumerate(batch.columns):
                filled = pc.fill_null(column, "") if column.null_count else column  # (short lines' padding)
                encoded[i].append(pc.dictionary_encode(filled))
    except (pa.ArrowException, OSError) as error:  # DuckDB's refusal of a batch, through Arrow's stream
        raise duckdb.InvalidInputException(str(error)[:500]) from error
    if rows != lines:
        return None
    empty = pa.dictionary(pa.int32(), pa.large_string())
    return [pa.chunked_array(chunks, type=chunks[0].type if chunks else empty) for chunks in encoded]


def _quoted(text: str) -> str:
    return text.replace("'", "''")


def _cells(columns: list[pa.ChunkedArray]) -> pd.DataFrame:
    """Encoded Arrow columns to the cells frame, each cell trimmed of :data:`STRIPPED`. Each column
    becomes a pandas Categorical: its distinct texts, trimmed once each, and an integer code per row (a
    million rows naming 20,000 people hold 20,000 strings; every later step that groups, cleans or
    classifies a column works on its codes and distinct texts, not on a million strings). Each raw
    column is released as soon as it is encoded, so a large file is never held twice over."""
    out = {}
    for i in range(len(columns)):
        column, columns[i] = columns[i], None
        encoded = column.unify_dictionaries().combine_chunks()
        del column
        trimmed = pc.utf8_trim(encoded.dictionary, STRIPPED).to_pandas()
        merged, texts = pd.factorize(trimmed)  # (" Ana" and "Ana" trim to one text)
        indices = encoded.indices.to_numpy(zero_copy_only=False)
        if len(texts) == len(merged):  # (nothing merged: each text keeps its index, no lookup per row)
            codes = indices.astype(code_type(len(texts)))
        else:
            codes = merged.astype(code_type(len(texts)))[indices]
        out[i] = pd.Categorical.from_codes(codes, categories=pd.Index(texts, dtype=object))
    frame = pd.DataFrame(out)
    frame.columns = pd.RangeIndex(frame.shape[1])
    return frame
