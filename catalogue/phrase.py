"""The two small records every list in the catalogue is made of."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Phrase:
    """One text a person reads, in both of the application's languages.

    English is what files and the command line carry; Dutch is what the
    application shows by default. Templates use ``{name}`` placeholders."""

    en: str
    nl: str

    def text(self, language: str) -> str:
        return self.nl if language == "nl" else self.en


@dataclass(frozen=True, slots=True)
class Code:
    """A stored code with the names people read and the words they type for it.

    ``synonyms`` are extra spellings accepted on input (singular and plural,
    common abbreviations); matching is case-insensitive, so they are written
    in lower case."""

    code: str
    name: Phrase
    synonyms: tuple[str, ...] = field(default=())
