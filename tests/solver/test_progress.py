"""Progress reports and cancellation."""

from __future__ import annotations

import random

from solver import CancelToken, Status, check_proposal, engine, solve
from tests.solver.factories import at, child, family, problem, school


def busy_session(n_children: int = 60, n_families: int = 80):
    rnd = random.Random(7)
    fams = [
        family(
            f"F{k}",
            at(rnd.uniform(-60, 60), rnd.uniform(-60, 60)),
            places=rnd.randint(1, 2),
            languages=rnd.sample(["ar", "nl", "pl", "ti"], 1),
        )
        for k in range(n_families)
    ]
    kids = [
        child(
            f"C{k}",
            priority=rnd.randint(1, 5),
            languages=rnd.sample(["ar", "nl", "pl", "ti"], 1),
            school_kind="primary",
            max_school_km=20,
        )
        for k in range(n_children)
    ]
    schools = [
        school(f"S{k}", at(rnd.uniform(-60, 60), rnd.uniform(-60, 60)), seats=rnd.randint(1, 3))
        for k in range(40)
    ]
    return problem(fams, kids, schools=schools)


def test_each_improving_solution_is_reported():
    p = busy_session(20, 30)
    seen = []
    proposal = solve(p, time_limit_s=20, on_progress=seen.append)
    assert seen, "no progress reported"
    assert all(s.elapsed_s >= 0 for s in seen)
    last = seen[-1].objective
    assert (last.priority, round(last.score, 3)) <= (
        proposal.objective.priority,
        round(proposal.objective.score, 3) + 0.01,
    )


def test_cancel_returns_the_best_plan_so_far_as_feasible():
    p = busy_session()
    token = CancelToken()
    seen = []

    def first_then_cancel(progress):
        seen.append(progress)
        token.cancel()

    proposal = solve(p, time_limit_s=60, on_progress=first_then_cancel, cancel=token)
    assert proposal.status in (Status.FEASIBLE, Status.OPTIMAL)
    assert check_proposal(p, proposal) == []
    assert proposal.placements


def test_cancel_before_start_still_returns_a_valid_plan():
    p = busy_session()
    token = CancelToken()
    token.cancel()
    proposal = solve(p, time_limit_s=60, cancel=token)
    assert proposal.status is Status.FEASIBLE
    assert check_proposal(p, proposal) == [] and proposal.placements


def test_too_many_near_optimal_triples_give_the_first_plan_with_its_bounds(monkeypatch):
    """When more triples come near the bound than can be modelled in time, the
    solver returns the first model's optimum as feasible, with the bound the
    pricing proves: no plan is better than the bounds it reports."""
    p = busy_session()
    proven = solve(p, time_limit_s=60, exact=True)
    assert proven.status is Status.OPTIMAL
    monkeypatch.setattr(engine, "MAX_PAIRS", 0)
    bounded = solve(p, time_limit_s=60, exact=True)
    assert bounded.status is Status.FEASIBLE
    assert check_proposal(p, bounded) == [] and bounded.placements
    o = bounded.objective
    assert o.priority_bound >= proven.objective.priority >= o.priority
    if o.score_bound is not None:
        assert o.priority == proven.objective.priority
        assert o.score_bound >= proven.objective.score - 0.01 * len(p.children)


def test_a_cancelled_solve_still_says_how_far_its_plan_may_be_from_the_best():
    """Cancelled at the first plan with a bound, the solve still reports the
    relaxation's bounds, and they hold: the proven optimum lies within them."""
    p = busy_session()
    proven = solve(p, time_limit_s=60, exact=True)
    assert proven.status is Status.OPTIMAL
    token = CancelToken()

    def cancel_once_bounded(progress):
        if progress.objective.priority_bound is not None:
            token.cancel()

    stopped = solve(p, time_limit_s=60, on_progress=cancel_once_bounded, cancel=token, exact=True)
    assert token.cancelled
    assert stopped.status in (Status.FEASIBLE, Status.OPTIMAL)
    o = stopped.objective
    assert o.priority_bound is not None
    assert o.priority_bound >= proven.objective.priority >= o.priority
    if o.score_bound is not None:
        assert o.score_bound >= proven.objective.score - 0.01 * len(p.children)
