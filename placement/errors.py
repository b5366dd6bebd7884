"""Errors the user is meant to read.

Anything raised as :class:`InputError` is shown as one line per problem (the
command line exits 2, a form marks the field); everything else is a bug and is
logged without personal data.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the input: where (a JSON path, a field, a row and
    column) and what."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


class InputError(Exception):
    """Bad input; carries every problem found, not just the first."""

    def __init__(self, problems: Iterable[Problem], source: str | None = None) -> None:
        self.problems = tuple(problems)
        self.source = source
        super().__init__("\n".join(self.lines()))

    def lines(self) -> list[str]:
        prefix = f"{self.source}: " if self.source else ""
        return [prefix + str(p) for p in self.problems]


class PermissionDenied(Exception):
    """The current user's role does not allow this action."""


class LoginFailed(PermissionDenied):
    """Wrong user name or password, or a disabled account (never says which)."""


class ConflictError(Exception):
    """Someone else changed or took the thing first (a last free place, a record
    edited concurrently); the message says what, in the user's terms.

    ``key`` and ``params`` (optional) name the message's template and its
    plain values, so a user interface can say it in the user's language."""

    def __init__(self, message: str, key: str | None = None, params: Mapping[str, Any] | None = None) -> None:
        super().__init__(message)
        self.key = key
        self.params: dict[str, Any] = dict(params or {})
