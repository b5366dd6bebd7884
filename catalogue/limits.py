"""Every limit and default of the domain, written once.

The database's check constraints, the registry's forms, the session reader,
the importer, the solver's defaults and the app's spin boxes read these
names; none writes the numbers again (``tests/catalogue/test_one_copy.py``
looks for copies). A range knows its own complaint (:meth:`Range.complaint`),
so a value out of range reads the same whichever way it came in.

(How much input the program reads at all, file sizes and counts, is
``placement.limits``.)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from catalogue.validation_sentences import Complaint


@dataclass(frozen=True, slots=True)
class Range:
    """Whole numbers from ``low`` to ``high``, both included."""

    low: int
    high: int

    def __contains__(self, value: object) -> bool:
        return isinstance(value, int) and self.low <= value <= self.high

    def complaint(self, value: int) -> Complaint | None:
        """Why ``value`` is out of range, or None when it is in."""
        if self.low <= value <= self.high:
            return None
        return Complaint("range.between", {"low": self.low, "high": self.high})

    def sql(self, column: str) -> str:
        """The range as an SQL check (``total_places BETWEEN 0 AND 20``)."""
        return f"{column} BETWEEN {self.low} AND {self.high}"


AGE: Final = Range(0, 20)
"""A child's age in completed years, and a family's youngest and oldest age taken."""
PLACES: Final = Range(0, 20)
"""A foster family's places (total in the register, free in a session file)."""
UNIT_PLACES: Final = Range(0, 60)
"""A closed youth-care unit's places: one home with up to 60."""
CLOSED_UNIT_WEIGHT: Final = 50.0
"""The session contract's default ``closed_unit`` weight: points a placement in
a closed unit costs, so the least restrictive place that fits comes first."""
UNITS_IN_ALTERNATIVES: Final = 3
"""How many closed units an authorised child's alternatives list beside the best
families: the ``closed_unit`` weight keeps units out of the top, by policy, yet
the officer must still be able to choose one."""
AUTHORISATION_WARNING_DAYS: Final = 28
"""A court authorisation for closed care ending within this many days is shown to the officer."""
PRIORITY: Final = Range(1, 5)
"""A child's priority; 5 is the most urgent."""
FREE_SEATS: Final = Range(0, 1_000_000)
"""A school's free seats: not in the spec ("integer >= 0"), but no school has
a million, and the solver needs numbers that fit its 64-bit arithmetic."""

AGE_BANDS: Final[tuple[tuple[str, int, int], ...]] = (
    ("0-3", 0, 3),
    ("4-11", 4, 11),
    ("12-15", 12, 15),
    (f"16-{AGE.high}", 16, AGE.high),
)
"""Age bands officers filter children by: toddlers, primary, early and late secondary."""

DEFAULT_PRIORITY: Final = PRIORITY.low
DEFAULT_PLACES: Final = 1
"""Places a new family starts with in a form."""

DEFAULT_SAFETY_KM: Final = 50.0
"""Distance a child keeps from every location of its networks, unless its own is set."""
DEFAULT_MAX_SCHOOL_KM: Final = 15.0
"""Longest trip from the foster family to the school, unless the child's own is set."""
DEFAULT_MAX_APART_KM: Final = 25.0
"""Farthest two siblings of a group may live apart when they cannot be together."""
DEFAULT_TIME_LIMIT_S: Final = 60.0
"""How long the solver searches for a session unless told otherwise."""
SAFETY_MARGIN_CAP_KM: Final = 50.0
"""Distance beyond the safety distance that still earns score (farther adds nothing)."""

LAT: Final = (-90.0, 90.0)
LON: Final = (-180.0, 180.0)
"""WGS84 degrees a coordinate must lie within."""

MAX_ID_LENGTH: Final = 64
"""An id in a session file, an external reference in an import."""
MAX_NAME_LENGTH: Final = 200
"""A name or a label (family, child, school, network, sibling group)."""
