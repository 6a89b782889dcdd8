"""Typed errors. Each message says what went wrong and what to do about it.

The command line and the pages turn these into user messages at one edge;
raw DuckDB errors are wrapped before they leave the core.
"""

from __future__ import annotations


def excerpt(text: str, limit: int = 40) -> str:
    """At most ``limit`` characters of user text for a message: long input is cut with an ellipsis, so
    a 400-million-character cell never becomes a 400 MB message."""
    flat = " ".join(text[: limit * 4].split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class RefreshError(Exception):
    """Base class: a problem a convener can understand and act on."""


class NotFoundError(RefreshError):
    """Something named by the user does not exist."""


class PartnershipNotFound(NotFoundError):
    """No partnership by that name; the message lists the ones that exist."""

    def __init__(self, name: str, existing: list[str]) -> None:
        self.name = name
        self.existing = existing
        known = ", ".join(existing) if existing else "none yet (create one first)"
        super().__init__(f"No partnership named {name!r}. Partnerships: {known}.")


class ValidationError(RefreshError):
    """User-supplied values break a rule; the message names the rule."""


class MissingDateError(ValidationError):
    """Rows of a file have no meeting date; the message says how many (each edge says where to give it:
    the Import page's meetings table, the command line's ``--meeting-date``)."""


class SchemaError(RefreshError):
    """The database file cannot be used with this version of the product."""


class PermissionDenied(RefreshError):
    """The current role may not do this (for example a read-only share link)."""


class StorageError(RefreshError):
    """The database refused an operation; wraps a raw DuckDB error."""


NEUTRAL_MESSAGE = ("This link does not open anything. It may be mistyped, expired or switched off: "
                   "ask the convener who sent it for a new one.")


class AccessDenied(PermissionDenied):
    """A share link (or sign-in) did not open anything. The message never says why."""

    def __init__(self, message: str = NEUTRAL_MESSAGE) -> None:
        super().__init__(message)


class BusyError(RefreshError):
    """Someone else is doing the same exclusive thing right now (for example an import); try again soon."""
