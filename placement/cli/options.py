"""Options shared by several commands."""

from __future__ import annotations

import argparse

from placement.spreadsheet_text import DEFAULT_DIALECT, CsvDialect


def add_csv_dialect(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--csv-dialect", choices=[d.value for d in CsvDialect], default=DEFAULT_DIALECT.value,
        help="CSV for which spreadsheet: excel-nl (';' between cells, decimal comma: Dutch Excel) or "
        "excel (',' and decimal point); both UTF-8 with BOM (default: %(default)s)",
    )
