"""Small builders for solver tests: a session in a few readable lines.

Places are given as (km north, km east) of a reference point in Utrecht, so a
test can say "this family is 40 km north of the network" and mean it.
"""

from __future__ import annotations

import math

from solver.geo import EARTH_RADIUS_KM
from solver.problem import (
    Child,
    Family,
    Forbidden,
    Network,
    Pin,
    Point,
    Problem,
    School,
    SiblingGroup,
    Weights,
)

ORIGIN = Point(52.09, 5.12)


def at(north_km: float = 0.0, east_km: float = 0.0) -> Point:
    """A point the given km north and east of the origin (exact north; east along the parallel)."""
    lat = ORIGIN.lat + math.degrees(north_km / EARTH_RADIUS_KM)
    lon = ORIGIN.lon + math.degrees(east_km / (EARTH_RADIUS_KM * math.cos(math.radians(lat))))
    return Point(lat, lon)


def family(
    id: str = "F1",
    where: Point | None = None,
    places: int = 1,
    ages: tuple[int, int] = (0, 20),
    **kw,
) -> Family:
    return Family(
        id,
        where or at(),
        places,
        ages[0],
        ages[1],
        **{k: frozenset(v) if isinstance(v, (set, list, tuple)) else v for k, v in kw.items()},
    )


def child(
    id: str = "C1",
    age: int = 8,
    gender: str = "f",
    safety_km: float = 50.0,
    max_school_km: float = 15.0,
    **kw,
) -> Child:
    for k in ("training_needed", "languages"):
        if k in kw:
            kw[k] = frozenset(kw[k])
    if "networks" in kw:
        kw["networks"] = tuple(kw["networks"])
    return Child(id, age, gender, safety_km, max_school_km, **kw)


def school(
    id: str = "S1", where: Point | None = None, kinds=("primary",), seats: int = 5
) -> School:
    return School(id, where or at(), frozenset(kinds), seats)


def network(id: str = "N1", *where: Point) -> Network:
    return Network(id, tuple(where) or (at(),))


def problem(
    families=(),
    children=(),
    schools=(),
    networks=(),
    groups=(),
    pins=(),
    forbidden=(),
    weights: Weights | None = None,
) -> Problem:
    return Problem(
        families=tuple(families),
        schools=tuple(schools),
        networks=tuple(networks),
        children=tuple(children),
        sibling_groups=tuple(groups),
        pins=tuple(Pin(*p) if isinstance(p, tuple) else p for p in pins),
        forbidden=tuple(Forbidden(*f) if isinstance(f, tuple) else f for f in forbidden),
        weights=weights or Weights(),
    )


def group(id: str = "G1", keep_together: bool = True, max_apart_km: float = 25.0) -> SiblingGroup:
    return SiblingGroup(id, keep_together, max_apart_km)


def placed(proposal) -> dict[str, str]:
    return {p.child: p.family for p in proposal.placements}
