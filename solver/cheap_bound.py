"""Bounds on every plan that need no relaxation, for sessions too large to relax.

The relaxation of :mod:`solver.columns` grows with the fitting pairs and
their school options: at 4,000 children and 20,000 families it would hold
some 18 million column templates (8 GB). Above :data:`MAX_RELAXED_PAIRS`
the solver skips it and proves what these bounds prove instead.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from solver.model import groups_by_id, members
from solver.pairs import ChildRow
from solver.problem import Problem
from solver.tables import Tables

#: More candidate child–family pairs than this and the relaxation is not
#: built (national sessions have 0.8–1.1 million; the 4× national 12–18
#: million, whose relaxation does not fit in memory).
MAX_RELAXED_PAIRS = 4_000_000


@dataclass(frozen=True, slots=True)
class CheapBound:
    """No plan has a higher priority than ``priority``, nor a higher score
    than ``score`` (points)."""

    priority: int
    score: float


def candidate_pairs(candidates: dict[int, NDArray[np.int64]]) -> int:
    """How many child–family pairs the relaxation would be built over."""
    return sum(len(families) for families in candidates.values())


def cheap_bound(
    problem: Problem, tables: Tables, rows: list[ChildRow], candidates: dict[int, NDArray[np.int64]]
) -> CheapBound:
    """Both bounds. Each holds for every plan over the candidate pairs;
    those keep an optimum of the session
    (:func:`solver.model.candidate_families`), so they bound the optimum."""
    priority = placeable_priority_bound(rows, candidates)
    return CheapBound(priority, best_option_score_bound(problem, tables, rows, candidates))


def best_option_score_bound(
    problem: Problem, tables: Tables, rows: list[ChildRow], candidates: dict[int, NDArray[np.int64]]
) -> float:
    """An upper bound on the score (points) of every plan over ``candidates``.

    *Why it holds:* a plan's score is the sum over its placed children of
    the placement's family part plus its school part, plus
    ``siblings_together`` for every may-split pair sharing a family. The
    school part is never positive; a child's family part is at most its
    best over its candidate families; each bonus is shared by two placed
    members, half each, and a member shares a family with at most all its
    ``k - 1`` siblings. So each child adds at most its best family part plus
    ``(k - 1) / 2`` bonuses, or 0 when left unplaced: the bound sums the
    larger of the two. Family places, seats and rule 9 only lower this."""
    weights = problem.weights
    groups = groups_by_id(problem)
    half_bonuses = {
        child: weights.siblings_together * (len(indices) - 1) / 2
        for gid, indices in members(problem).items()
        if not groups[gid].keep_together
        for child in indices
    }
    total = 0.0
    for child, families in candidates.items():
        if len(families) == 0:
            continue
        row = rows[child]
        family_part = row.family_points(families, tables, weights)
        total += max(0.0, float(family_part.max()) + half_bonuses.get(child, 0.0))
    return total


def placeable_priority_bound(rows: list[ChildRow], candidates: dict[int, NDArray[np.int64]]) -> int:
    """An upper bound on the priority of every plan over ``candidates``: the priorities of the
    children with a candidate family summed (a plan places each child at
    most once, and only in a family that fits it)."""
    return sum(
        rows[child].child.priority for child, families in candidates.items() if len(families) > 0
    )
