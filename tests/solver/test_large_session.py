"""The path for sessions too large to relax: its plan obeys every hard rule
and its bounds hold against the exact optimum."""

from __future__ import annotations

import pytest

from solver import Status, cheap_bound, check_proposal, solve
from solver.bench import make_session


#: small sessions where the greedy plan meets the priority bound (dutch 1,
#: towns 2), so the score bound is checked too, and one where it does not
@pytest.mark.parametrize(("generator", "seed"), [("dutch", 1), ("towns", 2), ("towns", 1)])
def test_without_relaxation_bounds_hold(
    monkeypatch: pytest.MonkeyPatch, generator: str, seed: int
) -> None:
    session = make_session(generator, "small", seed)
    exact = solve(session, exact=True, time_limit_s=60)
    assert exact.status is Status.OPTIMAL and exact.objective is not None

    monkeypatch.setattr(cheap_bound, "MAX_RELAXED_PAIRS", 0)
    large = solve(session, time_limit_s=60)

    assert large.status in (Status.FEASIBLE, Status.OPTIMAL)
    assert check_proposal(session, large) == []
    objective = large.objective
    assert objective is not None and objective.priority_bound is not None
    assert objective.priority_bound >= exact.objective.priority
    assert objective.priority <= exact.objective.priority
    if objective.priority == exact.objective.priority:
        # the score bound is given once the priority is proven, and holds
        assert objective.priority_bound == objective.priority
        assert objective.score_bound is not None
        assert objective.score_bound >= exact.objective.score - 1e-6
        assert objective.proven_gap == pytest.approx(objective.score_bound - objective.score)
