"""Options shared by several commands."""

from __future__ import annotations

import argparse

from placement.ids import parse_id
from placement.spreadsheet_text import DEFAULT_DIALECT, CsvDialect


def add_csv_dialect(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--csv-dialect", choices=[d.value for d in CsvDialect], default=DEFAULT_DIALECT.value,
        help="CSV for which spreadsheet: excel-nl (';' between cells, decimal comma: Dutch Excel) or "
        "excel (',' and decimal point); both UTF-8 with BOM (default: %(default)s)",
    )


def row_id(text: str) -> int:
    """An argparse type: a database row id (12), refused in one line when it
    is not a number or beyond any id."""
    try:
        return parse_id(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def child_id(text: str) -> int:
    """An argparse type: a child id, C12 or 12."""
    try:
        return parse_id(text, "C")
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
