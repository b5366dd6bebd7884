"""Lexicographic objective, pins and their conflicts, greedy baseline."""

from __future__ import annotations

from solver import Status, check_proposal, greedy, solve
from solver.problem import Pin, Weights
from tests.solver.factories import at, child, family, group, network, placed, problem, school


def test_one_more_priority_point_beats_any_score():
    # C2 would score 30 + 10 more in F1; C1 is one priority point more urgent.
    p = problem(
        [family("F1", where=at(200), languages=["ar"])],
        [
            child("C1", priority=2, school_kind="primary", max_school_km=40),
            child("C2", priority=1, languages=["ar"], networks=["N1"]),
        ],
        schools=[school("S1", at(235))],
        networks=[network("N1", at(0))],
    )
    proposal = solve(p, time_limit_s=10)
    assert check_proposal(p, proposal) == []
    assert placed(proposal) == {"C1": "F1"}
    assert proposal.status is Status.OPTIMAL
    assert proposal.objective.priority == 2 == proposal.objective.priority_bound


def test_two_children_of_priority_one_beat_one_of_priority_one_and_then_score_decides():
    p = problem(
        [family("F1", languages=["ar"]), family("F2", at(3))],
        [child("C1", languages=["ar"]), child("C2")],
    )
    proposal = solve(p, time_limit_s=10)
    assert placed(proposal) == {"C1": "F1", "C2": "F2"}
    assert proposal.objective.score == 30.0 and proposal.objective.score_bound == 30.0


def test_score_terms_are_named_and_add_up():
    p = problem(
        [family("F1", where=at(80), languages=["ar"])],
        [child("C1", languages=["ar"], networks=["N1"], school_kind="primary")],
        schools=[school("S1", at(82))],
        networks=[network("N1", at(0))],
        weights=Weights(language=30, safety_margin=0.2, school_km=1),
    )
    [pl] = solve(p, time_limit_s=10).placements
    terms = {t.name: t.points for t in pl.terms}
    assert set(terms) == {"language", "safety_margin", "school_km"}
    assert (
        terms["language"] == 30
        and abs(terms["safety_margin"] - 6.0) < 1e-6
        and abs(terms["school_km"] + 2.0) < 1e-6
    )
    assert abs(pl.score - 34.0) < 1e-6


def test_pin_breaking_safety_is_named_with_the_rule_and_distance():
    p = problem(
        [family("F1", where=at(31.2)), family("F2", where=at(90))],
        [child("C7", networks=["N3"])],
        networks=[network("N3", at(0))],
        pins=[("C7", "F1")],
    )
    proposal = solve(p, time_limit_s=10)
    assert (
        proposal.status is Status.INFEASIBLE
        and proposal.placements == ()
        and proposal.objective is None
    )
    assert proposal.conflicts == (
        "pin C7 → F1 breaks the safety distance: "
        "F1 is 31.2 km from a location of network N3, C7 needs 50.0 km",
    )
    assert [u.child for u in proposal.unplaced] == ["C7"]


def test_two_pins_into_one_free_place_break_the_capacity():
    p = problem([family("F1")], [child("C1"), child("C2")], pins=[("C1", "F1"), ("C2", "F1")])
    proposal = solve(p, time_limit_s=10)
    assert proposal.status is Status.INFEASIBLE
    assert any("capacity" in c and "C1" in c and "C2" in c for c in proposal.conflicts)


def test_keep_together_pins_in_two_families_conflict():
    p = problem(
        [family("F1", places=2), family("F2", at(1), places=2)],
        [child("C1", sibling_group="G1"), child("C2", sibling_group="G1")],
        groups=[group("G1")],
        pins=[("C1", "F1"), ("C2", "F2")],
    )
    proposal = solve(p, time_limit_s=10)
    assert proposal.status is Status.INFEASIBLE and any(
        "keep-together" in c for c in proposal.conflicts
    )


def test_pins_clashing_only_through_a_sibling_seat_are_found_by_the_search():
    # C1 is pinned to F1 and must bring sibling C2, who needs the one seat of S1;
    # C3 is pinned to S1 itself.
    p = problem(
        [family("F1", places=2), family("F3", at(2))],
        [
            child("C1", sibling_group="G1"),
            child("C2", sibling_group="G1", school_kind="primary"),
            child("C3", school_kind="primary"),
        ],
        schools=[school("S1", at(1), seats=1)],
        groups=[group("G1")],
        pins=[Pin("C1", "F1"), Pin("C3", "F3", "S1")],
    )
    proposal = solve(p, time_limit_s=10)
    assert proposal.status is Status.INFEASIBLE
    [conflict] = proposal.conflicts
    assert "pin C1 → F1" in conflict and "pin C3 → F3 (school S1)" in conflict


def test_feasible_pins_hold_and_the_rest_is_optimised():
    p = problem(
        [family("F1", languages=["ar"]), family("F2", at(1))],
        [child("C1", languages=["ar"]), child("C2", languages=["ar"])],
        pins=[("C2", "F1")],
    )
    proposal = solve(p, time_limit_s=10)
    assert proposal.status is Status.OPTIMAL and placed(proposal) == {"C2": "F1", "C1": "F2"}


def test_greedy_places_most_urgent_first_and_never_beats_the_solver():
    # Greedy gives F1 (the only family for C2) to the more urgent C1, who could go elsewhere.
    p = problem(
        [family("F1", languages=["ar"]), family("F2", at(1), ages=(0, 9))],
        [child("C1", age=8, priority=3, languages=["ar"]), child("C2", age=12, priority=2)],
    )
    g = greedy(p)
    s = solve(p, time_limit_s=10)
    assert g.solver == "greedy" and check_proposal(p, g) == []
    assert placed(g) == {"C1": "F1"}
    assert placed(s) == {"C1": "F2", "C2": "F1"}
    assert g.objective.priority < s.objective.priority
