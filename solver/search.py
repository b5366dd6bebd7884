"""Lexicographic search: HiGHS first, CP-SAT for cores, progress and cancel.

One solve of ``W * priority + score`` where ``W`` exceeds the whole range the
score can take (see :func:`solver.model.scale_for`), so one more priority point
always outweighs any score: that *is* the lexicographic order, in integers.
One weighted solve rather than two stages (priority, then score with the
priority held) because holding the priority adds a knapsack-like row that
destroys the transportation structure of the model: the two-stage LP bound
was loose and even 20 children could not be proven optimal, while the
weighted model's LP is tight.

The model is handed to HiGHS first (:mod:`solver.mip`); CP-SAT, hinted with
HiGHS's plan, takes over when HiGHS runs out of time and always when the
pins clash, because only CP-SAT names the clashing assumptions. CP-SAT's
solution callback reports every improving plan and stops on cancel; HiGHS's
MIP callback stops it on cancel too (:func:`solver.mip.solve_with_highs`).
Both stop early once a plan is optimal in the contract's sense
(:class:`solver.tolerance.StopRule`), unless an exact proof is asked for.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
from numpy.typing import NDArray
from ortools.sat.python import cp_model

from solver import mip, scores
from solver.model import PlacementModel, Scale
from solver.proposal import CancelToken, Objective, Progress
from solver.tolerance import StopRule


class Place(NamedTuple):
    """Where a plan puts one child."""

    family: int  # family index
    school: int  # school index, -1 without a school from the session's list


#: child index -> its place
Assignment = dict[int, Place]


@dataclass(slots=True)
class SearchResult:
    assignment: Assignment | None
    priority_proven: bool = False
    score_proven: bool = False
    priority_bound: int | None = None
    score_bound: float | None = None
    #: pin indices whose assumptions together are infeasible, when the pins clash
    core: list[int] | None = None


#: CP-SAT settings. One worker with the full linear relaxation: on this model
#: (a transportation problem plus seats and sibling rows) it proves optima
#: far more reliably than two workers, which share one core with the LNS
#: helpers and were seen to take 100x longer on a 20-child session.
NUM_WORKERS = 1
LINEARIZATION_LEVEL = 2


@dataclass(frozen=True, slots=True)
class OptionIndex:
    """All school options as flat arrays, to read a solution in one go."""

    var: NDArray[np.int64]
    child: NDArray[np.int64]
    family: NDArray[np.int64]
    school: NDArray[np.int64]

    @classmethod
    def of(cls, placement_model: PlacementModel) -> OptionIndex:
        rows = [
            (option.var.index, child, family, option.school)
            for (child, family), options in placement_model.options.items()
            for option in options
        ]
        table = np.array(rows, dtype=np.int64).reshape(-1, 4)
        return cls(table[:, 0], table[:, 1], table[:, 2], table[:, 3])

    def chosen(self, solution: NDArray[np.int64]) -> NDArray[np.bool_]:
        return solution[self.var] == 1 if len(self.var) else np.zeros(0, dtype=bool)

    def assignment(self, solution: NDArray[np.int64]) -> Assignment:
        chosen = self.chosen(solution)
        children = self.child[chosen].tolist()
        places = zip(self.family[chosen].tolist(), self.school[chosen].tolist(), strict=True)
        return {
            child: Place(family, school)
            for child, (family, school) in zip(children, places, strict=True)
        }


class _Reporter(cp_model.CpSolverSolutionCallback):
    """Reports each improving solution; stops the search on cancel and when
    the plan is close enough (``stop``)."""

    def __init__(
        self,
        placement_model: PlacementModel,
        scale: Scale,
        start: float,
        on_progress: Callable[[Progress], None] | None,
        cancel: CancelToken | None,
        stop: StopRule | None = None,
    ):
        super().__init__()
        self.placement_model, self.scale, self.start = placement_model, scale, start
        self.on_progress, self.cancel, self.stop = on_progress, cancel, stop
        self.count = cp_model.LinearExpr.sum(list(placement_model.placed.values()))

    def on_solution_callback(self) -> None:
        placed = int(self.value(self.count))
        if self.on_progress is not None:
            priority = int(self.value(self.placement_model.priority))
            score_units = int(self.objective_value) - self.scale.weight * priority
            bound = self.best_objective_bound
            if self.stop is not None:
                bound = self.stop.bound(bound)
            priority_bound = self.scale.priority_bound(bound)
            score_bound = (
                (bound - self.scale.weight * priority) / scores.SCALE
                if priority_bound <= priority
                else None
            )
            objective = Objective(
                priority,
                score_units / scores.SCALE,
                priority_bound=priority_bound,
                score_bound=score_bound,
            )
            self.on_progress(Progress(objective, time.monotonic() - self.start, placed))
        if (
            self.cancel is not None
            and self.cancel.cancelled
            or self.stop is not None
            and self.stop.close(self.objective_value, self.best_objective_bound, placed)
        ):
            self.stop_search()


def _watch(
    solver: cp_model.CpSolver, cancel: CancelToken | None, done: threading.Event
) -> threading.Thread | None:
    """Stop the search on cancel even before a first solution arrives."""
    if cancel is None:
        return None

    def run() -> None:
        while not done.wait(0.05):
            if cancel.cancelled:
                solver.stop_search()
                return

    watcher = threading.Thread(target=run, daemon=True)
    watcher.start()
    return watcher


def values_of(
    placement_model: PlacementModel, plan: Assignment
) -> tuple[NDArray[np.int32], NDArray[np.float64]]:
    """A plan as a value of every variable of the model (HiGHS's start, CP-SAT's hint)."""
    variables = [literal.index for literal in placement_model.pin_literals.values()]
    values = [1.0] * len(variables)

    def family_of(child: int) -> int:
        place = plan.get(child)
        return -1 if place is None else place.family

    bonus_literals = zip(placement_model.together_bonus, placement_model.together_of, strict=True)
    for literal, pair in bonus_literals:
        variables.append(literal.index)
        both_there = family_of(pair.child) == pair.family == family_of(pair.sibling)
        values.append(float(both_there))
    for child, placed in placement_model.placed.items():
        variables.append(placed.index)
        values.append(float(child in plan))
    for (child, family), options in placement_model.options.items():
        place = plan.get(child)
        here = place is not None and place.family == family
        variables.append(placement_model.x[child, family].index)
        values.append(float(here))
        if len(options) > 1:
            for option in options:
                variables.append(option.var.index)
                values.append(float(here and place.school == option.school))
    return np.array(variables, dtype=np.int32), np.array(values)


def _from_values(
    placement_model: PlacementModel, values: NDArray[np.int64], index: OptionIndex
) -> tuple[Assignment, int, int]:
    """(assignment, priority, objective) of a full solution vector."""
    rows = placement_model.rows
    priority = sum(
        rows[child].child.priority
        for child, placed in placement_model.placed.items()
        if values[placed.index]
    )
    objective = placement_model.model.proto.objective
    terms = zip(objective.vars, objective.coeffs, strict=True)
    value = -int(sum(coefficient * values[variable] for variable, coefficient in terms))
    return index.assignment(values), priority, value


def lexicographic(
    placement_model: PlacementModel,
    deadline: float,
    start: float,
    hint: Assignment | None,
    on_progress: Callable[[Progress], None] | None,
    cancel: CancelToken | None,
    solved: mip.MipResult | None = None,
    stop: StopRule | None = None,
) -> SearchResult:
    """Maximise priority, then score; report what is proven.

    HiGHS gets the first go (see :mod:`solver.mip`); CP-SAT takes over, from
    HiGHS's best plan, when HiGHS runs out of time, and always when the pins
    clash (for the infeasible core of assumptions). Both stop on cancel, and
    when ``stop`` finds the plan close enough to the bound (then the plan's
    priority is proven and its score bounded, not proven)."""
    scale = placement_model.scale
    model = placement_model.model
    model.maximize(scale.weight * placement_model.priority + placement_model.score)
    index = OptionIndex.of(placement_model)
    cancelled = cancel is not None and cancel.cancelled
    if solved is not None or (not cancelled and time.monotonic() < deadline):
        highs = solved or mip.solve_with_highs(
            mip.to_matrix(model),
            deadline - time.monotonic(),
            values_of(placement_model, hint) if hint is not None else None,
            placement_model.sums,
            placed=[placed.index for placed in placement_model.placed.values()],
            cancel=cancel,
            enough=stop.close if stop is not None else None,
        )
        if highs.values is not None:
            plan, priority, value = _from_values(placement_model, highs.values, index)
            score = (value - scale.weight * priority) / scores.SCALE
            if highs.optimal and (stop is None or stop.proves(value)):
                result = SearchResult(plan, True, True, priority, score)
            elif (highs.optimal or highs.close) and stop is not None:
                model_bound = value if highs.optimal else highs.bound
                result = _bounded_by(stop, plan, priority, model_bound)
            else:
                result = SearchResult(plan)
            if on_progress is not None:
                objective = Objective(priority, score, result.priority_bound, result.score_bound)
                on_progress(Progress(objective, time.monotonic() - start, len(plan)))
            if result.priority_proven:
                return result
            hint = plan
    if cancel is not None and cancel.cancelled and hint is not None:
        # nothing better is coming: CP-SAT would stop at its first check
        return SearchResult(hint)
    if hint is not None:
        mip.hint(model, *values_of(placement_model, hint))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(deadline - time.monotonic(), 0.01)
    solver.parameters.num_workers = NUM_WORKERS
    solver.parameters.linearization_level = LINEARIZATION_LEVEL
    done = threading.Event()
    watcher = _watch(solver, cancel, done)
    reporter = _Reporter(placement_model, scale, start, on_progress, cancel, stop)
    try:
        status = solver.solve(model, reporter)
    finally:
        done.set()
        if watcher is not None:
            watcher.join()
    if status == cp_model.INFEASIBLE:
        pin_of = {literal.index: pin for pin, literal in placement_model.pin_literals.items()}
        core = [
            pin_of[variable]
            for variable in solver.sufficient_assumptions_for_infeasibility()
            if variable in pin_of
        ]
        return SearchResult(None, core=core or list(placement_model.pin_literals))
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return SearchResult(None)
    plan = OptionIndex.of(placement_model).assignment(np.asarray(solver.response_proto.solution))
    priority = int(solver.value(placement_model.priority))
    model_bound = solver.best_objective_bound
    optimal = status == cp_model.OPTIMAL and (stop is None or stop.proves(model_bound))
    if stop is not None and not optimal:
        model_bound = stop.bound(model_bound)
    priority_bound = scale.priority_bound(model_bound)
    priority_proven = priority_bound <= priority
    score_bound = (
        (model_bound - scale.weight * priority) / scores.SCALE if priority_proven else None
    )
    return SearchResult(
        plan,
        priority_proven=priority_proven,
        score_proven=optimal,
        priority_bound=max(priority_bound, priority),
        score_bound=score_bound,
    )


def _bounded_by(
    stop: StopRule, plan: Assignment, priority: int, model_bound: float | None
) -> SearchResult:
    """A plan of a model that does not prove it, with the session bound
    the stop rule gives for the model's bound: its priority is proven when
    that bound allows no higher one."""
    bound = stop.bound(model_bound)
    scale = stop.scale
    priority_bound = scale.priority_bound(bound)
    if priority_bound > priority:
        return SearchResult(plan, priority_bound=priority_bound)
    score_bound = (bound - scale.weight * priority) / scores.SCALE
    return SearchResult(plan, True, False, priority, score_bound)
