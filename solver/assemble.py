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


def placement(
    problem: Problem, tables: Tables, row: ChildRow, family: int, school: int
) -> Placement:
    child = row.child
    families, schools = tables.families, tables.schools
    km = (
        distance_km(
            families.lat[family], families.lon[family], schools.lat[school], schools.lon[school]
        )
        if school >= 0
        else None
    )
    terms = row.terms(family, km, tables, problem.weights)
    return Placement(
        child=child.id,
        family=families.families[family].id,
        school=schools.schools[school].id if school >= 0 else None,
        score=sum(term.points for term in terms),
        school_km=km,
        network_km=row.network_km_or_none(family),
        terms=terms,
    )


def together_pairs(problem: Problem, assignment: Assignment) -> int:
    """Pairs of placed members of may-split groups who share a family."""
    groups = groups_by_id(problem)
    pairs = 0
    for group_id, siblings in members(problem).items():
        if groups[group_id].keep_together:
            continue
        placed = [assignment[child].family for child in siblings if child in assignment]
        pairs += sum(
            1
            for first in range(len(placed))
            for second in range(first + 1, len(placed))
            if placed[first] == placed[second]
        )
    return pairs


def value(
    problem: Problem, tables: Tables, rows: list[ChildRow], assignment: Assignment
) -> tuple[int, float]:
    """(total priority, total score) of a plan: the placements' scores as
    :func:`placement` gives them, summed in one vectorised pass."""
    if not assignment:
        return 0, 0.0
    children = list(assignment)
    family = np.array([assignment[child].family for child in children], dtype=np.int64)
    school = np.array([assignment[child].school for child in children], dtype=np.int64)
    placed = list(zip(children, family, strict=True))
    shares = np.array([rows[child].shares_language[home] for child, home in placed])
    network_km = np.array([rows[child].network_km[home] for child, home in placed])
    safety = np.array([rows[child].child.safety_km for child in children])
    with_school = school >= 0
    km = np.full(len(children), np.nan)
    schools, families = tables.schools, tables.families
    km[with_school] = haversine_km(
        families.lat[family[with_school]],
        families.lon[family[with_school]],
        schools.lat[school[with_school]],
        schools.lon[school[with_school]],
    )
    per_placement = scores.placement_score(
        shares, network_km, safety, km, families.closed[family], problem.weights
    )
    bonus = problem.weights.siblings_together * together_pairs(problem, assignment)
    priority = sum(rows[child].child.priority for child in assignment)
    return priority, float(per_placement.sum()) + bonus


def proposal(
    problem: Problem,
    tables: Tables,
    rows: list[ChildRow],
    assignment: Assignment,
    status: Status,
    seconds: float,
    solver: str,
    priority_bound: int | None = None,
    score_bound: float | None = None,
    tolerance: Tolerance | None = None,
) -> Proposal:
    """The proposal for plan ``assignment``. A ``feasible`` plan whose
    priority is proven and whose score is proven within ``tolerance`` of the
    optimum is reported ``optimal`` (the contract's sense); without a
    tolerance only an exact proof is."""
    placements = tuple(
        placement(problem, tables, rows[child], family, school)
        for child, (family, school) in sorted(assignment.items())
    )
    bonus = problem.weights.siblings_together * together_pairs(problem, assignment)
    score = sum(placed.score for placed in placements) + bonus
    priority = sum(rows[child].child.priority for child in assignment)
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
        unplaced=tuple(explain.unplaced(problem, tables, rows, assignment, proven)),
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
        unplaced=tuple(Unplaced(child.id, (reason,)) for child in problem.children),
        conflicts=tuple(conflicts),
        solve_seconds=seconds,
        solver=solver,
    )


def unknown(problem: Problem, seconds: float) -> Proposal:
    why = Explanation(Key.UNPLACED_UNKNOWN)
    return Proposal(
        status=Status.UNKNOWN,
        objective=None,
        unplaced=tuple(Unplaced(child.id, (why,)) for child in problem.children),
        solve_seconds=seconds,
    )
