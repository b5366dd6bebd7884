"""Errors the user is meant to read.

Anything raised as :class:`InputError` is shown as one line per problem (the
command line exits 2, a form marks the field); everything else is a bug and is
logged without personal data.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from catalogue.sentences import Explanation
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
    """The current user's role does not allow this action.

    Raised with a :class:`catalogue.sentences.Explanation` (a refusal of the
    catalogue), so the application can say it in the user's language; the
    server's own refusals and a failed login carry plain English."""


class LoginFailed(PermissionDenied):
    """Wrong user name or password, or a disabled account (never says which)."""


class ConflictError(Exception):
    """Someone else changed or took the thing first (a last free place, a record
    edited concurrently); the message says what, in the user's terms.

    Raised with an :class:`catalogue.sentences.Explanation` (a conflict of the
    catalogue), so a user interface can say it in the user's language; or
    with a catalogue ``key`` and its ``params``, which make that sentence.
    The sentence names records by id (it may reach a log); ``names`` holds,
    by id, how the user's tables name them, for the user interface."""

    def __init__(
        self,
        message: str,
        key: str | None = None,
        params: Mapping[str, Any] | None = None,
        *,
        names: Mapping[str, str] | None = None,
    ) -> None:
        if key is not None:
            message = Explanation(key, **(params or {}))
        super().__init__(message)
        self.message = message
        self.names: Mapping[str, str] = dict(names or {})

    @property
    def key(self) -> str | None:
        return getattr(self.message, "key", None)

    @property
    def params(self) -> Mapping[str, Any]:
        return getattr(self.message, "params", {})
