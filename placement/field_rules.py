"""What the registers' fields share: the checks every form runs on its texts,
postcodes, numbers and code lists.

It sits below the services so that the importer (:mod:`placement.importing`)
checks a row with the same rules as the registers' forms without reaching up
into the services. The codes, limits and messages themselves are the
catalogue's (``catalogue.codes``, ``catalogue.limits``,
``catalogue.validation_sentences``): a problem carries its message's key, so
the app says it in the user's language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from catalogue import codes
from catalogue import limits as domain
from catalogue.validation_sentences import Complaint
from placement import limits, postcodes
from placement.errors import InputError, Problem


def age_band(age: int) -> str:
    for name, low, high in domain.AGE_BANDS:
        if low <= age <= high:
            return name
    return ""


def age_on(born: dt.date, day: dt.date) -> int:
    """Completed years on ``day``."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def check_texts(problems: list[Problem], **fields: str | None) -> None:
    """Every text a form stores: not too long, no control characters (a NUL
    byte is stored by SQLite but refused by PostgreSQL). Fixed messages, no
    echo of the value."""
    for where, value in fields.items():
        if value is None:
            continue
        if len(value) > limits.MAX_TEXT:
            problems.append(Problem.of(where, Complaint("text.too_long", {"limit": limits.MAX_TEXT})))
        elif limits.control_character(value) is not None:
            problems.append(Problem.of(where, Complaint("text.control")))


def check_required(value: str, where: str, problems: list[Problem]) -> None:
    if not value.strip():
        problems.append(Problem.of(where, Complaint("required")))


def check_postcode(value: str, where: str, problems: list[Problem]) -> postcodes.PostcodeInfo | None:
    # Fixed messages (no echo of the value).
    try:
        postcodes.normalise(value)
    except ValueError:
        problems.append(Problem.of(where, Complaint("postcode.not_dutch")))
        return None
    try:
        return postcodes.lookup(value)
    except ValueError:
        problems.append(Problem.of(where, Complaint("postcode.unknown")))
        return None


def check_range(value: int, allowed: domain.Range, where: str, problems: list[Problem]) -> None:
    complaint = allowed.complaint(value)
    if complaint is not None:
        problems.append(Problem.of(where, complaint))


def check_codes(values: Sequence[str], code_list: codes.CodeList, where: str, problems: list[Problem]) -> None:
    """Every value is a code of the list (forms read typed words into codes first)."""
    unknown = [v for v in values if v not in code_list]
    if len(values) == 1 and unknown:
        problems.append(Problem.of(where, Complaint("code.unknown", {"list": code_list.name})))
    elif unknown:
        problems.append(Problem.of(where, Complaint("code.unknown_item", {"value": unknown[0], "list": code_list.name})))


def check_languages(values: Sequence[str], where: str, problems: list[Problem]) -> None:
    """Language codes: a named one or any lowercase ISO 639 code."""
    bad = [v for v in values if codes.read_language(v) != v]
    if bad:
        problems.append(Problem.of(where, Complaint("language.unknown", {"value": bad[0]})))


def raise_problems(problems: list[Problem]) -> None:
    if problems:
        raise InputError(problems)
