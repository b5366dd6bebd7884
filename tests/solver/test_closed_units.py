"""Closed youth-care units in a session: each new rule allowed once and
forbidden once, the ``closed_unit`` score term, and what an officer reads."""

from __future__ import annotations

import dataclasses

from solver import Status, check_proposal, excluding_rules, greedy, recommend, solve
from solver.problem import Weights
from tests.solver.factories import at, child, family, group, placed, problem, school


def solved(p):
    proposal = solve(p, time_limit_s=10)
    assert check_proposal(p, proposal) == []
    return proposal


def unit(id: str = "U1", where=None, places: int = 10, **kw):
    return family(id, where or at(30), places, kind="closed-unit", **kw)


def unplaced_of(proposal, child_id: str):
    return next(u for u in proposal.unplaced if u.child == child_id)


# rule 10: closed care


def test_an_authorised_child_may_go_to_a_closed_unit():
    p = problem([unit()], [child(age=15, closed_care=True)])
    assert placed(solved(p)) == {"C1": "U1"}


def test_a_child_without_authorisation_never_goes_to_a_closed_unit():
    p = problem([unit(), unit("U2", places=3)], [child(age=15)])
    proposal = solved(p)
    assert placed(proposal) == {}
    why = unplaced_of(proposal, "C1")
    counts = [r for r in why.reasons if r.key.startswith("excluded.closed_care")]
    assert [(r.key, r.params["n"]) for r in counts] == [("excluded.closed_care.other", 2)]
    assert "2 closed units excluded: no authorisation for closed care" in counts[0]
    assert [v.rule for v in excluding_rules(p, "C1", "U1")] == ["closed_care"]


def test_an_authorised_child_may_still_go_to_a_family_and_prefers_one():
    p = problem([unit(), family("F1", at(-30))], [child(age=15, closed_care=True)])
    assert placed(solved(p)) == {"C1": "F1"}


def test_with_the_closed_unit_weight_at_zero_a_better_unit_can_win():
    p = problem(
        [unit(languages=["ar"]), family("F1", at(-30))],
        [child(age=15, closed_care=True, languages=["ar"])],
        weights=Weights(closed_unit=0),
    )
    assert placed(solved(p)) == {"C1": "U1"}


def test_the_closed_unit_term_is_its_own_named_score_line():
    p = problem([unit()], [child(age=15, closed_care=True)])
    (placement,) = solved(p).placements
    terms = {t.name: t.points for t in placement.terms}
    assert terms["closed_unit"] == -50.0
    assert placement.score == sum(terms.values())
    family_terms = solved(problem([family()], [child()])).placements[0].terms
    assert "closed_unit" not in {t.name for t in family_terms}


def test_advice_says_a_valid_authorisation_would_open_a_unit():
    p = problem([unit(), family("F1", places=0)], [child(age=15)])
    why = unplaced_of(solved(p), "C1")
    assert "With a valid authorisation for closed care, unit U1 could take C1" in why.advice
    full = unplaced_of(solved(problem([unit(places=0)], [child(age=15)])), "C1")
    assert not any(a.key == "advice.closed_care" for a in full.advice)


def test_a_pin_of_an_unauthorised_child_into_a_unit_is_an_infeasible_pin():
    p = problem([unit(), family("F1")], [child(age=15)], pins=[("C1", "U1")])
    proposal = solved(p)
    assert proposal.status is Status.INFEASIBLE
    (conflict,) = proposal.conflicts
    assert conflict.startswith("pin C1 → U1 breaks the closed-care rule")
    assert "no valid authorisation for closed care" in conflict


def test_a_pin_of_an_authorised_child_into_a_unit_holds():
    p = problem([unit(), family("F1")], [child(age=15, closed_care=True)], pins=[("C1", "U1")])
    assert placed(solved(p)) == {"C1": "U1"}


# rule 7: schooling on site


def test_a_child_schooled_on_site_takes_no_seat_and_has_no_school_distance():
    p = problem(
        [unit(school_on_site={"secondary"})],
        [child(age=15, closed_care=True, school_kind="secondary")],
        schools=[school("S1", at(200), kinds=("secondary",), seats=0)],
    )
    (placement,) = solved(p).placements
    assert (placement.family, placement.school, placement.school_km) == ("U1", None, None)
    school_term = next(t for t in placement.terms if t.name == "school_km")
    assert (school_term.points, school_term.detail) == (0.0, "school on site")


def test_a_child_of_another_school_kind_needs_a_school_from_the_list():
    p = problem(
        [unit(school_on_site={"secondary"})],
        [child(age=15, closed_care=True, school_kind="special")],
        schools=[school("S1", at(30, 3), kinds=("special",), seats=1)],
    )
    (placement,) = solved(p).placements
    assert placement.school == "S1" and placement.school_km is not None
    full = school("S1", at(30, 3), kinds=("special",), seats=0)
    no_seat = dataclasses.replace(p, schools=(full,))
    assert placed(solved(no_seat)) == {}


def test_on_site_schooling_frees_the_seat_for_another_child():
    """Two children, one seat: the one schooled on site leaves it to the other."""
    p = problem(
        [unit(school_on_site={"secondary"}), family("F1", at(-30))],
        [
            child("C1", age=15, closed_care=True, school_kind="secondary"),
            child("C2", age=15, school_kind="secondary"),
        ],
        schools=[school("S1", at(-30, 2), kinds=("secondary",), seats=1)],
    )
    proposal = solved(p)
    assert placed(proposal) == {"C1": "U1", "C2": "F1"}
    assert {p.child: p.school for p in proposal.placements} == {"C1": None, "C2": "S1"}


def test_a_pin_naming_a_school_for_an_on_site_placement_conflicts_with_rule_7():
    p = problem(
        [unit(school_on_site={"secondary"})],
        [child(age=15, closed_care=True, school_kind="secondary")],
        schools=[school("S1", at(30, 1), kinds=("secondary",))],
        pins=[("C1", "U1", "S1")],
    )
    proposal = solved(p)
    assert proposal.status is Status.INFEASIBLE
    conflict = proposal.conflicts[0]
    assert "U1 teaches secondary school on site, so C1 goes to school there" in conflict


# 60 places; keep-together groups


def test_a_unit_takes_up_to_sixty_children_and_no_more():
    kids = [child(f"C{k}", age=15, closed_care=True) for k in range(61)]
    proposal = solved(problem([unit(places=60)], kids))
    assert len(proposal.placements) == 60
    assert len(proposal.unplaced) == 1


def test_a_keep_together_group_may_share_a_unit():
    p = problem(
        [unit(places=5)],
        [
            child("C1", age=15, closed_care=True, sibling_group="G1"),
            child("C2", age=16, closed_care=True, sibling_group="G1"),
        ],
        groups=[group("G1")],
    )
    assert placed(solved(p)) == {"C1": "U1", "C2": "U1"}


def test_a_keep_together_group_with_an_unauthorised_member_stays_out_of_the_unit():
    p = problem(
        [unit(places=5)],
        [
            child("C1", age=15, closed_care=True, sibling_group="G1"),
            child("C2", age=16, sibling_group="G1"),
        ],
        groups=[group("G1")],
    )
    assert placed(solved(p)) == {}


# the greedy baseline and recommend know units too


def test_greedy_and_recommend_follow_the_unit_rules():
    p = problem(
        [unit(school_on_site={"secondary"}), family("F1", at(-30), places=0)],
        [
            child("C1", age=15, closed_care=True, school_kind="secondary"),
            child("C2", age=15),
        ],
    )
    g = greedy(p)
    assert check_proposal(p, g) == []
    assert placed(g) == {"C1": "U1"}
    rec = recommend(p, "C1")
    assert [(c.family, c.school, c.school_km) for c in rec.candidates] == [("U1", None, None)]
    assert "closed_unit" in {t.name for t in rec.candidates[0].terms}
    rec2 = recommend(p, "C2")
    assert rec2.candidates == () and "closed_care" in {r.rule for r in rec2.excluded}


def test_recommend_lists_the_best_units_after_the_families_for_an_authorised_child():
    families = [family(f"F{n}", at(-30 - n)) for n in range(3)]
    units = [unit(f"U{n}", at(30 + 10 * n), school_on_site={"secondary"}) for n in range(3)]
    secondary = school("S1", at(-30), kinds=("secondary",))
    p = problem(
        [*families, *units],
        [child("C1", age=15, closed_care=True, school_kind="secondary"), child("C2", age=15)],
        schools=[secondary],
    )
    # the closed_unit weight keeps every unit below every family: the best 2 are families
    assert [c.family for c in recommend(p, "C1", n=2).candidates] == ["F0", "F1"]
    rec = recommend(p, "C1", n=2, units=2)
    assert [(c.family, c.closed, c.on_site, c.school) for c in rec.candidates] == [
        ("F0", False, False, "S1"),
        ("F1", False, False, "S1"),
        ("U0", True, True, None),
        ("U1", True, True, None),
    ]
    # a unit already among the best is not listed twice
    best_five = recommend(p, "C1", n=5, units=2).candidates
    assert [c.family for c in best_five] == ["F0", "F1", "F2", "U0", "U1"]
    # no authorisation, no unit
    assert [c.family for c in recommend(p, "C2", n=2, units=2).candidates] == ["F0", "F1"]
