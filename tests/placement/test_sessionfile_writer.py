"""Writing sessions and proposals: what is written reads back as the same
thing, and a failed write never leaves a half-written or invalid file."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalogue.codes import SCHOOL_KINDS
from placement.errors import InputError
from placement.sessionfile import (
    proposal_from_json,
    proposal_to_json,
    read_proposal,
    read_session,
    session_text,
    write_proposal,
    write_session,
)
from placement.sessionfile.jsonio import dumps, loads
from placement.sessionfile.reader import parse_session
from solver import problem as sp
from solver.proposal import Objective, Placement, Proposal, ScoreTerm, Status, Unplaced

VALID = Path(__file__).parent / "sessions" / "valid"


@pytest.mark.parametrize("name", sorted(p.name for p in VALID.glob("*.json")))
def test_every_valid_file_survives_write_and_read(name: str, tmp_path: Path) -> None:
    problem = read_session(VALID / name)
    target = tmp_path / "again.json"
    write_session(problem, target)
    assert read_session(target) == problem


def test_written_file_is_canonical(tmp_path: Path) -> None:
    problem = read_session(VALID / "postcodes.json")
    target = tmp_path / "s.json"
    write_session(problem, target)
    data = json.loads(target.read_text(encoding="utf-8"))
    # Locations as coordinates, defaults written out, the same text every time.
    assert "postcode" not in data["families"][0]
    assert set(data["families"][0]) >= {"lat", "lon", "genders", "training", "languages"}
    assert data["children"][0]["safety_km"] == 50.0 and data["children"][0]["max_school_km"] == 15.0
    assert data["settings"] == {"safety_km": 50.0, "max_school_km": 15.0, "time_limit_s": 60.0}
    assert data["families"][0]["genders"] == ["f", "m", "x"]
    assert target.read_text(encoding="utf-8") == session_text(problem)


def test_a_session_without_closed_units_is_written_without_the_new_keys(tmp_path: Path) -> None:
    data = json.loads(session_text(read_session(VALID / "basic.json")))
    assert "closed_unit" not in data["weights"]
    assert not any({"kind", "school_on_site"} & set(f) for f in data["families"])
    assert not any("closed_care" in c for c in data["children"])


def test_a_session_with_closed_units_writes_them_out() -> None:
    data = json.loads(session_text(read_session(VALID / "closed_units.json")))
    unit = data["families"][0]
    assert (unit["kind"], unit["school_on_site"]) == ("closed-unit", ["secondary", "special-secondary"])
    assert data["families"][1]["school_on_site"] == ["primary"] and "kind" not in data["families"][1]
    assert [c.get("closed_care", False) for c in data["children"]] == [True, False, False]
    assert data["weights"]["closed_unit"] == 60.0


def test_an_invalid_problem_is_never_written(tmp_path: Path) -> None:
    problem = read_session(VALID / "basic.json")
    too_old = replace(problem, children=(replace(problem.children[0], age=25), *problem.children[1:]))
    target = tmp_path / "s.json"
    target.write_text("the previous file\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        write_session(too_old, target)
    assert caught.value.lines() == [f"{target}: children[0].age: must be an integer from 0 to 20, not 25"]
    assert target.read_text(encoding="utf-8") == "the previous file\n"
    assert os.listdir(tmp_path) == ["s.json"]


def test_a_crash_while_writing_keeps_the_old_file_and_leaves_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "s.json"
    target.write_text("the previous file\n", encoding="utf-8")

    def power_cut(*_args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", power_cut)
    with pytest.raises(KeyboardInterrupt):
        write_session(read_session(VALID / "basic.json"), target)
    assert target.read_text(encoding="utf-8") == "the previous file\n"
    assert os.listdir(tmp_path) == ["s.json"]


def test_an_unwritable_place_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        write_session(read_session(VALID / "basic.json"), tmp_path / "no-such-folder" / "s.json")
    assert "cannot write the file" in caught.value.lines()[0]


def test_written_files_are_private(tmp_path: Path) -> None:
    target = tmp_path / "s.json"
    write_session(read_session(VALID / "basic.json"), target)
    assert target.stat().st_mode & 0o077 == 0


# -- any problem the reader accepts survives the round trip -------------------

ids = st.text(min_size=1, max_size=64)
tags = st.frozensets(st.text(min_size=1, max_size=12), max_size=3)
languages = st.frozensets(st.sampled_from(["nl", "en", "ar", "ro", "pl", "ti"]), max_size=3)
km = st.floats(min_value=0.0, max_value=500.0, allow_nan=False)
labels = st.none() | st.text(max_size=20)
points = st.builds(
    sp.Point,
    lat=st.floats(min_value=-90, max_value=90, allow_nan=False),
    lon=st.floats(min_value=-180, max_value=180, allow_nan=False),
)


@st.composite
def problems(draw: st.DrawFn) -> sp.Problem:
    family_ids = draw(st.lists(ids, unique=True, max_size=4))
    school_ids = draw(st.lists(ids, unique=True, max_size=3))
    network_ids = draw(st.lists(ids, unique=True, max_size=3))
    group_ids = draw(st.lists(ids, unique=True, max_size=2))
    child_ids = draw(st.lists(ids, unique=True, max_size=4))
    families = []
    for fid in family_ids:
        lo = draw(st.integers(0, 20))
        kind = draw(st.sampled_from([sp.FAMILY, sp.CLOSED_UNIT]))
        families.append(
            sp.Family(
                id=fid,
                location=draw(points),
                free_places=draw(st.integers(0, 60 if kind == sp.CLOSED_UNIT else 20)),
                age_min=lo,
                age_max=draw(st.integers(lo, 20)),
                genders=draw(st.frozensets(st.sampled_from(["f", "m", "x"]))),
                training=draw(tags),
                languages=draw(languages),
                label=draw(labels),
                kind=kind,
                school_on_site=draw(st.frozensets(st.sampled_from(SCHOOL_KINDS.values), max_size=2)),
            )
        )
    schools = [
        sp.School(
            id=sid,
            location=draw(points),
            kinds=draw(st.frozensets(st.text(min_size=1, max_size=10), min_size=1, max_size=3)),
            free_seats=draw(st.integers(0, 1000)),
            label=draw(labels),
        )
        for sid in school_ids
    ]
    networks = [
        sp.Network(id=nid, locations=tuple(draw(st.lists(points, min_size=1, max_size=3))), label=draw(labels))
        for nid in network_ids
    ]
    groups = [
        sp.SiblingGroup(id=gid, keep_together=draw(st.booleans()), max_apart_km=draw(km), label=draw(labels))
        for gid in group_ids
    ]
    children = [
        sp.Child(
            id=cid,
            age=draw(st.integers(0, 20)),
            gender=draw(st.sampled_from(["f", "m", "x"])),
            safety_km=draw(km),
            max_school_km=draw(st.floats(min_value=0.1, max_value=100, allow_nan=False)),
            priority=draw(st.integers(1, 5)),
            training_needed=draw(tags),
            languages=draw(languages),
            school_kind=draw(st.none() | st.text(min_size=1, max_size=10)),
            networks=tuple(draw(st.lists(st.sampled_from(network_ids), unique=True))) if network_ids else (),
            sibling_group=draw(st.none() | st.sampled_from(group_ids)) if group_ids else None,
            label=draw(labels),
            closed_care=draw(st.booleans()),
        )
        for cid in child_ids
    ]
    pins = []
    if child_ids and family_ids:
        for cid in draw(st.lists(st.sampled_from(child_ids), unique=True, max_size=2)):
            school = draw(st.none() | st.sampled_from(school_ids)) if school_ids else None
            pins.append(sp.Pin(child=cid, family=draw(st.sampled_from(family_ids)), school=school))
    forbidden = (
        [sp.Forbidden(child=draw(st.sampled_from(child_ids)), family=draw(st.sampled_from(family_ids)))]
        if child_ids and family_ids and draw(st.booleans())
        else []
    )
    return sp.Problem(
        families=tuple(families),
        schools=tuple(schools),
        networks=tuple(networks),
        children=tuple(children),
        sibling_groups=tuple(groups),
        pins=tuple(pins),
        forbidden=tuple(forbidden),
        settings=sp.Settings(
            safety_km=draw(km),
            max_school_km=draw(st.floats(min_value=0.1, max_value=100, allow_nan=False)),
            time_limit_s=draw(st.floats(min_value=0.1, max_value=3600, allow_nan=False)),
        ),
        weights=sp.Weights(*(draw(st.floats(min_value=0, max_value=1000, allow_nan=False)) for _ in range(5))),
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_any_valid_problem_reads_back_equal(problem: sp.Problem) -> None:
    text = session_text(problem)
    assert parse_session(loads(text.encode("utf-8"), "s.json")) == problem


# -- proposals ------------------------------------------------------------------


def _optimal() -> Proposal:
    return Proposal(
        status=Status.OPTIMAL,
        objective=Objective(priority=4, score=61.5, priority_bound=4, score_bound=61.5),
        placements=(
            Placement(
                child="C1",
                family="F1",
                school="00AA",
                score=31.5,
                school_km=2.5,
                network_km=None,
                terms=(ScoreTerm("language", 30.0, "both speak nl"), ScoreTerm("school_km", -2.5, "school 2.5 km away")),
            ),
            Placement(child="C2", family="F1", school=None, score=30.0, school_km=None, network_km=88.25),
        ),
        unplaced=(Unplaced("C3", ("no family takes a 17-year-old",), ("raise F2's age_max to 17",)),),
        solve_seconds=0.42,
    )


def test_proposal_json_follows_the_spec_table() -> None:
    data = proposal_to_json(_optimal())
    assert list(data) == ["format", "status", "objective", "placements", "unplaced", "solve_seconds", "solver"]
    assert data["format"] == "placement-proposal/1" and data["status"] == "optimal"
    assert data["objective"] == {"priority": 4, "score": 61.5, "priority_bound": 4, "score_bound": 61.5}
    first, second = data["placements"]
    assert first == {
        "child": "C1",
        "family": "F1",
        "school": "00AA",
        "score": 31.5,
        "school_km": 2.5,
        "network_km": None,
        "terms": {
            "language": {"points": 30.0, "detail": "both speak nl"},
            "school_km": {"points": -2.5, "detail": "school 2.5 km away"},
        },
    }
    assert (second["school"], second["school_km"], second["network_km"]) == (None, None, 88.25)
    assert data["unplaced"] == [
        {"child": "C3", "reasons": ["no family takes a 17-year-old"], "advice": ["raise F2's age_max to 17"]}
    ]
    assert "conflicts" not in data


def test_the_proven_gap_is_written_and_read_back() -> None:
    objective = Objective(priority=4, score=61.5, priority_bound=4, score_bound=62.0, proven_gap=0.5)
    proposal = replace(_optimal(), objective=objective)
    data = proposal_to_json(proposal)
    assert data["objective"]["proven_gap"] == 0.5
    assert proposal_from_json(loads(dumps(data).encode("utf-8"), "p.json")).objective == objective
    # a reader of an older file, without the key, gets no gap
    del data["objective"]["proven_gap"]
    assert proposal_from_json(data).objective.proven_gap is None


def test_unknown_bounds_are_left_out() -> None:
    proposal = replace(_optimal(), status=Status.FEASIBLE, objective=Objective(priority=3, score=10.0, priority_bound=4))
    assert proposal_to_json(proposal)["objective"] == {"priority": 3, "score": 10.0, "priority_bound": 4}


def test_infeasible_proposal_has_conflicts_and_no_objective() -> None:
    proposal = Proposal(
        status=Status.INFEASIBLE,
        # Whatever a solver leaves in these, an infeasible file shows neither.
        objective=Objective(priority=1, score=0.0),
        placements=_optimal().placements,
        unplaced=(Unplaced("C1", ("pin C1 -> F1 conflicts with pin C2 -> F1",)), Unplaced("C2", ("same",))),
        conflicts=("pins C1 -> F1 and C2 -> F1 need 2 places; F1 has 1 free",),
        solve_seconds=0.1,
    )
    data = proposal_to_json(proposal)
    assert "objective" not in data
    assert data["placements"] == []
    assert [u["child"] for u in data["unplaced"]] == ["C1", "C2"]
    assert data["conflicts"] == ["pins C1 -> F1 and C2 -> F1 need 2 places; F1 has 1 free"]


@pytest.mark.parametrize("status", list(Status))
def test_proposal_file_reads_back_equal(status: Status, tmp_path: Path) -> None:
    proposal = replace(_optimal(), status=status)
    if status is Status.INFEASIBLE:
        proposal = replace(proposal, objective=None, placements=(), conflicts=("a clash",))
    target = tmp_path / "p.json"
    write_proposal(proposal, target)
    assert read_proposal(target) == proposal
    assert proposal_from_json(json.loads(target.read_text(encoding="utf-8"))) == proposal


def test_a_file_that_is_not_a_proposal_is_refused_with_its_path(tmp_path: Path) -> None:
    data = proposal_to_json(_optimal())
    data["placements"][1]["family"] = 7
    with pytest.raises(InputError) as caught:
        proposal_from_json(data, source="p.json")
    assert caught.value.lines() == ["p.json: placements[1].family: has the wrong type"]
    with pytest.raises(InputError) as caught:
        read_proposal(VALID / "basic.json")
    assert caught.value.problems[0].where == "format"
