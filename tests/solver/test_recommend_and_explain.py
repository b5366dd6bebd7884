"""Recommendations, plain-words reasons and advice, and the independent checker."""

from __future__ import annotations

from solver import (
    Objective,
    Placement,
    Proposal,
    Status,
    check_proposal,
    excluding_rules,
    recommend,
    solve,
)
from tests.solver.factories import at, child, family, group, network, problem, school


def test_recommend_ranks_fitting_families_with_their_best_school_and_terms():
    p = problem(
        [
            family("F1", at(80), languages=["ar"]),
            family("F2", at(90)),
            family("F3", at(10)),  # too close to the network
            family("F4", at(85), ages=(0, 5)),  # wrong age
        ],
        [child(networks=["N1"], languages=["ar"], school_kind="primary")],
        schools=[school("S1", at(81)), school("S2", at(92))],
        networks=[network("N1", at(0))],
    )
    rec = recommend(p, "C1")
    assert [c.family for c in rec.candidates] == ["F1", "F2"]
    assert rec.fitting == 2
    top = rec.candidates[0]
    assert top.school == "S1" and {t.name for t in top.terms} == {
        "language",
        "safety_margin",
        "school_km",
    }
    assert abs(top.score - sum(t.points for t in top.terms)) < 1e-9
    counts = {r.rule: r.families for r in rec.excluded}
    assert counts == {"age": 1, "safety": 1, "school": 1}


def test_recommend_counts_places_taken_by_other_childrens_pins():
    p = problem(
        [family("F1"), family("F2", at(3))], [child("C1"), child("C2")], pins=[("C2", "F1")]
    )
    rec = recommend(p, "C1")
    assert [c.family for c in rec.candidates] == ["F2"]
    assert {r.rule: r.families for r in rec.excluded} == {"capacity": 1}


def test_excluding_rules_names_every_rule_in_plain_words():
    p = problem(
        [family("F1", at(20), ages=(12, 18), genders={"m"}, training={"trauma"})],
        [child(age=8, gender="f", networks=["N1"], training_needed={"exploitation"})],
        networks=[network("N1", at(0))],
        forbidden=[("C1", "F1")],
    )
    out = {v.rule: v.text for v in excluding_rules(p, "C1", "F1")}
    assert set(out) == {"forbidden", "age", "gender", "training", "safety"}
    assert out["age"] == "F1 takes ages 12–18; C1 is 8"
    assert out["safety"] == "F1 is 20.0 km from a location of network N1, C1 needs 50.0 km"
    assert out["training"] == "F1 lacks the training C1 needs: criminal exploitation"
    assert excluding_rules(problem([family()], [child()]), "C1", "F1") == []


def test_full_schools_are_named_as_the_reason_and_a_wider_radius_is_advised():
    p = problem(
        [family("F1", places=2)],
        [child("C1", school_kind="primary", priority=2), child("C2", school_kind="primary")],
        schools=[school("S1", at(2), seats=1), school("S2", at(18), seats=1)],
    )
    proposal = solve(p, time_limit_s=10)
    assert [pl.child for pl in proposal.placements] == ["C1"]
    [u] = proposal.unplaced
    assert any("seat left within reach" in r for r in u.reasons)
    assert any("18.0 km instead of 15.0 km" in a and "S2" in a for a in u.advice)


def test_one_more_place_in_a_named_family_is_advised():
    p = problem(
        [family("F1", languages=["ar"]), family("F2", at(2), ages=(0, 3))],
        [child("C1", priority=3), child("C2", languages=["ar"])],
    )
    proposal = solve(p, time_limit_s=10)
    [u] = proposal.unplaced
    assert u.child == "C2"
    assert "One more free place at F1 would make room for C2" in u.advice


def test_the_checker_catches_a_broken_proposal():
    p = problem(
        [family("F1", at(10))],
        [child("C1", networks=["N1"]), child("C2")],
        networks=[network("N1", at(0))],
    )
    bad = Proposal(
        Status.FEASIBLE,
        objective=Objective(2, 0.0),
        placements=(
            Placement("C1", "F1", None, 0.0, None, 10.0),
            Placement("C2", "F1", None, 0.0, None, None),
        ),
    )
    problems = check_proposal(p, bad)
    assert any("network N1" in x for x in problems)
    assert any("2 children for 1 free places" in x for x in problems)


def test_a_group_left_out_for_more_urgent_children_is_told_so():
    p = problem(
        [family("F1", places=2), family("F2", at(2), places=1)],
        [
            child("C1", sibling_group="G1"),
            child("C2", sibling_group="G1"),
            child("C3", priority=5, age=15),
            child("C4", priority=5, age=15),
        ],
        groups=[group("G1")],
    )
    proposal = solve(p, time_limit_s=10)
    assert sorted(pl.child for pl in proposal.placements) == ["C3", "C4"]
    texts = " ".join(r for u in proposal.unplaced if u.child == "C1" for r in u.reasons)
    assert "The only one of the families that fit all of sibling group G1 is full" in texts
    assert "more urgent children (priority 5" in texts
