"""CSV and XLSX files as a plain table of cells with the row numbers a user sees.

Offices save spreadsheets from Excel (cp1252, ``;``-separated in a Dutch
locale), DUO publishes ``;``-separated files in cp1252 or UTF-8, and our own
exports are UTF-8 with commas: the reader takes all of these without asking.

Hostile files are refused in one line before they cost much memory
(:mod:`placement.limits`): the file's size before reading; rows and cells
while reading; for XLSX the unpacked size against the file's size and any DTD
(XML entity declarations: "billion laughs", external entities) before
openpyxl sees the file. A cell too long or holding a control character is a
:class:`CellError`, so its row is rejected naming the column.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import itertools
import os
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from catalogue.validation_sentences import Complaint
from placement import limits
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
    if suffix in {".xlsx", ".xlsm", ".csv", ".txt", ".tsv"}:
        _check_size(path)
    if suffix in {".xlsx", ".xlsm"}:
        _check_xlsx(path)
        return _read_xlsx(path, sheet)
    if sheet is not None:
        raise InputError([Problem.of("--sheet", Complaint("import.sheets_only_xlsx"))], path.name)
    if suffix in {".csv", ".txt", ".tsv"}:
        return _read_csv(path)
    raise InputError([Problem.of("", Complaint("import.file_type"))], path.name)


def sheet_names(path: Path | str) -> list[str]:
    """The sheets of a spreadsheet file (empty for CSV), for choosing one."""
    path = Path(path)
    if path.suffix.lower() not in {".xlsx", ".xlsm"}:
        return []
    import openpyxl

    try:
        _check_size(path)
        _check_xlsx(path)
        book = openpyxl.load_workbook(path, read_only=True)
    except (InputError, OSError, KeyError, ValueError, zipfile.BadZipFile, *_xml_errors()):
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


def _check_size(path: Path) -> None:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError([Problem.of("", Complaint("file.cannot_read", {"reason": exc.strerror}))], path.name) from None
    if size > limits.MAX_TABLE_BYTES:
        raise InputError([Problem.of("", Complaint("import.too_large", {"megabytes": limits.MAX_TABLE_BYTES // limits.MB}))], path.name)


def _read_csv(path: Path) -> Table:
    try:
        with path.open("rb") as fh:
            raw = fh.read(limits.MAX_TABLE_BYTES + 1)
    except OSError as exc:
        raise InputError([Problem.of("", Complaint("file.cannot_read", {"reason": exc.strerror}))], path.name) from None
    if len(raw) > limits.MAX_TABLE_BYTES:
        raise InputError([Problem.of("", Complaint("import.too_large", {"megabytes": limits.MAX_TABLE_BYTES // limits.MB}))], path.name)
    text = decode(raw)
    del raw
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    del text

    def rows() -> Iterator[tuple[int, tuple[Cell, ...]]]:
        number = 0
        try:
            for number, row in enumerate(reader, start=1):  # noqa: B007 - read after the loop
                yield number, tuple(unprotect(c) for c in row)
        except csv.Error:  # a cell over the csv module's limit (128 KB), a broken quote
            raise InputError([Problem.of(f"row {number + 1}", Complaint("import.csv_unreadable", {"limit": csv.field_size_limit()}))],
                             path.name) from None

    return _table(path.name, rows())


_XML_START = re.compile(rb"<\?.*?\?>|<!--.*?-->|<!(DOCTYPE|ENTITY)|<[A-Za-z_]", re.S)


def _prolog_declares(stream: io.BufferedIOBase) -> bool:
    """Whether an XML part declares a DTD before its first element (reading
    no more than :data:`limits.MAX_XML_PROLOG` bytes of it)."""
    head = stream.read(limits.MAX_XML_PROLOG)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        head = head.decode("utf-16", errors="ignore").encode("utf-8")
    for match in _XML_START.finditer(head):
        if match.group(1):
            return True
        if not match.group(0).startswith((b"<?", b"<!--")):
            return False
    return bool(head.strip())  # no element within the first megabyte: not a spreadsheet part


def _check_xlsx(path: Path) -> None:
    """Refuse a zip bomb (unpacked size over :data:`limits.MAX_XLSX_INFLATION`
    times the file's) and XML with a DTD, before openpyxl reads anything."""
    def refuse(complaint: Complaint) -> InputError:
        return InputError([Problem.of("", complaint)], path.name)

    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            unpacked = sum(m.file_size for m in members)
            if unpacked > limits.MAX_XLSX_INFLATION * max(os.path.getsize(path), 1):
                raise refuse(Complaint("import.xlsx_inflated", {"size": unpacked, "times": limits.MAX_XLSX_INFLATION}))
            for member in members:
                if member.filename.lower().endswith((".xml", ".rels", ".vml")):
                    with archive.open(member) as stream:
                        if _prolog_declares(stream):
                            raise refuse(Complaint("import.xlsx_dtd", {"part": member.filename}))
    except (OSError, zipfile.BadZipFile, ValueError, EOFError, RuntimeError, NotImplementedError):
        raise refuse(Complaint("import.xlsx_unreadable")) from None


def _xml_errors() -> tuple[type[Exception], ...]:
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException

    return DefusedXmlException, ParseError


def _read_xlsx(path: Path, sheet: str | None) -> Table:
    import openpyxl  # imported here: only spreadsheet imports pay for it
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        values_book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        formula_book = openpyxl.load_workbook(path, read_only=True, data_only=False) if _has_formulas(path) else None
    except (OSError, InvalidFileException, KeyError, ValueError, zipfile.BadZipFile, *_xml_errors()) as exc:
        reason = getattr(exc, "strerror", None) or "not a readable .xlsx file"
        raise InputError([Problem.of("", Complaint("file.cannot_read", {"reason": reason}))], path.name) from None
    try:
        if sheet is not None and sheet not in values_book.sheetnames:
            names = ", ".join(f'"{n}"' for n in values_book.sheetnames)
            raise InputError([Problem.of("--sheet", Complaint("import.no_sheet", {"sheet": sheet, "names": names}))], path.name)
        name = sheet or values_book.sheetnames[0]
        values_rows = values_book[name].iter_rows(values_only=True)
        formula_rows = (
            formula_book[name].iter_rows(values_only=True) if formula_book is not None else itertools.repeat(())
        )
        rows = (
            (n, tuple(_xlsx_cell(v, f) for v, f in itertools.zip_longest(values, formulas)))
            for n, (values, formulas) in enumerate(zip(values_rows, formula_rows, strict=False), start=1)
        )
        try:
            return _table(path.name, rows)
        except (zipfile.BadZipFile, ValueError, EOFError, *_xml_errors()):  # a sheet broken or hostile
            raise InputError([Problem.of("", Complaint("import.xlsx_unreadable"))], path.name) from None
    finally:
        values_book.close()
        if formula_book is not None:
            formula_book.close()


def _has_formulas(path: Path) -> bool:
    """Whether any sheet holds a formula: only then is the slow second read
    needed. Read in pieces, so an unpacked sheet is never held whole."""
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if not name.startswith("xl/worksheets/"):
                continue
            with archive.open(name) as stream:
                tail = b""
                while chunk := stream.read(1024 * 1024):
                    window = tail + chunk
                    if b"<f>" in window or b"<f " in window:
                        return True
                    tail = window[-3:]
    return False


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


def _checked(cell: Cell) -> Cell:
    if isinstance(cell, str) and (problem := limits.text_problem(cell)) is not None:
        return CellError(problem)
    return cell


def _table(source: str, numbered: Iterator[tuple[int, tuple[Cell, ...]]]) -> Table:
    headers: tuple[str, ...] | None = None
    rows: list[Row] = []
    cells_kept = 0
    for number, cells in numbered:
        if _is_empty(cells):
            continue
        end = len(cells)
        while end and (cells[end - 1] is None or cells[end - 1] == ""):
            end -= 1
        cells = tuple(_checked(c) for c in cells[:end])
        cells_kept += len(cells)
        if cells_kept > limits.MAX_TABLE_CELLS:
            raise InputError([Problem.of(f"row {number}", Complaint("import.too_many_cells", {"limit": limits.MAX_TABLE_CELLS}))], source)
        if headers is None:
            headers = tuple("" if c is None else str(c).strip() for c in cells)
            continue
        if len(rows) >= limits.MAX_TABLE_ROWS:
            raise InputError([Problem.of(f"row {number}", Complaint("import.too_many_rows", {"limit": limits.MAX_TABLE_ROWS}))], source)
        rows.append(Row(number, cells))
    if headers is None:
        raise InputError([Problem.of("", Complaint("import.empty"))], source)
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
