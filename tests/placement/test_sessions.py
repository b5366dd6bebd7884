"""The matching-session workflow on a copy of the demo database, with the real solver."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

import solver
from placement.actor import Actor
from placement.errors import ConflictError, InputError, PermissionDenied
from placement.services.demo import build_demo_database
from placement.services.matching_session import (
    accepting,
    diff,
    map_view,
    persistence,
    run_state,
    waiting,
)
from placement.services.matching_session.diff import ChangeKind
from placement.services.matching_session.run_state import MatchingRun
from placement.sessionfile import session_to_json
from placement.storage import models as m
from placement.storage.database import Database, sqlite_url
from solver.problem import Settings
from solver.proposal import CancelToken, Objective, Placement, Progress, Proposal, Status, Unplaced
from tests.conftest import DEMO_SEED

TODAY = dt.date.today()
FAST = Settings(safety_km=50.0, max_school_km=15.0, time_limit_s=10.0)


@pytest.fixture
def db(demo_db_path: Path) -> Iterator[Database]:
    database = Database(sqlite_url(demo_db_path))
    yield database
    database.dispose()


def actor_for(db: Database, role: m.Role) -> Actor:
    with db.session() as s:
        user = s.scalars(select(m.User).where(m.User.role == role)).first()
        assert user is not None
        return Actor(user_id=user.id, username=user.username, role=role)


@pytest.fixture
def officer(db: Database) -> Actor:
    return actor_for(db, m.Role.OFFICER)


def some_children(db: Database, officer: Actor, n: int = 6) -> list[int]:
    """The most urgent waiting children without sibling ties: a small session."""
    with db.session() as s:
        rows = waiting.waiting_children(s, officer, on_date=TODAY)
    return [r.id for r in rows if r.sibling_group is None][:n]


def started(db: Database, officer: Actor, n: int = 6) -> MatchingRun:
    with db.session() as s, s.begin():
        return persistence.start(
            s, officer, on_date=TODAY, child_ids=some_children(db, officer, n), settings=FAST
        )


def solved_and_saved(db: Database, officer: Actor, run: MatchingRun) -> MatchingRun:
    run = run_state.solve(run)
    with db.session() as s, s.begin():
        persistence.save(s, officer, run)
    return run


def free_places(db: Database, family_ref: str) -> int:
    with db.session() as s:
        family = s.get(m.FosterFamily, int(family_ref.removeprefix("F")))
        assert family is not None
        return family.free_places


# ------------------------------------------------------------------ solving, pins, prohibitions


def test_a_new_session_places_the_chosen_children_and_is_stored(
    db: Database, officer: Actor
) -> None:
    run = solved_and_saved(db, officer, started(db, officer))

    assert run.proposal is not None and run.proposal.status in (Status.OPTIMAL, Status.FEASIBLE)
    assert {p.child for p in run.proposal.placements} | {
        u.child for u in run.proposal.unplaced
    } == {c.id for c in run.problem.children}
    assert run.proposal.placements, "the demo has room for at least one of six urgent children"
    for p in run.proposal.placements:
        assert run.cards.family_name(p.family) != p.family  # a name, not an id
    with db.session() as s:
        row = s.get(m.MatchingSession, run.id)
        assert row is not None and row.status == m.SessionStatus.OPEN
        assert row.proposal is not None and len(row.proposal["placements"]) == len(
            run.proposal.placements
        )
        assert row.problem["format"] == "placement-session/1"
        assert row.decisions["solves"] == 1


def test_the_stored_problem_is_always_the_one_last_solved(db: Database, officer: Actor) -> None:
    """Saving writes the problem again only when it changed (a pin, a
    prohibition, one lifted); the row holds the problem solved every time."""

    def stored(run: MatchingRun) -> dict[str, object]:
        with db.session() as s:
            row = s.get(m.MatchingSession, run.id)
            assert row is not None
            return row.problem

    run = solved_and_saved(db, officer, started(db, officer, 3))
    assert stored(run) == session_to_json(run.problem)
    assert run.proposal is not None
    first = run.proposal.placements[0]
    pinned = solved_and_saved(db, officer, run_state.pin(run, first.child, first.family))
    assert stored(pinned) == session_to_json(pinned.problem) != session_to_json(run.problem)
    again = solved_and_saved(db, officer, pinned)  # re-solved with nothing changed
    assert stored(again) == session_to_json(pinned.problem)
    lifted = solved_and_saved(db, officer, run_state.unpin(again, first.child))
    assert stored(lifted) == session_to_json(run.problem)


def test_a_cancelled_solve_returns_a_plan_not_proven_best(db: Database, officer: Actor) -> None:
    with db.session() as s, s.begin():
        everyone = [r.id for r in waiting.waiting_children(s, officer, on_date=TODAY)]
        run = persistence.start(
            s, officer, on_date=TODAY, child_ids=everyone, settings=Settings(time_limit_s=120)
        )
    token = CancelToken()
    token.cancel()  # the officer pressed Cancel before the search got anywhere

    run = run_state.solve(run, cancel=token)

    assert run.proposal is not None and run.proposal.status == Status.FEASIBLE
    assert run.proposal.placements, "the quick first plan is kept"


def test_progress_reports_the_best_plan_so_far(db: Database, officer: Actor) -> None:
    progress: list[Progress] = []

    run = run_state.solve(started(db, officer), on_progress=progress.append)

    assert run.proposal is not None and run.proposal.objective is not None
    assert progress, "at least the final plan is reported while solving"
    assert progress[-1].objective.priority <= run.proposal.objective.priority


def test_the_alternatives_show_the_proposal_s_own_school_and_score(
    db: Database, officer: Actor
) -> None:
    """The bold row of the alternatives is the proposal's family: it must name
    the school and score the proposal gives, not the nearest free seat (with
    every waiting child in the session, children compete for seats)."""
    run = run_state.solve(started(db, officer, 200))
    assert run.proposal is not None
    for placed in run.proposal.placements:
        own = [
            c
            for c in run_state.alternatives(run, placed.child).candidates
            if c.family == placed.family
        ]
        for candidate in own:
            assert (candidate.school, candidate.score) == (placed.school, placed.score)


def test_a_pinned_family_is_kept_in_the_re_solve(db: Database, officer: Actor) -> None:
    run = run_state.solve(started(db, officer))
    assert run.proposal is not None
    first = run.proposal.placements[0]
    other = next(
        c for c in run_state.alternatives(run, first.child).candidates if c.family != first.family
    )

    run = run_state.solve(run_state.pin(run, first.child, other.family, other.school))

    placed = run.placement_of(first.child)
    assert placed is not None and (placed.family, placed.school) == (other.family, other.school)
    assert (first.child, ChangeKind.MOVED) in {
        (c.child, c.kind) for c in diff.diff(run.previous, run.proposal)
    }


def test_a_forbidden_family_is_not_proposed_again(db: Database, officer: Actor) -> None:
    run = run_state.solve(started(db, officer))
    assert run.proposal is not None
    first = run.proposal.placements[0]

    run = run_state.solve(run_state.forbid(run, first.child, first.family))

    again = run.placement_of(first.child)
    assert again is None or again.family != first.family
    assert first.family not in {
        c.family for c in run_state.alternatives(run, first.child).candidates
    }


def test_a_pin_that_breaks_a_hard_rule_makes_the_session_infeasible_and_says_why(
    db: Database, officer: Actor
) -> None:
    run = started(db, officer, 3)
    child = run.problem.children[0].id
    unfit = next(
        f.id for f in run.problem.families if solver.excluding_rules(run.problem, child, f.id)
    )

    run = run_state.solve(run_state.pin(run, child, unfit))

    assert run.proposal is not None and run.proposal.status == Status.INFEASIBLE
    assert not run.proposal.placements
    assert any(child in text and unfit in text for text in run.proposal.conflicts), (
        run.proposal.conflicts
    )
    assert {u.child for u in run.proposal.unplaced} == {c.id for c in run.problem.children}


def test_a_child_with_every_family_forbidden_is_unplaced_with_reasons(
    db: Database, officer: Actor
) -> None:
    run = started(db, officer, 2)
    child = run.problem.children[0].id
    for family in run.problem.families:
        run = run_state.forbid(run, child, family.id)

    run = run_state.solve(run)

    assert run.proposal is not None and run.placement_of(child) is None
    unplaced = next(u for u in run.proposal.unplaced if u.child == child)
    assert unplaced.reasons
    assert run_state.alternatives(run, child).candidates == ()


def test_forbidding_a_pinned_pair_lifts_the_pin_and_unforbid_lifts_the_prohibition(
    db: Database, officer: Actor
) -> None:
    run = started(db, officer)
    child, family = run.problem.children[0].id, run.problem.families[0].id

    run = run_state.pin(run, child, family)
    assert run.pin_for(child) is not None
    run = run_state.forbid(run, child, family)
    assert run.pin_for(child) is None and run.is_forbidden(child, family)
    run = run_state.unforbid(run, child, family)
    assert not run.forbidden


def test_pinning_an_unknown_family_names_it(db: Database, officer: Actor) -> None:
    run = started(db, officer)
    with pytest.raises(InputError, match="F999999 is not available"):
        run_state.pin(run, run.problem.children[0].id, "F999999")


def test_a_guardian_cannot_start_a_session(db: Database, officer: Actor) -> None:
    guardian = actor_for(db, m.Role.GUARDIAN)
    ids = some_children(db, officer, 2)
    with pytest.raises(PermissionDenied), db.session() as s, s.begin():
        persistence.start(s, guardian, on_date=TODAY, child_ids=ids, settings=FAST)


# ------------------------------------------------------------------ diff


def _proposal(*placements: tuple[str, str, str | None], unplaced: tuple[str, ...] = ()) -> Proposal:
    return Proposal(
        status=Status.OPTIMAL,
        objective=Objective(priority=len(placements), score=0.0),
        placements=tuple(Placement(c, f, s, 0.0, None, None) for c, f, s in placements),
        unplaced=tuple(Unplaced(c, ("no family fits",)) for c in unplaced),
    )


def test_diff_names_who_moved_who_changed_school_and_who_gained_or_lost_a_place() -> None:
    before = _proposal(
        ("C1", "F1", "S1"),
        ("C2", "F2", None),
        ("C3", "F3", "S3"),
        ("C10", "F4", "S4"),
        unplaced=("C5",),
    )
    after = _proposal(
        ("C1", "F1", "S1"),
        ("C2", "F9", None),
        ("C10", "F4", "S5"),
        ("C5", "F3", None),
        unplaced=("C3",),
    )

    changes = diff.diff(before, after)

    assert [(c.child, c.kind) for c in changes] == [
        ("C2", ChangeKind.MOVED),
        ("C3", ChangeKind.UNPLACED),
        ("C5", ChangeKind.PLACED),
        ("C10", ChangeKind.SCHOOL),
    ]
    moved = changes[0]
    assert (moved.family_before, moved.family_after) == ("F2", "F9")
    assert (changes[3].school_before, changes[3].school_after) == ("S4", "S5")
    assert moved.made_way_for == ()  # nobody took C2's place in F2
    assert changes[1].made_way_for == ("C5",)  # C3 lost its place in F3 to C5


def test_a_child_pushed_out_by_a_pin_says_for_whom() -> None:
    before = _proposal(("C1", "F1", None), ("C2", "F2", None))
    after = _proposal(("C1", "F2", None), ("C2", "F3", None))  # C1 pinned to F2
    changes = diff.diff(before, after)
    assert [(c.child, c.made_way_for) for c in changes] == [("C1", ()), ("C2", ("C1",))]


def test_a_pinned_child_that_moved_made_way_for_nobody() -> None:
    """C2 is pinned to F1, where C1 was; C1 moves to F2, where C2 was. C1
    made way for C2; C2 moved because of its pin, not to make way for C1."""
    before = _proposal(("C1", "F1", None), ("C2", "F2", None))
    after = _proposal(("C1", "F2", None), ("C2", "F1", None))
    changes = diff.diff(before, after, pinned={"C2": "F1"})
    assert [(c.child, c.made_way_for) for c in changes] == [("C1", ("C2",)), ("C2", ())]


def test_diff_of_equal_proposals_is_empty() -> None:
    same = _proposal(("C1", "F1", "S1"))
    assert diff.diff(same, same) == ()


# ------------------------------------------------------------------ accepting


def test_accept_all_creates_the_placements_and_closes_the_session(
    db: Database, officer: Actor
) -> None:
    run = solved_and_saved(db, officer, started(db, officer))
    assert run.proposal is not None
    free_before = {p.family: free_places(db, p.family) for p in run.proposal.placements}

    with db.session() as s, s.begin():
        result = accepting.accept(s, officer, run.id)

    assert len(result.placement_ids) == len(run.proposal.placements)
    with db.session() as s:
        for p in run.proposal.placements:
            child = s.get(m.Child, int(p.child.removeprefix("C")))
            assert child is not None and child.status == m.ChildStatus.PLACED
            placement = s.scalars(select(m.Placement).where(m.Placement.child_id == child.id)).one()
            assert f"F{placement.family_id}" == p.family and placement.session_id == run.id
        row = s.get(m.MatchingSession, run.id)
        assert row is not None and row.status == m.SessionStatus.ACCEPTED
        assert row.decisions["accepted_by"] == officer.username
        assert len(row.decisions["accepted"]) == len(run.proposal.placements)
    taken: dict[str, int] = {}
    for p in run.proposal.placements:
        taken[p.family] = taken.get(p.family, 0) + 1
    for family, before in free_before.items():
        assert free_places(db, family) == before - taken[family]


def test_accept_selected_children_only(db: Database, officer: Actor) -> None:
    run = solved_and_saved(db, officer, started(db, officer))
    assert run.proposal is not None and len(run.proposal.placements) >= 2
    chosen = run.proposal.placements[0].child

    with db.session() as s, s.begin():
        result = accepting.accept(s, officer, run.id, [chosen])

    assert [r.child for r in result.rows] == [chosen]
    with db.session() as s:
        other = s.get(m.Child, int(run.proposal.placements[1].child.removeprefix("C")))
        assert other is not None and other.status == m.ChildStatus.WAITING


def test_accept_is_all_or_nothing_when_a_family_filled_up_meanwhile(
    db: Database, officer: Actor
) -> None:
    run = solved_and_saved(db, officer, started(db, officer))
    assert run.proposal is not None and len(run.proposal.placements) >= 2
    last = run.proposal.placements[-1]
    with db.session() as s, s.begin():  # another officer fills that family meanwhile
        family = s.get(m.FosterFamily, int(last.family.removeprefix("F")))
        assert family is not None
        family.total_places = family.occupied
    with db.session() as s:
        placements_before = s.scalar(select(func.count(m.Placement.id)))

    with (
        pytest.raises(ConflictError, match=f"^{re.escape(last.family)} just filled up") as refused,
        db.session() as s,
        s.begin(),
    ):
        accepting.accept(s, officer, run.id)
    assert refused.value.names[last.family] == run.cards.family_name(last.family), (
        "named as on the page"
    )

    with db.session() as s:
        assert s.scalar(select(func.count(m.Placement.id))) == placements_before
        first = s.get(m.Child, int(run.proposal.placements[0].child.removeprefix("C")))
        assert first is not None and first.status == m.ChildStatus.WAITING
        row = s.get(m.MatchingSession, run.id)
        assert row is not None and row.status == m.SessionStatus.OPEN


def test_a_session_cannot_be_accepted_twice(db: Database, officer: Actor) -> None:
    run = solved_and_saved(db, officer, started(db, officer))
    with db.session() as s, s.begin():
        accepting.accept(s, officer, run.id)
    with pytest.raises(ConflictError, match="already accepted"), db.session() as s, s.begin():
        accepting.accept(s, officer, run.id)


def test_accepting_an_unsolved_session_is_refused(db: Database, officer: Actor) -> None:
    run = started(db, officer)
    with pytest.raises(ConflictError, match="no proposal"), db.session() as s, s.begin():
        accepting.accept(s, officer, run.id)


# ------------------------------------------------------------------ history


def test_a_reopened_session_shows_the_stored_proposal_and_decisions_read_only(
    db: Database, officer: Actor
) -> None:
    run = run_state.solve(started(db, officer))
    assert run.proposal is not None
    first = run.proposal.placements[0]
    run = solved_and_saved(db, officer, run_state.pin(run, first.child, first.family, first.school))
    with db.session() as s, s.begin():
        accepting.accept(s, officer, run.id)

    with db.session() as s, s.begin():
        summary = persistence.past_sessions(s, officer)[0]
        reopened = persistence.reopen(s, officer, run.id)

    assert summary.id == run.id and summary.status == m.SessionStatus.ACCEPTED
    assert summary.accepted == len(run.proposal.placements)
    assert reopened.read_only and reopened.status == m.SessionStatus.ACCEPTED
    assert reopened.proposal is not None
    assert [(p.child, p.family, p.school) for p in reopened.proposal.placements] == [
        (p.child, p.family, p.school) for p in run.proposal.placements
    ]
    assert [t.name for t in reopened.proposal.placements[0].terms] == [
        t.name for t in run.proposal.placements[0].terms
    ]
    assert reopened.pins == run.pins and not reopened.stale
    assert len(reopened.accepted) == len(run.proposal.placements)
    with pytest.raises(ConflictError, match="can only be viewed"):
        run_state.pin(reopened, first.child, first.family)
    with pytest.raises(ConflictError):
        run_state.solve(reopened)


def summaries_as_stored(database: Database) -> list[tuple[object, ...]]:
    """What the history list shows, counted from the stored JSON in Python."""
    with database.session() as s:
        rows = s.scalars(select(m.MatchingSession).order_by(m.MatchingSession.id.desc()))
        return [
            (
                r.id,
                r.status,
                r.created_by.display_name if r.created_by else r.decisions.get("started_by", ""),
                len(r.problem["children"]),
                len((r.proposal or {}).get("placements", [])),
                len(r.decisions.get("accepted", [])),
            )
            for r in rows
        ]


def summaries_listed(database: Database, officer: Actor) -> list[tuple[object, ...]]:
    with database.session() as s:
        return [
            (r.id, r.status, r.created_by, r.children, r.placed, r.accepted)
            for r in persistence.past_sessions(s, officer)
        ]


def test_the_history_counts_children_placements_and_accepted_ones(
    db: Database, officer: Actor
) -> None:
    started(db, officer, 2)  # never solved: no proposal
    closed = solved_and_saved(db, officer, started(db, officer, 3))
    with db.session() as s, s.begin():
        persistence.close(s, officer, closed.id)
    run = solved_and_saved(db, officer, started(db, officer, 4))
    assert run.proposal is not None
    with db.session() as s, s.begin():
        accepting.accept(s, officer, run.id, [run.proposal.placements[0].child])

    listed = summaries_listed(db, officer)
    assert listed == summaries_as_stored(db)
    assert [(children, accepted) for *_, children, _placed, accepted in listed[:3]] == [
        (4, 1),
        (3, 0),
        (2, 0),
    ]
    assert listed[2][4] == 0 and listed[1][4] > 0


def test_a_closed_session_is_kept_read_only_and_cannot_be_accepted(
    db: Database, officer: Actor
) -> None:
    run = solved_and_saved(db, officer, started(db, officer, 2))
    with db.session() as s, s.begin():
        persistence.close(s, officer, run.id)

    with pytest.raises(ConflictError, match="already closed"), db.session() as s, s.begin():
        accepting.accept(s, officer, run.id)
    with db.session() as s, s.begin():
        reopened = persistence.reopen(s, officer, run.id)
    assert reopened.status == m.SessionStatus.CLOSED and reopened.read_only
    assert reopened.proposal is not None


def test_safety_view_gives_the_childs_network_locations_and_the_family_school_distance(
    db: Database, officer: Actor
) -> None:
    run = run_state.solve(started(db, officer))
    assert run.proposal is not None
    p = next(
        (p for p in run.proposal.placements if p.school is not None), run.proposal.placements[0]
    )
    child = next(c for c in run.problem.children if c.id == p.child)

    view = map_view.safety_view(run, p.child, p.family, p.school)

    located = sum(len(n.locations) for n in run.problem.networks if n.id in child.networks)
    assert len(view.network_points) == located
    assert view.safety_km == child.safety_km
    if p.school is not None:
        assert view.school_km == pytest.approx(p.school_km, abs=0.1)


# ------------------------------------------------------------------ PostgreSQL


@pytest.mark.postgres
def test_the_whole_session_round_trip_on_postgresql(postgres_url: str) -> None:
    """JSON columns, the all-or-nothing accept and the history on the server database."""
    build_demo_database(postgres_url, seed=DEMO_SEED)
    database = Database(postgres_url)
    try:
        officer = actor_for(database, m.Role.OFFICER)
        run = solved_and_saved(database, officer, started(database, officer, 4))
        assert run.proposal is not None and run.proposal.placements
        family = run.proposal.placements[0].family
        free_before = free_places(database, family)

        with database.session() as s, s.begin():
            accepting.accept(s, officer, run.id)
        with database.session() as s, s.begin():
            reopened = persistence.reopen(s, officer, run.id)

        assert reopened.status == m.SessionStatus.ACCEPTED
        assert reopened.proposal == run.proposal
        started(database, officer, 2)  # never solved: no proposal
        assert summaries_listed(database, officer) == summaries_as_stored(database)
        taken = sum(1 for p in run.proposal.placements if p.family == family)
        assert free_places(database, family) == free_before - taken
    finally:
        database.dispose()


def test_look_ahead_gives_one_childs_best_families_without_storing_a_session(db) -> None:  # type: ignore[no-untyped-def]
    """Issue 16, finding 11: best matches for one child from the register."""
    officer = actor_for(db, m.Role.OFFICER)
    with db.session() as s, s.begin():
        before = s.scalar(select(func.count(m.MatchingSession.id)))
        child_id = waiting.waiting_children(s, officer, on_date=TODAY)[0].id
        run = persistence.look_ahead(s, officer, on_date=TODAY, child_id=child_id)
        assert s.scalar(select(func.count(m.MatchingSession.id))) == before
    assert run.read_only and [c.id for c in run.problem.children] == [f"C{child_id}"]
    best = run_state.alternatives(run, f"C{child_id}")
    assert best.candidates and best.candidates[0].terms
    assert run.cards.family_name(best.candidates[0].family) != best.candidates[0].family
