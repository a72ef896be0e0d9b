"""Why a database cannot be opened, used or upgraded, in words for the clerk."""

from __future__ import annotations


class DatabaseError(Exception):
    """The database cannot be opened or upgraded; the message says why, for the clerk."""


class DatabaseTooNew(DatabaseError):
    """The database was upgraded by a newer version of Invoice Batches."""
