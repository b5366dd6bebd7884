"""``placement validate | solve | recommend | session export`` as a user runs them."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

import solver
from placement.actor import Actor
from placement.cli.login import PASSWORD_ENV, USER_ENV
from placement.cli.main import main
from placement.sessionfile import read_proposal, read_session
from placement.storage.database import Database
from placement.storage.database import sqlite_url as sqlite_url_for
from placement.storage.models import Role
from solver.proposal import Objective, Placement, Proposal, Status, Unplaced
from tests.placement.cli_login import PASSWORD, add_account, login
from tests.placement.test_sessionfile import INVALID, INVALID_FILES, VALID
from tests.placement.test_sessionfile_export import DAY, expected_problem, populate

PLACEMENT = Path(sys.executable).with_name("placement")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def infeasible_session(tmp_path: Path) -> Path:
    """basic.json with child C1 pinned to F2, whose town has no primary school within reach."""
    data = json.loads((VALID / "basic.json").read_text(encoding="utf-8"))
    data["pins"] = [{"child": "C1", "family": "F2"}]
    path = tmp_path / "infeasible.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


# -- validate -----------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(p.name for p in VALID.glob("*.json")))
def test_validate_accepts_valid_files_with_a_one_line_summary(capsys: pytest.CaptureFixture[str], name: str) -> None:
    code, out, err = run(capsys, "validate", str(VALID / name))
    assert (code, err) == (0, "")
    assert out.count("\n") == 1 and out.startswith(f"{VALID / name}: valid session: ")


def test_validate_summary_counts_what_is_in_the_file(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "validate", str(VALID / "basic.json"))
    assert out.endswith(
        ": valid session: 2 children, 2 families, 1 school, 1 network, 1 sibling group, 1 pin, 1 forbidden pair\n"
    )


@pytest.mark.parametrize(("name", "expected"), sorted(INVALID_FILES.items()))
def test_invalid_files_exit_2_with_one_line_per_problem_and_write_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, expected: tuple[str, str]
) -> None:
    where, message = expected
    path = str(INVALID / name)
    code, out, err = run(capsys, "validate", path)
    assert (code, out) == (2, "")
    lines = err.splitlines()
    assert all(line.startswith(f"{path}: ") for line in lines)
    prefix = f"{path}: {where}: " if where else f"{path}: "
    assert lines[0].startswith(prefix) and message in lines[0]
    assert "Traceback" not in err

    proposal = tmp_path / "proposal.json"
    code, out, err_solve = run(capsys, "solve", path, "-o", str(proposal))
    assert (code, out, err_solve) == (2, "", err)
    assert list(tmp_path.iterdir()) == []


def test_every_problem_in_a_file_gets_its_own_line(capsys: pytest.CaptureFixture[str]) -> None:
    path = INVALID / "many_problems.json"
    code, out, err = run(capsys, "validate", str(path))
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        f"{path}: {line}"
        for line in (
            'settings.safty_km: unknown key (did you mean "safety_km"?)',
            "settings.max_school_km: must be a number > 0, not -1",
            'families[0].lon: is required when "lat" is given (both or neither)',
            "families[0].free_places: must be an integer from 0 to 20 (a whole number), not 2.5",
            'families[0].languages[0]: language code "NL" must be lowercase ("nl")',
            'families[1].id: duplicate id "F1" (also at families[0])',
            'families[1].postcode: postcode "1020" is not in the postcode table',
            "schools[0].kinds: must name at least one school kind",
            "children[0].age: must be an integer from 0 to 20, not 21",
            'children[0].gender: must be "f", "m" or "x", not "girl"',
            'children[0].networks[0]: unknown network "N9"',
            'children[1].priority: must be an integer from 1 to 5, not true',
            'children[1].sibling_group: unknown sibling group "G1"',
            'pins[0].family: unknown family "F7"',
            'pins[1].child: child "C1" is already pinned at pins[0]',
            'pins[1].school: unknown school "00AB"',
        )
    ]


def test_solve_with_invalid_input_leaves_an_existing_proposal_alone(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    proposal = tmp_path / "proposal.json"
    proposal.write_text("yesterday's proposal\n", encoding="utf-8")
    code, _, _ = run(capsys, "solve", str(INVALID / "unknown_network.json"), "-o", str(proposal))
    assert code == 2
    assert proposal.read_text(encoding="utf-8") == "yesterday's proposal\n"


@pytest.mark.parametrize("limit", ["0", "-3", "soon", "nan"])
def test_a_bad_time_limit_is_refused_in_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path, limit: str) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["solve", str(VALID / "basic.json"), "-o", str(tmp_path / "p.json"), "--time-limit", limit])
    out, err = capsys.readouterr()
    assert exited.value.code == 2 and out == ""
    assert err.count("\n") == 1 and "--time-limit" in err
    assert list(tmp_path.iterdir()) == []


# -- solve ------------------------------------------------------------------------


def test_solve_writes_an_optimal_proposal(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "proposal.json"
    code, out, err = run(capsys, "solve", str(VALID / "basic.json"), "-o", str(target), "--time-limit", "10")
    assert (code, err) == (0, "")
    assert out == f"optimal: 2 of 2 children placed ({_objective_text(target)}); proposal written to {target}\n"
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["format"] == "placement-proposal/1" and data["status"] == "optimal"
    assert "conflicts" not in data
    # The pin holds and keep_together keeps the siblings in one family.
    assert {(p["child"], p["family"]) for p in data["placements"]} == {("C1", "F1"), ("C2", "F1")}
    school = {p["child"]: p["school"] for p in data["placements"]}
    assert school == {"C1": "00AA", "C2": None}
    assert data["objective"]["priority"] == 4
    assert read_proposal(target).status is Status.OPTIMAL


def test_a_session_with_closed_units_validates_and_solves(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    session = VALID / "closed_units.json"
    _, out, _ = run(capsys, "validate", str(session))
    assert out.endswith(": valid session: 3 children, 2 families, 1 closed unit, 1 school, 1 network, 0 sibling groups, 0 pins, 0 forbidden pairs\n")
    target = tmp_path / "proposal.json"
    code, out, err = run(capsys, "solve", str(session), "-o", str(target), "--time-limit", "10")
    assert (code, err) == (0, "")
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["status"] == "optimal"
    where = {p["child"]: (p["family"], p["school"], p["school_km"]) for p in data["placements"]}
    # C1 is authorised and only the unit has the training; it is schooled on site.
    # C2 has no authorisation; C3 goes to F1's school on site, leaving the one seat to C2.
    assert where == {"C1": ("U1", None, None), "C2": ("F1", "00AA", where["C2"][2]), "C3": ("F1", None, None)}
    unit_placement = next(p for p in data["placements"] if p["child"] == "C1")
    assert unit_placement["terms"]["closed_unit"]["points"] == -60.0
    assert unit_placement["terms"]["school_km"]["detail"] == "school on site"
    assert solver.check_proposal(read_session(session), read_proposal(target)) == []


def test_a_pin_of_an_unauthorised_child_into_a_unit_exits_1_naming_the_conflict(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = json.loads((VALID / "closed_units.json").read_text(encoding="utf-8"))
    data["pins"] = [{"child": "C2", "family": "U1"}]
    session = tmp_path / "pinned.json"
    session.write_text(json.dumps(data), encoding="utf-8")
    target = tmp_path / "proposal.json"
    code, out, _ = run(capsys, "solve", str(session), "-o", str(target))
    assert code == 1 and out.startswith("infeasible:")
    conflicts = json.loads(target.read_text(encoding="utf-8"))["conflicts"]
    assert conflicts == ["pin C2 → U1 breaks the closed-care rule: U1 is a closed unit and C2 has no valid authorisation for closed care"]


def _objective_text(path: Path) -> str:
    objective = json.loads(path.read_text(encoding="utf-8"))["objective"]
    text = f"priority {objective['priority']}, score {objective['score']:.1f}"
    if "proven_gap" in objective:
        text += f", proven within {objective['proven_gap']:.1f} of the best"
    return text


def test_solve_exact_proves_the_score_exactly(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "proposal.json"
    code, out, err = run(capsys, "solve", str(VALID / "basic.json"), "-o", str(target), "--exact")
    assert (code, err) == (0, "")
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["status"] == "optimal"
    objective = data["objective"]
    # exact in the model's hundredths of a point (one per placement at most)
    assert 0 <= objective["proven_gap"] <= 0.01 * len(data["placements"])
    assert objective["score_bound"] == pytest.approx(objective["score"] + objective["proven_gap"])
    assert read_proposal(target).objective.proven_gap == objective["proven_gap"]


def test_in_a_terminal_solve_shows_its_progress_on_stderr(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    code, _, err = run(capsys, "solve", str(VALID / "basic.json"), "-o", str(tmp_path / "p.json"))
    assert code == 0
    assert err and all(" s: " in line and "placed, priority" in line for line in err.splitlines())


def test_solve_without_output_prints_the_proposal(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "solve", str(VALID / "basic.json"))
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["status"] == "optimal" and len(data["placements"]) == 2


def test_infeasible_pins_exit_1_and_still_write_the_conflicts(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, infeasible_session: Path
) -> None:
    target = tmp_path / "proposal.json"
    code, out, _ = run(capsys, "solve", str(infeasible_session), "-o", str(target))
    assert code == 1 and out.startswith("infeasible: 0 of 2 children placed")
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["status"] == "infeasible"
    assert "objective" not in data and data["placements"] == []
    assert [u["child"] for u in data["unplaced"]] == ["C1", "C2"]
    assert data["conflicts"] and all("C1" in c for c in data["conflicts"])


def test_unknown_status_exits_3_and_still_writes_the_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: dict[str, object] = {}

    def out_of_time(problem: object, *, time_limit_s: float | None = None, **_: object) -> Proposal:
        seen["time_limit_s"] = time_limit_s
        return Proposal(
            status=Status.UNKNOWN,
            objective=None,
            unplaced=(Unplaced("C1", ("no answer in time",)), Unplaced("C2", ("no answer in time",))),
            solve_seconds=0.5,
        )

    monkeypatch.setattr(solver, "solve", out_of_time, raising=False)
    target = tmp_path / "proposal.json"
    code, out, _ = run(capsys, "solve", str(VALID / "basic.json"), "-o", str(target), "--time-limit", "0.5")
    assert code == 3 and out.startswith("unknown: 0 of 2 children placed")
    assert seen == {"time_limit_s": 0.5}
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["status"] == "unknown" and "conflicts" not in data and "objective" not in data


def test_a_proposal_that_breaks_a_hard_rule_is_never_written(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def careless(problem: object, **_: object) -> Proposal:
        # F2 takes girls only (and C2 is forbidden there): a bug in the solver.
        placement = Placement("C2", "F2", None, 0.0, None, 60.0)
        return Proposal(status=Status.FEASIBLE, objective=Objective(3, 0.0), placements=(placement,))

    monkeypatch.setattr(solver, "solve", careless)
    target = tmp_path / "proposal.json"
    code, out, err = run(capsys, "solve", str(VALID / "basic.json"), "-o", str(target))
    assert (code, out) == (70, "")
    assert err.startswith("placement: the proposal failed its own check and was not written:\n")
    assert "gender" in err
    assert not target.exists()


# -- recommend ------------------------------------------------------------------


def test_recommend_ranks_families_for_one_child(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "recommend", str(VALID / "basic.json"), "C2", "-n", "3")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "C2: 1 family fits every hard rule"
    assert any("excluded by gender: 1" in line for line in lines)
    assert lines[-1].lstrip().startswith("1. F1 ")

    code, out, _ = run(capsys, "recommend", str(VALID / "basic.json"), "C2", "--json")
    data = json.loads(out)
    assert code == 0 and data["child"] == "C2" and [c["family"] for c in data["candidates"]] == ["F1"]


def test_recommend_for_a_child_not_in_the_session_is_an_input_error(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(VALID / "basic.json")
    code, out, err = run(capsys, "recommend", path, "C9")
    assert (code, out) == (2, "")
    assert err == f'{path}: CHILD_ID: no child "C9" in the session\n'


# -- session export ----------------------------------------------------------------


@pytest.fixture
def small_db(db_url: str, monkeypatch: pytest.MonkeyPatch) -> tuple[str, dict[str, int]]:
    """The world of test_sessionfile_export, on SQLite and on PostgreSQL, with
    an officer logged in through PLACEMENT_USER and PLACEMENT_PASSWORD."""
    db = Database(db_url)
    try:
        with db.session() as s, s.begin():
            ids = populate(s)
    finally:
        db.dispose()
    login(monkeypatch, db_url)
    monkeypatch.setenv(USER_ENV, "cli-officer")
    return db_url, ids


def test_export_validate_read_gives_the_same_session(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, small_db: tuple[str, dict[str, int]]
) -> None:
    url, ids = small_db
    target = tmp_path / "session.json"
    code, out, err = run(capsys, "--db", url, "session", "export", "-o", str(target), "--date", DAY.isoformat())
    assert (code, err) == (0, "")
    assert out.startswith(f"{target}: session of 2026-06-01: 2 children, 2 families, 3 schools, 1 network")
    code, _, _ = run(capsys, "validate", str(target))
    assert code == 0
    assert read_session(target) == expected_problem(ids)


def test_export_options_reach_the_file(
    capsys: pytest.CaptureFixture[str], small_db: tuple[str, dict[str, int]]
) -> None:
    url, ids = small_db
    argv = ["--db", url, "session", "export", "--date", "2026-06-01", "--children", f"C{ids['c1']}"]
    code, out, err = run(capsys, *argv, "--safety-km", "65", "--max-school-km", "11")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert [c["id"] for c in data["children"]] == [f"C{ids['c1']}"]
    assert data["settings"] == {"safety_km": 65.0, "max_school_km": 11.0, "time_limit_s": 60.0}
    assert data["children"][0]["safety_km"] == 65.0  # its own max_school_km (10) stays


def test_export_of_a_child_who_is_not_waiting_writes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, small_db: tuple[str, dict[str, int]]
) -> None:
    url, ids = small_db
    target = tmp_path / "session.json"
    code, out, err = run(
        capsys, "--db", url, "session", "export", "-o", str(target), "--date", "2026-06-01", "--children", f"C{ids['c3']}"
    )
    assert (code, out) == (2, "")
    assert err == f"children: child C{ids['c3']} is not waiting for a place (placed)\n"
    assert not target.exists()


@pytest.mark.parametrize("children", ["", "C1,Anna", "C-3"])
def test_export_refuses_a_children_list_it_cannot_read(capsys: pytest.CaptureFixture[str], children: str) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["session", "export", "--children", children])
    out, err = capsys.readouterr()
    assert (exited.value.code, out) == (2, "")
    assert err.count("\n") == 1 and "--children" in err


def test_export_from_a_database_that_is_not_there_creates_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    missing = tmp_path / "missing.sqlite"
    code, out, err = run(capsys, "--db", sqlite_url_for(missing), "session", "export", "-o", str(tmp_path / "s.json"))
    assert (code, out) == (2, "")
    assert err == f"--db: there is no database at {missing} (create one with: placement demo)\n"
    assert list(tmp_path.iterdir()) == []


def test_demo_database_exports_a_valid_session(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, demo_db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from placement.services.matching import build_problem

    url = sqlite_url_for(demo_db_path)
    target = tmp_path / "demo-session.json"
    account = add_account(url, Role.OFFICER)
    monkeypatch.setenv(PASSWORD_ENV, PASSWORD)
    code, out, err = run(capsys, "--db", url, "--user", "cli-officer", "session", "export", "-o", str(target))
    assert (code, err) == (0, "")
    code, out, err = run(capsys, "validate", str(target))
    assert (code, err) == (0, "")
    problem = read_session(target)
    assert len(problem.children) > 0 and len(problem.families) > 0 and len(problem.schools) > 0
    # Fewer schools than the country has: only those a waiting child could use.
    assert len(problem.schools) < 8656
    db = Database(url)
    try:
        with db.session() as s:
            officer = Actor(user_id=account, username="cli-officer", role=Role.OFFICER)
            assert problem == build_problem(s, officer, on_date=dt.date.today())
    finally:
        db.dispose()
    assert all(f.label is None for f in problem.families) and all(c.label is None for c in problem.children)


# -- the real command, as a user starts it ------------------------------------------


def test_the_installed_command_reports_problems_without_a_traceback(tmp_path: Path) -> None:
    target = tmp_path / "proposal.json"
    bad = INVALID / "unknown_network.json"
    result = subprocess.run(
        [str(PLACEMENT), "solve", str(bad), "-o", str(target)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == f'{bad}: children[1].networks[1]: unknown network "N9"\n'
    assert not target.exists()


def test_the_installed_command_solves_a_file(tmp_path: Path) -> None:
    target = tmp_path / "proposal.json"
    result = subprocess.run(
        [str(PLACEMENT), "solve", str(VALID / "basic.json"), "-o", str(target)], capture_output=True, text=True, timeout=120
    )
    assert (result.returncode, result.stderr) == (0, "")
    proposal = read_proposal(target)
    assert proposal.status is Status.OPTIMAL
    assert {p.child for p in proposal.placements} == {"C1", "C2"}
