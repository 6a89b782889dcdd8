"""Bytes to text: byte-order marks, UTF-16 without BOM, UTF-8, Windows-1252; delimiter sniffing."""

from __future__ import annotations

import codecs
import csv
import io
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


def _utf16_without_bom(head: bytes) -> str | None:
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
    elif (guess := _utf16_without_bom(data)) is not None:
        encoding = guess
        text = data.decode(encoding, errors="replace")
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text, encoding = _decode_cp1252(data), "windows-1252"
    _check_text(text, file_name)
    return text, encoding


def _check_text(text: str, file_name: str) -> None:
    if not text.strip().strip("\ufeff\x00"):
        raise EmptyFileError(file_name)
    sample = text[:8192]
    controls = sum(1 for ch in sample if ch in _CONTROL)
    replaced = sample.count("\ufffd")
    if controls + replaced > max(8, len(sample) // 20):
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
