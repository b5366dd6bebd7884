"""The capacity review's figures as plain records: what the service computes
and stores with its snapshot, and what the PDF report and the capacity page
show. They live below both, so the report never reaches up into the service.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class StabilityRow:
    """One figure: ``measure`` is ``started``, ``ended``, ``ended:<reason code>``,
    ``breakdowns_per_100_placement_years``, ``median_duration_days`` or
    ``missing_per_100_children``; ``value`` is a number as text or "<5"."""

    region: str
    quarter: str
    measure: str
    value: str


MEASURES = ("started", "ended", "breakdowns_per_100_placement_years", "median_duration_days",
            "missing_per_100_children")  # fmt: skip


def pivot(rows: tuple[StabilityRow, ...] | list[StabilityRow]) -> list[tuple[str, str, dict[str, str]]]:
    """(region, quarter, measure → value) in region and quarter order, for tables."""
    table: dict[tuple[str, str], dict[str, str]] = {}
    for r in rows:
        table.setdefault((r.region, r.quarter), {})[r.measure] = r.value
    return [(region, quarter, values) for (region, quarter), values in sorted(table.items())]


def reasons_of(values: dict[str, str]) -> list[tuple[str, str]]:
    """(reason code, count text) of the ``ended:`` measures."""
    return [(m.removeprefix("ended:"), v) for m, v in sorted(values.items()) if m.startswith("ended:")]


SMALL = 5
"""Counts below this are shown as "<5": a municipality with one foster family
would otherwise show where that family lives and whether its place is taken."""


@dataclass(frozen=True, slots=True, order=True)
class Shown:
    """A figure as the review shows it: exact, or "<5" / "≥5" where the exact
    number could point at a family or a child. Sorts by the number behind it
    (``order`` hides nothing the text shows: suppressed figures sort together)."""

    rank: int
    text: str

    def __str__(self) -> str:
        return self.text


def count(n: int) -> Shown:
    """A count of families, places or children: "<5" below :data:`SMALL`."""
    return Shown(0, f"<{SMALL}") if n < SMALL else Shown(n, str(n))


def coarse(n: int) -> Shown:
    """A figure of an area with fewer than :data:`SMALL` families: only "<5" or "≥5"."""
    return Shown(0, f"<{SMALL}") if n < SMALL else Shown(SMALL, f"≥{SMALL}")


def between(low: int, high: int) -> Shown:
    """A figure known only to lie from ``low`` to ``high``, as "72–76"."""
    return Shown(low, f"{low}–{high}")


def total_and_parts(total: int, first: int, second: int) -> tuple[Shown, Shown, Shown]:
    """``total`` = ``first`` + ``second`` shown so that no part hidden as "<5"
    can be worked out from the other two (secondary suppression): beside a
    hidden part the other part is shown as the range it must lie in
    ("72–76" beside 76 places and "<5" occupied), and when both parts are
    hidden the total is shown as "≥5" (8 = "<5" + "<5" would give 4 + 4).
    A range keeps the figure a manager plans with (free places) near its true
    value instead of hiding it. Parts that do not add up to ``total`` (an
    over-full unit) are shown each by itself."""
    shown = count(total), count(first), count(second)
    if total < SMALL or first + second != total:
        return shown
    first_small, second_small = first < SMALL, second < SMALL
    if first_small and second_small:
        return coarse(total), shown[1], shown[2]
    low = max(total - (SMALL - 1), 0)
    if first_small:
        return shown[0], shown[1], between(low, total)
    if second_small:
        return shown[0], between(low, total), shown[2]
    return shown


@dataclass(frozen=True, slots=True)
class RegionRow:
    """Places in one province (``municipality`` None) or one municipality."""

    province: str
    municipality: str | None
    families: int
    paused: int
    places: int
    occupied: int

    @property
    def free(self) -> int:
        return self.places - self.occupied

    @property
    def small(self) -> bool:
        """Fewer than :data:`SMALL` families: their places and occupancy are
        as good as a single family's, so they are shown coarsely."""
        return self.families + self.paused < SMALL

    def shown(self) -> tuple[Shown, Shown, Shown, Shown, Shown]:
        """Families, paused, places, occupied, free as the review shows them."""
        if self.small:
            places, occupied, free = coarse(self.places), coarse(self.occupied), coarse(self.free)
        else:
            places, occupied, free = total_and_parts(self.places, self.occupied, self.free)
        return count(self.families), count(self.paused), places, occupied, free


@dataclass(frozen=True, slots=True)
class ClosedRow:
    """Closed youth-care places in one province, beside its foster places.
    Counts below :data:`SMALL` are shown as "<5", as every count here."""

    province: str
    units: int
    places: int
    occupied: int

    @property
    def free(self) -> int:
        return max(self.places - self.occupied, 0)

    def shown(self) -> tuple[Shown, Shown, Shown, Shown]:
        """Units, places, occupied, free as the review shows them."""
        return count(self.units), *total_and_parts(self.places, self.occupied, self.free)


@dataclass(frozen=True, slots=True)
class TrainedRow:
    tag: str
    families: int
    free_places: int

    def shown(self) -> tuple[Shown, Shown]:
        figure = coarse if self.families < SMALL else count
        return count(self.families), figure(self.free_places)


@dataclass(frozen=True, slots=True)
class CountRow:
    category: str
    children: int


@dataclass(frozen=True, slots=True)
class NoFitRow:
    """A kind of waiting child no family passes the hard rules for."""

    age_band: str
    gender: str
    training: tuple[str, ...]
    school_kind: str | None
    networks: int
    children: int
    blocking_rule: str
    """The solver's name of the rule that shuts out the most families for these
    children (``solver.rules.PAIR_RULES``)."""


@dataclass(frozen=True, slots=True)
class CapacityReport:
    on_date: dt.date
    provinces: tuple[RegionRow, ...]
    regions: tuple[RegionRow, ...]
    trained: tuple[TrainedRow, ...]
    waiting_by_age: tuple[CountRow, ...]
    waiting_by_need: tuple[CountRow, ...]
    no_fit: tuple[NoFitRow, ...]
    stability: tuple[StabilityRow, ...] = ()
    """Per region and quarter (placement.services.stability); small counts already suppressed."""
    closed: tuple[ClosedRow, ...] = ()
    """Closed youth-care places per province (active units only)."""

    @property
    def total(self) -> RegionRow:
        return RegionRow(
            "Nederland", None,
            sum(r.families for r in self.provinces), sum(r.paused for r in self.provinces),
            sum(r.places for r in self.provinces), sum(r.occupied for r in self.provinces),
        )

    @property
    def closed_total(self) -> ClosedRow:
        return ClosedRow(
            "Nederland", sum(r.units for r in self.closed), sum(r.places for r in self.closed),
            sum(r.occupied for r in self.closed),
        )

    @property
    def waiting(self) -> int:
        return sum(r.children for r in self.waiting_by_age)
