"""Closed youth care (issue 14): the kinds of home, the kinds of court
authorisation and their limits, in one place.

A closed youth-care unit (JeugdzorgPlus) is stored and solved as a home of
kind ``closed-unit`` beside the foster families, but a person never reads it
called a family: every name below says "gesloten afdeling". A child may be
placed there only under a valid court authorisation (*machtiging gesloten
jeugdhulp*): regular, emergency (*spoed*) or conditional (*voorwaardelijk*).

Kept in a module of its own until the catalogue's shared code list
(``catalogue/codes.py``) exists; then these codes move there unchanged.
"""

from __future__ import annotations

from typing import Final

from catalogue.phrase import Code, Phrase

FAMILY: Final = "family"
CLOSED_UNIT: Final = "closed-unit"

HOME_KINDS: Final[tuple[Code, ...]] = (
    Code(FAMILY, Phrase("foster family", "pleeggezin"), ("gezin", "pleeggezin", "family")),
    Code(
        CLOSED_UNIT,
        Phrase("closed unit", "gesloten afdeling"),
        ("gesloten afdeling", "gesloten", "jeugdzorgplus", "unit", "closed unit"),
    ),
)
"""What a home in the register is (``families.kind``, a session's ``kind``)."""

MAX_FAMILY_PLACES: Final = 20
MAX_UNIT_PLACES: Final = 60
"""A closed unit is one home with up to this many places."""

AUTHORISATION_KINDS: Final[tuple[Code, ...]] = (
    Code(
        "regular",
        Phrase("regular authorisation", "machtiging"),
        ("gewoon", "regulier", "machtiging", "regular"),
    ),
    Code(
        "spoed",
        Phrase("emergency authorisation", "spoedmachtiging"),
        ("spoed", "spoedmachtiging", "emergency", "urgent"),
    ),
    Code(
        "voorwaardelijk",
        Phrase("conditional authorisation", "voorwaardelijke machtiging"),
        ("voorwaardelijk", "voorwaardelijke machtiging", "conditional"),
    ),
)
"""The kinds of *machtiging gesloten jeugdhulp* (``court_authorisations.kind``)."""

EXPIRY_WARNING_DAYS: Final = 28
"""An authorisation that ends within this many days is shown to the officer."""


def code_of(codes: tuple[Code, ...], typed: str) -> str | None:
    """The code a person meant by ``typed`` (a code, a name in either
    language or a synonym, any case), or None."""
    word = typed.strip().lower()
    for code in codes:
        spellings = {code.code, code.name.en.lower(), code.name.nl.lower(), *code.synonyms}
        if word in spellings:
            return code.code
    return None


def name_of(codes: tuple[Code, ...], code: str, language: str = "nl") -> str:
    """The name of a code in a language; an unknown code as it is."""
    for known in codes:
        if known.code == code:
            return known.name.text(language)
    return code
