"""The contract's optimality tolerance: 0.1 × (school_km + safety_margin) × placements."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from solver import Previous, Status, assemble, check_proposal, engine, solve
from solver.greedy import greedy_assignment
from solver.model import Scale
from solver.pairs import child_rows
from solver.problem import Forbidden, Pin, Weights
from solver.tables import Tables
from solver.tolerance import COMPLETE, RESTRICTED, StopRule, Tolerance, per_placement
from tests.solver.factories import at, child, family, group, problem, school


def session(n_children: int = 12):
    rnd = random.Random(3)
    families = [
        family(f"F{k}", at(rnd.uniform(-30, 30), rnd.uniform(-30, 30)), places=2) for k in range(10)
    ]
    children = [
        child(f"C{k}", priority=rnd.randint(1, 5), school_kind="primary") for k in range(n_children)
    ]
    schools = [
        school(f"S{k}", at(rnd.uniform(-30, 30), rnd.uniform(-30, 30)), seats=3) for k in range(8)
    ]
    return problem(families, children, schools=schools)


def greedy_proposal(p, extra_gap: float, tolerance: Tolerance | None, priority_slack: int = 0):
    """The greedy plan of ``p`` reported as if its priority were proven (or
    not, with ``priority_slack``) and its score bounded ``extra_gap`` points
    above the largest gap the tolerance allows."""
    t = Tables.of(p)
    rows = child_rows(p, t)
    plan = greedy_assignment(p, t, rows)
    prio, score = assemble.value(p, t, rows, plan)
    allowed = Tolerance.of(p).points(len(plan))
    return assemble.proposal(
        p,
        t,
        rows,
        plan,
        Status.FEASIBLE,
        0.1,
        "cp-sat",
        priority_bound=prio + priority_slack,
        score_bound=score + allowed + extra_gap,
        tolerance=tolerance,
    ), allowed


def test_the_tolerance_is_the_contracts():
    assert per_placement(Weights()) == pytest.approx(0.12)
    assert per_placement(Weights(school_km=2.0, safety_margin=0.5)) == pytest.approx(0.25)
    p = problem([family()], [child(f"C{k}") for k in range(1000)])
    # 120 points for 1,000 placements at the default weights, less the model's
    # rounding (a hundredth of a point per child)
    assert Tolerance.of(p).points(1000) == pytest.approx(120.0 - 10.0)


def test_the_rounding_allowance_counts_may_split_pairs():
    kids = [child(f"C{k}", sibling_group="G") for k in range(4)]
    p = problem([family()], kids, groups=[group("G", keep_together=False)])
    assert Tolerance.of(p).rounding == pytest.approx((4 + 0.5 * 6) / 100)


def test_a_plan_within_the_tolerance_is_optimal_and_one_point_over_stays_feasible():
    p = session()
    tol = Tolerance.of(p)
    within, allowed = greedy_proposal(p, 0.0, tol)
    assert allowed > 1.0  # the test means something
    assert within.status is Status.OPTIMAL
    assert within.objective.proven_gap == pytest.approx(allowed)
    over, _ = greedy_proposal(p, 1.0, tol)
    assert over.status is Status.FEASIBLE
    assert over.objective.proven_gap == pytest.approx(allowed + 1.0)
    just_over, _ = greedy_proposal(p, 0.001, tol)
    assert just_over.status is Status.FEASIBLE


def test_without_a_tolerance_only_an_exact_proof_is_optimal():
    p = session()
    exact, allowed = greedy_proposal(p, -Tolerance.of(p).points(12), None)
    assert exact.objective.proven_gap == pytest.approx(0.0, abs=1e-6)
    assert exact.status is Status.FEASIBLE


def test_an_unproven_priority_is_never_optimal_whatever_the_score_gap():
    p = session()
    unproven, _ = greedy_proposal(p, -1.0, Tolerance.of(p), priority_slack=1)
    assert unproven.status is Status.FEASIBLE
    assert unproven.objective.proven_gap is None


def test_the_stop_rule_stops_exactly_at_the_tolerance():
    scale = Scale(weight=1_000_000, low=-50_000)
    tol = Tolerance(per_placement=0.12, rounding=0.1)
    placements = 100  # 12 points, less 0.1 rounding, less 1.0 for the plan's own rounding
    value = scale.weight * 300 + 20_000
    allowed_units = round((12.0 - 0.1 - 1.0) * 100)
    rule = StopRule(scale, tol, session_bound=value + allowed_units, above=RESTRICTED)
    assert rule.close(
        value, value + 10**9, placements
    )  # an incomplete model's own bound is ignored
    rule = StopRule(scale, tol, session_bound=value + allowed_units + 100, above=RESTRICTED)
    assert not rule.close(value, value, placements)
    complete = StopRule(scale, tol, session_bound=value + allowed_units + 100, above=COMPLETE)
    assert complete.close(value, value + allowed_units, placements)  # its own bound counts
    higher_priority = StopRule(scale, tol, session_bound=value + scale.weight, above=RESTRICTED)
    assert not higher_priority.close(value, value, placements)


def test_a_model_complete_above_a_threshold_bounds_the_session_by_it():
    """A model holding every plan worth at least ``above``: when its optimum
    stays below that, no plan reaches it, so ``above`` bounds every plan;
    an optimum at or over it is the session's."""
    scale = Scale(weight=1_000_000, low=-50_000)
    tol = Tolerance(per_placement=0.12, rounding=0.1)
    placements = 100
    value = scale.weight * 300 + 20_000
    allowed_units = round((12.0 - 0.1 - 1.0) * 100)
    rule = StopRule(scale, tol, session_bound=value + 10**5, above=value + allowed_units)
    assert rule.bound(value) == value + allowed_units
    assert rule.bound(value + 2 * allowed_units) == value + 2 * allowed_units
    assert rule.close(value, value, placements)
    assert not rule.close(value - 1, value, placements)
    assert rule.proves(value + allowed_units) and not rule.proves(value + allowed_units - 1)


def test_a_solve_reports_its_proven_gap_within_the_tolerance():
    p = session()
    proposal = solve(p, time_limit_s=30)
    assert proposal.status is Status.OPTIMAL
    gap = proposal.objective.proven_gap
    assert gap is not None
    assert gap <= Tolerance.of(p).points(len(proposal.placements))
    exact = solve(p, time_limit_s=30, exact=True)
    assert exact.status is Status.OPTIMAL
    assert exact.objective.proven_gap <= 0.01 * len(p.children)
    assert exact.objective.priority == proposal.objective.priority


def test_a_resolve_after_a_forbid_starts_from_the_previous_plan_and_its_bounds():
    p = session(16)
    first = solve(p, time_limit_s=30)
    assert first.status is Status.OPTIMAL
    placed = first.placements[0]
    forbid = Forbidden(placed.child, placed.family)
    changed = replace(p, forbidden=(*p.forbidden, forbid))
    again = solve(changed, time_limit_s=30, previous=Previous(p, first))
    assert check_proposal(changed, again) == []
    assert (placed.child, placed.family) not in {(x.child, x.family) for x in again.placements}
    exact = solve(changed, time_limit_s=30, exact=True)
    # the previous bounds still hold: the new optimum lies within them
    assert again.objective.priority_bound >= exact.objective.priority
    if again.status is Status.OPTIMAL:
        assert again.objective.priority == exact.objective.priority
        assert again.objective.score_bound >= exact.objective.score - 0.01 * len(p.children)
        tol = Tolerance.of(changed).points(len(again.placements))
        assert exact.objective.score - again.objective.score <= tol + 0.01 * len(p.children)


def test_a_previous_solve_of_another_session_is_not_trusted():
    p = session(16)
    first = solve(p, time_limit_s=30)
    other = replace(p, children=p.children[:-1])
    proposal = solve(other, time_limit_s=30, previous=Previous(p, first))
    assert check_proposal(other, proposal) == []
    # its bounds are its own: at most what the smaller session can hold
    assert proposal.objective.priority_bound <= sum(c.priority for c in other.children)


def test_a_resolve_within_the_tolerance_needs_no_new_relaxation(monkeypatch):
    # every family has a twin at the same address with the same training:
    # forbidding one placement costs nothing, so the rebuilt previous plan is
    # within the tolerance of the previous bound at once
    rnd = random.Random(5)
    families = []
    for k in range(6):
        where = at(rnd.uniform(-20, 20), rnd.uniform(-20, 20))
        families += [family(f"F{k}a", where, places=2), family(f"F{k}b", where, places=2)]
    children = [child(f"C{k}", priority=rnd.randint(1, 5), school_kind="primary") for k in range(8)]
    schools = [school(f"S{k}", at(rnd.uniform(-20, 20), rnd.uniform(-20, 20))) for k in range(6)]
    p = problem(families, children, schools=schools)
    first = solve(p, time_limit_s=30)
    assert first.status is Status.OPTIMAL
    placed = first.placements[0]
    changed = replace(p, forbidden=(*p.forbidden, Forbidden(placed.child, placed.family)))

    def no_relaxation(*args, **kwargs):
        raise AssertionError("the re-solve built a new relaxation")

    monkeypatch.setattr(engine.columns.Relaxation, "of", no_relaxation)
    again = solve(changed, time_limit_s=30, previous=Previous(p, first))
    assert again.status is Status.OPTIMAL
    assert check_proposal(changed, again) == []
    assert again.objective.score_bound == first.objective.score_bound
    monkeypatch.undo()
    exact = solve(changed, time_limit_s=30, exact=True)
    assert exact.objective.priority == again.objective.priority
    allowed = per_placement(changed.weights) * len(again.placements)
    assert exact.objective.score - again.objective.score <= allowed


def test_a_resolve_after_a_pin_keeps_siblings_near_the_pinned_child():
    """Two may-split siblings (at most 5 km apart) first share the one family
    with room for both; the officer then pins one, with its school, to a
    family 30 km away. The previous plan's place of the other sibling may
    not be kept: rule 9 would break."""
    siblings = [
        child(name, priority=3, sibling_group="G", school_kind="primary") for name in ("A", "B")
    ]
    p = problem(
        [family("F0", at(0, 0), places=1), family("F1", at(30, 0), places=2)],
        siblings,
        [school("S0", at(0, 1)), school("S1", at(30, 1))],
        groups=[group("G", keep_together=False, max_apart_km=5.0)],
    )
    first = solve(p, time_limit_s=30)
    assert {(x.child, x.family) for x in first.placements} == {("A", "F1"), ("B", "F1")}
    pinned = replace(p, pins=(Pin("A", "F0", "S0"),))
    again = solve(pinned, time_limit_s=30, previous=Previous(p, first))
    assert check_proposal(pinned, again) == []
    assert {(x.child, x.family) for x in again.placements} == {("A", "F0")}
