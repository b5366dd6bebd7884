"""Turning one spreadsheet cell into one typed value, or a reason the user can act on.

Every parser raises :class:`ValueError` whose message completes the sentence
``"<cell value>" ...`` (for example ``is not a Dutch postcode``), so the report
can name the row, the column and the value; most raise the catalogue's
:class:`~catalogue.validation_sentences.FieldError`, which the app says in
the user's language. Codes are read as a form reads them
(:mod:`catalogue.typed`): the code, its Dutch or English name or a synonym,
in any case.
"""

from __future__ import annotations

import datetime as dt
import re

from catalogue import codes, typed
from catalogue.validation_sentences import FieldError
from placement import postcodes
from placement.importing.readers import Cell, CellError
from placement.provinces import provinces

_ISO_DATE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")
_DUTCH_DATE = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")

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
        raise FieldError("text.too_long", limit=max_length)
    return value


def integer(cell: Cell, low: int | None = None, high: int | None = None) -> int:
    if isinstance(cell, bool):
        raise FieldError("number.not_whole")
    if isinstance(cell, int):
        value = cell
    elif isinstance(cell, float):
        if not cell.is_integer():
            raise FieldError("number.not_whole")
        value = int(cell)
    else:
        raw = shown(cell).replace(",", ".")
        try:
            number = float(raw)
        except ValueError:
            raise FieldError("number.not_whole") from None
        if not number.is_integer():
            raise FieldError("number.not_whole")
        value = int(number)
    _check_range(value, low, high)
    return value


def number(cell: Cell, low: float | None = None, high: float | None = None) -> float:
    if isinstance(cell, bool):
        raise FieldError("number.not_number")
    if isinstance(cell, int | float):
        value = float(cell)
    else:
        try:
            value = float(shown(cell).replace(",", "."))
        except ValueError:
            raise FieldError("number.not_number") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise FieldError("number.not_number")
    _check_range(value, low, high)
    return value


def _check_range(value: float, low: float | None, high: float | None) -> None:
    if low is not None and high is not None and not low <= value <= high:
        raise FieldError("range.between", low=low, high=high)
    if low is not None and value < low:
        raise FieldError("number.at_least", low=low)
    if high is not None and value > high:
        raise FieldError("number.at_most", high=high)


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
        raise FieldError("date.invalid")
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        raise FieldError("date.no_such_day") from None


def tags(cell: Cell) -> list[str]:
    """A list cell (``nl; ar`` or ``nl, ar``) as its items, repeats dropped, order kept."""
    return typed.split(shown(cell))


def labels(cell: Cell) -> list[str]:
    """Like :func:`tags` but only ``;``, ``|`` and line breaks separate: network labels are names."""
    seen: dict[str, None] = {}
    for part in re.split(r"[;|\n]", shown(cell)):
        if part.strip():
            seen.setdefault(part.strip(), None)
    return list(seen)


def languages(cell: Cell) -> list[str]:
    """Language codes for names or codes (``Nederlands, Arabisch`` or ``nl; ar``)."""
    return typed.languages(tags(cell))


def training_tags(cell: Cell) -> list[str]:
    """Training codes (Dutch or English names accepted); anything else is a typo."""
    return typed.code_items(codes.TRAININGS, tags(cell))


def gender(cell: Cell) -> str:
    return typed.code(codes.GENDERS, shown(cell))


def genders(cell: Cell) -> list[str]:
    """The genders a family takes (``jongens, meisjes``), in the list's order."""
    found = set(typed.code_items(codes.GENDERS, tags(cell)))
    return [g for g in codes.GENDERS.values if g in found]


def school_kind(cell: Cell) -> str:
    return typed.code(codes.SCHOOL_KINDS, shown(cell))


def region(cell: Cell) -> str:
    """A province name as the map spells it, whatever the case; Friesland is Fryslân."""
    known = {p.casefold(): p for p in provinces()} | {"friesland": "Fryslân", "fryslan": "Fryslân"}
    value = known.get(shown(cell).casefold())
    if value is None:
        raise FieldError("province.unknown", choices=", ".join(provinces()))
    return value


def school_kinds(cell: Cell) -> list[str]:
    kinds = typed.code_items(codes.SCHOOL_KINDS, tags(cell))
    if not kinds:
        raise FieldError("choose_one")
    return kinds


def flag(cell: Cell) -> bool:
    return shown(cell).lower() not in _FALSE


def postcode(cell: Cell) -> tuple[str, postcodes.PostcodeInfo]:
    """The canonical postcode and what the offline table knows about it."""
    raw = shown(cell)
    try:
        canonical = postcodes.normalise(raw)
    except ValueError:
        raise FieldError("postcode.not_dutch") from None
    try:
        return canonical, postcodes.lookup(canonical)
    except ValueError:
        raise FieldError("postcode.unknown") from None


def training(cell: Cell) -> list[tuple[str, dt.date | None, dt.date | None]]:
    """Training items ``tag``, ``tag:completed`` or ``tag:completed:expires`` (dates as in :func:`date`)."""
    items = []
    for item in tags(cell):
        tag, *dates = (p.strip() for p in item.split(":"))
        if not tag or len(dates) > 2:
            raise FieldError("training.item", value=item)
        parsed = [date(d) if d else None for d in dates] + [None, None]
        known = codes.read_code(codes.TRAININGS, tag)
        if known is None:
            raise FieldError("code.unknown_item", value=tag, list=codes.TRAININGS.name)
        if any(known == held for held, _, _ in items):
            raise FieldError("code.twice", value=known)
        items.append((known, parsed[0], parsed[1]))
    return items
