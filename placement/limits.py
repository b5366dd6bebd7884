"""How much input the program accepts, in one place.

Files and values beyond these are refused with one line naming the file and
where (exit 2 on the command line), before anything is written, and the
checks are made so that memory stays bounded (well under 1 GB) whatever the
file holds: sizes are checked on the file system before reading, counts while
reading, and reading stops at the first value over a limit.

Read through the module (``limits.MAX_TEXT``), not copied into constants, so a
test can lower a limit instead of writing a 200 MB file.
"""

from __future__ import annotations

MB = 1024 * 1024

MAX_SESSION_BYTES = 200 * MB
"""A session file."""
MAX_TEXT = 10_000
"""Characters in any one text value (a name, a label, a note, a cell)."""
MAX_ITEMS = 100_000
"""Items in any one list of a session file (families, children, ...)."""
MAX_JSON_CONTAINERS = 2_000_000
MAX_JSON_VALUES = 5_000_000
"""Objects and lists, and values (counted as commas), in a JSON file before it
is decoded: what bounds the memory decoding takes. A session of 100,000
families and 100,000 children stays below both."""

MAX_TABLE_BYTES = 100 * MB
"""A CSV or XLSX file to import."""
MAX_TABLE_ROWS = 200_000
MAX_TABLE_CELLS = 3_000_000
"""Cells kept from a CSV or XLSX file (after trailing empty cells are dropped):
200,000 rows of 15 columns; what bounds the memory an import takes."""
MAX_XLSX_INFLATION = 100
"""An XLSX file unpacked may be at most this many times its size."""
MAX_XML_PROLOG = 1 * MB
"""Bytes before the first element of an XML part of an XLSX file."""

CONTROL_ALLOWED = frozenset("\t\n\r")


def control_character(text: str) -> str | None:
    """The first control character in ``text`` (NUL, escape, delete, ...) other
    than a tab or a line break, as ``U+0000``; None when there is none. (The
    C1 range, U+0080 to U+009F, is left alone: it is what a stray byte of a
    Windows-1252 file decodes to, and no database chokes on it.)"""
    for char in text:
        if (char < " " and char not in CONTROL_ALLOWED) or char == "\x7f":
            return f"U+{ord(char):04X}"
    return None


def text_problem(text: str) -> str | None:
    """What is wrong with ``text`` as a stored value, or None."""
    if len(text) > MAX_TEXT:
        return f"is {len(text):,} characters long; at most {MAX_TEXT:,} are allowed"
    if (char := control_character(text)) is not None:
        return f"holds a control character ({char}), which is not allowed in text"
    return None
