"""Turning an assignment into a :class:`~solver.proposal.Proposal` with explanations."""

from __future__ import annotations

import numpy as np

from catalogue.keys import Key
from catalogue.sentences import Explanation
from solver import explain, scores
from solver.geo import distance_km, haversine_km
from solver.model import groups_by_id, members
from solver.pairs import ChildRow
from solver.problem import Problem
from solver.proposal import Objective, Placement, Proposal, Status, Unplaced
from solver.search import Assignment
from solver.tables import Tables
from solver.tolerance import Tolerance


def placement(problem: Problem, t: Tables, row: ChildRow, f: int, s: int) -> Placement:
    c = row.child
    fam = t.families
    km = distance_km(fam.lat[f], fam.lon[f], t.schools.lat[s], t.schools.lon[s]) if s >= 0 else None
    net = float(row.network_km[f]) if c.networks else None
    terms = scores.placement_terms(
        bool(row.shares_language[f]),
        net,
        c.safety_km,
        km,
        problem.weights,
        closed=bool(fam.closed[f]),
        on_site=bool(row.on_site[f]),
    )
    return Placement(
        child=c.id,
        family=fam.families[f].id,
        school=t.schools.schools[s].id if s >= 0 else None,
        score=sum(term.points for term in terms),
        school_km=km,
        network_km=net,
        terms=terms,
    )


def together_pairs(problem: Problem, a: Assignment) -> int:
    """Pairs of placed members of may-split groups who share a family."""
    grp = groups_by_id(problem)
    n = 0
    for gid, idx in members(problem).items():
        if grp[gid].keep_together:
            continue
        placed = [a[i][0] for i in idx if i in a]
        n += sum(
            1
            for x in range(len(placed))
            for y in range(x + 1, len(placed))
            if placed[x] == placed[y]
        )
    return n


def value(problem: Problem, t: Tables, rows: list[ChildRow], a: Assignment) -> tuple[int, float]:
    """(total priority, total score) of a plan: the placements' scores as
    :func:`placement` gives them, summed in one vectorised pass."""
    if not a:
        return 0, 0.0
    kids = list(a)
    fam = np.array([a[i][0] for i in kids], dtype=np.int64)
    sch = np.array([a[i][1] for i in kids], dtype=np.int64)
    shares = np.array([rows[i].shares_language[f] for i, f in zip(kids, fam, strict=True)])
    net = np.array([rows[i].network_km[f] for i, f in zip(kids, fam, strict=True)])
    safety = np.array([rows[i].child.safety_km for i in kids])
    with_school = sch >= 0
    km = np.full(len(kids), np.nan)
    schools, families = t.schools, t.families
    km[with_school] = haversine_km(
        families.lat[fam[with_school]],
        families.lon[fam[with_school]],
        schools.lat[sch[with_school]],
        schools.lon[sch[with_school]],
    )
    per_placement = scores.placement_score(
        shares, net, safety, km, families.closed[fam], problem.weights
    )
    bonus = problem.weights.siblings_together * together_pairs(problem, a)
    return sum(rows[i].child.priority for i in a), float(per_placement.sum()) + bonus


def proposal(
    problem: Problem,
    t: Tables,
    rows: list[ChildRow],
    a: Assignment,
    status: Status,
    seconds: float,
    solver: str,
    priority_bound: int | None = None,
    score_bound: float | None = None,
    tolerance: Tolerance | None = None,
) -> Proposal:
    """The proposal for plan ``a``. A ``feasible`` plan whose priority is
    proven and whose score is proven within ``tolerance`` of the optimum is
    reported ``optimal`` (the contract's sense); without a tolerance only an
    exact proof is."""
    placements = tuple(placement(problem, t, rows[i], f, s) for i, (f, s) in sorted(a.items()))
    bonus = problem.weights.siblings_together * together_pairs(problem, a)
    score = sum(p.score for p in placements) + bonus
    priority = sum(rows[i].child.priority for i in a)
    if score_bound is not None:
        score_bound = max(score_bound, score)
    if priority_bound is not None:
        priority_bound = max(priority_bound, priority)
    gap = None
    if priority_bound == priority and score_bound is not None:
        gap = round(score_bound - score, 6)
        close = tolerance is not None and tolerance.allows(gap, len(placements))
        if status is Status.FEASIBLE and close:
            status = Status.OPTIMAL
    proven = status is Status.OPTIMAL
    bound = None if score_bound is None else round(score_bound, 6)
    return Proposal(
        status=status,
        objective=Objective(priority, round(score, 6), priority_bound, bound, gap),
        placements=placements,
        unplaced=tuple(explain.unplaced(problem, t, rows, a, proven)),
        solve_seconds=seconds,
        solver=solver,
    )


def infeasible(
    problem: Problem, conflicts: list[Explanation], seconds: float, solver: str = "cp-sat"
) -> Proposal:
    reason = Explanation(Key.UNPLACED_PINS, conflicts=list(conflicts))
    return Proposal(
        status=Status.INFEASIBLE,
        objective=None,
        unplaced=tuple(Unplaced(c.id, (reason,)) for c in problem.children),
        conflicts=tuple(conflicts),
        solve_seconds=seconds,
        solver=solver,
    )


def unknown(problem: Problem, seconds: float) -> Proposal:
    why = Explanation(Key.UNPLACED_UNKNOWN)
    return Proposal(
        status=Status.UNKNOWN,
        objective=None,
        unplaced=tuple(Unplaced(c.id, (why,)) for c in problem.children),
        solve_seconds=seconds,
    )
