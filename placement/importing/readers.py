"""CSV and XLSX files as a plain table of cells with the row numbers a user sees.

Offices save spreadsheets from Excel (cp1252, ``;``-separated in a Dutch
locale), DUO publishes ``;``-separated files in cp1252 or UTF-8, and our own
exports are UTF-8 with commas: the reader takes all of these without asking.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import itertools
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from placement.errors import InputError, Problem
from placement.spreadsheet_text import unprotect

_DELIMITERS = (";", ",", "\t", "|")
_EXCEL_ERRORS = frozenset({"#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!"})


@dataclass(frozen=True, slots=True)
class CellError:
    """A cell whose value cannot be used (an uncalculated formula, ``#REF!``);
    rows holding one are rejected naming the column, instead of read as empty."""

    reason: str


Cell = str | int | float | bool | dt.date | CellError | None


@dataclass(frozen=True, slots=True)
class Row:
    number: int  # the row number the user sees in a spreadsheet program (header = 1)
    cells: tuple[Cell, ...]

    def get(self, index: int) -> Cell:
        return self.cells[index] if index < len(self.cells) else None


@dataclass(frozen=True, slots=True)
class Table:
    source: str  # the file name, for messages
    headers: tuple[str, ...]
    rows: tuple[Row, ...]


def read_table(path: Path | str, sheet: str | None = None) -> Table:
    """Read a ``.csv`` (or ``.txt``) or ``.xlsx`` file; the first non-empty row is the header."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in {".xlsx", ".xlsm"}:
        return _read_xlsx(path, sheet)
    if sheet is not None:
        raise InputError([Problem("--sheet", "only spreadsheet files (.xlsx) have sheets")], path.name)
    if suffix in {".csv", ".txt", ".tsv"}:
        return _read_csv(path)
    raise InputError([Problem("", "unsupported file type (use .csv or .xlsx)")], path.name)


def sheet_names(path: Path | str) -> list[str]:
    """The sheets of a spreadsheet file (empty for CSV), for choosing one."""
    path = Path(path)
    if path.suffix.lower() not in {".xlsx", ".xlsm"}:
        return []
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True)
    except (OSError, KeyError, ValueError, zipfile.BadZipFile):
        return []
    try:
        return list(book.sheetnames)
    finally:
        book.close()


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM) when it decodes, otherwise Windows-1252,
    which is what Excel and DUO write; bytes cp1252 leaves undefined fall back to latin-1.
    A UTF-16 byte-order mark wins over both: Excel's "Unicode text" (tab-separated)
    is the one Excel format besides "CSV UTF-8" that keeps ș, ț and Cyrillic names."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def sniff_delimiter(text: str) -> str:
    """The separator that splits the header line into the most columns."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {d: len(next(csv.reader([first], delimiter=d), [])) for d in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] > 1 else ","


def _read_csv(path: Path) -> Table:
    try:
        text = decode(path.read_bytes())
    except OSError as exc:
        raise InputError([Problem("", f"cannot read the file ({exc.strerror})")], path.name) from None
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    return _table(path.name, ((n, tuple(unprotect(c) for c in r)) for n, r in enumerate(reader, start=1)))


def _read_xlsx(path: Path, sheet: str | None) -> Table:
    import openpyxl  # imported here: only spreadsheet imports pay for it
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        values_book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        formula_book = openpyxl.load_workbook(path, read_only=True, data_only=False) if _has_formulas(path) else None
    except (OSError, InvalidFileException, KeyError, ValueError, zipfile.BadZipFile) as exc:
        reason = getattr(exc, "strerror", None) or "not a readable .xlsx file"
        raise InputError([Problem("", f"cannot read the file ({reason})")], path.name) from None
    try:
        if sheet is not None and sheet not in values_book.sheetnames:
            names = ", ".join(f'"{n}"' for n in values_book.sheetnames)
            raise InputError([Problem("--sheet", f'no sheet "{sheet}" (the file has {names})')], path.name)
        name = sheet or values_book.sheetnames[0]
        values_rows = values_book[name].iter_rows(values_only=True)
        formula_rows = (
            formula_book[name].iter_rows(values_only=True) if formula_book is not None else itertools.repeat(())
        )
        rows = (
            (n, tuple(_xlsx_cell(v, f) for v, f in itertools.zip_longest(values, formulas)))
            for n, (values, formulas) in enumerate(zip(values_rows, formula_rows, strict=False), start=1)
        )
        return _table(path.name, rows)
    finally:
        values_book.close()
        if formula_book is not None:
            formula_book.close()


def _has_formulas(path: Path) -> bool:
    """Whether any sheet holds a formula: only then is the slow second read needed."""
    with zipfile.ZipFile(path) as archive:
        return any(
            b"<f>" in data or b"<f " in data
            for data in (archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/"))
        )


def _xlsx_cell(value: Any, formula: Any) -> Cell:
    if value is None and isinstance(formula, str) and formula.startswith("="):
        return CellError("is a formula without a calculated value (open and save the file in Excel first)")
    if isinstance(value, str) and value.strip() in _EXCEL_ERRORS:
        return CellError(f"is a spreadsheet error ({value.strip()})")
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.time):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _is_empty(cells: tuple[Cell, ...]) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in cells)


def _table(source: str, numbered: Iterator[tuple[int, tuple[Cell, ...]]]) -> Table:
    headers: tuple[str, ...] | None = None
    rows: list[Row] = []
    for number, cells in numbered:
        if _is_empty(cells):
            continue
        if headers is None:
            headers = tuple("" if c is None else str(c).strip() for c in cells)
            continue
        rows.append(Row(number, cells))
    if headers is None:
        raise InputError([Problem("", "the file is empty (no header row)")], source)
    while headers and not headers[-1]:
        headers = headers[:-1]
    return Table(source, _unique(headers), tuple(rows))


def _unique(headers: tuple[str, ...]) -> tuple[str, ...]:
    """Headers name columns in mappings and messages, so each must be unique:
    an empty one becomes ``column 3``, a repeated one ``Naam (2)``."""
    seen: set[str] = set()
    result = []
    for i, header in enumerate(headers, start=1):
        name = header or f"column {i}"
        n = 1
        while name in seen:
            n += 1
            name = f"{header or f'column {i}'} ({n})"
        seen.add(name)
        result.append(name)
    return tuple(result)
