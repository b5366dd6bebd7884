"""Each hard rule of the session contract: a case it allows and a case it forbids."""

from __future__ import annotations

from solver import Status, check_proposal, excluding_rules, solve
from tests.solver.factories import at, child, family, group, network, placed, problem, school


def solved(p):
    proposal = solve(p, time_limit_s=10)
    assert check_proposal(p, proposal) == []
    return proposal


def reasons_of(proposal, child_id: str) -> str:
    return " ".join(next(u.reasons for u in proposal.unplaced if u.child == child_id))


# rule 1: once, pins, forbidden


def test_forbidden_pair_is_never_proposed():
    p = problem([family("F1"), family("F2", at(5))], [child()], forbidden=[("C1", "F1")])
    assert placed(solved(p)) == {"C1": "F2"}


def test_without_the_ban_the_better_family_is_chosen():
    p = problem([family("F1", languages=["ar"]), family("F2", at(5))], [child(languages=["ar"])])
    assert placed(solved(p)) == {"C1": "F1"}


def test_a_pinned_child_gets_the_pinned_family_even_if_worse():
    p = problem(
        [family("F1", languages=["ar"]), family("F2", at(5))],
        [child(languages=["ar"])],
        pins=[("C1", "F2")],
    )
    assert placed(solved(p)) == {"C1": "F2"}


# rule 2: capacity


def test_capacity_allows_as_many_children_as_free_places():
    p = problem([family(places=2)], [child("C1"), child("C2")])
    assert placed(solved(p)) == {"C1": "F1", "C2": "F1"}


def test_capacity_forbids_a_child_beyond_the_free_places():
    proposal = solved(problem([family(places=1)], [child("C1", priority=2), child("C2")]))
    assert placed(proposal) == {"C1": "F1"}
    assert "full" in reasons_of(proposal, "C2") and "more urgent" in reasons_of(proposal, "C2")


# rule 3: age


def test_age_inside_the_range_is_allowed():
    assert placed(solved(problem([family(ages=(6, 10))], [child(age=10)]))) == {"C1": "F1"}


def test_age_outside_the_range_is_forbidden():
    proposal = solved(problem([family(ages=(6, 10))], [child(age=11)]))
    assert placed(proposal) == {}
    assert "age" in reasons_of(proposal, "C1")
    assert [
        v.rule
        for v in excluding_rules(problem([family(ages=(6, 10))], [child(age=11)]), "C1", "F1")
    ] == ["age"]


# rule 4: gender


def test_gender_taken_by_the_family_is_allowed():
    assert placed(solved(problem([family(genders={"m", "x"})], [child(gender="x")]))) == {
        "C1": "F1"
    }


def test_gender_not_taken_is_forbidden():
    proposal = solved(problem([family(genders={"m"})], [child(gender="f")]))
    assert placed(proposal) == {} and "gender" in reasons_of(proposal, "C1")


# rule 5: training


def test_training_covered_is_allowed():
    p = problem([family(training={"trauma", "exploitation"})], [child(training_needed={"trauma"})])
    assert placed(solved(p)) == {"C1": "F1"}


def test_missing_training_is_forbidden_and_advice_names_the_tag():
    p = problem(
        [family(training={"exploitation"})], [child(training_needed={"trauma", "exploitation"})]
    )
    proposal = solved(p)
    assert placed(proposal) == {}
    u = proposal.unplaced[0]
    assert "training" in " ".join(u.reasons)
    assert any("trauma" in a and "F1" in a for a in u.advice)


# rule 6: safety (exact haversine, never relaxed)


def test_safety_distance_just_kept_is_allowed():
    p = problem(
        [family(where=at(50.01))], [child(networks=["N1"])], networks=[network("N1", at(0))]
    )
    proposal = solved(p)
    assert placed(proposal) == {"C1": "F1"}
    assert abs(proposal.placements[0].network_km - 50.01) < 1e-6


def test_safety_distance_just_missed_is_forbidden_and_never_advised_away():
    p = problem(
        [family(where=at(49.99))],
        [child(networks=["N1"])],
        networks=[network("N1", at(100), at(0))],
    )
    proposal = solved(p)
    assert placed(proposal) == {}
    u = proposal.unplaced[0]
    assert "network" in " ".join(u.reasons)
    assert not any("safety" in a for a in u.advice)
    [v] = excluding_rules(p, "C1", "F1")
    assert v.rule == "safety" and "50.0 km" in v.text and "N1" in v.text


def test_a_network_the_child_is_not_linked_to_does_not_count():
    p = problem([family()], [child()], networks=[network("N1", at(0))])
    assert placed(solved(p)) == {"C1": "F1"}


# rule 7: school


def test_school_of_the_kind_within_reach_is_allowed():
    p = problem([family()], [child(school_kind="primary")], schools=[school("S1", at(14.9))])
    proposal = solved(p)
    assert proposal.placements[0].school == "S1"


def test_school_beyond_reach_is_forbidden_and_advice_gives_the_radius():
    p = problem([family()], [child(school_kind="primary")], schools=[school("S1", at(15.1))])
    proposal = solved(p)
    assert placed(proposal) == {}
    assert any("15.1 km instead of 15.0 km" in a for a in proposal.unplaced[0].advice)


def test_school_of_the_wrong_kind_is_forbidden():
    p = problem([family()], [child(school_kind="secondary")], schools=[school("S1", at(1))])
    assert placed(solved(p)) == {}


def test_school_seats_send_the_second_child_to_the_next_school():
    p = problem(
        [family(places=2)],
        [child("C1", school_kind="primary"), child("C2", school_kind="primary")],
        schools=[school("S1", at(1), seats=1), school("S2", at(3), seats=1)],
    )
    proposal = solved(p)
    assert proposal.status is Status.OPTIMAL
    assert sorted(pl.school for pl in proposal.placements) == ["S1", "S2"]


def test_school_without_free_seats_forbids_the_placement():
    p = problem([family()], [child(school_kind="primary")], schools=[school("S1", at(1), seats=0)])
    assert placed(solved(p)) == {}


def test_a_child_without_school_kind_gets_no_school():
    p = problem([family()], [child()], schools=[school("S1", at(1))])
    assert solved(p).placements[0].school is None


# rule 8: siblings together


def test_keep_together_group_is_placed_in_one_family():
    p = problem(
        [
            family("F1", places=2),
            family("F2", at(1), languages=["ar"]),
            family("F3", at(2), languages=["ar"]),
        ],
        [
            child("C1", sibling_group="G1", languages=["ar"]),
            child("C2", sibling_group="G1", languages=["ar"]),
        ],
        groups=[group("G1")],
    )
    assert placed(solved(p)) == {"C1": "F1", "C2": "F1"}


def test_keep_together_group_is_not_split_when_no_family_holds_all():
    p = problem(
        [family("F1"), family("F2", at(1))],
        [child("C1", sibling_group="G1"), child("C2", sibling_group="G1")],
        groups=[group("G1")],
    )
    proposal = solved(p)
    assert placed(proposal) == {}
    assert "largest family that fits all of them has 1 free place" in reasons_of(proposal, "C1")
    assert any("split" in a for a in proposal.unplaced[0].advice)


# rule 9: siblings apart


def test_may_split_siblings_within_max_apart_are_allowed():
    p = problem(
        [family("F1"), family("F2", at(20))],
        [child("C1", sibling_group="G1"), child("C2", sibling_group="G1")],
        groups=[group("G1", keep_together=False, max_apart_km=25)],
    )
    assert sorted(placed(solved(p)).values()) == ["F1", "F2"]


def test_may_split_siblings_too_far_apart_are_forbidden():
    p = problem(
        [family("F1"), family("F2", at(30))],
        [child("C1", sibling_group="G1"), child("C2", sibling_group="G1")],
        groups=[group("G1", keep_together=False, max_apart_km=25)],
    )
    proposal = solved(p)
    assert len(proposal.placements) == 1
    assert "sibling" in " ".join(proposal.unplaced[0].reasons)


def test_may_split_siblings_together_earn_the_bonus():
    p = problem(
        [family("F1", places=2), family("F2", at(1), languages=["ar"])],
        [child("C1", sibling_group="G1", languages=["ar"]), child("C2", sibling_group="G1")],
        groups=[group("G1", keep_together=False)],
    )
    proposal = solved(p)
    assert placed(proposal) == {"C1": "F1", "C2": "F1"}
    assert proposal.objective.score == 40.0
