"""The solver's front door: problem in, explained proposal out."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable

import numpy as np

from solver import assemble, columns, mip, model, pins, search
from solver.greedy import greedy_assignment
from solver.pairs import ChildRow, child_rows
from solver.problem import Problem
from solver.proposal import CancelToken, Objective, Progress, Proposal, Status
from solver.tables import Tables


def overfull_schools(a: search.Assignment, t: Tables) -> set[int]:
    load = Counter(s for _, s in a.values() if s >= 0)
    return {s for s, n in load.items() if n > t.schools.seats[s]}


def solve(
    problem: Problem,
    *,
    time_limit_s: float | None = None,
    on_progress: Callable[[Progress], None] | None = None,
    cancel: CancelToken | None = None,
) -> Proposal:
    """Place as many (urgent) children as possible, then as well as possible.

    Returns ``optimal`` only when both objectives are proven; ``feasible``
    with the best plan so far when the time limit or ``cancel`` stops the
    search (never worse than the pins-first greedy plan); ``infeasible`` with
    the conflicting pins named; ``unknown`` when nothing could be decided.
    """
    start = time.monotonic()
    limit = problem.settings.time_limit_s if time_limit_s is None else time_limit_s
    deadline = start + limit
    t = Tables.of(problem)
    rows = child_rows(problem, t)

    def elapsed() -> float:
        return time.monotonic() - start

    clashes = pins.pin_conflicts(problem, t, rows)
    if clashes:
        return assemble.infeasible(problem, clashes, elapsed())
    fallback = greedy_assignment(problem, t, rows)
    if fallback is not None and on_progress is not None:
        # the greedy plan is a valid plan: show it while the search runs
        prio, score = assemble.value(problem, t, rows, fallback)
        on_progress(Progress(Objective(prio, score), elapsed(), len(fallback)))
    binding = frozenset(t.schools.index[p.school] for p in problem.pins if p.school is not None)
    cands = model.candidate_families(rows, t, problem)
    cols = columns.Columns.of(rows, cands)
    relax = columns.Relaxation.of(problem, t, rows, cands, model.scale_for(problem, rows, cands))
    pricing = relax.price(deadline)
    if pricing is not None:
        # seats the LP found binding: fewer rounds of overfull schools
        binding = binding | pricing.tight
    while True:
        res = _optimise(problem, t, rows, binding, cols, relax, pricing, deadline, start, fallback, on_progress, cancel)
        if res.core is not None:
            return assemble.infeasible(problem, pins.core_conflicts(problem, res.core), elapsed())
        if res.assignment is None:
            break
        over = overfull_schools(res.assignment, t)
        if not over:
            proven = res.priority_proven and res.score_proven
            status = Status.OPTIMAL if proven else Status.FEASIBLE
            best = res.assignment
            if not proven and fallback is not None and _worse(best, fallback, problem, t, rows):
                best = fallback
            return assemble.proposal(problem, t, rows, best, status, elapsed(), "cp-sat", res.priority_bound, res.score_bound if res.priority_proven else None)
        binding = binding | over
        if time.monotonic() >= deadline or (cancel is not None and cancel.cancelled):
            break
    if fallback is None:
        return assemble.unknown(problem, elapsed())
    return assemble.proposal(problem, t, rows, fallback, Status.FEASIBLE, elapsed(), "cp-sat")


def _worse(a: search.Assignment, b: search.Assignment, problem: Problem, t: Tables, rows: list[ChildRow]) -> bool:
    """Is plan ``a`` lexicographically worse than plan ``b``?"""
    return assemble.value(problem, t, rows, a) < assemble.value(problem, t, rows, b)


def greedy(problem: Problem) -> Proposal:
    """The baseline: most urgent first, each to the best family still free."""
    start = time.monotonic()
    t = Tables.of(problem)
    rows = child_rows(problem, t)
    clashes = pins.pin_conflicts(problem, t, rows)
    if clashes:
        return assemble.infeasible(problem, clashes, time.monotonic() - start, "greedy")
    a = greedy_assignment(problem, t, rows)
    if a is None:
        return assemble.unknown(problem, time.monotonic() - start)
    return assemble.proposal(problem, t, rows, a, Status.FEASIBLE, time.monotonic() - start, "greedy")


def _optimise(
    problem: Problem,
    t: Tables,
    rows: list[ChildRow],
    binding: frozenset[int],
    cols: columns.Columns,
    relax: columns.Relaxation,
    pricing: columns.Pricing | None,
    deadline: float,
    start: float,
    hint: search.Assignment | None,
    on_progress: Callable[[Progress], None] | None,
    cancel: CancelToken | None,
) -> search.SearchResult:
    """The optimum for one set of binding schools: LP pricing on a
    relaxation, the model over the columns the LP looked at, then the model
    over every pair that could still beat its optimum (see :mod:`solver.columns`)."""
    scale = relax.scale
    priced = pricing is None
    keep = np.ones(len(cols.child), dtype=bool) if pricing is None else relax.pairs(cols, pricing.looked_at)
    while True:
        if time.monotonic() >= deadline:
            # the best plan known so far (the restricted optimum once there is one)
            return search.SearchResult(hint)
        began = time.monotonic()
        ents = model.entries(problem, t, rows, binding, cols.subset(keep))
        pm = model.build(problem, t, rows, binding, ents, scale)
        if priced or (cancel is not None and cancel.cancelled) or time.monotonic() >= deadline:
            return _at_least(search.lexicographic(pm, deadline, start, hint, on_progress, cancel), hint, problem, t, rows)
        priced = True
        pm.model.maximize(scale.weight * pm.priority + pm.score)
        mx = mip.to_matrix(pm.model)
        per_pair = (time.monotonic() - began) / max(int(keep.sum()), 1)
        mres = mip.solve_with_highs(mx, deadline - time.monotonic())
        if mres.values is None:
            keep[:] = True
            continue
        restricted = search.OptionIndex.of(pm).assignment(mres.values)
        if overfull_schools(restricted, t):
            # the caller adds these schools to the binding ones and comes back;
            # pricing a plan that will be thrown away would be wasted time
            return search.SearchResult(restricted)
        extra = relax.pairs(cols, pricing.needed(-float(mx.c @ mres.values))) & ~keep
        if not extra.any():
            return search.lexicographic(pm, deadline, start, hint, on_progress, cancel, solved=mres)
        keep |= extra
        hint = restricted
        if per_pair * int(keep.sum()) > deadline - time.monotonic():
            # not even the enlarged model could be built in time: keep the
            # session's time limit and return the restricted optimum, unproven
            return search.SearchResult(hint)


def _at_least(res: search.SearchResult, known: search.Assignment | None, problem: Problem, t: Tables, rows: list[ChildRow]) -> search.SearchResult:
    """An unproven result that breaks seats or is worse than a plan already
    known gives way to that plan."""
    if known is None or res.core is not None or (res.priority_proven and res.score_proven):
        return res
    if res.assignment is None or overfull_schools(res.assignment, t) or _worse(res.assignment, known, problem, t, rows):
        return search.SearchResult(known)
    return res
