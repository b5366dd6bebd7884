"""What the registers' fields share: the allowed codes and limits, and the checks
every form runs on its texts, postcodes and code lists.

It sits below the services so that the importer (:mod:`placement.importing`)
checks a row with the same rules as the registers' forms without reaching up
into the services.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from placement import limits, postcodes
from placement.errors import InputError, Problem

TRAINING_TAGS: tuple[str, ...] = (
    "exploitation",
    "trauma",
    "attachment",
    "language-support",
    "siblings",
    "teenagers",
    "newcomers",
    "special-needs",
)
"""Training a family can have and a child can need; anything else is a typo."""

GENDERS: tuple[str, ...] = ("f", "m", "x")
MAX_AGE = 20
MAX_PLACES = 20
MAX_PRIORITY = 5

AGE_BANDS: tuple[tuple[str, int, int], ...] = (
    ("0-3", 0, 3),
    ("4-11", 4, 11),
    ("12-15", 12, 15),
    ("16-20", 16, 20),
)
"""Age bands officers filter children by: toddlers, primary, early and late secondary."""


def age_band(age: int) -> str:
    for name, low, high in AGE_BANDS:
        if low <= age <= high:
            return name
    return ""


def age_on(born: dt.date, day: dt.date) -> int:
    """Completed years on ``day``."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


TOO_LONG = f"is longer than {limits.MAX_TEXT:,} characters"
CONTROL_CHARACTER = "holds a control character (such as NUL), which is not allowed"


def check_texts(problems: list[Problem], **fields: str | None) -> None:
    """Every text a form stores: not too long, no control characters (a NUL
    byte is stored by SQLite but refused by PostgreSQL). Fixed messages, no
    echo of the value."""
    for where, value in fields.items():
        if value is None:
            continue
        if len(value) > limits.MAX_TEXT:
            problems.append(Problem(where, TOO_LONG))
        elif limits.control_character(value) is not None:
            problems.append(Problem(where, CONTROL_CHARACTER))


def check_required(value: str, where: str, problems: list[Problem]) -> None:
    if not value.strip():
        problems.append(Problem(where, "is required"))


def check_postcode(value: str, where: str, problems: list[Problem]) -> postcodes.PostcodeInfo | None:
    # Fixed messages (no echo of the value): the form translates them.
    try:
        postcodes.normalise(value)
    except ValueError:
        problems.append(Problem(where, "is not a Dutch postcode (expected 1234 AB)"))
        return None
    try:
        return postcodes.lookup(value)
    except ValueError:
        problems.append(Problem(where, "is not in the postcode table"))
        return None


def check_known(values: Sequence[str], allowed: Sequence[str], what: str, where: str, problems: list[Problem]) -> None:
    unknown = [v for v in values if v not in allowed]
    if unknown:
        problems.append(
            Problem(where, f"unknown {what}: {', '.join(unknown)} (known: {', '.join(allowed)})")
        )


def check_languages(values: Sequence[str], where: str, problems: list[Problem]) -> None:
    bad = [v for v in values if not (v.isalpha() and v.islower() and 2 <= len(v) <= 3)]
    if bad:
        problems.append(Problem(where, f"not a lowercase language code: {', '.join(bad)}"))


def raise_problems(problems: list[Problem]) -> None:
    if problems:
        raise InputError(problems)
