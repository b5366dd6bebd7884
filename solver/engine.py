"""The solver's front door: problem in, explained proposal out."""

from __future__ import annotations

import time
from collections.abc import Callable

from solver import assemble, columns, mip, model, pins, scores, search
from solver.greedy import greedy_assignment
from solver.pairs import ChildRow, child_rows
from solver.problem import Problem
from solver.proposal import CancelToken, Objective, Progress, Proposal, Status
from solver.tables import Tables

#: The first model holds each owner's this many best columns besides the LP's own.
PROMISING_K = 1
#: More child–family pairs or triples than these near the bound are not
#: modelled: the model would not be built and solved in a useful time.
MAX_PAIRS = 60_000
MAX_TRIPLES = 200_000


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
    cands = model.candidate_families(rows, t, problem)
    relax = columns.Relaxation.of(problem, t, rows, cands, model.scale_for(problem, rows, cands))
    res = _optimise(problem, t, rows, relax, deadline, start, fallback, on_progress, cancel)
    if res.core is not None:
        return assemble.infeasible(problem, pins.core_conflicts(problem, res.core), elapsed())
    if res.assignment is None:
        if fallback is None:
            return assemble.unknown(problem, elapsed())
        return assemble.proposal(problem, t, rows, fallback, Status.FEASIBLE, elapsed(), "cp-sat")
    proven = res.priority_proven and res.score_proven
    best = res.assignment
    if not proven and fallback is not None and _worse(best, fallback, problem, t, rows):
        best = fallback
    status = Status.OPTIMAL if proven else Status.FEASIBLE
    return assemble.proposal(problem, t, rows, best, status, elapsed(), "cp-sat", res.priority_bound, res.score_bound if res.priority_proven else None)


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
    relax: columns.Relaxation,
    deadline: float,
    start: float,
    hint: search.Assignment | None,
    on_progress: Callable[[Progress], None] | None,
    cancel: CancelToken | None,
) -> search.SearchResult:
    """Price every triple on the relaxation, solve the model over the triples
    the LP looked at, then over every triple that could still beat that
    optimum (see :mod:`solver.columns`); the second model's optimum is the
    session's."""
    closure = relax.every(_pin_closure(problem, t))
    pricing = relax.price(deadline)
    if pricing is None:
        # no multipliers: every triple stays, and the search decides
        pm = model.build(problem, t, rows, relax.every(), relax.scale)
        return _at_least(search.lexicographic(pm, deadline, start, hint, on_progress, cancel), hint, problem, t, rows)
    first = _union(_union(pricing.looked_at, relax.promising(pricing, PROMISING_K)), closure)
    pm = model.build(problem, t, rows, first, relax.scale, pricing.implied)
    if (cancel is not None and cancel.cancelled) or time.monotonic() >= deadline:
        return _bounded(_at_least(search.lexicographic(pm, deadline, start, hint, on_progress, cancel), hint, problem, t, rows), pricing.bound, pm)
    pm.model.maximize(relax.scale.weight * pm.priority + pm.score)
    mx = mip.to_matrix(pm.model)
    mres = mip.solve_with_highs(mx, deadline - time.monotonic(), sums=pm.sums)
    if mres.values is None or not mres.optimal:
        # infeasible pins (CP-SAT names them) or out of time (CP-SAT goes on from HiGHS's plan)
        res = search.lexicographic(pm, deadline, start, hint, on_progress, cancel, solved=mres if mres.values is not None else None)
        return _bounded(_at_least(res, hint, problem, t, rows), pricing.bound, pm)
    value = -float(mx.c @ mres.values)
    needed = relax.needed(pricing, value, MAX_PAIRS, MAX_TRIPLES)
    if needed is None:
        # too many triples come near the bound to model them all in time:
        # the first model's optimum, with what the pricing proves about it
        return _within_bound(pm, mres, value, pricing.bound, start, on_progress)
    have = {(e.child, e.family, o[0]) for e in first for o in e.options}
    if all((e.child, e.family, o[0]) in have for e in needed for o in e.options):
        return search.lexicographic(pm, deadline, start, hint, on_progress, cancel, solved=mres)
    restricted = search.OptionIndex.of(pm).assignment(mres.values)
    pm = model.build(problem, t, rows, _union(first, needed), relax.scale, pricing.implied)
    return _bounded(_at_least(search.lexicographic(pm, deadline, start, restricted, on_progress, cancel), restricted, problem, t, rows), pricing.bound, pm)


def _bounded(res: search.SearchResult, bound: float, pm: model.PlacementModel) -> search.SearchResult:
    """An unproven plan keeps the relaxation's bound, which holds for every
    plan: its priority may be proven by it, and then its score bounded."""
    if res.assignment is None or res.core is not None or (res.priority_proven and res.score_proven):
        return res
    scale = pm.scale
    prio = sum(pm.rows[i].child.priority for i in res.assignment)
    pb = scale.priority_bound(bound)
    if res.priority_bound is not None:
        pb = min(pb, res.priority_bound)
    pb = max(pb, prio)
    if pb > prio:
        return search.SearchResult(res.assignment, priority_bound=pb)
    sb = (bound - scale.weight * prio) / scores.SCALE
    if res.priority_proven and res.score_bound is not None:
        sb = min(sb, res.score_bound)
    return search.SearchResult(res.assignment, priority_proven=True, priority_bound=prio, score_bound=sb)


def _within_bound(pm: model.PlacementModel, mres: mip.MipResult, value: float, bound: float, start: float, on_progress: Callable[[Progress], None] | None) -> search.SearchResult:
    """A plan of the session (an optimum of a restricted model) with the
    session bound the pricing gives (see :func:`_bounded`), reported."""
    res = _bounded(search.SearchResult(search.OptionIndex.of(pm).assignment(mres.values)), bound, pm)
    prio = sum(pm.rows[i].child.priority for i in res.assignment)
    if on_progress is not None:
        score = (value - pm.scale.weight * prio) / scores.SCALE
        on_progress(Progress(Objective(prio, score, res.priority_bound, res.score_bound), time.monotonic() - start, len(res.assignment)))
    return res


def _pin_closure(problem: Problem, t: Tables) -> set[int]:
    """Pinned children and the other members of their keep-together groups:
    whether the pins can hold is decided on these children alone, so the
    first model gives them every school in reach."""
    grp = model.groups_by_id(problem)
    mem = model.members(problem)
    out: set[int] = set()
    for p in problem.pins:
        i = t.children[p.child]
        g = problem.children[i].sibling_group
        out |= set(mem[g]) if g is not None and grp[g].keep_together else {i}
    return out


def _union(a: list[model.Entry], b: list[model.Entry]) -> list[model.Entry]:
    """Entries of both lists, with the school options of a pair merged (one
    per school: a pair without school has km NaN, which never equals itself)."""
    out: dict[tuple[int, int], dict[int, tuple[int, float, int]]] = {}
    for e in (*a, *b):
        out.setdefault((e.child, e.family), {}).update((o[0], o) for o in e.options)
    return [model.Entry(c, f, tuple(o[s] for s in sorted(o))) for (c, f), o in sorted(out.items())]


def _at_least(res: search.SearchResult, known: search.Assignment | None, problem: Problem, t: Tables, rows: list[ChildRow]) -> search.SearchResult:
    """An unproven result worse than a plan already known gives way to that plan."""
    if known is None or res.core is not None or (res.priority_proven and res.score_proven):
        return res
    if res.assignment is None or _worse(res.assignment, known, problem, t, rows):
        return search.SearchResult(known)
    return res
