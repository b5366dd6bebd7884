"""Exact pair filtering by LP pricing: solve on a few families per child,
then let LP duals say which other pairs could still matter.

A national session has close to a million fitting child–family pairs; the
optimum uses a thousand. We first give every child without siblings or pin
only its ``TOP_K`` best families (by its best possible score there) and solve
that *restricted* model. Its LP relaxation gives row multipliers ``y``; every
left-out pair ``j`` gets the reduced cost ``d_j = c_j - y_child - y_family``
(min form; its school-seat row is left out, which only lowers ``d_j``).

*Proof of exactness.* For any multipliers, weak duality bounds every plan of
the full model: ``cost >= B + sum_j min(0, d_j)`` where ``B`` is the
Lagrangian bound of the restricted model and the sum runs over the left-out
pairs; a plan that uses pair ``j`` costs at least that plus ``max(0, d_j)``.
A left-out pair whose bound is worse than the restricted optimum can
therefore not be in any optimal plan. Every other left-out pair is added
and the enlarged model is solved again; its optimum is the optimum of the
full model, because it contains every pair an optimal plan could use (and
the restricted optimum itself). If the pricing cannot be done (LP or MIP
failed), every pair goes back in.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from solver import scores
from solver.mip import Matrix
from solver.model import PlacementModel, pins_by_child
from solver.pairs import ChildRow
from solver.problem import Problem

TOP_K = 10


@dataclass(slots=True)
class Columns:
    """Every candidate pair as flat arrays; ``units`` is its best score (nearest school)."""

    child: NDArray[np.int64]
    family: NDArray[np.int64]
    units: NDArray[np.int64]

    @classmethod
    def of(cls, rows: list[ChildRow], cands: dict[int, NDArray[np.int64]]) -> Columns:
        child = np.concatenate([np.full(len(f), i, dtype=np.int64) for i, f in cands.items()] or [np.zeros(0, np.int64)])
        family = np.concatenate([np.asarray(f, dtype=np.int64) for f in cands.values()] or [np.zeros(0, np.int64)])
        units = np.concatenate([scores.model_units(rows[i].score[f]) for i, f in cands.items()] or [np.zeros(0, np.int64)])
        return cls(child, family, units)

    def subset(self, keep: NDArray[np.bool_]) -> dict[int, NDArray[np.int64]]:
        out: dict[int, list[int]] = {}
        for i, f in zip(self.child[keep], self.family[keep], strict=True):
            out.setdefault(int(i), []).append(int(f))
        return {i: np.array(f, dtype=np.int64) for i, f in out.items()}


def restricted(cols: Columns, rows: list[ChildRow], problem: Problem) -> NDArray[np.bool_]:
    """Every pair of children in a sibling group or pin, the TOP_K best of the others."""
    pinned = pins_by_child(problem)
    free = np.array([r.child.sibling_group is None and r.child.id not in pinned for r in rows], dtype=bool)
    keep = ~free[cols.child] if len(cols.child) else np.zeros(0, dtype=bool)
    order = np.lexsort((-cols.units, cols.child))
    ranked = cols.child[order]
    first = np.searchsorted(ranked, ranked, side="left")
    rank = np.arange(len(order)) - first
    keep[order[rank < TOP_K]] = True
    return keep


def missing_pairs(cols: Columns, keep: NDArray[np.bool_], pm: PlacementModel, mx: Matrix, y: NDArray[np.float64], bound: float, best_cost: float) -> NDArray[np.bool_]:
    """The left-out pairs that may still be part of a plan costing at most
    ``best_cost`` (min form), by the bound in the module docstring."""
    out = np.zeros(len(keep), dtype=bool)
    idx = np.flatnonzero(~keep)
    if len(idx) == 0:
        return out
    y_child = np.zeros(len(pm.rows))
    for i, k in pm.child_row.items():
        y_child[i] = y[mx.row_of[k]]
    y_fam = np.zeros(len(pm.tables.families))
    for f, k in pm.family_row.items():
        y_fam[f] = y[mx.row_of[k]]
    d = -cols.units[idx].astype(np.float64) - y_child[cols.child[idx]] - y_fam[cols.family[idx]]
    full = bound + np.minimum(d, 0.0).sum()
    slack = 1.0 + 1e-9 * (abs(full) + abs(best_cost))
    out[idx] = full + np.maximum(d, 0.0) <= best_cost + slack
    return out
