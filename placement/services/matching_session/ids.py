"""The ids inside a run are session-file ids ("C12", "F3"); the rows they name
have plain integer ids."""

from __future__ import annotations

from catalogue.validation_sentences import Complaint
from placement.errors import InputError, Problem


def row_id(session_id: str, prefix: str) -> int:
    """The row id in ``session_id`` ("C12" -> 12), which must start with ``prefix``."""
    if not session_id.startswith(prefix) or not session_id[len(prefix) :].isdigit():
        raise InputError([Problem.of("proposal", Complaint("session.not_stored_id", {"id": str(session_id), "prefix": prefix}))])
    return int(session_id[len(prefix) :])
