"""Concurrent edits of the same record, in the user's terms.

Families and children carry a ``version`` column (SQLAlchemy's
``version_id_col``): an UPDATE whose row was changed by someone else since it
was loaded fails with ``StaleDataError``. A form that was open for minutes
loads the record again in a new session, so it must also say which version
the user was looking at: :func:`check_version`. Both become a
:class:`ConflictError` the UI can answer with "reload / overwrite".
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm.exc import StaleDataError

from placement.errors import ConflictError


def changed_message(what: str) -> str:
    return f"{what} was changed by someone else in the meantime; reload it to see their change"


@contextmanager
def detect_concurrent_edit(what: str) -> Iterator[None]:
    """Turn ``StaleDataError`` raised inside the block (a flush or the commit at
    the end of ``with s.begin()``) into ``ConflictError``. ``what`` names the
    record by id ("family F12"), never by name."""
    try:
        yield
    except StaleDataError as exc:
        raise ConflictError(changed_message(what)) from exc


def check_version(current_version: int, seen_version: int, what: str) -> None:
    """Refuse to save over a version newer than the one the user edited."""
    if current_version != seen_version:
        raise ConflictError(changed_message(what))
