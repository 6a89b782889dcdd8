"""One pass over a file on disk: what the fast reader needs to read it where it lies.

The command line imports files of any size that fits (``--max-mb``). Reading such a file into memory
first held it whole (115 MB for a million sign-ins) beside everything made from it, and the fast reader
then wrote a second copy for DuckDB. Instead the file is surveyed in chunks (line count, line ends,
NUL and quote bytes, UTF-8 validity, a literal U+FFFD, whether anything is written at all), and when it
is the usual regular UTF-8 text DuckDB reads it from its own path. Anything else (a workbook, UTF-16,
Windows-1252, a lone CR, a small file) is read into memory as an upload is, with the same rules.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

CHUNK_BYTES = 8 * 1024 * 1024  # read at a time: memory held by the survey, whatever the file's size
HEAD_BYTES = 8 * 65536  # the decoded head: the sniffer's 65,536 characters at 4 bytes each
_REPLACEMENT = "\ufffd".encode()
_WRITTEN = re.compile(rb"[^ \t\r\n\x00]")


@dataclass(frozen=True)
class Survey:
    """What one pass over a file found. ``plain``: no NUL, no lone CR, valid UTF-8 (the bytes DuckDB can
    read as they stand); the other counts are meaningful only when it is."""

    size: int
    head: bytes
    lines: int
    crlf: int
    plain: bool
    has_byte: bool  # the fast reader's scan delimiter (``\\x01``) occurs
    quoted: bool
    ascii: bool
    replaced: bool
    written: bool  # anything but spaces, line ends and NULs


def survey(path: Path, *, scan_byte: bytes, max_bytes: int) -> Survey:
    """Survey ``path`` in chunks of :data:`CHUNK_BYTES`; stop early at a NUL byte (a binary file, or
    text DuckDB cannot read as it stands), and once more than ``max_bytes`` are read (a file that grew
    since its size was checked: ``size`` then says so). Raises OSError when the file cannot be read."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    head = b""
    size = lines = crlf = carriages = 0
    plain, has_byte, quoted, ascii_, replaced, written = True, False, False, True, False, False
    last = b""  # the previous chunk's last two bytes: a CR LF or a U+FFFD across chunks
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK_BYTES):
            if len(head) < HEAD_BYTES:
                head += chunk[: HEAD_BYTES - len(head)]
            size += len(chunk)
            if size > max_bytes:
                return Survey(size, head, 0, 0, False, False, False, False, False, True)
            if b"\x00" in chunk:
                return Survey(size, head, 0, 0, False, False, False, False, False, True)
            lines += chunk.count(b"\n")
            crlf += last.endswith(b"\r") and chunk.startswith(b"\n")
            if b"\r" in chunk:  # (counting CR LF is the slowest scan, 0.12 s at 115 MB; most have no CR)
                carriages += chunk.count(b"\r")
                crlf += chunk.count(b"\r\n")
            has_byte = has_byte or scan_byte in chunk
            quoted = quoted or b'"' in chunk
            written = written or _WRITTEN.search(chunk) is not None
            pending = bool(decoder.getstate()[0])
            if pending or not chunk.isascii():
                ascii_ = False
                replaced = replaced or _REPLACEMENT in last + chunk[:2] or _REPLACEMENT in chunk
                if plain:
                    try:
                        decoder.decode(chunk)
                    except UnicodeDecodeError:
                        plain = False
            last = (last + chunk)[-2:]
    if plain:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            plain = False
    if size and not last.endswith(b"\n"):
        lines += 1
    return Survey(size, head, lines, crlf, plain and carriages == crlf, has_byte, quoted, ascii_, replaced,
                  written)  # fmt: skip
