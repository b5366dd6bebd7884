"""DUO's "alle vestigingen" files and our own cleaned ``schools.csv``.

The three DUO files differ in where the school category lives: the BO file has
none (every row is a regular primary school), the SBO/SO/VSO file has
``SOORT PRIMAIR ONDERWIJS`` (``SBAO``, ``SO``, ``VSO``, ``(V)SO``), and the VO
file has ``ONDERWIJSSTRUCTUUR``. Older BO files give the location as
``INSTELLINGSCODE`` + ``VESTIGINGSNUMMER`` instead of a 6-character code.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from placement.importing.headers import normalise

_CODE = re.compile(r"^\d\d[A-Z]{2}\d\d$")
_BRIN = re.compile(r"^\d\d[A-Z]{2}$")

# The same heuristic that produced ``newcomer_hint`` in resources/data/schools.csv
# (see resources/data/SOURCES.md), so a DUO re-import keeps those schools' newcomer kind.
_NEWCOMER_NAME = re.compile(
    r"\bisk\b|internationale schakel|nieuwkomer|taalschool|taalcentrum|\bnt-?2\b|wereldschool|\bazc\b",
    re.IGNORECASE,
)


def layout_name(headers: Sequence[str]) -> str | None:
    """Which known school layout a header row is, for the report; ``None`` for any other file."""
    names = {normalise(h) for h in headers}
    if "vestigingsnaam" in names:
        if "onderwijsstructuur" in names:
            return "DUO VO (02.-alle-vestigingen-vo)"
        if "soort primair onderwijs" in names or "onderwijs" in names:
            return "DUO SBO/SO/VSO (09.-alle-vestigingen-sbo-so-en-vso)"
        return "DUO BO (02.-alle-schoolvestigingen-basisonderwijs)"
    if {"vestigingscode", "school type", "newcomer hint"} <= names:
        return "placement schools.csv"
    return None


def implied_category(mapped_fields: Collection[str], headers: Sequence[str]) -> str | None:
    """The category every row has when the file has no category column."""
    if "vo_structure" in mapped_fields:
        return "VO"
    if "so_onderwijs" in mapped_fields:
        return None  # SO files always carry a category column; do not guess SO vs VSO
    layout = layout_name(headers)
    return "BAO" if layout is not None and layout.startswith("DUO BO") else None


def school_code(code: str, brin: str = "", number: str = "") -> str:
    """The 6-character vestigingscode; raises :class:`ValueError` with a reason otherwise."""
    code = code.strip().upper()
    brin = brin.strip().upper()
    number = number.strip()
    if not code or (brin and code.isdigit() and len(code) <= 2):
        number = number or code
        if not brin:
            raise ValueError("is not a DUO location code (6 characters such as 32JK00)")
        if not _BRIN.match(brin):
            raise ValueError("is not a BRIN (4 characters such as 32JK)")
        if not number.isdigit() or len(number) > 2:
            raise ValueError("is not a location number (0-99)")
        code = f"{brin}{int(number):02d}"
    if not _CODE.match(code):
        raise ValueError("is not a DUO location code (6 characters such as 32JK00)")
    return code


_NEWCOMER_WEBSITE = re.compile(r"(^|[^a-z])isk([^a-z]|$)", re.IGNORECASE)


def looks_newcomer(name: str, website: str = "") -> bool:
    return (
        bool(_NEWCOMER_NAME.search(name))
        or normalise(name) == "onze wereld"
        or bool(_NEWCOMER_WEBSITE.search(website))
    )
