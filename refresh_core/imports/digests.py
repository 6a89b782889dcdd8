"""The digest that tells a file already imported: an upload's bytes, or a file on disk read in chunks."""

from __future__ import annotations

import hashlib
from pathlib import Path

from refresh_core.ingest.errors import FileTooLargeError, UnreadableFileError

__all__ = ["checked_digest", "file_digest"]


def file_digest(data: bytes | Path) -> str:
    """The SHA-256 of an upload's bytes, or of a file on disk (read in chunks, never held whole)."""
    if isinstance(data, Path):
        with data.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    return hashlib.sha256(data).hexdigest()


def checked_digest(file_name: str, data: bytes | Path, *, max_bytes: int) -> str:
    """The file's digest, once it is known to be within ``max_bytes`` (a file on disk is measured first:
    a huge file named by mistake is refused without being read)."""
    try:
        size = data.stat().st_size if isinstance(data, Path) else len(data)
        if size > max_bytes:
            raise FileTooLargeError(file_name, size, max_bytes)
        return file_digest(data)
    except OSError as exc:  # (a path removed since it was named: the command line waits for its turn)
        raise UnreadableFileError(file_name, exc) from exc
