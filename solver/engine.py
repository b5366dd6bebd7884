"""The solver's front door: problem in, explained proposal out."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np
from numpy.typing import NDArray

from solver import (
    assemble,
    cheap_bound,
    columns,
    cp_sat_model,
    mip,
    model,
    pins,
    rounding,
    scores,
    search,
)
from solver.greedy import greedy_assignment
from solver.pairs import ChildRow, child_rows
from solver.problem import Problem
from solver.proposal import CancelToken, Objective, Progress, Proposal, Status
from solver.tables import Tables
from solver.tolerance import COMPLETE, RESTRICTED, StopRule, Tolerance

#: The first model holds each owner's this many best columns besides the LP's own.
PROMISING_K = 1
#: More child–family pairs or triples than these near the bound are not
#: modelled: the model would not be built and solved in a useful time.
MAX_PAIRS = 60_000
MAX_TRIPLES = 200_000


@dataclass(frozen=True, slots=True)
class _Run:
    """One solve's fixed context: the session, its tables and rows, the
    clock, the stop signals and where progress goes."""

    problem: Problem
    tables: Tables
    rows: list[ChildRow]
    start: float
    deadline: float
    cancel: CancelToken | None
    on_progress: Callable[[Progress], None] | None
    #: None: only an exact proof ends the search
    tolerance: Tolerance | None

    def elapsed(self) -> float:
        return time.monotonic() - self.start

    def cancelled(self) -> bool:
        return self.cancel is not None and self.cancel.cancelled

    def stopped(self) -> bool:
        """Cancelled, or out of time."""
        return self.cancelled() or time.monotonic() >= self.deadline

    def worse(self, plan: search.Assignment, other: search.Assignment) -> bool:
        """Is ``plan`` lexicographically worse than ``other``?"""
        value = assemble.value
        problem, tables, rows = self.problem, self.tables, self.rows
        return value(problem, tables, rows, plan) < value(problem, tables, rows, other)

    def stop_rule(self, scale: model.Scale, bound: float, above: float) -> StopRule:
        """What a model holding every plan worth ``above`` or more proves, and
        when its search may stop (never early for an exact proof)."""
        return StopRule(scale, self.tolerance, bound, above)


@dataclass(frozen=True, slots=True)
class Previous:
    """An earlier solve of this session: the session as it was then, and the
    proposal it gave."""

    problem: Problem
    proposal: Proposal


def solve(
    problem: Problem,
    *,
    time_limit_s: float | None = None,
    on_progress: Callable[[Progress], None] | None = None,
    cancel: CancelToken | None = None,
    exact: bool = False,
    previous: Previous | None = None,
) -> Proposal:
    """Place as many (urgent) children as possible, then as well as possible.

    Returns ``optimal`` when the priority is proven and the score is proven
    within the contract's tolerance of the optimum (:mod:`solver.tolerance`;
    the search stops there), or, with ``exact``, only when both objectives
    are proven exactly; ``feasible`` with the best plan so far when the time
    limit or ``cancel`` stops the search (never worse than the pins-first
    greedy plan); ``infeasible`` with the conflicting pins named;
    ``unknown`` when nothing could be decided.

    With ``previous`` (the same session before pins or forbidden pairs were
    added) the search starts from the previous plan and what it proved:
    every plan of the session now was a plan then, so the previous bounds
    still hold, and a plan rebuilt from the previous one that is within the
    tolerance of them is returned at once (see :func:`_from_previous`).
    """
    start = time.monotonic()
    limit = problem.settings.time_limit_s if time_limit_s is None else time_limit_s
    tables = Tables.of(problem)
    rows = child_rows(problem, tables)
    tolerance = None if exact else Tolerance.of(problem)
    run = _Run(problem, tables, rows, start, start + limit, cancel, on_progress, tolerance)

    clashes = pins.pin_conflicts(problem, tables, rows)
    if clashes:
        return assemble.infeasible(problem, clashes, run.elapsed())
    fallback = greedy_assignment(problem, tables, rows)
    if fallback is not None and on_progress is not None:
        # the greedy plan is a valid plan: show it while the search runs
        priority, score = assemble.value(problem, tables, rows, fallback)
        on_progress(Progress(Objective(priority, score), run.elapsed(), len(fallback)))
    if previous is not None and fallback is not None and not exact:
        warm = _from_previous(run, previous, fallback)
        if warm is not None:
            if _close_enough(run, warm):
                return _proposal(run, warm)
            fallback = warm.assignment
    if run.cancelled() and fallback is not None:
        return _proposal(run, search.SearchResult(fallback))
    candidates = model.candidate_families(rows, tables, problem)
    scale = model.scale_for(problem, tables, rows, candidates)
    if cheap_bound.candidate_pairs(candidates) > cheap_bound.MAX_RELAXED_PAIRS:
        return _without_relaxation(run, candidates, fallback)
    relaxation = columns.Relaxation.of(problem, tables, rows, candidates, scale)
    if run.cancelled() and fallback is not None:
        return _proposal(run, search.SearchResult(fallback))
    result, bound = _optimise(run, relaxation, fallback)
    if result.core is not None:
        conflicts = pins.core_conflicts(problem, result.core)
        return assemble.infeasible(problem, conflicts, run.elapsed())
    if result.assignment is None:
        if fallback is None:
            return assemble.unknown(problem, run.elapsed())
        result = search.SearchResult(fallback)
    proven = result.priority_proven and result.score_proven
    if not proven and fallback is not None and run.worse(result.assignment, fallback):
        # the relaxation's bound holds for every plan, the better greedy plan too
        result = search.SearchResult(fallback)
        if bound is not None:
            result = _bounded(result, bound, scale, rows)
    return _proposal(run, result)


def _without_relaxation(
    run: _Run, candidates: dict[int, NDArray[np.int64]], plan: search.Assignment | None
) -> Proposal:
    """A session too large to relaxation: the greedy plan, with the bounds of
    :mod:`solver.cheap_bound` (which hold for every plan). Its score is
    bounded once its priority meets the priority bound; it is ``optimal``
    only if that proves it within the tolerance."""
    if plan is None:
        return assemble.unknown(run.problem, run.elapsed())
    bound = cheap_bound.cheap_bound(run.problem, run.tables, run.rows, candidates)
    priority = sum(run.rows[child].child.priority for child in plan)
    if priority < bound.priority:
        return _proposal(run, search.SearchResult(plan, priority_bound=bound.priority))
    proven = search.SearchResult(
        plan, priority_proven=True, priority_bound=priority, score_bound=bound.score
    )
    return _proposal(run, proven)


def _from_previous(
    run: _Run, previous: Previous, fallback: search.Assignment
) -> search.SearchResult | None:
    """The previous plan rebuilt for the session now, with the previous
    bounds; None unless the session now only adds pins or forbidden pairs to
    the previous one (then its plans are a subset of the previous plans,
    and the previous bounds hold for them).

    The rebuild keeps every previous placement the session still allows and
    places the other children greedily; the greedy plan itself is taken
    when it is better."""
    old, now = previous.problem, run.problem
    objective = previous.proposal.objective
    if objective is None or objective.priority_bound is None:
        return None
    if replace(now, pins=old.pins, forbidden=old.forbidden, settings=old.settings) != old:
        return None
    if not (set(old.pins) <= set(now.pins) and set(old.forbidden) <= set(now.forbidden)):
        return None
    plan = greedy_assignment(
        now, run.tables, run.rows, start=_still_allowed(now, run.tables, previous)
    )
    if plan is None or run.worse(plan, fallback):
        plan = fallback
    priority = sum(run.rows[child].child.priority for child in plan)
    if priority < objective.priority_bound or objective.score_bound is None:
        return search.SearchResult(plan, priority_bound=objective.priority_bound)
    if run.on_progress is not None:
        _, score = assemble.value(now, run.tables, run.rows, plan)
        bounds = Objective(priority, score, objective.priority_bound, objective.score_bound)
        run.on_progress(Progress(bounds, run.elapsed(), len(plan)))
    return search.SearchResult(
        plan,
        priority_proven=True,
        priority_bound=objective.priority_bound,
        score_bound=objective.score_bound,
    )


def _still_allowed(now: Problem, tables: Tables, previous: Previous) -> search.Assignment:
    """The previous placements the session now allows: not forbidden now,
    as pinned for a child pinned now, and keep-together groups whole (the
    session is otherwise the previous one, so every other rule still holds;
    the greedy places a new pin's siblings again)."""
    forbidden = {(f.child, f.family) for f in now.forbidden}
    pins = {pin.child: pin for pin in now.pins}
    kept: search.Assignment = {}
    for placed in previous.proposal.placements:
        pin = pins.get(placed.child)
        if (placed.child, placed.family) in forbidden or placed.child not in tables.children:
            continue
        if pin is not None and (
            pin.family != placed.family or (pin.school is not None and pin.school != placed.school)
        ):
            continue
        if placed.school is not None and placed.school not in tables.schools.index:
            continue
        school = -1 if placed.school is None else tables.schools.index[placed.school]
        family = tables.families.index.get(placed.family)
        if family is not None:
            kept[tables.children[placed.child]] = search.Place(family, school)
    groups = model.groups_by_id(now)
    for group, members in model.members(now).items():
        if groups[group].keep_together and not all(member in kept for member in members):
            for member in members:
                kept.pop(member, None)
    return kept


def _proposal(run: _Run, result: search.SearchResult) -> Proposal:
    """The proposal for a search result: ``optimal`` when exactly proven, or
    when proven within the tolerance (decided on the exact score)."""
    assert result.assignment is not None
    proven = result.priority_proven and result.score_proven
    status = Status.OPTIMAL if proven else Status.FEASIBLE
    return assemble.proposal(
        run.problem,
        run.tables,
        run.rows,
        result.assignment,
        status,
        run.elapsed(),
        "cp-sat",
        result.priority_bound,
        result.score_bound if result.priority_proven else None,
        run.tolerance,
    )


def greedy(problem: Problem) -> Proposal:
    """The baseline: most urgent first, each to the best family still free."""
    start = time.monotonic()
    tables = Tables.of(problem)
    rows = child_rows(problem, tables)
    clashes = pins.pin_conflicts(problem, tables, rows)
    if clashes:
        return assemble.infeasible(problem, clashes, time.monotonic() - start, "greedy")
    plan = greedy_assignment(problem, tables, rows)
    if plan is None:
        return assemble.unknown(problem, time.monotonic() - start)
    seconds = time.monotonic() - start
    return assemble.proposal(problem, tables, rows, plan, Status.FEASIBLE, seconds, "greedy")


def _optimise(
    run: _Run, relaxation: columns.Relaxation, hint: search.Assignment | None
) -> tuple[search.SearchResult, float | None]:
    """Price every triple on the relaxation, solve the model over the triples
    the LP looked at (and those of ``hint``, the greedy plan), then over
    every triple that could still beat that optimum (see
    :mod:`solver.columns`); the second model's optimum is the session's.
    When those are too many, the second model holds the triples of the
    plans worth a threshold above the first optimum (:func:`_needed`). The
    search stops early once a plan is within the tolerance of the
    relaxation's bound: the relaxation's LP rounded (:mod:`solver.rounding`)
    may be such a plan already. Returns the result and that bound (None
    without one)."""
    problem, tables, rows = run.problem, run.tables, run.rows
    closure = relaxation.every(_pin_closure(problem, tables))
    pricing = relaxation.price(run.deadline, run.cancel, _pricing_enough(run, hint))
    if pricing is None:
        if run.cancelled():
            return search.SearchResult(hint), None
        # no multipliers: every triple stays, and the search decides
        placement_model = cp_sat_model.build(
            problem, tables, rows, relaxation.every(), relaxation.scale
        )
        stop = run.stop_rule(relaxation.scale, math.inf, above=COMPLETE)
        found = _lexicographic(run, placement_model, hint, stop=stop)
        return _at_least(run, found, hint), None
    bound = pricing.bound
    if run.cancelled() and hint is not None:
        return _bounded(search.SearchResult(hint), bound, relaxation.scale, rows), bound
    hint = _rounded(run, pricing, hint)
    if hint is not None:
        rounded = _bounded(search.SearchResult(hint), bound, relaxation.scale, rows)
        if _close_enough(run, rounded):
            _report(run, rounded)
            return rounded, bound
    looked_at = _union(pricing.looked_at, relaxation.promising(pricing, PROMISING_K))
    first = _union(looked_at, closure)
    if hint is not None:
        # the starting plan (the LP rounded, or the greedy one) is in the first
        # model, and HiGHS starts from it
        first = _union(first, relaxation.entries_of(hint))
    placement_model = cp_sat_model.build(
        problem, tables, rows, first, relaxation.scale, pricing.implied
    )
    # the first model's own bound holds only for its triples
    stop = run.stop_rule(relaxation.scale, bound, above=RESTRICTED)
    if run.stopped():
        found = _at_least(run, _lexicographic(run, placement_model, hint, stop=stop), hint)
        return _bounded(found, bound, relaxation.scale, rows), bound
    placement_model.model.maximize(
        relaxation.scale.weight * placement_model.priority + placement_model.score
    )
    matrix = mip.to_matrix(placement_model.model)
    highs_result = mip.solve_with_highs(
        matrix,
        run.deadline - time.monotonic(),
        search.values_of(placement_model, hint) if hint is not None else None,
        sums=placement_model.sums,
        placed=[literal.index for literal in placement_model.placed.values()],
        cancel=run.cancel,
        enough=stop.close,
    )
    if highs_result.values is not None and (highs_result.optimal or highs_result.close):
        plan = search.OptionIndex.of(placement_model).assignment(highs_result.values)
        value = -float(matrix.c @ highs_result.values)
        within = _within_bound(run, placement_model, plan, value, bound)
        if highs_result.close or _close_enough(run, within):
            return within, bound
    if highs_result.values is None or not highs_result.optimal:
        # infeasible pins (CP-SAT names them), out of time or cancelled (CP-SAT
        # goes on from HiGHS's plan)
        solved = highs_result if highs_result.values is not None else None
        found = _lexicographic(run, placement_model, hint, solved=solved, stop=stop)
        return _bounded(_at_least(run, found, hint), bound, relaxation.scale, rows), bound
    threshold, needed = _needed(relaxation, pricing, value, bound, _room(run, plan))
    if needed is None:
        # too many triples come near the bound to model them all in time:
        # the first model's optimum, with what the pricing proves about it
        return within, bound
    # the model over ``needed`` holds every plan worth ``threshold`` or more
    stop = run.stop_rule(relaxation.scale, bound, above=threshold)
    have = {
        (entry.child, entry.family, option.school) for entry in first for option in entry.options
    }
    if all(
        (entry.child, entry.family, option.school) in have
        for entry in needed
        for option in entry.options
    ):
        return _lexicographic(run, placement_model, hint, solved=highs_result, stop=stop), bound
    if run.cancelled():
        return within, bound
    restricted = search.OptionIndex.of(placement_model).assignment(highs_result.values)
    placement_model = cp_sat_model.build(
        problem, tables, rows, _union(first, needed), relaxation.scale, pricing.implied
    )
    found = _lexicographic(run, placement_model, restricted, stop=stop)
    return _bounded(_at_least(run, found, restricted), bound, relaxation.scale, rows), bound


#: Where the second model's threshold is tried, in turn, between the first
#: model's optimum (0) and the relaxation's bound (1).
THRESHOLD_SHARES = (0.0, 0.5, 0.75, 0.9)


def _needed(
    relaxation: columns.Relaxation,
    pricing: columns.Pricing,
    value: float,
    bound: float,
    room: float | None,
) -> tuple[float, list[model.Entry] | None]:
    """The lowest threshold whose triples are few enough to model, and those
    triples: every triple of every plan worth the threshold or more
    (:meth:`solver.columns.Relaxation.needed`). At the first model's optimum
    ``value`` the model over them holds an optimum of the session. Higher
    up, its optimum is the session's if it reaches the threshold, and
    otherwise no plan does, so the threshold bounds every plan: either way
    the proven gap is at most the larger of the two distances from the
    threshold (:class:`solver.tolerance.StopRule`). A threshold above
    ``value`` is tried only when that larger distance is within ``room``
    (the tolerance in model units; None for an exact proof), so that either
    answer settles the session. None beyond the last."""
    gap = bound - value
    for share in THRESHOLD_SHARES:
        if share > 0 and (room is None or max(share, 1 - share) * gap > room):
            continue
        threshold = value + share * gap
        needed = relaxation.needed(pricing, threshold, MAX_PAIRS, MAX_TRIPLES)
        if needed is not None:
            return threshold, needed
    return value, None


def _room(run: _Run, plan: search.Assignment) -> float | None:
    """The tolerance for a plan like ``plan``, in model units (None: exact)."""
    if run.tolerance is None:
        return None
    return max(run.tolerance.points(len(plan)), 0.0) * scores.SCALE


#: Share of the tolerance the relaxation's bound may keep above its LP optimum.
PRICING_SHARE = 0.25


def _pricing_enough(run: _Run, hint: search.Assignment | None) -> float:
    """How close (model units) column generation must bring the relaxation's
    bound to its LP optimum: a share of the tolerance for as many placements
    as the greedy plan has, so that a plan near the LP optimum is still
    within the tolerance of the bound; 0 (to the end) for an exact proof.
    Only the time spent depends on it: every bound stays valid."""
    if run.tolerance is None or not hint:
        return 0.0
    return max(PRICING_SHARE * run.tolerance.points(len(hint)), 0.0) * scores.SCALE


def _lexicographic(
    run: _Run,
    placement_model: model.PlacementModel,
    hint: search.Assignment | None,
    *,
    solved: mip.MipResult | None = None,
    stop: StopRule,
) -> search.SearchResult:
    return search.lexicographic(
        placement_model,
        run.deadline,
        run.start,
        hint,
        run.on_progress,
        run.cancel,
        solved=solved,
        stop=stop,
    )


def _rounded(
    run: _Run, pricing: columns.Pricing, hint: search.Assignment | None
) -> search.Assignment | None:
    """The relaxation's LP plan rounded (:mod:`solver.rounding`), or ``hint``
    when that is at least as good."""
    rounded = rounding.rounded_plan(run.problem, run.tables, run.rows, pricing.lp_columns)
    if rounded is None or (hint is not None and not run.worse(hint, rounded)):
        return hint
    return rounded


def _report(run: _Run, result: search.SearchResult) -> None:
    """Show a plan and its bounds while the search goes on."""
    if run.on_progress is None or result.assignment is None:
        return
    priority, score = assemble.value(run.problem, run.tables, run.rows, result.assignment)
    score_bound = result.score_bound if result.priority_proven else None
    objective = Objective(priority, score, result.priority_bound, score_bound)
    run.on_progress(Progress(objective, run.elapsed(), len(result.assignment)))


def _close_enough(run: _Run, result: search.SearchResult) -> bool:
    """Is this plan optimal in the contract's sense (its exact score within
    the tolerance of its proven bound)?"""
    if run.tolerance is None or not result.priority_proven or result.score_bound is None:
        return False
    assert result.assignment is not None
    _, score = assemble.value(run.problem, run.tables, run.rows, result.assignment)
    return run.tolerance.allows(result.score_bound - score, len(result.assignment))


def _bounded(
    result: search.SearchResult, bound: float, scale: model.Scale, rows: list[ChildRow]
) -> search.SearchResult:
    """An unproven plan keeps the relaxation's bound, which holds for every
    plan: its priority may be proven by it, and then its score bounded."""
    if (
        result.assignment is None
        or result.core is not None
        or (result.priority_proven and result.score_proven)
    ):
        return result
    priority = sum(rows[child].child.priority for child in result.assignment)
    priority_bound = scale.priority_bound(bound)
    if result.priority_bound is not None:
        priority_bound = min(priority_bound, result.priority_bound)
    priority_bound = max(priority_bound, priority)
    if priority_bound > priority:
        return search.SearchResult(result.assignment, priority_bound=priority_bound)
    score_bound = (bound - scale.weight * priority) / scores.SCALE
    if result.priority_proven and result.score_bound is not None:
        score_bound = min(score_bound, result.score_bound)
    return search.SearchResult(
        result.assignment, priority_proven=True, priority_bound=priority, score_bound=score_bound
    )


def _within_bound(
    run: _Run,
    placement_model: model.PlacementModel,
    plan: search.Assignment,
    value: float,
    bound: float,
) -> search.SearchResult:
    """A plan of the session (found on a restricted model) with the session
    bound the pricing gives (see :func:`_bounded`), reported."""
    result = _bounded(search.SearchResult(plan), bound, placement_model.scale, placement_model.rows)
    priority = sum(placement_model.rows[child].child.priority for child in plan)
    if run.on_progress is not None:
        score = (value - placement_model.scale.weight * priority) / scores.SCALE
        objective = Objective(priority, score, result.priority_bound, result.score_bound)
        run.on_progress(Progress(objective, run.elapsed(), len(plan)))
    return result


def _pin_closure(problem: Problem, tables: Tables) -> set[int]:
    """Pinned children and the other members of their keep-together groups:
    whether the pins can hold is decided on these children alone, so the
    first model gives them every school in reach."""
    groups = model.groups_by_id(problem)
    members = model.members(problem)
    out: set[int] = set()
    for pin in problem.pins:
        child = tables.children[pin.child]
        group = problem.children[child].sibling_group
        if group is not None and groups[group].keep_together:
            out |= set(members[group])
        else:
            out.add(child)
    return out


def _union(a: list[model.Entry], b: list[model.Entry]) -> list[model.Entry]:
    """Entries of both lists, with the school options of a pair merged (one
    per school: a pair without school has km NaN, which never equals itself)."""
    merged: dict[tuple[int, int], dict[int, model.SchoolOption]] = {}
    for entry in (*a, *b):
        options = merged.setdefault((entry.child, entry.family), {})
        options.update((option.school, option) for option in entry.options)
    return [
        model.Entry(child, family, tuple(options[s] for s in sorted(options)))
        for (child, family), options in sorted(merged.items())
    ]


def _at_least(
    run: _Run, result: search.SearchResult, known: search.Assignment | None
) -> search.SearchResult:
    """An unproven result worse than a plan already known gives way to that plan."""
    if known is None or result.core is not None or (result.priority_proven and result.score_proven):
        return result
    if result.assignment is None or run.worse(result.assignment, known):
        return search.SearchResult(known)
    return result
