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

import math
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


#: ``StopRule.above`` of a model that holds every triple an optimal plan may use.
COMPLETE = -math.inf
#: ``StopRule.above`` of a restricted model: its own bound says nothing of the session.
RESTRICTED = math.inf


@dataclass(frozen=True, slots=True)
class StopRule:
    """What a model's search proves, and when it may stop: the plan's
    priority is proven and its score is within the tolerance of the best
    bound known (model units).

    ``session_bound`` holds for every plan of the session (the relaxation's,
    :mod:`solver.columns`). The model holds every plan of the session worth
    at least ``above`` (:data:`COMPLETE`: every plan an optimum may be;
    :data:`RESTRICTED`: no such promise), so every plan is worth at most
    ``max(above, model bound)``, and a model optimum of ``above`` or more
    is the session's. Without a ``tolerance`` (an exact proof is asked
    for) the search never stops early."""

    scale: Scale
    tolerance: Tolerance | None
    session_bound: float
    above: float = RESTRICTED

    def bound(self, model_bound: float | None) -> float:
        """The best bound on every plan of the session, given the model's."""
        if model_bound is None:
            return self.session_bound
        return min(self.session_bound, max(self.above, model_bound))

    def proves(self, model_optimum: float) -> bool:
        """Is the model's optimum the session's?"""
        return model_optimum >= self.above

    def close(self, value: float, model_bound: float, placements: int) -> bool:
        """Is a plan worth ``value`` with ``placements`` children close enough?
        Its own rounding (a hundredth of a point per placement) is allowed
        for, so that the exact score passes :meth:`Tolerance.allows` too."""
        if self.tolerance is None:
            return False
        bound = self.bound(model_bound)
        priority = self.scale.priority_bound(value)
        if self.scale.priority_bound(bound) > priority:
            return False
        gap = (bound - value) / scores.SCALE + placements / scores.SCALE
        return self.tolerance.allows(gap, placements)
