"""Text cells that a spreadsheet would run as formulas.

Excel and LibreOffice treat a CSV cell starting with ``=``, ``+``, ``-`` or
``@`` as a formula, so a note like ``=HYPERLINK(...)`` in an exported registry
would run on the reader's machine (CSV injection). Exports put a ``'`` in
front of such text, the convention spreadsheets themselves use for "this is
text"; imports take it off again, so an export imports back unchanged.
"""

from __future__ import annotations

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def protect(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def unprotect(text: str) -> str:
    return text[1:] if text.startswith("'") and text[1:].startswith(_FORMULA_STARTS) else text
