"""Turning one spreadsheet cell into one typed value, or a reason the user can act on.

Every parser raises :class:`ValueError` whose message completes the sentence
``"<cell value>" ...`` (for example ``is not a Dutch postcode``), so the report
can name the row, the column and the value.
"""

from __future__ import annotations

import datetime as dt
import re

from placement import postcodes
from placement.field_rules import GENDERS, TRAINING_TAGS
from placement.importing.readers import Cell, CellError
from placement.provinces import provinces
from placement.school_kinds import KINDS

_ISO_DATE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")
_DUTCH_DATE = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_LIST_SEPARATORS = re.compile(r"[;,|\n]")

_GENDERS = {
    "f": "f", "v": "f", "vrouw": "f", "female": "f", "meisje": "f", "girl": "f", "w": "f",
    "m": "m", "man": "m", "male": "m", "jongen": "m", "boy": "m",
    "x": "x", "anders": "x", "other": "x", "non-binair": "x", "non-binary": "x", "divers": "x",
}
_TRAINING = {t: t for t in TRAINING_TAGS} | {
    "uitbuiting": "exploitation", "hechting": "attachment", "broers en zussen": "siblings",
    "brussen": "siblings", "tieners": "teenagers", "pubers": "teenagers", "nieuwkomers": "newcomers",
    "bijzondere zorg": "special-needs", "special needs": "special-needs",
}

_SCHOOL_KINDS = {k: k for k in KINDS} | {
    "basis": "primary", "basisonderwijs": "primary", "bo": "primary", "po": "primary",
    "voortgezet": "secondary", "voortgezet onderwijs": "secondary", "vo": "secondary",
    "speciaal": "special", "speciaal onderwijs": "special", "so": "special-primary",
    "vso": "special-secondary", "sbo": "special-primary",
    "nieuwkomers": "newcomer", "isk": "newcomer", "taalklas": "newcomer",
}

_FALSE = frozenset({"", "0", "nee", "no", "n", "false", "onwaar"})


def is_blank(cell: Cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def shown(cell: Cell) -> str:
    """The cell as the user typed it, for the report."""
    if cell is None:
        return ""
    if isinstance(cell, CellError):
        return "(formula)" if "formula" in cell.reason else "(error)"
    if isinstance(cell, dt.date):
        return cell.isoformat()
    return str(cell).strip()


def text(cell: Cell, max_length: int | None = None) -> str:
    value = shown(cell)
    if max_length is not None and len(value) > max_length:
        raise ValueError(f"is longer than {max_length} characters")
    return value


def integer(cell: Cell, low: int | None = None, high: int | None = None) -> int:
    if isinstance(cell, bool):
        raise ValueError("is not a whole number")
    if isinstance(cell, int):
        value = cell
    elif isinstance(cell, float):
        if not cell.is_integer():
            raise ValueError("is not a whole number")
        value = int(cell)
    else:
        raw = shown(cell).replace(",", ".")
        try:
            number = float(raw)
        except ValueError:
            raise ValueError("is not a whole number") from None
        if not number.is_integer():
            raise ValueError("is not a whole number")
        value = int(number)
    _check_range(value, low, high)
    return value


def number(cell: Cell, low: float | None = None, high: float | None = None) -> float:
    if isinstance(cell, bool):
        raise ValueError("is not a number")
    if isinstance(cell, int | float):
        value = float(cell)
    else:
        try:
            value = float(shown(cell).replace(",", "."))
        except ValueError:
            raise ValueError("is not a number") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError("is not a number")
    _check_range(value, low, high)
    return value


def _check_range(value: float, low: float | None, high: float | None) -> None:
    if low is not None and high is not None and not low <= value <= high:
        raise ValueError(f"is not between {low:g} and {high:g}")
    if low is not None and value < low:
        raise ValueError(f"is less than {low:g}")
    if high is not None and value > high:
        raise ValueError(f"is more than {high:g}")


def date(cell: Cell) -> dt.date:
    """A real spreadsheet date, or text as dd-mm-yyyy / yyyy-mm-dd (also with / or .)."""
    if isinstance(cell, dt.datetime):
        return cell.date()
    if isinstance(cell, dt.date):
        return cell
    raw = shown(cell)
    if match := _ISO_DATE.match(raw):
        year, month, day = match.groups()
    elif match := _DUTCH_DATE.match(raw):
        day, month, year = match.groups()
    else:
        raise ValueError("is not a date (use dd-mm-yyyy or yyyy-mm-dd)")
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        raise ValueError("is not a date (no such day)") from None


def tags(cell: Cell) -> list[str]:
    """A list cell (``nl; ar`` or ``nl, ar``) as lowercase tags, duplicates dropped, order kept."""
    seen: dict[str, None] = {}
    for part in _LIST_SEPARATORS.split(shown(cell)):
        tag = part.strip().lower()
        if tag:
            seen.setdefault(tag, None)
    return list(seen)


def labels(cell: Cell) -> list[str]:
    """Like :func:`tags` but keeping case: network labels are names."""
    seen: dict[str, None] = {}
    for part in re.split(r"[;|\n]", shown(cell)):
        if part.strip():
            seen.setdefault(part.strip(), None)
    return list(seen)


def languages(cell: Cell) -> list[str]:
    """Lowercase language codes (``nl; ar``), as the session format requires."""
    codes = tags(cell)
    for code in codes:
        if not (code.isalpha() and 2 <= len(code) <= 3):
            raise ValueError(f'has "{code}", which is not a language code (such as nl, en, ar, ro)')
    return codes


def training_tags(cell: Cell) -> list[str]:
    """Known training tags (Dutch names accepted); anything else is a typo."""
    return [_training_tag(t) for t in tags(cell)]


def _training_tag(tag: str) -> str:
    known = _TRAINING.get(tag)
    if known is None:
        raise ValueError(f'has "{tag}", which is not a training (use: {", ".join(TRAINING_TAGS)})')
    return known


def gender(cell: Cell) -> str:
    value = _GENDERS.get(shown(cell).lower())
    if value is None:
        raise ValueError("is not a gender (use f, m or x; v/vrouw, m/man also work)")
    return value


def genders(cell: Cell) -> list[str]:
    found = set()
    parts = tags(cell)
    for part in parts:
        value = _GENDERS.get(part)
        if value is None:
            what = "is not" if len(parts) == 1 else f'has "{part}", which is not'
            raise ValueError(f"{what} a gender (use f, m or x)")
        found.add(value)
    return [g for g in GENDERS if g in found]


def school_kind(cell: Cell) -> str:
    value = _SCHOOL_KINDS.get(shown(cell).lower())
    if value is None:
        raise ValueError(f"is not a school kind (use one of: {', '.join(KINDS)})")
    return value


def region(cell: Cell) -> str:
    """A province name as the map spells it, whatever the case; Friesland is Fryslân."""
    known = {p.casefold(): p for p in provinces()} | {"friesland": "Fryslân", "fryslan": "Fryslân"}
    value = known.get(shown(cell).casefold())
    if value is None:
        raise ValueError(f"is not a Dutch province (use one of: {', '.join(provinces())})")
    return value


def school_kinds(cell: Cell) -> list[str]:
    kinds = tags(cell)
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        raise ValueError(f'has "{unknown[0]}", which is not a school kind (use: {", ".join(KINDS)})')
    if not kinds:
        raise ValueError("has no school kind")
    return kinds


def flag(cell: Cell) -> bool:
    return shown(cell).lower() not in _FALSE


def postcode(cell: Cell) -> tuple[str, postcodes.PostcodeInfo]:
    """The canonical postcode and what the offline table knows about it."""
    raw = shown(cell)
    try:
        canonical = postcodes.normalise(raw)
    except ValueError:
        raise ValueError("is not a Dutch postcode") from None
    try:
        return canonical, postcodes.lookup(canonical)
    except ValueError:
        raise ValueError("is not in the postcode table") from None


def training(cell: Cell) -> list[tuple[str, dt.date | None, dt.date | None]]:
    """Training items ``tag``, ``tag:completed`` or ``tag:completed:expires`` (dates as in :func:`date`)."""
    items = []
    for item in tags(cell):
        tag, *dates = (p.strip() for p in item.split(":"))
        if not tag or len(dates) > 2:
            raise ValueError(f'has "{item}", expected tag, tag:completed or tag:completed:expires')
        parsed = [date(d) if d else None for d in dates] + [None, None]
        known = _training_tag(tag)
        if any(known == held for held, _, _ in items):
            raise ValueError(f'has "{known}" twice')
        items.append((known, parsed[0], parsed[1]))
    return items
