"""Column-wise views of families, schools and networks for vectorised rules.

Checking a child against thousands of families one object at a time is far
too slow for a national session; these tables turn the attributes the hard
rules look at into numpy arrays once, so that a rule is a handful of array
operations per child.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray
from scipy.spatial import cKDTree

from solver.geo import EARTH_RADIUS_KM, haversine_km
from solver.problem import Family, Network, Problem, School


def unit_vectors(lat: NDArray[np.float64], lon: NDArray[np.float64]) -> NDArray[np.float64]:
    """Points on the unit sphere: straight-line (chord) order equals great-circle order."""
    la, lo = np.radians(lat), np.radians(lon)
    return np.column_stack((np.cos(la) * np.cos(lo), np.cos(la) * np.sin(lo), np.sin(la)))


def chord_for_km(km: float) -> float:
    """Chord length on the unit sphere of a great-circle distance, widened a
    hair so that a radius query never misses a point the exact haversine
    check would accept (the exact check follows every query)."""
    angle = min(km / EARTH_RADIUS_KM, np.pi)
    return 2.0 * np.sin(angle / 2.0) * (1 + 1e-9) + 1e-12


def _tag_masks(sets: list[frozenset[str]]) -> dict[str, NDArray[np.bool_]]:
    tags = sorted({t for s in sets for t in s})
    return {t: np.fromiter((t in s for s in sets), dtype=bool, count=len(sets)) for t in tags}


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
            index={f.id: i for i, f in enumerate(families)},
            lat=np.array([f.location.lat for f in families], dtype=np.float64),
            lon=np.array([f.location.lon for f in families], dtype=np.float64),
            places=np.array([f.free_places for f in families], dtype=np.int64),
            age_min=np.array([f.age_min for f in families], dtype=np.int64),
            age_max=np.array([f.age_max for f in families], dtype=np.int64),
            genders=_tag_masks([f.genders for f in families]),
            training=_tag_masks([f.training for f in families]),
            languages=_tag_masks([f.languages for f in families]),
            closed=np.fromiter((f.closed for f in families), dtype=bool, count=len(families)),
            on_site=_tag_masks([f.school_on_site for f in families]),
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
        for t in tags:
            out &= masks.get(t, np.zeros(len(self), dtype=bool))
        return out

    def has_any(
        self, masks: dict[str, NDArray[np.bool_]], tags: frozenset[str]
    ) -> NDArray[np.bool_]:
        out = np.zeros(len(self), dtype=bool)
        for t in tags:
            if t in masks:
                out |= masks[t]
        return out


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
        seats = np.array([s.free_seats for s in schools], dtype=np.int64)
        kinds = sorted({k for s in schools for k in s.kinds})
        by_kind = {
            k: np.array(
                [i for i, s in enumerate(schools) if k in s.kinds and s.free_seats > 0],
                dtype=np.int64,
            )
            for k in kinds
        }
        return cls(
            schools=schools,
            index={s.id: i for i, s in enumerate(schools)},
            lat=np.array([s.location.lat for s in schools], dtype=np.float64),
            lon=np.array([s.location.lon for s in schools], dtype=np.float64),
            seats=seats,
            by_kind=by_kind,
        )

    def _tree(self, kind: str) -> cKDTree | None:
        idx = self.by_kind.get(kind)
        if idx is None or len(idx) == 0:
            return None
        if kind not in self._trees:
            self._trees[kind] = cKDTree(unit_vectors(self.lat[idx], self.lon[idx]))
        return self._trees[kind]

    def reach(self, kind: str, radius_km: float, fam: FamilyTable) -> SchoolReach:
        """Nearest school with a free seat per family (cached per kind and radius)."""
        key = (kind, radius_km)
        if key in self._reach:
            return self._reach[key]
        nearest = np.full(len(fam), -1, dtype=np.int64)
        km = np.full(len(fam), np.inf)
        tree = self._tree(kind)
        if tree is not None and len(fam):
            _, pos = tree.query(unit_vectors(fam.lat, fam.lon), k=1)
            idx = self.by_kind[kind][pos]
            d = haversine_km(fam.lat, fam.lon, self.lat[idx], self.lon[idx])
            ok = d <= radius_km
            nearest[ok] = idx[ok]
            km[ok] = d[ok]
        self._reach[key] = SchoolReach(nearest, km)
        return self._reach[key]

    def reach_lists(
        self, kind: str, radius_km: float, fam: FamilyTable
    ) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.float64]]:
        """Every family's schools of the kind with a free seat within the
        radius, as CSR arrays (indptr over families, school index, exact km)."""
        tree = self._tree(kind)
        if tree is None or len(fam) == 0:
            return np.zeros(len(fam) + 1, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0)
        found = tree.query_ball_point(
            unit_vectors(fam.lat, fam.lon), chord_for_km(radius_km), return_sorted=False
        )
        lengths = np.fromiter((len(x) for x in found), dtype=np.int64, count=len(fam))
        pos = np.fromiter((k for x in found for k in x), dtype=np.int64, count=int(lengths.sum()))
        owner = np.repeat(np.arange(len(fam)), lengths)
        school = self.by_kind[kind][pos]
        km = haversine_km(fam.lat[owner], fam.lon[owner], self.lat[school], self.lon[school])
        ok = km <= radius_km
        indptr = np.concatenate(([0], np.cumsum(np.bincount(owner[ok], minlength=len(fam)))))
        return indptr.astype(np.int64), school[ok], km[ok]

    def options(
        self, kind: str, radius_km: float, lat: float, lon: float
    ) -> list[tuple[int, float]]:
        """Every school of the kind with a free seat within the radius of a
        point, nearest first, as (school index, exact km)."""
        tree = self._tree(kind)
        if tree is None:
            return []
        pos = np.array(
            tree.query_ball_point(
                unit_vectors(np.array([lat]), np.array([lon]))[0], chord_for_km(radius_km)
            ),
            dtype=np.int64,
        )
        if len(pos) == 0:
            return []
        idx = self.by_kind[kind][pos]
        d = haversine_km(lat, lon, self.lat[idx], self.lon[idx])
        order = np.lexsort((idx, d))
        order = order[d[order] <= radius_km]
        return list(zip(idx[order].tolist(), d[order].tolist(), strict=True))


@dataclass(slots=True)
class NetworkTable:
    """Per network, the exact distance from every family to its nearest location."""

    networks: tuple[Network, ...]
    index: dict[str, int]
    _km: dict[str, NDArray[np.float64]] = field(default_factory=dict)

    @classmethod
    def of(cls, networks: tuple[Network, ...]) -> NetworkTable:
        return cls(networks=networks, index={n.id: i for i, n in enumerate(networks)})

    def km_to(self, network_id: str, fam: FamilyTable) -> NDArray[np.float64]:
        if network_id not in self._km:
            locs = self.networks[self.index[network_id]].locations
            lat = np.array([p.lat for p in locs])
            lon = np.array([p.lon for p in locs])
            d = haversine_km(fam.lat[:, None], fam.lon[:, None], lat[None, :], lon[None, :])
            self._km[network_id] = d.min(axis=1) if len(locs) else np.full(len(fam), np.inf)
        return self._km[network_id]

    def nearest_km(self, network_ids: tuple[str, ...], fam: FamilyTable) -> NDArray[np.float64]:
        """Distance from each family to the nearest location of any of the
        networks (inf if none)."""
        out = np.full(len(fam), np.inf)
        for n in network_ids:
            out = np.minimum(out, self.km_to(n, fam))
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
            children={c.id: i for i, c in enumerate(problem.children)},
        )
