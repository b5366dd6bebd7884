"""A stored proposal keeps its explanations' machine form, so a reopened
session can still be shown in the user's language; the English sentences in
the file stay as the spec describes them."""

from __future__ import annotations

import json
from pathlib import Path

from placement.sessionfile.proposal import (
    proposal_from_json,
    proposal_to_json,
    read_proposal,
    write_proposal,
)
from solver import solve
from tests.solver.factories import at, child, family, network, problem, school


def test_reasons_advice_and_terms_read_back_with_keys_and_params(tmp_path: Path) -> None:
    p = problem(
        [family("F1"), family("F2", at(80))],
        [child("C1", school_kind="primary"), child("C2", networks=["N1"])],
        schools=[school("S1", at(15.1))],
        networks=[network("N1", at(0))],
    )
    proposal = solve(p, time_limit_s=10)
    path = tmp_path / "proposal.json"
    write_proposal(proposal, path)

    data = json.loads(path.read_text(encoding="utf-8"))
    [u] = data["unplaced"]
    assert u["child"] == "C1" and all(isinstance(r, str) for r in u["reasons"] + u["advice"])
    assert u["explanations"]["advice"][0]["key"] == "advice.school_radius"

    back = read_proposal(path)
    assert back == proposal
    [advice] = back.unplaced[0].advice
    assert advice.key == "advice.school_radius" and advice.params["need_km"] == 15.1
    assert [r.key for r in back.unplaced[0].reasons] == [r.key for r in proposal.unplaced[0].reasons]
    term = next(t for t in back.placements[0].terms if t.name == "safety_margin")
    assert term.detail.key == "term.beyond_safety"


def test_conflicts_read_back_with_keys(tmp_path: Path) -> None:
    p = problem(
        [family("F1", at(31.2))],
        [child("C7", networks=["N3"])],
        networks=[network("N3", at(0))],
        pins=[("C7", "F1")],
    )
    path = tmp_path / "proposal.json"
    write_proposal(solve(p, time_limit_s=10), path)
    [conflict] = read_proposal(path).conflicts
    assert conflict.key == "conflict.pin_breaks"
    assert round(conflict.params["detail"].params["km"], 1) == 31.2


def test_a_machine_form_that_does_not_match_its_sentence_is_ignored() -> None:
    p = problem([family()], [child(school_kind="primary")], schools=[school("S1", at(15.1))])
    data = proposal_to_json(solve(p, time_limit_s=10))
    data["unplaced"][0]["advice"] = ["Ask the manager"]
    data["unplaced"][0]["explanations"]["reasons"][0] = {"key": "no.such.key", "params": {}}
    u = proposal_from_json(data).unplaced[0]
    assert u.advice == ("Ask the manager",) and not hasattr(u.advice[0], "key")
    assert not hasattr(u.reasons[0], "key") and hasattr(u.reasons[1], "key")
