"""Explanations in machine form: the key and params a UI translates, and the
English sentence rendered from them (the sentence files and the command line use)."""

from __future__ import annotations

import pickle

from catalogue.sentences import Explanation, from_json, render, to_json
from solver import solve
from tests.solver.factories import at, child, family, network, problem, school


def test_an_unplaced_child_gets_keys_and_params_that_render_to_its_sentences():
    p = problem([family()], [child(school_kind="primary")], schools=[school("S1", at(15.1))])
    [u] = solve(p, time_limit_s=10).unplaced
    assert [r.key for r in u.reasons] == ["excluded.school.one", "unplaced.no_family"]
    assert u.reasons[0] == "1 family has no suitable school with a free seat within reach (school)"
    [a] = u.advice
    assert a.key == "advice.school_radius"
    assert a.params["need_km"] == 15.1 and a.params["max_km"] == 15.0 and a.params["family"] == "F1"
    assert a.params["school"] == "S1" and a.params["school_kind"] == "primary"
    assert (
        a == "A school radius of 15.1 km instead of 15.0 km would allow F1 "
        "(primary school S1 at 15.1 km)"
    )


def test_a_pin_conflict_nests_the_pin_and_the_rule_detail():
    p = problem(
        [family("F1", at(31.2))],
        [child("C7", networks=["N3"], safety_km=50)],
        networks=[network("N3", at(0))],
        pins=[("C7", "F1")],
    )
    proposal = solve(p, time_limit_s=10)
    [c] = proposal.conflicts
    assert c.key == "conflict.pin_breaks"
    assert c.params["pin"].key == "pin" and c.params["rule_words"].key == "rule_words.safety"
    assert c.params["detail"].key == "rule.safety" and c.params["detail"].params["network"] == "N3"
    assert c == render(c.key, c.params)
    assert proposal.unplaced[0].reasons[0].key == "unplaced.pins"


def test_explanations_survive_json_and_pickle_with_the_same_text():
    e = Explanation(
        "unplaced.taken",
        fitting=2,
        what=Explanation("words.fitting_families"),
        count=4,
        urgency=Explanation("words.more_urgent_children"),
        span=Explanation("words.priority_range", low=3, high=5),
        children=Explanation("list.more", items=["C1", "C2", "C3"], more=1),
        child="C9",
        priority=1,
    )
    assert e == (
        "All 2 fitting families are full: their places went to 4 more urgent children "
        "(priority 3–5; e.g. C1, C2, C3 and 1 more); C9 has priority 1"
    )
    back = from_json(to_json(e))
    assert back == e and back.key == e.key and to_json(back) == to_json(e)
    again = pickle.loads(pickle.dumps(e))
    assert again == e and again.params["span"].key == "words.priority_range"
