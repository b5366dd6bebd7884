"""Lexicographic CP-SAT search with progress reports and cancellation.

Two solves on one model: first the total priority of placed children, then,
with that total held, the score. Two solves rather than one weighted sum
because the weight that makes one priority point outweigh every score would
push coefficients into the 10^11 range, where CP-SAT's LP bounds lose
precision; the two solves prove each objective with ordinary numbers.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from ortools.sat.python import cp_model

from solver import scores
from solver.model import PlacementModel
from solver.proposal import CancelToken, Objective, Progress

#: child index -> (family index, school index or -1)
Assignment = dict[int, tuple[int, int]]


@dataclass(slots=True)
class SearchResult:
    assignment: Assignment | None
    priority_proven: bool = False
    score_proven: bool = False
    priority_bound: int | None = None
    score_bound: float | None = None
    #: pin indices whose assumptions together are infeasible, when the pins clash
    core: list[int] | None = None


class _Reporter(cp_model.CpSolverSolutionCallback):
    """Reports each improving solution and stops the search on cancel."""

    def __init__(self, pm: PlacementModel, stage: int, start: float, on_progress: Callable[[Progress], None] | None, cancel: CancelToken | None, priority_bound: int | None):
        super().__init__()
        self.pm, self.stage, self.start = pm, stage, start
        self.on_progress, self.cancel = on_progress, cancel
        self.priority_bound = priority_bound
        self.count = cp_model.LinearExpr.sum(list(pm.placed.values()))

    def on_solution_callback(self) -> None:
        if self.on_progress is not None:
            prio = int(self.value(self.pm.priority))
            score = self.value(self.pm.score) / scores.SCALE
            bound = self.best_objective_bound
            obj = (
                Objective(prio, score, priority_bound=int(bound))
                if self.stage == 1
                else Objective(prio, score, priority_bound=self.priority_bound, score_bound=bound / scores.SCALE)
            )
            self.on_progress(Progress(obj, time.monotonic() - self.start, int(self.value(self.count))))
        if self.cancel is not None and self.cancel.cancelled:
            self.stop_search()


def _watch(solver: cp_model.CpSolver, cancel: CancelToken | None, done: threading.Event) -> threading.Thread | None:
    """Stop the search on cancel even before a first solution arrives."""
    if cancel is None:
        return None

    def run() -> None:
        while not done.wait(0.05):
            if cancel.cancelled:
                solver.stop_search()
                return

    th = threading.Thread(target=run, daemon=True)
    th.start()
    return th


def _solve(pm: PlacementModel, seconds: float, reporter: _Reporter, cancel: CancelToken | None) -> tuple[cp_model.CpSolver, int]:
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(seconds, 0.01)
    solver.parameters.num_workers = 2
    done = threading.Event()
    th = _watch(solver, cancel, done)
    try:
        status = solver.solve(pm.model, reporter)
    finally:
        done.set()
        if th is not None:
            th.join()
    return solver, status


def _assignment(pm: PlacementModel, solver: cp_model.CpSolver) -> Assignment:
    out: Assignment = {}
    for (i, f), opts in pm.options.items():
        for o in opts:
            if solver.boolean_value(o.var):
                out[i] = (f, o.school)
    return out


def _hint(pm: PlacementModel, a: Assignment) -> None:
    pm.model.clear_hints()
    for (i, f), opts in pm.options.items():
        chosen = a.get(i)
        for o in opts:
            pm.model.add_hint(o.var, chosen is not None and chosen[0] == f and (len(opts) == 1 or chosen[1] == o.school))


def lexicographic(pm: PlacementModel, deadline: float, start: float, hint: Assignment | None, on_progress: Callable[[Progress], None] | None, cancel: CancelToken | None) -> SearchResult:
    """Maximise priority, then score; report what is proven."""
    if hint is not None:
        _hint(pm, hint)
    pm.model.maximize(pm.priority)
    rep = _Reporter(pm, 1, start, on_progress, cancel, None)
    solver, status = _solve(pm, deadline - time.monotonic(), rep, cancel)
    if status == cp_model.INFEASIBLE:
        lits = {lit.index: k for k, lit in pm.pin_literals.items()}
        core = [lits[i] for i in solver.sufficient_assumptions_for_infeasibility() if i in lits]
        return SearchResult(None, core=core or list(pm.pin_literals))
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return SearchResult(None)
    first = _assignment(pm, solver)
    best_prio = round(solver.objective_value)
    if status != cp_model.OPTIMAL or (cancel is not None and cancel.cancelled) or time.monotonic() >= deadline:
        return SearchResult(first, priority_bound=int(solver.best_objective_bound))
    pm.model.add(pm.priority >= best_prio)
    _hint(pm, first)
    pm.model.maximize(pm.score)
    rep = _Reporter(pm, 2, start, on_progress, cancel, best_prio)
    solver2, status2 = _solve(pm, deadline - time.monotonic(), rep, cancel)
    if status2 not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return SearchResult(first, priority_proven=True, priority_bound=best_prio)
    return SearchResult(
        _assignment(pm, solver2),
        priority_proven=True,
        score_proven=status2 == cp_model.OPTIMAL,
        priority_bound=best_prio,
        score_bound=solver2.best_objective_bound / scores.SCALE,
    )
