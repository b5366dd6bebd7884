"""Offline postcode lookup: every accepted spelling resolves to the same PC4
area with the right municipality and province; anything else is refused with
a message that says what is wrong."""

from __future__ import annotations

from typing import Any

import pytest

from placement.errors import InputError
from placement.postcodes import all_postcodes, lookup, normalise, resolve
from solver.geo import distance_km


@pytest.mark.parametrize("spelling", ["1012", "1012AB", "1012 AB", "1012ab", " 1012 ab ", "1012Ab"])
def test_every_accepted_spelling_resolves_to_the_same_area(spelling: str) -> None:
    info = lookup(spelling)
    assert info.pc4 == "1012"
    assert (info.municipality, info.province) == ("Amsterdam", "Noord-Holland")


@pytest.mark.parametrize(
    ("postcode", "municipality", "province", "near"),
    [
        ("1012", "Amsterdam", "Noord-Holland", (52.373, 4.893)),  # Dam square
        ("3011 AB", "Rotterdam", "Zuid-Holland", (51.922, 4.479)),  # Rotterdam centre
        ("9711", "Groningen", "Groningen", (53.219, 6.567)),  # Grote Markt
    ],
)
def test_known_postcodes_give_the_right_municipality_province_and_place(
    postcode: str, municipality: str, province: str, near: tuple[float, float]
) -> None:
    info = lookup(postcode)
    assert (info.municipality, info.province) == (municipality, province)
    assert distance_km(info.lat, info.lon, *near) < 3


def test_normalise_gives_the_canonical_spelling() -> None:
    assert normalise("1012ab") == "1012 AB"
    assert normalise(" 1012 ") == "1012"


@pytest.mark.parametrize(
    ("bad", "says"),
    [
        ("0123", "is not a Dutch postcode"),  # Dutch postcodes never start with 0
        ("12345", "is not a Dutch postcode"),
        ("1234 A", "is not a Dutch postcode"),
        ("1234 ABC", "is not a Dutch postcode"),
        ("", "is not a Dutch postcode"),
        ("   ", "is not a Dutch postcode"),
        (None, "is not a Dutch postcode"),
        (1012, "is not a Dutch postcode"),
        ("1000", "is not in the postcode table"),  # well-formed, but no such area
    ],
)
def test_bad_postcodes_are_refused_saying_why(bad: Any, says: str) -> None:
    with pytest.raises(ValueError, match=says):
        lookup(bad)
    with pytest.raises(InputError) as caught:
        resolve(bad, where="families[3].postcode")
    (line,) = caught.value.lines()
    assert line.startswith("families[3].postcode: ") and says in line


def test_the_table_covers_the_whole_country() -> None:
    table = all_postcodes()
    assert len(table) > 4000
    assert len({p.province for p in table}) == 12
    assert all(50.7 < p.lat < 53.6 and 3.3 < p.lon < 7.3 for p in table)
