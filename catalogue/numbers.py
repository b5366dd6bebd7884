"""Numbers and dates as a Dutch or an English reader writes them.

Two languages with fixed conventions need a dozen lines, not a locale
library: Dutch writes a decimal comma and a dot between thousands
("1.234,5"), English the other way round ("1,234.5"); Dutch dates are
"7 december 2026" or "07-12-2026", English "7 December 2026" or "07/12/2026".
Negative numbers use the minus sign (−), as print does.
"""

from __future__ import annotations

import datetime as dt

_MONTHS = {
    "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
           "september", "oktober", "november", "december"),  # fmt: skip
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),  # fmt: skip
}
_SHORT_DATE = {"nl": "{d:02d}-{m:02d}-{y}", "en": "{d:02d}/{m:02d}/{y}"}


def number(value: float, language: str, digits: int = 0, *, sign: bool = False) -> str:
    """``value`` with ``digits`` decimals in ``language``: ``number(1234.5, "nl", 1)``
    is "1.234,5"; ``sign`` writes "+" before a positive number ("+30,0")."""
    english = f"{abs(value):,.{digits}f}"
    text = english.translate(_DUTCH_MARKS) if language == "nl" else english
    if value < 0 and text.strip("0.,") != "":
        return "−" + text
    return ("+" + text) if sign and value > 0 else text


_DUTCH_MARKS = str.maketrans({",": ".", ".": ","})


def km(value: float, language: str) -> str:
    """A distance in kilometres with one decimal: "0,4 km" / "0.4 km"."""
    return f"{number(value, language, 1)} km"


def date(day: dt.date, language: str, *, short: bool = False) -> str:
    """Dutch "7 december 2026" (``short``: "07-12-2026"), English "7 December 2026"
    ("07/12/2026")."""
    if short:
        return _SHORT_DATE[_lang(language)].format(d=day.day, m=day.month, y=day.year)
    return f"{day.day} {_MONTHS[_lang(language)][day.month - 1]} {day.year}"


def date_time(moment: dt.datetime, language: str) -> str:
    """Dutch "7 december 2026 18:30", English "7 December 2026 18:30"."""
    return f"{date(moment.date(), language)} {moment:%H:%M}"


def _lang(language: str) -> str:
    return "nl" if language == "nl" else "en"
