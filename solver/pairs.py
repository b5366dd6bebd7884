"""One child against every family: rule verdicts, distances and scores.

A :class:`ChildRow` is what the model, the greedy baseline, the
recommendation and the explanations all read, so they can never disagree
about whether a pair fits or what it scores.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from solver import scores
from solver.problem import Child, Problem, Weights
from solver.proposal import ScoreTerm
from solver.rules import Mask, rule_masks
from solver.tables import Tables


@dataclass(slots=True)
class ChildRow:
    child: Child
    masks: dict[str, Mask]
    #: passes every pair rule (capacity included)
    feasible: Mask
    #: km to the nearest location of the child's networks; inf without networks
    network_km: NDArray[np.float64]
    #: nearest school with a free seat within reach, -1 if none, not needed or on site
    school: NDArray[np.int64]
    #: km to that school; nan when the child needs no school or is schooled on site
    school_km: NDArray[np.float64]
    #: the homes where the child goes to school on site (rule 7)
    on_site: Mask
    shares_language: Mask
    #: per-placement score with the nearest school (valid where feasible)
    score: NDArray[np.float64]

    @property
    def needs_school(self) -> bool:
        return self.child.school_kind is not None

    def family_points(
        self, families: NDArray[np.int64], tables: Tables, weights: Weights
    ) -> NDArray[np.float64]:
        """The family part of the child's score in each of ``families``
        (:func:`solver.scores.family_points`)."""
        return scores.family_points(
            self.shares_language[families],
            self.network_km[families],
            self.child.safety_km,
            tables.families.closed[families],
            weights,
        )

    def family_units(
        self, families: NDArray[np.int64], tables: Tables, weights: Weights
    ) -> NDArray[np.int64]:
        """The same in model units.

        The model rounds the family part and the school part separately, so
        that a placement's units are a family value plus a school value: the
        pricing of :mod:`solver.columns` can then pick the best school per
        family with one lookup, and its bounds are exact in units (each
        rounding is at most half a unit, far inside the contract's 0.1 km
        tolerance)."""
        return scores.model_units(self.family_points(families, tables, weights))

    def terms(
        self, family: int, school_km: float | None, tables: Tables, weights: Weights
    ) -> tuple[ScoreTerm, ...]:
        """The named breakdown of the child's score in ``family`` with a school
        ``school_km`` away (None: no school, or on site)."""
        return scores.placement_terms(
            bool(self.shares_language[family]),
            self.network_km_or_none(family),
            self.child.safety_km,
            school_km,
            weights,
            closed=bool(tables.families.closed[family]),
            on_site=bool(self.on_site[family]),
        )

    def network_km_or_none(self, family: int) -> float | None:
        """km from ``family`` to the child's nearest network location; None
        for a child without networks."""
        return float(self.network_km[family]) if self.child.networks else None


def child_row(child: Child, tables: Tables, problem: Problem) -> ChildRow:
    families = tables.families
    masks = rule_masks(child, tables, problem)
    feasible = np.logical_and.reduce(list(masks.values()))
    network_km = tables.networks.nearest_km(child.networks, families)
    on_site = families.schooled_on_site(child.school_kind)
    if child.school_kind is None:
        school = np.full(len(families), -1, dtype=np.int64)
        km = np.full(len(families), np.nan)
    else:
        reach = tables.schools.reach(child.school_kind, child.max_school_km, families)
        school = np.where(on_site, -1, reach.nearest)
        km = np.where(on_site, np.nan, reach.km)
    shares = families.has_any(families.languages, child.languages)
    score = scores.placement_score(
        shares, network_km, child.safety_km, km, families.closed, problem.weights
    )
    return ChildRow(child, masks, feasible, network_km, school, km, on_site, shares, score)


def child_rows(problem: Problem, tables: Tables) -> list[ChildRow]:
    """Every child's row, with equal arrays shared between rows.

    Most of a row repeats across children: the school reach depends only on
    the school kind and radius, the network distances on the networks, most
    rule masks on a few fields. At 4,000 children and 20,000 families the
    rows took 3.6 GB; sharing each distinct array once keeps the values
    (and so every result) the same. No reader writes into a row."""
    shared = _SharedArrays()
    return [shared.row(child_row(child, tables, problem)) for child in problem.children]


class _SharedArrays:
    """One copy of each distinct array seen so far, found by its bytes."""

    def __init__(self) -> None:
        self._by_content: dict[tuple[str, tuple[int, ...], int], list[NDArray[np.generic]]] = {}

    def array(self, values: NDArray[np.generic]) -> NDArray[np.generic]:
        content = values.tobytes()
        key = (values.dtype.str, values.shape, hash(content))
        same_hash = self._by_content.setdefault(key, [])
        for known in same_hash:
            if known.tobytes() == content:
                return known
        values.flags.writeable = False
        same_hash.append(values)
        return values

    def row(self, row: ChildRow) -> ChildRow:
        share = self.array
        return ChildRow(
            row.child,
            {name: share(mask) for name, mask in row.masks.items()},
            share(row.feasible),
            share(row.network_km),
            share(row.school),
            share(row.school_km),
            share(row.on_site),
            share(row.shares_language),
            share(row.score),
        )
