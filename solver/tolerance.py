"""When a plan counts as optimal in the session contract's sense.

The contract (*Objective*) lets a proposal be reported ``optimal`` when its
score is within ``0.1 × (school_km + safety_margin) × placements`` points of
the exact optimum (the priority being proven). The solver proves bounds in
model units (hundredths of a point, a placement's family part and school
part each rounded, every sibling bonus rounded), so the exact optimum may
lie above the proven bound by that rounding: at most one unit per child and
half a unit per may-split pair. That allowance comes off the tolerance, so
"within the tolerance" is a statement about the exact optimum.
"""

from __future__ import annotations

from dataclasses import dataclass

from solver import scores
from solver.model import Scale
from solver.problem import Problem, Weights

#: Kilometres of distance rounding the contract allows per placement.
ROUNDING_KM = 0.1


@dataclass(frozen=True, slots=True)
class Tolerance:
    """How far (in points) a proven plan may lie below the optimum and still
    be reported ``optimal``."""

    per_placement: float  # 0.1 × (school_km + safety_margin)
    rounding: float  # points the model's rounding may hide above the proven bound

    @classmethod
    def of(cls, problem: Problem) -> Tolerance:
        w = problem.weights
        groups = {g.id: g for g in problem.sibling_groups}
        sizes: dict[str, int] = {}
        for c in problem.children:
            if c.sibling_group is not None and not groups[c.sibling_group].keep_together:
                sizes[c.sibling_group] = sizes.get(c.sibling_group, 0) + 1
        pairs = sum(n * (n - 1) // 2 for n in sizes.values())
        units = len(problem.children) + 0.5 * pairs
        return cls(per_placement(w), units / scores.SCALE)

    def points(self, placements: int) -> float:
        """The largest proven gap (score bound minus score) a plan with this
        many placements may have and still be reported ``optimal``."""
        return self.per_placement * placements - self.rounding

    def allows(self, gap: float, placements: int) -> bool:
        return gap <= self.points(placements) + 1e-9


def per_placement(w: Weights) -> float:
    """The contract's tolerance per placement, in points."""
    return ROUNDING_KM * (w.school_km + w.safety_margin)


@dataclass(frozen=True, slots=True)
class StopRule:
    """When the search may stop: the plan's priority is proven and its score
    is within the tolerance of the best bound known (model units).

    ``session_bound`` holds for every plan of the session (the relaxation's,
    :mod:`solver.columns`); a model's own bound counts too when the model is
    ``complete`` (it holds every triple an optimal plan may use)."""

    scale: Scale
    tolerance: Tolerance
    session_bound: float
    complete: bool

    def bound(self, model_bound: float | None) -> float:
        if self.complete and model_bound is not None:
            return min(self.session_bound, model_bound)
        return self.session_bound

    def close(self, value: float, model_bound: float, placements: int) -> bool:
        """Is a plan worth ``value`` with ``placements`` children close enough?
        Its own rounding (a hundredth of a point per placement) is allowed
        for, so that the exact score passes :meth:`Tolerance.allows` too."""
        bound = self.bound(model_bound)
        priority = self.scale.priority_bound(value)
        if self.scale.priority_bound(bound) > priority:
            return False
        gap = (bound - value) / scores.SCALE + placements / scores.SCALE
        return self.tolerance.allows(gap, placements)
