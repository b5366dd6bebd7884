"""Column-wise views of families, schools and networks for vectorised rules.

Checking a child against thousands of families one object at a time is far
too slow for a national session; these tables turn the attributes the hard
rules look at into numpy arrays once, so that a rule is a handful of array
operations per child.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np
from numpy.typing import NDArray
from scipy.spatial import cKDTree

from solver.geo import EARTH_RADIUS_KM, haversine_km
from solver.problem import Family, Network, Problem, School


def unit_vectors(lat: NDArray[np.float64], lon: NDArray[np.float64]) -> NDArray[np.float64]:
    """Points on the unit sphere: straight-line (chord) order equals great-circle order."""
    lat_rad, lon_rad = np.radians(lat), np.radians(lon)
    return np.column_stack(
        (np.cos(lat_rad) * np.cos(lon_rad), np.cos(lat_rad) * np.sin(lon_rad), np.sin(lat_rad))
    )


def chord_for_km(km: float) -> float:
    """Chord length on the unit sphere of a great-circle distance, widened a
    hair so that a radius query never misses a point the exact haversine
    check would accept (the exact check follows every query)."""
    angle = min(km / EARTH_RADIUS_KM, np.pi)
    return 2.0 * np.sin(angle / 2.0) * (1 + 1e-9) + 1e-12


def _tag_masks(tag_sets: list[frozenset[str]]) -> dict[str, NDArray[np.bool_]]:
    """Per tag: which of the rows (one tag set each) carry it."""
    tags = sorted({tag for tag_set in tag_sets for tag in tag_set})
    return {
        tag: np.fromiter((tag in tag_set for tag_set in tag_sets), dtype=bool, count=len(tag_sets))
        for tag in tags
    }


@dataclass(slots=True)
class FamilyTable:
    families: tuple[Family, ...]
    index: dict[str, int]
    lat: NDArray[np.float64]
    lon: NDArray[np.float64]
    places: NDArray[np.int64]
    age_min: NDArray[np.int64]
    age_max: NDArray[np.int64]
    genders: dict[str, NDArray[np.bool_]]
    training: dict[str, NDArray[np.bool_]]
    languages: dict[str, NDArray[np.bool_]]
    #: closed youth-care units (rule 10, the ``closed_unit`` score term)
    closed: NDArray[np.bool_]
    #: per school kind: the homes that teach it on site (rule 7)
    on_site: dict[str, NDArray[np.bool_]]

    @classmethod
    def of(cls, families: tuple[Family, ...]) -> FamilyTable:
        return cls(
            families=families,
            index={family.id: index for index, family in enumerate(families)},
            lat=np.array([family.location.lat for family in families], dtype=np.float64),
            lon=np.array([family.location.lon for family in families], dtype=np.float64),
            places=np.array([family.free_places for family in families], dtype=np.int64),
            age_min=np.array([family.age_min for family in families], dtype=np.int64),
            age_max=np.array([family.age_max for family in families], dtype=np.int64),
            genders=_tag_masks([family.genders for family in families]),
            training=_tag_masks([family.training for family in families]),
            languages=_tag_masks([family.languages for family in families]),
            closed=np.fromiter(
                (family.closed for family in families), dtype=bool, count=len(families)
            ),
            on_site=_tag_masks([family.school_on_site for family in families]),
        )

    def schooled_on_site(self, kind: str | None) -> NDArray[np.bool_]:
        """The homes where a child of this school kind goes to school on site."""
        if kind is None or kind not in self.on_site:
            return np.zeros(len(self), dtype=bool)
        return self.on_site[kind]

    def __len__(self) -> int:
        return len(self.families)

    def has_all(
        self, masks: dict[str, NDArray[np.bool_]], tags: frozenset[str]
    ) -> NDArray[np.bool_]:
        out = np.ones(len(self), dtype=bool)
        for tag in tags:
            out &= masks.get(tag, np.zeros(len(self), dtype=bool))
        return out

    def has_any(
        self, masks: dict[str, NDArray[np.bool_]], tags: frozenset[str]
    ) -> NDArray[np.bool_]:
        out = np.zeros(len(self), dtype=bool)
        for tag in tags:
            if tag in masks:
                out |= masks[tag]
        return out


class SchoolsInReach(NamedTuple):
    """The schools within a child's reach of a place, nearest first, as
    arrays (the greedy reads thousands of these lists)."""

    school: NDArray[np.int64]  # school indices
    km: NDArray[np.float64]  # exact great-circle distances


_NO_SCHOOLS = SchoolsInReach(np.zeros(0, dtype=np.int64), np.zeros(0))


@dataclass(slots=True)
class SchoolReach:
    """For one (kind, radius): each family's nearest usable school.

    ``nearest`` is -1 and ``km`` is inf where no school of the kind with a
    free seat lies within the radius."""

    nearest: NDArray[np.int64]
    km: NDArray[np.float64]


@dataclass(slots=True)
class SchoolTable:
    schools: tuple[School, ...]
    index: dict[str, int]
    lat: NDArray[np.float64]
    lon: NDArray[np.float64]
    seats: NDArray[np.int64]
    by_kind: dict[str, NDArray[np.int64]]
    _trees: dict[str, cKDTree] = field(default_factory=dict)
    _reach: dict[tuple[str, float], SchoolReach] = field(default_factory=dict)

    @classmethod
    def of(cls, schools: tuple[School, ...]) -> SchoolTable:
        seats = np.array([school.free_seats for school in schools], dtype=np.int64)
        kinds = sorted({kind for school in schools for kind in school.kinds})
        by_kind = {
            kind: np.array(
                [
                    index
                    for index, school in enumerate(schools)
                    if kind in school.kinds and school.free_seats > 0
                ],
                dtype=np.int64,
            )
            for kind in kinds
        }
        return cls(
            schools=schools,
            index={school.id: index for index, school in enumerate(schools)},
            lat=np.array([school.location.lat for school in schools], dtype=np.float64),
            lon=np.array([school.location.lon for school in schools], dtype=np.float64),
            seats=seats,
            by_kind=by_kind,
        )

    def _tree(self, kind: str) -> cKDTree | None:
        of_kind = self.by_kind.get(kind)
        if of_kind is None or len(of_kind) == 0:
            return None
        if kind not in self._trees:
            self._trees[kind] = cKDTree(unit_vectors(self.lat[of_kind], self.lon[of_kind]))
        return self._trees[kind]

    def reach(self, kind: str, radius_km: float, families: FamilyTable) -> SchoolReach:
        """Nearest school with a free seat per family (cached per kind and radius)."""
        key = (kind, radius_km)
        if key in self._reach:
            return self._reach[key]
        nearest = np.full(len(families), -1, dtype=np.int64)
        km = np.full(len(families), np.inf)
        tree = self._tree(kind)
        if tree is not None and len(families):
            _, position = tree.query(unit_vectors(families.lat, families.lon), k=1)
            school = self.by_kind[kind][position]
            school_km = haversine_km(families.lat, families.lon, self.lat[school], self.lon[school])
            within = school_km <= radius_km
            nearest[within] = school[within]
            km[within] = school_km[within]
        self._reach[key] = SchoolReach(nearest, km)
        return self._reach[key]

    def reach_lists(
        self, kind: str, radius_km: float, families: FamilyTable
    ) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.float64]]:
        """Every family's schools of the kind with a free seat within the
        radius, as CSR arrays (indptr over families, school index, exact km)."""
        n_families = len(families)
        tree = self._tree(kind)
        if tree is None or n_families == 0:
            return (
                np.zeros(n_families + 1, dtype=np.int64),
                np.zeros(0, dtype=np.int64),
                np.zeros(0),
            )
        # every (family, school) pair within the chord, found tree against tree
        homes = cKDTree(unit_vectors(families.lat, families.lon))
        pairs = homes.sparse_distance_matrix(tree, chord_for_km(radius_km), output_type="ndarray")
        by_family = np.argsort(pairs["i"], kind="stable")
        owner = pairs["i"][by_family].astype(np.int64)
        school = self.by_kind[kind][pairs["j"][by_family]]
        km = haversine_km(
            families.lat[owner], families.lon[owner], self.lat[school], self.lon[school]
        )
        within = km <= radius_km
        per_family = np.bincount(owner[within], minlength=n_families)
        indptr = np.concatenate(([0], np.cumsum(per_family)))
        return indptr.astype(np.int64), school[within], km[within]

    def options(self, kind: str, radius_km: float, lat: float, lon: float) -> SchoolsInReach:
        """Every school of the kind with a free seat within the radius of a
        point, nearest first."""
        tree = self._tree(kind)
        if tree is None:
            return _NO_SCHOOLS
        position = np.array(
            tree.query_ball_point(
                unit_vectors(np.array([lat]), np.array([lon]))[0], chord_for_km(radius_km)
            ),
            dtype=np.int64,
        )
        if len(position) == 0:
            return _NO_SCHOOLS
        school = self.by_kind[kind][position]
        km = haversine_km(lat, lon, self.lat[school], self.lon[school])
        order = np.lexsort((school, km))
        order = order[km[order] <= radius_km]
        return SchoolsInReach(school[order], km[order])


@dataclass(slots=True)
class NetworkTable:
    """Per network, the exact distance from every family to its nearest location."""

    networks: tuple[Network, ...]
    index: dict[str, int]
    _km: dict[str, NDArray[np.float64]] = field(default_factory=dict)

    @classmethod
    def of(cls, networks: tuple[Network, ...]) -> NetworkTable:
        return cls(
            networks=networks, index={network.id: index for index, network in enumerate(networks)}
        )

    def km_to(self, network_id: str, families: FamilyTable) -> NDArray[np.float64]:
        if network_id not in self._km:
            locations = self.networks[self.index[network_id]].locations
            lat = np.array([point.lat for point in locations])
            lon = np.array([point.lon for point in locations])
            km = haversine_km(
                families.lat[:, None], families.lon[:, None], lat[None, :], lon[None, :]
            )
            self._km[network_id] = (
                km.min(axis=1) if len(locations) else np.full(len(families), np.inf)
            )
        return self._km[network_id]

    def nearest_km(
        self, network_ids: tuple[str, ...], families: FamilyTable
    ) -> NDArray[np.float64]:
        """Distance from each family to the nearest location of any of the
        networks (inf if none)."""
        out = np.full(len(families), np.inf)
        for network_id in network_ids:
            out = np.minimum(out, self.km_to(network_id, families))
        return out


@dataclass(slots=True)
class Tables:
    families: FamilyTable
    schools: SchoolTable
    networks: NetworkTable
    children: dict[str, int]

    @classmethod
    def of(cls, problem: Problem) -> Tables:
        return cls(
            families=FamilyTable.of(problem.families),
            schools=SchoolTable.of(problem.schools),
            networks=NetworkTable.of(problem.networks),
            children={child.id: index for index, child in enumerate(problem.children)},
        )
