"""Concurrent edits of the same record, in the user's terms.

Families and children carry a ``version`` column (SQLAlchemy's
``version_id_col``). A form loads the record, the officer edits it for
minutes, and meanwhile someone else may save the same record: the save then
meets a newer version than the one the form showed (:func:`check_version`),
or, when both saves race, its UPDATE finds the row changed under it and
SQLAlchemy raises ``StaleDataError`` (:func:`detect_concurrent_edit`). Either
way the officer is told to open the record again, never "something went
wrong", and their change is not written over the other one.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm.exc import StaleDataError

from catalogue.keys import Key
from catalogue.sentences import Explanation
from placement.errors import ConflictError


def changed_by_someone_else(record: str) -> ConflictError:
    """``record`` is named as the registers' tables name it (the family's or child's name)."""
    return ConflictError(Explanation(Key.RECORD_CHANGED, record=record))


@contextmanager
def detect_concurrent_edit(record: str) -> Iterator[None]:
    """Turn ``StaleDataError`` raised inside the block (a flush) into :class:`ConflictError`."""
    try:
        yield
    except StaleDataError as exc:
        raise changed_by_someone_else(record) from exc


def check_version(current_version: int, seen_version: int | None, record: str) -> None:
    """Refuse to save over a version newer than the one the user edited
    (``seen_version`` None: the caller did not load one, nothing to compare)."""
    if seen_version is not None and current_version != seen_version:
        raise changed_by_someone_else(record)
