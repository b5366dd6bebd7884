"""The leak check: the second safeguard of every printed copy.

The finished PDF's text is read back and searched for every value its reader
may not see; this module finds them and reports their categories, never the
values.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable

from pypdf import PdfReader

from placement import textfold
from placement.services.dossier.gathering import DossierData
from placement.services.dossier.recipients import Leak


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)


_DATE = re.compile(r"\b\d{1,2}-\d{1,2}-\d{4}\b")

NAME_PARTICLES = frozenset({
    "van", "de", "der", "den", "het", "t", "ter", "ten", "te", "op", "in", "la", "le", "du", "da", "di",
    "dos", "das", "del", "von", "zu", "el", "al", "ben", "bin", "ibn", "y", "e", "of",
})
"""Name parts too common to stand for a person on their own ("van", "de")."""

INTELLIGENCE_WORDS = 4
"""A run of this many words from a network's notes counts as quoting them."""

_NAME_LEAKS = frozenset({Leak.OTHER_CHILD, Leak.SIBLING})


def _name_parts(name: str) -> set[str]:
    """The parts of a name that identify someone alone ("Zara", "Kanarie",
    "Anders" of "Zara Kanarie-Anders"), folded."""
    return {w for w in textfold.words(name).split() if len(w) >= 2 and w not in NAME_PARTICLES}


def _runs(text: str, n: int = INTELLIGENCE_WORDS) -> set[str]:
    """Every run of ``n`` consecutive folded words of ``text`` (the whole text when shorter)."""
    words_ = textfold.words(text).split()
    if len(words_) <= n:
        return {" " + " ".join(words_) + " "} if words_ else set()
    return {" " + " ".join(words_[i:i + n]) + " " for i in range(len(words_) - n + 1)}


# Numbers as they can stand for a coordinate: 52.3702, 52,3702, -4.89, 4.89°.
_DECIMAL = re.compile(r"(?<![\d.,])([-−]?)(\d{1,3})[.,](\d{2,})")
# Degrees, minutes and optional seconds: 52°22'13.6"N, 52° 22.227' N, 4°53′42″ O.
_DMS = re.compile(
    r"(\d{1,3})\s*[°º˚]\s*(\d{1,2}(?:[.,]\d+)?)\s*['′’´]"
    r"(?:\s*(\d{1,2}(?:[.,]\d+)?)\s*(?:[\"″”]|''|′′)?)?"
)


def _decimals(number: str) -> int:
    return len(number.replace(",", ".").partition(".")[2])


def _numbers(text: str) -> list[tuple[float, float]]:
    """Every number in ``text`` that could be a coordinate, as (absolute value,
    resolution): 52.37 is (52.37, 0.01); 52°22' is (52.3667, 1/60)."""
    found = []
    for _sign, whole, decimals in _DECIMAL.findall(text):
        found.append((float(f"{whole}.{decimals}"), 10.0 ** -len(decimals)))
    for degrees, minutes, seconds in _DMS.findall(text):
        value = int(degrees) + float(minutes.replace(",", ".")) / 60
        resolution = 10.0 ** -_decimals(minutes) / 60
        if seconds:
            value += float(seconds.replace(",", ".")) / 3600
            resolution = 10.0 ** -_decimals(seconds) / 3600
        found.append((value, resolution))
    return found


def _near(value: float, numbers: list[tuple[float, float]]) -> float | None:
    """The finest resolution at which ``value`` is written in ``numbers`` (rounded
    or cut off), or None."""
    target = abs(value)
    hits = [res for number, res in numbers if abs(number - target) < res * (1 + 1e-9)]
    return min(hits) if hits else None


def _coordinates_shown(point: str, numbers: list[tuple[float, float]]) -> bool:
    """True when the text gives this point away: one of its numbers to three
    decimals or finer (about 100 m), or both of them to two decimals (about a
    kilometre) or to whole minutes."""
    lat, lon = (float(v) for v in point.split())
    at_lat, at_lon = _near(lat, numbers), _near(lon, numbers)
    fine = [r for r in (at_lat, at_lon) if r is not None and r <= 0.001 + 1e-12]
    return bool(fine) or (at_lat is not None and at_lon is not None)


def leaks_in_text(text: str, forbidden: dict[Leak, frozenset[str]], allowed: Iterable[str] = ()) -> list[Leak]:
    """Categories of ``forbidden`` values that appear in ``text``: see :func:`find_leaks`."""
    raw = _DATE.sub(" ", textfold.digits(text))
    folded = textfold.words(raw)
    numbers = _numbers(raw)
    shown = {textfold.words(v) for v in allowed}
    shown_parts = set().union(*(_name_parts(v) for v in allowed)) if allowed else set()
    found = []
    for leak, values in forbidden.items():
        for value in values:
            if leak == Leak.COORDINATES:
                hit = _coordinates_shown(value, numbers)
            else:
                key = textfold.words(value)
                if not key.strip() or key in shown:
                    continue
                keys = {key}
                if leak in _NAME_LEAKS:
                    keys |= {f" {part} " for part in _name_parts(value) - shown_parts}
                elif leak == Leak.INTELLIGENCE:
                    keys |= _runs(value)
                hit = any(k in folded for k in keys)
            if hit:
                found.append(leak)
                break
    return sorted(found, key=list(Leak).index)


def find_leaks(pdf: bytes, forbidden: dict[Leak, frozenset[str]], allowed: Iterable[str] = ()) -> list[Leak]:
    """Categories of ``forbidden`` values that appear in the PDF's text.

    Both the text and the values are folded first (:mod:`placement.textfold`:
    NFKC, invisible characters removed, look-alike letters and case folded),
    then compared as whole words, so punctuation and where lines break do not
    matter and "Dorpsstraat 1" is not found in "Dorpsstraat 12". Besides the
    whole value:

    - another child's or a sibling's name is found by any one of its parts
      ("Zara" alone), except parts of the names the reader may see and
      particles such as "van" or "de";
    - a network's notes are found by any run of :data:`INTELLIGENCE_WORDS`
      words;
    - a coordinate (kept as "lat lon") is found in decimal degrees with a
      dot or a comma, rounded or cut off, to three decimals or finer, or
      both numbers of the pair to two decimals; and in degrees and minutes,
      with or without seconds.

    Dates are left out of the search (a postcode "2026" is not the year). A
    value the recipient may legitimately see (their own postcode, shared by
    another family) is not held against the document.
    """
    return leaks_in_text(pdf_text(pdf), forbidden, allowed)


def allowed_values(d: DossierData, may_not_see: frozenset[Leak]) -> set[str]:
    """Values the recipient may see: the child's, the foster family's, the
    guardian's and the school's names, the municipalities the dossier names
    (their parts are not held against the document as parts of another
    child's name: a school called "Sancta Maria" is no sign of a Maria), and
    every value of a category they are allowed. Derived from the categories,
    not from the section switches, so a wrong switch can never excuse what it
    lets through."""
    shown = {d.name, d.family_name or "", d.guardian or "", d.school_name or "", d.family_municipality or "",
             d.school_municipality or "", *(area.municipality for area in d.avoid)}
    for leak, values in d.secrets.items():
        if leak not in may_not_see:
            shown |= values
    return shown
