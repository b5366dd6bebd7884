"""Errors the user is meant to read.

Anything raised as :class:`InputError` is shown as one line per problem (the
command line exits 2, a form marks the field); everything else is a bug and is
logged without personal data.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from catalogue.validation_sentences import Complaint


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the input: where (a JSON path, a field, a row and
    column) and what."""

    where: str
    message: str
    complaint: Complaint | None = field(default=None, compare=False)
    """The message as a key and parameters, when it comes from the catalogue
    (``catalogue.validation_sentences``): the app says it in the user's language."""

    @classmethod
    def of(cls, where: str, complaint: Complaint) -> Problem:
        """A problem whose message is the catalogue's, in English here."""
        return cls(where, complaint.text("en"), complaint)

    def text(self, language: str = "en") -> str:
        """The message in ``language`` (as written, when it has no catalogue key)."""
        return self.complaint.text(language) if self.complaint is not None else self.message

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
