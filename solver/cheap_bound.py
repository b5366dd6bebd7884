"""A bound on every plan that needs no relaxation, for sessions too large to relax.

The relaxation of :mod:`solver.columns` grows with the fitting pairs and
their school options: at 4,000 children and 20,000 families it would hold
some 18 million column templates (8 GB). Above :data:`MAX_RELAXED_PAIRS`
the solver skips it and proves what this bound proves instead.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from solver import scores
from solver.model import Scale, bonus_share
from solver.pairs import ChildRow
from solver.problem import Problem
from solver.tables import Tables

#: More candidate child–family pairs than this and the relaxation is not
#: built (national sessions have about 900,000; the 4× national about 20
#: million, whose relaxation does not fit in memory).
MAX_RELAXED_PAIRS = 4_000_000


def candidate_pairs(cands: dict[int, NDArray[np.int64]]) -> int:
    """How many child–family pairs the relaxation would be built over."""
    return sum(len(fams) for fams in cands.values())


def best_option_bound(
    problem: Problem,
    t: Tables,
    rows: list[ChildRow],
    cands: dict[int, NDArray[np.int64]],
    scale: Scale,
) -> int:
    """An upper bound on ``W * priority + score`` (model units) of every plan
    over the candidate pairs, and so of the session's optimum.

    *Why it holds:* a plan's value is the sum over its placed children of
    ``W * priority`` plus the placement's family part plus its school part,
    plus ``siblings_together`` for every may-split pair sharing a family.
    The school part is never positive, a child's family part is at most its
    best over its candidate families (:func:`solver.model.candidate_families`
    keeps an optimum's families, and every pair a pin or keep-together group
    allows), and the bonuses are at most :func:`solver.model.bonus_share`
    per placed member (each shared pair counted half from each side). So
    each child adds at most the best of those, or 0 when left unplaced; the
    bound sums each child's larger of the two. It ignores family places,
    school seats and rule 9, which only lower what a plan can reach."""
    bonus = bonus_share(problem)
    total = 0
    for i, fams in cands.items():
        if len(fams) == 0:
            continue
        row = rows[i]
        units = scores.family_units(
            row.shares_language[fams],
            row.network_km[fams],
            row.child.safety_km,
            t.families.closed[fams],
            problem.weights,
        )
        best = scale.weight * row.child.priority + int(units.max()) + bonus.get(i, 0)
        total += max(0, best)
    return total
