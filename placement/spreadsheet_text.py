"""CSV that a spreadsheet opens as data, never as formulas.

Excel and LibreOffice treat a CSV cell starting with ``=``, ``+``, ``-`` or
``@`` (or a tab or carriage return) as a formula, so a note like
``=HYPERLINK(...)`` in an exported registry would run on the reader's machine
(CSV injection). And a Dutch Excel splits a comma-separated file on ``;``: a
note ``harmless;=1+1`` becomes two cells, the second a formula. So:

- in a text cell, every formula character that starts the cell, or would
  start one after a split on ``;`` or ``,``, gets a ``'`` in front (the
  spreadsheets' own mark for "this is text"): ``harmless;=1+1`` is written
  ``harmless;'=1+1``, so even an Excel that splits it on ``;`` sees text;
- every cell holding a ``;``, ``,``, quote, tab or line break is quoted,
  whatever the separator, so no spreadsheet splits it;
- imports take the ``'`` off again, so an export imports back unchanged.

:class:`CsvDialect` chooses the separator: ``excel-nl`` (``;``, decimal
comma) is what a Dutch Excel opens with a double click, ``excel`` (``,``,
decimal point) what an English one does. Both are UTF-8 with a byte-order
mark, without which Excel shows "Súdwest-Fryslân" garbled.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Iterable, Sequence

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Where a spreadsheet may start a cell: the start of the text, or after a ";"
# or "," (a separator to some Excel), past any spaces; then any quote marks
# already there, then the formula character.
_PROTECT = re.compile(r"(^|[;,])( *)('*)(?=[=+\-@\t\r])")
_UNPROTECT = re.compile(r"(^|[;,])( *)'('*)(?=[=+\-@\t\r])")
_NEEDS_QUOTES = re.compile(r'[;,"\t\r\n]|^\s|\s$')


def needs_protection(text: str) -> bool:
    """Whether ``text`` starts a formula, or a part of it would after a split
    on ``;`` or ``,``."""
    return _PROTECT.search(text) is not None


def protect(text: str) -> str:
    """``text`` with a ``'`` before every formula character that starts it or
    starts a part of it after a ``;`` or ``,``: "=1+1" becomes "'=1+1",
    "harmless;=1+1" "harmless;'=1+1". Quote marks already there get one more,
    so :func:`unprotect` takes exactly these marks off again."""
    return _PROTECT.sub(lambda m: f"{m[1]}{m[2]}'{m[3]}", text)


def unprotect(text: str) -> str:
    return _UNPROTECT.sub(lambda m: f"{m[1]}{m[2]}{m[3]}", text)


class CsvDialect(enum.StrEnum):
    EXCEL_NL = "excel-nl"
    """``;`` between cells, decimal comma: Dutch Excel."""
    EXCEL = "excel"
    """``,`` between cells, decimal point: English Excel, LibreOffice, scripts."""

    @property
    def delimiter(self) -> str:
        return ";" if self is CsvDialect.EXCEL_NL else ","

    @property
    def decimal(self) -> str:
        return "," if self is CsvDialect.EXCEL_NL else "."


DEFAULT_DIALECT = CsvDialect.EXCEL
"""The command line's default (English); the Dutch app writes ``excel-nl``."""


def _cell(value: object, dialect: CsvDialect) -> str:
    if value is None:
        text = ""
    elif isinstance(value, bool):
        text = str(value).lower()
    elif isinstance(value, float):
        text = repr(value).replace(".", dialect.decimal)
    elif isinstance(value, int):
        text = str(value)
    elif isinstance(value, dt.date):
        text = value.isoformat()
    else:
        text = protect(str(value))
    if "'" in text or _NEEDS_QUOTES.search(text):
        return '"' + text.replace('"', '""') + '"'
    return text


def csv_text(rows: Iterable[Sequence[object]], dialect: CsvDialect = DEFAULT_DIALECT) -> str:
    """The rows as CSV text (CRLF line ends): text cells protected, numbers
    with the dialect's decimal mark, dates as ISO dates."""
    return "".join(dialect.delimiter.join(_cell(v, dialect) for v in row) + "\r\n" for row in rows)


def csv_bytes(rows: Iterable[Sequence[object]], dialect: CsvDialect = DEFAULT_DIALECT) -> bytes:
    """:func:`csv_text` as UTF-8 with a byte-order mark."""
    return csv_text(rows, dialect).encode("utf-8-sig")
