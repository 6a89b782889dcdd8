"""Bytes to text: byte-order marks, UTF-16 without BOM, UTF-8, Windows-1252; delimiter sniffing."""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections import Counter

from refresh_core.ingest.errors import BinaryFileError, EmptyFileError

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\xd0\xcf\x11\xe0", "an old Excel (.xls) or Word file; save it as .xlsx or CSV"),
    (b"\x1f\x8b", "a compressed (gzip) file"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"{\\rtf", "a Rich Text (RTF) document"),
)
_DELIMITERS = ("\t", ",", ";", "|")
_CONTROL = {chr(c) for c in range(32)} - {"\t", "\n", "\r", "\f", "\v"}


def binary_kind(data: bytes) -> str | None:
    """Name the kind of a well-known non-text file, or None."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    return None


def utf16_without_bom(head: bytes) -> str | None:
    """Guess UTF-16 LE/BE from where the NUL bytes fall (ASCII text in UTF-16)."""
    sample = head[: 4096 - (len(head[:4096]) % 2)]
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    if odd_nuls > 0.3 * pairs and even_nuls < 0.05 * pairs:
        return "utf-16-le"
    if even_nuls > 0.3 * pairs and odd_nuls < 0.05 * pairs:
        return "utf-16-be"
    return None


def _decode_cp1252(data: bytes) -> str:
    """Windows-1252; the five undefined bytes fall back to the Latin-1 character."""
    return data.decode("cp1252", errors="cp1252_latin1")


def _latin1_fallback(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeDecodeError)
    chunk = error.object[error.start : error.end]
    return bytes(chunk).decode("latin-1"), error.end


codecs.register_error("cp1252_latin1", _latin1_fallback)


def decode_bytes(data: bytes, file_name: str) -> tuple[str, str]:
    """Decode a text file; return (text, encoding name). Raise for binary or empty content."""
    if data.startswith(codecs.BOM_UTF8):
        body = data[len(codecs.BOM_UTF8) :]
        try:
            text, encoding = body.decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError:
            text, encoding = _decode_cp1252(body), "windows-1252"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16-le" if data.startswith(codecs.BOM_UTF16_LE) else "utf-16-be"
        text = data[2:].decode(encoding, errors="replace")
    elif (guess := utf16_without_bom(data)) is not None:
        encoding = guess
        text = data.decode(encoding, errors="replace")
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text, encoding = _decode_cp1252(data), "windows-1252"
    _check_text(text, file_name)
    return text, encoding


_HEAD_BYTES = 8 * 65536  # enough for the sniffer's 65,536 characters after CR LF -> LF, at 4 bytes each
_VALIDATE_CHUNK = 4_000_000
_NOT_BLANK = re.compile(r"[^\s\ufeff\x00]")


def plain_utf8(data: bytes) -> tuple[int, str, str, int] | None:
    """(offset of the text after any UTF-8 byte-order mark, encoding name, the decoded head, how many CR
    LF line ends) when ``data`` is UTF-8 text that DuckDB can read as it stands: no NUL, every CR
    followed by LF, not UTF-16, visibly not empty; else None (the caller decodes the whole text as
    :func:`decode_bytes` does). The whole file is validated in chunks, never held as one Python string."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in data:
        return None
    start = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    if start == 0 and utf16_without_bom(data) is not None:
        return None
    carriage = b"\r" in data
    crlf = data.count(b"\r\n") if carriage else 0
    if carriage and data.count(b"\r") != crlf:
        return None
    view = memoryview(data)[start:]
    if not data.isascii() and not _valid_utf8(view):
        return None
    head = codecs.getincrementaldecoder("utf-8")().decode(view[:_HEAD_BYTES], final=len(view) <= _HEAD_BYTES)
    if _NOT_BLANK.search(head[:8192]) is None:
        return None
    return start, ("utf-8-sig" if start else "utf-8"), head, crlf


def _valid_utf8(view: memoryview) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        for at in range(0, len(view), _VALIDATE_CHUNK):
            decoder.decode(view[at : at + _VALIDATE_CHUNK], final=at + _VALIDATE_CHUNK >= len(view))
    except UnicodeDecodeError:
        return False
    return True


def check_head(head: str, file_name: str) -> None:
    """The binary-file check of :func:`decode_bytes`, on a file's decoded head."""
    _check_text(head[:8192], file_name)


def _check_text(text: str, file_name: str) -> None:
    if not text.strip().strip("\ufeff\x00"):
        raise EmptyFileError(file_name)
    sample = text[:8192].rstrip("\x00")  # (some exports are padded with NULs at the end)
    controls = sum(1 for ch in sample if ch in _CONTROL)
    replaced = sample.count("\ufffd")
    if controls + replaced > max(2, len(sample) // 20):  # (a short text file has no control characters)
        raise BinaryFileError(file_name, "a binary (non-text) file")


def sniff_delimiter(text: str) -> str:
    """Pick tab, comma, semicolon or pipe: the one that splits the first lines most consistently."""
    lines = [ln for ln in text[:65536].splitlines()[:60] if ln.strip()]
    if not lines:
        return ","
    sample = "\n".join(lines)
    best, best_score = ",", 0.0
    for delimiter in _DELIMITERS:
        widths = [len(r) for r in csv.reader(io.StringIO(sample), delimiter=delimiter) if r]
        if not widths:
            continue
        mode, count = Counter(widths).most_common(1)[0]
        if mode < 2:
            continue
        multi = sum(1 for w in widths if w > 1)
        score = multi + count + 0.01 * mode
        if score > best_score:
            best, best_score = delimiter, score
    return best
