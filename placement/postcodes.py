"""Offline Dutch postcode lookup (PC4 centroids from GeoNames, see resources/data/SOURCES.md).

A full postcode ``1234AB`` is looked up by its four digits: the table has no
PC6 points, and the few kilometres of error are documented for the users.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache

from catalogue.validation_sentences import FieldError
from placement.errors import InputError, Problem
from placement.paths import resource

_POSTCODE = re.compile(r"^([1-9][0-9]{3})(?: ?([A-Za-z]{2}))?$")


@dataclass(frozen=True, slots=True)
class PostcodeInfo:
    pc4: str
    lat: float
    lon: float
    place: str
    municipality_code: str
    municipality: str
    province_code: str
    province: str


def normalise(postcode: str) -> str:
    """Canonical form: ``1234`` or ``1234 AB``. Raises :class:`ValueError` when malformed."""
    match = _POSTCODE.match(postcode.strip()) if isinstance(postcode, str) else None
    if match is None:
        raise FieldError("postcode.value_not_dutch", value=postcode)
    digits, letters = match.groups()
    return f"{digits} {letters.upper()}" if letters else digits


@cache
def _table() -> dict[str, PostcodeInfo]:
    with resource("data", "pc4_centroids.csv").open(encoding="utf-8", newline="") as fh:
        return {
            row["pc4"]: PostcodeInfo(
                pc4=row["pc4"],
                lat=float(row["lat"]),
                lon=float(row["lon"]),
                place=row["place"],
                municipality_code=row["municipality_code"],
                municipality=row["municipality"],
                province_code=row["province_code"],
                province=row["province"],
            )
            for row in csv.DictReader(fh)
        }


def lookup(postcode: str) -> PostcodeInfo:
    """Resolve a postcode, or raise :class:`ValueError` saying why it cannot be."""
    pc4 = normalise(postcode)[:4]
    info = _table().get(pc4)
    if info is None:
        raise FieldError("postcode.value_unknown", value=postcode)
    return info


def resolve(postcode: str, where: str = "postcode") -> PostcodeInfo:
    """Like :func:`lookup`, but raises an :class:`InputError` naming the field."""
    try:
        return lookup(postcode)
    except FieldError as exc:
        raise InputError([Problem.of(where, exc.complaint)]) from None


def all_postcodes() -> list[PostcodeInfo]:
    return list(_table().values())
