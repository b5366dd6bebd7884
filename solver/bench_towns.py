"""A second benchmark generator, written from the session contract alone.

``solver.bench`` builds sessions from the real postcode and school tables.
This one shares nothing with it but the contract
(``docs/session-format.md``): a different structure on purpose, so that the
solver is not tuned to one generator's habits.

- **Clustered towns.** Synthetic towns (sizes falling off like Zipf's law)
  over the Netherlands' bounding box; families and schools crowd round
  them, a few families live in the countryside between.
- **Networks where the children come from.** Each network has a home town
  and locations round it; about one network in five also has locations
  abroad (Belgium, Germany, France, Romania, Bulgaria, Albania). A child
  is mostly linked to the network of its own home town, so the families
  near home are the ones it may not go to.
- **Many sibling groups** of two to four, half of them kept together.
- **Tight school seats**: most schools have 0–2 free seats.
- **Pins and forbidden pairs** that the rules allow, so the session stays
  feasible: pins name a family (and often a school) that fits the child.

``session(size, seed)`` returns a :class:`solver.problem.Problem`; the
benchmark script (:mod:`solver.bench`) runs it next to the first generator.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

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
)

#: The contract's Earth radius (haversine), km.
EARTH_KM = 6371.0088
#: The Netherlands, roughly: (south, north, west, east) in degrees.
BOX = (50.8, 53.4, 3.6, 7.1)
#: Cities abroad where networks are known to keep people (lat, lon).
ABROAD = (
    (51.22, 4.40),  # Antwerp
    (50.85, 4.35),  # Brussels
    (50.94, 6.96),  # Cologne
    (51.51, 7.47),  # Dortmund
    (48.86, 2.35),  # Paris
    (44.43, 26.10),  # Bucharest
    (42.70, 23.32),  # Sofia
    (41.33, 19.82),  # Tirana
)
LANGUAGES = ("nl", "en", "ar", "tr", "pl", "ro", "bg", "sq", "ti", "uk")
KINDS = ("primary", "secondary", "special", "newcomer")


@dataclass(frozen=True, slots=True)
class TownSize:
    """How big a generated session is."""

    name: str
    children: int
    families: int
    schools: int
    networks: int
    groups: int
    towns: int
    pins: int
    forbidden: int
    #: free places of a family are drawn from these
    places: tuple[int, ...] = (1, 1, 1, 2, 2, 3, 4)


SIZES = {
    "small": TownSize("small", 40, 200, 200, 4, 6, 8, 2, 4),
    "medium": TownSize("medium", 200, 1000, 1500, 12, 20, 25, 4, 8),
    "national": TownSize("national", 1000, 5000, 8000, 50, 100, 60, 8, 20),
    "scarce": TownSize("scarce", 400, 250, 2000, 20, 40, 20, 4, 8, places=(1, 1, 2)),
    "national4": TownSize("national4", 4000, 20000, 20000, 200, 400, 150, 16, 40),
}


def km_between(a: Point, b: Point) -> float:
    """The contract's distance: haversine, Earth radius 6371.0088 km."""
    lat_a, lat_b = math.radians(a.lat), math.radians(b.lat)
    d_lat, d_lon = lat_b - lat_a, math.radians(b.lon - a.lon)
    haversine = (
        math.sin(d_lat / 2) ** 2 + math.cos(lat_a) * math.cos(lat_b) * math.sin(d_lon / 2) ** 2
    )
    return 2 * EARTH_KM * math.asin(math.sqrt(min(1.0, haversine)))


@dataclass(frozen=True, slots=True)
class Town:
    centre: Point
    weight: float
    spread_km: float


def _around(rnd: random.Random, centre: Point, spread_km: float) -> Point:
    """A point scattered round ``centre`` (normal, ``spread_km`` per axis)."""
    north = rnd.gauss(0.0, spread_km)
    east = rnd.gauss(0.0, spread_km)
    lat = centre.lat + north / 111.2
    lon = centre.lon + east / (111.2 * math.cos(math.radians(centre.lat)))
    return Point(round(lat, 6), round(lon, 6))


def _towns(rnd: random.Random, count: int) -> list[Town]:
    south, north, west, east = BOX
    towns = []
    for rank in range(1, count + 1):
        centre = Point(rnd.uniform(south, north), rnd.uniform(west, east))
        weight = 1.0 / rank
        towns.append(Town(centre, weight, 1.5 + 6.0 * weight**0.5))
    return towns


def _place(rnd: random.Random, towns: list[Town], countryside: float) -> Point:
    if rnd.random() < countryside:
        south, north, west, east = BOX
        return Point(rnd.uniform(south, north), rnd.uniform(west, east))
    town = rnd.choices(towns, [town.weight for town in towns])[0]
    return _around(rnd, town.centre, town.spread_km)


def _families(rnd: random.Random, size: TownSize, towns: list[Town]) -> list[Family]:
    out = []
    for number in range(size.families):
        young = rnd.random() < 0.35
        age_min = rnd.choice([0, 0, 2, 4]) if young else rnd.choice([6, 8, 10, 12])
        age_max = rnd.choice([10, 12, 14]) if young else rnd.choice([16, 17, 18, 20])
        genders = rnd.choices(
            [("f", "m", "x"), ("f", "x"), ("m", "x"), ("f",), ("m",)], [70, 10, 10, 5, 5]
        )[0]
        training = [
            training
            for training, chance in (("exploitation", 0.65), ("trauma", 0.5), ("lvb", 0.2))
            if rnd.random() < chance
        ]
        languages = {"nl"} if rnd.random() < 0.85 else set()
        languages |= set(rnd.sample(LANGUAGES[1:], rnd.choice([0, 0, 1, 1, 2])))
        out.append(
            Family(
                id=f"T-F{number:05d}",
                location=_place(rnd, towns, countryside=0.08),
                free_places=rnd.choice(size.places),
                age_min=age_min,
                age_max=max(age_min, age_max),
                genders=frozenset(genders),
                training=frozenset(training),
                languages=frozenset(languages),
            )
        )
    return out


def _schools(rnd: random.Random, size: TownSize, towns: list[Town]) -> list[School]:
    out = []
    for number in range(size.schools):
        kind = rnd.choices(KINDS, [55, 25, 12, 8])[0]
        kinds = {kind}
        if kind == "secondary" and rnd.random() < 0.1:
            kinds.add("newcomer")
        seats = rnd.choices([0, 1, 2, 3, 6], [35, 30, 20, 10, 5])[0]
        location = _place(rnd, towns, countryside=0.03)
        out.append(School(f"T-S{number:05d}", location, frozenset(kinds), seats))
    return out


def _networks(rnd: random.Random, size: TownSize, towns: list[Town]) -> list[tuple[Network, int]]:
    """Networks with the index of their home town."""
    out = []
    for number in range(size.networks):
        home = rnd.choices(range(len(towns)), [town.weight for town in towns])[0]
        locations = [_around(rnd, towns[home].centre, 3.0) for _ in range(rnd.randint(3, 7))]
        if rnd.random() < 0.2:
            for _ in range(rnd.randint(1, 3)):
                lat, lon = rnd.choice(ABROAD)
                locations.append(_around(rnd, Point(lat, lon), 4.0))
        out.append((Network(f"T-N{number:03d}", tuple(locations)), home))
    return out


def _child(
    rnd: random.Random, number: int, networks: tuple[str, ...], group: str | None, age: int
) -> Child:
    if age < 4:
        kind = None
    elif rnd.random() < 0.1:
        kind = "special"
    elif rnd.random() < 0.06:
        kind = "newcomer"
    else:
        kind = "primary" if age <= 11 else "secondary"
    needs = [
        training
        for training, chance in (("exploitation", 0.6), ("trauma", 0.3), ("lvb", 0.05))
        if rnd.random() < chance
    ]
    languages = {"nl"} if rnd.random() < 0.7 else set()
    if not languages or rnd.random() < 0.3:
        languages.add(rnd.choice(LANGUAGES[1:]))
    return Child(
        id=f"T-C{number:05d}",
        age=age,
        gender=rnd.choices(["f", "m", "x"], [48, 48, 4])[0],
        safety_km=rnd.choice([30.0, 50.0, 50.0, 50.0, 75.0]),
        max_school_km=rnd.choice([10.0, 15.0, 15.0, 20.0]),
        priority=rnd.randint(1, 5),
        training_needed=frozenset(needs),
        languages=frozenset(languages),
        school_kind=kind,
        networks=networks,
        sibling_group=group,
    )


def _children(
    rnd: random.Random, size: TownSize, networks: list[tuple[Network, int]]
) -> tuple[list[Child], list[SiblingGroup]]:
    by_town: dict[int, list[str]] = {}
    for network, home in networks:
        by_town.setdefault(home, []).append(network.id)
    homes = sorted(by_town)
    children: list[Child] = []
    groups: list[SiblingGroup] = []
    while len(children) < size.children:
        home = rnd.choice(homes)
        network_ids = [rnd.choice(by_town[home])]
        if rnd.random() < 0.15:
            other, _ = rnd.choice(networks)
            network_ids.append(other.id)
        linked = tuple(dict.fromkeys(network_ids)) if rnd.random() < 0.92 else ()
        left = size.children - len(children)
        count = 1
        if len(groups) < size.groups and left >= 2:
            count = min(left, rnd.choice([2, 2, 3, 4]))
        group = None
        if count > 1:
            group = f"T-G{len(groups):04d}"
            keep = rnd.random() < 0.5
            groups.append(SiblingGroup(group, keep, rnd.choice([10.0, 20.0, 25.0, 40.0])))
        oldest = rnd.randint(2, 17)
        for younger in range(count):  # how many siblings are older
            age = max(0, oldest - 2 * younger - rnd.randint(0, 1))
            children.append(_child(rnd, len(children), linked, group, age))
    return children, groups


def _fits(
    child: Child,
    family: Family,
    networks: dict[str, Network],
    used: dict[str, int],
    forbidden: set,
) -> bool:
    """Rules 2–6 and 1's forbidden pairs, straight from the contract."""
    if (child.id, family.id) in forbidden or used.get(family.id, 0) >= family.free_places:
        return False
    if not family.age_min <= child.age <= family.age_max or child.gender not in family.genders:
        return False
    if not child.training_needed <= family.training:
        return False
    return all(
        km_between(family.location, location) >= child.safety_km
        for network in child.networks
        for location in networks[network].locations
    )


def _school_for(
    child: Child, family: Family, schools: list[School], seats: dict[str, int]
) -> School | None:
    """The nearest school of the child's kind within reach with a seat left (rule 7)."""
    best: School | None = None
    best_km = math.inf
    for school in schools:
        if child.school_kind in school.kinds and seats[school.id] > 0:
            km = km_between(family.location, school.location)
            if km <= child.max_school_km and (best is None or km < best_km):
                best, best_km = school, km
    return best


def _pins_and_forbidden(
    rnd: random.Random,
    size: TownSize,
    children: list[Child],
    families: list[Family],
    schools: list[School],
    networks: dict[str, Network],
) -> tuple[list[Pin], list[Forbidden]]:
    """Pins on lone children at a family (and school) the rules allow, and
    forbidden pairs the rules would otherwise allow."""
    lone = [child for child in children if child.sibling_group is None]
    rnd.shuffle(lone)
    used: dict[str, int] = {}  # family id -> places the pins took
    seats = {school.id: school.free_seats for school in schools}
    pins: list[Pin] = []
    forbidden: list[Forbidden] = []
    banned: set[tuple[str, str]] = set()
    for child in lone:
        want_pin = len(pins) < size.pins
        if not want_pin and len(forbidden) >= size.forbidden:
            break
        sample = rnd.sample(families, min(len(families), 400))
        fitting = [family for family in sample if _fits(child, family, networks, used, banned)]
        if not fitting:
            continue
        family = rnd.choice(fitting)
        if want_pin:
            school = None
            if child.school_kind is not None:
                school = _school_for(child, family, schools, seats)
                if school is None:
                    continue
                seats[school.id] -= 1
            used[family.id] = used.get(family.id, 0) + 1
            named = school.id if school is not None and rnd.random() < 0.6 else None
            if named is None and school is not None:
                seats[school.id] += 1  # the solver picks the school
            pins.append(Pin(child.id, family.id, named))
        else:
            banned.add((child.id, family.id))
            forbidden.append(Forbidden(child.id, family.id))
    return pins, forbidden


def session(size: TownSize, seed: int = 1) -> Problem:
    rnd = random.Random(f"towns-{size.name}-{seed}")
    towns = _towns(rnd, size.towns)
    families = _families(rnd, size, towns)
    schools = _schools(rnd, size, towns)
    networks = _networks(rnd, size, towns)
    children, groups = _children(rnd, size, networks)
    by_id = {network.id: network for network, _ in networks}
    pins, forbidden = _pins_and_forbidden(rnd, size, children, families, schools, by_id)
    return Problem(
        families=tuple(families),
        schools=tuple(schools),
        networks=tuple(network for network, _ in networks),
        children=tuple(children),
        sibling_groups=tuple(groups),
        pins=tuple(pins),
        forbidden=tuple(forbidden),
    )
