"""After the placement: endings with reasons, missing episodes with their
clocks and checklist, compromised families, and the issue's end-to-end story
on a real SQLite file (the fixture database of the report tests)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select

import solver
from placement.actor import Actor
from placement.documents.styles import para
from placement.errors import InputError
from placement.services import compromised, history, matching, missing, placements
from placement.storage.models import (
    AuditEntry,
    Child,
    ChildStatus,
    FamilyReview,
    FamilyStatus,
    FosterFamily,
    MissingEpisode,
    Network,
    NetworkAlert,
    NetworkLocation,
    Placement,
    PlacementStatus,
    Role,
)
from tests.placement import report_fixtures as fx

OFFICER = Actor(user_id=2, username="officer1", role=Role.OFFICER, workstation="ws-1")
OTHER_OFFICER = Actor(user_id=None, username="officer2", role=Role.OFFICER, workstation="ws-2")
NOW = dt.datetime(2026, 12, 7, 12, 0)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fx.build(tmp_path_factory.mktemp("aftercare") / "template.sqlite")


@pytest.fixture
def db(template: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    database = fx.copy_of(template, tmp_path)
    yield database
    database.dispose()


def child_id(s, name: str) -> int:  # type: ignore[no-untyped-def]
    return s.scalars(select(Child.id).where(Child.name == name)).one()


def family_id(s, name: str) -> int:  # type: ignore[no-untyped-def]
    return s.scalars(select(FosterFamily.id).where(FosterFamily.name == name)).one()


def counts(s) -> tuple[int, ...]:  # type: ignore[no-untyped-def]
    return tuple(s.scalar(select(func.count()).select_from(t)) for t in
                 (MissingEpisode, FamilyReview, NetworkLocation, NetworkAlert, AuditEntry))  # fmt: skip


# --- endings ----------------------------------------------------------------------


@pytest.mark.parametrize(("reason", "status"), [
    ("home", ChildStatus.LEFT_CARE), ("of-age", ChildStatus.LEFT_CARE), ("closed-care", ChildStatus.LEFT_CARE),
    ("breakdown-child", ChildStatus.WAITING), ("breakdown-family", ChildStatus.WAITING),
    ("unsafe-network", ChildStatus.WAITING), ("missing", ChildStatus.WAITING), ("planned", ChildStatus.WAITING),
])  # fmt: skip
def test_an_ending_sets_the_child_waiting_or_out_of_care_as_its_reason_implies(db, reason, status) -> None:  # type: ignore[no-untyped-def]
    with db.session() as s, s.begin():
        mila = child_id(s, "Mila Petrova")
        seats = s.scalars(select(Placement).where(Placement.child_id == mila)).one().school.free_seats
        pid = placements.end_child_placement(s, OFFICER, mila, on_date=fx.TODAY, reason=reason, note="n")
    with db.session() as s:
        p = s.get_one(Placement, pid)
        assert (p.status, p.end_date, p.end_reason, p.end_note) == (PlacementStatus.ENDED, fx.TODAY, reason, "n")
        assert p.child.status == status and p.school.free_seats == seats + 1
        audited = s.scalars(select(AuditEntry.object_type).where(AuditEntry.action == "change")).all()
        assert {"placement", "child"} <= set(audited)


def test_a_bad_ending_is_refused_naming_each_problem_and_writes_nothing(db) -> None:  # type: ignore[no-untyped-def]
    with db.session() as s:
        mila, before = child_id(s, "Mila Petrova"), counts(s)
    with pytest.raises(InputError) as caught, db.session() as s, s.begin():
        placements.end_child_placement(s, OFFICER, mila, on_date=dt.date(2020, 1, 1), reason="weg")
    assert [p.where for p in caught.value.problems] == ["reason", "end_date"]
    assert "planned, home" in str(caught.value)
    with pytest.raises(InputError, match="needs a note"), db.session() as s, s.begin():
        placements.end_child_placement(s, OFFICER, mila, on_date=fx.TODAY, reason="other")
    with pytest.raises(InputError, match="no current placement"), db.session() as s, s.begin():
        placements.end_child_placement(s, OFFICER, child_id(s, "Noor Visser"), on_date=fx.TODAY, reason="home")
    with db.session() as s:
        assert counts(s) == before
        assert s.scalars(select(Placement.status).where(Placement.child_id == mila)).one() == PlacementStatus.ACTIVE


# --- missing episodes: clocks, checklist, escalation ------------------------------------------


def report(s, name: str = "Mila Petrova", *, last_seen: dt.datetime, risk: str = "orange",  # type: ignore[no-untyped-def]
           now: dt.datetime = NOW) -> missing.MissingReport:
    return missing.report_missing(s, OFFICER, child_id(s, name), last_seen=last_seen, risk=risk,
                                  where="station", now=now)


def test_the_police_report_is_due_24_hours_after_the_last_sighting_and_at_once_for_red(db) -> None:  # type: ignore[no-untyped-def]
    seen = dt.datetime(2026, 12, 7, 8, 0)
    with db.session() as s, s.begin():
        orange = report(s, last_seen=seen, risk="orange").episode
        red = report(s, "Ivan Petrov", last_seen=seen, risk="red").episode
    assert orange.clocks.police_due == seen + dt.timedelta(hours=24) and not orange.clocks.police_overdue
    assert red.clocks.police_due == seen and red.clocks.police_overdue
    with db.session() as s:
        episode = s.scalars(select(MissingEpisode).where(MissingEpisode.risk == "orange")).one()
        late = missing.clocks(s, episode, seen + dt.timedelta(hours=24))
        assert late.police_overdue
        assert not missing.clocks(s, episode, seen + dt.timedelta(hours=23, minutes=59)).police_overdue
        assert late.open_items == ("guardian", "police", "council", "comensha")
        assert late.consent_by == "guardian"  # Mila is 10


def test_each_checklist_item_is_ticked_with_time_and_user_once(db) -> None:  # type: ignore[no-untyped-def]
    seen = dt.datetime(2026, 12, 7, 8, 0)
    with db.session() as s, s.begin():
        report(s, last_seen=seen)
        mila = child_id(s, "Mila Petrova")
        row = missing.tick(s, OFFICER, mila, "police", at=dt.datetime(2026, 12, 7, 9, 30), now=NOW)
    assert row.checklist == {"police": {"at": "2026-12-07T09:30", "by": "officer1"}}
    assert row.clocks.police_done and not row.clocks.police_overdue
    assert row.clocks.open_items == ("guardian", "council", "comensha")
    with pytest.raises(InputError, match="already ticked"), db.session() as s, s.begin():
        missing.tick(s, OTHER_OFFICER, mila, "police", now=NOW)
    with pytest.raises(InputError, match="unknown notification"), db.session() as s, s.begin():
        missing.tick(s, OFFICER, mila, "mayor", now=NOW)


def test_the_comensha_consent_is_the_childs_from_sixteen() -> None:
    from placement.aftercare_codes import consent_by

    assert (consent_by(15), consent_by(16), consent_by(17)) == ("guardian", "child", "child")


def test_found_starts_the_72_hour_interview_clock_and_the_placing_officer_may_not_hold_it(db) -> None:  # type: ignore[no-untyped-def]
    seen = dt.datetime(2026, 12, 5, 20, 0)
    at = dt.datetime(2026, 12, 6, 10, 15)
    with db.session() as s, s.begin():
        report(s, last_seen=seen)
        mila = child_id(s, "Mila Petrova")
        row = missing.found(s, OFFICER, mila, at=at, country="be", now=NOW)
    assert (row.found_at, row.found_country) == (at, "BE")
    assert row.clocks.interview_due == at + dt.timedelta(hours=72) and not row.clocks.interview_overdue
    with db.session() as s:
        episode = s.scalars(select(MissingEpisode)).one()
        assert missing.clocks(s, episode, at + dt.timedelta(hours=72, minutes=1)).interview_overdue
    # officer1 accepted Mila's matching session: not independent of the placement.
    for name in ("officer1", "Olga Officier"):
        with pytest.raises(InputError, match="placed the child may not"), db.session() as s, s.begin():
            missing.record_interview(s, OFFICER, mila, held_by=name, at=at + dt.timedelta(hours=5), now=NOW)
    with pytest.raises(InputError, match="before the child was found"), db.session() as s, s.begin():
        missing.record_interview(s, OFFICER, mila, held_by="J. Onafhankelijk", at=seen, now=NOW)
    with db.session() as s, s.begin():
        row = missing.record_interview(s, OFFICER, mila, held_by="J. Onafhankelijk",
                                       at=at + dt.timedelta(hours=5), now=NOW)
    assert (row.interview_by, row.clocks.interview_overdue) == ("J. Onafhankelijk", False)


def test_a_found_time_before_the_last_sighting_is_refused_and_nothing_changes(db) -> None:  # type: ignore[no-untyped-def]
    seen = dt.datetime(2026, 12, 5, 20, 0)
    with db.session() as s, s.begin():
        report(s, last_seen=seen)
    with db.session() as s:
        mila, before = child_id(s, "Mila Petrova"), counts(s)
    with pytest.raises(InputError) as caught, db.session() as s, s.begin():
        missing.found(s, OFFICER, mila, at=seen - dt.timedelta(minutes=1), country="Belgium", now=NOW)
    assert [p.where for p in caught.value.problems] == ["at", "country"]
    with db.session() as s:
        assert counts(s) == before and s.scalars(select(MissingEpisode.found_at)).one() is None


def test_reporting_a_child_not_placed_or_already_missing_is_refused_and_writes_nothing(db) -> None:  # type: ignore[no-untyped-def]
    with db.session() as s:
        before = counts(s)
    with pytest.raises(InputError, match="is not placed"), db.session() as s, s.begin():
        report(s, "Noor Visser", last_seen=NOW - dt.timedelta(hours=1))
    with pytest.raises(InputError, match="unknown risk grade"), db.session() as s, s.begin():
        report(s, last_seen=NOW - dt.timedelta(hours=1), risk="purple")
    with pytest.raises(InputError, match="in the future"), db.session() as s, s.begin():
        report(s, last_seen=NOW + dt.timedelta(hours=1))
    with db.session() as s:
        assert counts(s) == before
    with db.session() as s, s.begin():
        report(s, last_seen=NOW - dt.timedelta(hours=1))
    with db.session() as s:
        after_first = counts(s)
    with pytest.raises(InputError, match="already reported missing"), db.session() as s, s.begin():
        report(s, last_seen=NOW - dt.timedelta(minutes=30))
    with db.session() as s:
        assert counts(s) == after_first


def test_three_episodes_within_30_days_are_flagged_for_a_strategy_meeting(db) -> None:  # type: ignore[no-untyped-def]
    day = dt.timedelta(days=1)
    starts = [dt.datetime(2026, 11, 1, 18, 0), dt.datetime(2026, 11, 20, 18, 0), dt.datetime(2026, 11, 30, 18, 0)]
    flags = []
    with db.session() as s, s.begin():
        ivan = child_id(s, "Ivan Petrov")
        for start in starts:
            row = report(s, "Ivan Petrov", last_seen=start, now=start + day).episode
            flags.append(row.clocks.escalation)
            missing.found(s, OFFICER, ivan, at=start + dt.timedelta(hours=6), now=start + day)
        assert [r.child_id for r in missing.escalations(s, OFFICER, now=starts[-1] + day)] == [ivan]
        assert missing.escalations(s, OFFICER, now=starts[-1] + 31 * day) == []
    # Nov 1 and Nov 30 lie 29 days apart: the third episode is the third within 30 days.
    assert flags == [False, False, True]


def test_episodes_30_days_apart_are_not_an_escalation(db) -> None:  # type: ignore[no-untyped-def]
    starts = [dt.datetime(2026, 10, 1, 18, 0), dt.datetime(2026, 10, 20, 18, 0), dt.datetime(2026, 10, 31, 18, 0)]
    with db.session() as s, s.begin():
        ivan = child_id(s, "Ivan Petrov")
        rows = []
        for start in starts:
            rows.append(report(s, "Ivan Petrov", last_seen=start, now=start).episode)
            missing.found(s, OFFICER, ivan, at=start + dt.timedelta(hours=1), now=start + dt.timedelta(hours=2))
    assert [r.clocks.escalation for r in rows] == [False, False, False]


# --- compromised families ----------------------------------------------------------


def test_a_leaked_address_pauses_the_family_and_becomes_a_location_of_the_network(db) -> None:  # type: ignore[no-untyped-def]
    with db.session() as s, s.begin():
        groningen = family_id(s, fx.SIBLING_FAMILY)
        n2 = s.scalars(select(Network.id).where(Network.label == "Bende Schelde")).one()
        result = compromised.compromise_family(s, OFFICER, groningen, [n2], source="adres gelekt, 2026-12-07",
                                               note="buurman herkende auto")
        again = compromised.compromise_family(s, OFFICER, groningen, [n2], source="adres gelekt, 2026-12-07")
    assert len(result.location_ids) == 1 and again.location_ids == () and again.review_id == result.review_id
    with db.session() as s:
        family = s.get_one(FosterFamily, groningen)
        location = s.get_one(NetworkLocation, result.location_ids[0])
        assert family.status == FamilyStatus.PAUSED
        assert (location.lat, location.lon, location.family_id) == (family.lat, family.lon, groningen)
        assert location.source_note == "adres gelekt, 2026-12-07" and location.label == f"pleeggezin F{groningen}"
        assert fx.SIBLING_FAMILY_ADDRESS not in location.label
    with db.session() as s, s.begin():
        compromised.end_review(s, OFFICER, groningen, note="besproken")
    with pytest.raises(InputError, match="not under review"), db.session() as s, s.begin():
        compromised.end_review(s, OFFICER, groningen)
    with db.session() as s, s.begin():
        assert s.get_one(FosterFamily, groningen).status == FamilyStatus.ACTIVE
        assert s.get(NetworkLocation, result.location_ids[0]) is not None  # the network still knows
        with pytest.raises(InputError, match="say why"):
            compromised.remove_derived_location(s, OFFICER, result.location_ids[0], reason=" ")
        compromised.remove_derived_location(s, OFFICER, result.location_ids[0], reason="gezin verhuisd")
    with db.session() as s:
        assert s.get(NetworkLocation, result.location_ids[0]) is None
        assert "gezin verhuisd" in s.get_one(Network, n2).notes


def test_a_network_form_save_keeps_the_derived_locations(db) -> None:  # type: ignore[no-untyped-def]
    from placement.ids import NetworkId
    from placement.services.registers import network_register

    with db.session() as s, s.begin():
        groningen = family_id(s, fx.SIBLING_FAMILY)
        n2 = s.scalars(select(Network.id).where(Network.label == "Bende Schelde")).one()
        [location_id] = compromised.compromise_family(s, OFFICER, groningen, [n2], source="x").location_ids
        data = network_register.get_network(s, OFFICER, NetworkId(n2))
        assert len(data.locations) == 1  # the form shows only the ordinary ones
        network_register.update_network(s, OFFICER, NetworkId(n2), data)
    with db.session() as s:
        assert s.get_one(NetworkLocation, location_id).family_id == groningen


# --- the end-to-end story -------------------------------------------------------


def proposed_families(s, child: int, on: dt.date) -> set[str]:  # type: ignore[no-untyped-def]
    problem = matching.build_problem(s, OFFICER, on_date=on, child_ids=[child])
    proposal = solver.solve(problem, time_limit_s=10)
    return {p.family for p in proposal.placements}


def test_a_child_missing_from_a_family_makes_it_a_network_location_for_every_match_after(db) -> None:  # type: ignore[no-untyped-def]
    on = dt.date(2026, 12, 7)
    with db.session() as s, s.begin():
        mila, sem, zara = child_id(s, "Mila Petrova"), child_id(s, "Sem de Boer"), child_id(s, fx.OTHER_CHILD)
        zwolle = s.get_one(FosterFamily, family_id(s, "Familie Jansen"))
        f = zwolle.id
        n1 = s.scalars(select(Network.id).where(Network.label == fx.CANARY_NETWORK)).one()
        # A third child linked to N1, placed 10 km from F (safety distance 50 km).
        near = FosterFamily(name="Familie Dichtbij", address="x", postcode="8000 AA", lat=zwolle.lat + 0.09,
                            lon=zwolle.lon, total_places=1)
        third = Child(name="Daan Derde", date_of_birth=dt.date(2015, 1, 1), gender="m",
                      status=ChildStatus.PLACED, networks=[s.get_one(Network, n1)])
        s.add_all([near, third])
        s.flush()
        s.add(Placement(child_id=third.id, family_id=near.id, start_date=dt.date(2026, 6, 1)))
        # Zara leaves, so F has a free place and is the only family that fits Sem.
        placements.end_child_placement(s, OFFICER, zara, on_date=on, reason="home")
    with db.session() as s:
        assert proposed_families(s, sem, on) == {f"F{f}"}

    # 1. Mila, linked to N1 (and N2), goes missing from F.
    with db.session() as s, s.begin():
        result = missing.report_missing(s, OFFICER, mila, last_seen=dt.datetime(2026, 12, 7, 7, 0), risk="red",
                                        where="bushalte", now=NOW)
    # 2. F is paused, and N1 has a location at F's coordinates with its source.
    with db.session() as s:
        family = s.get_one(FosterFamily, f)
        assert family.status == FamilyStatus.PAUSED
        derived = s.scalars(select(NetworkLocation).where(NetworkLocation.family_id == f)).all()
        assert {loc.network.label for loc in derived} == {fx.CANARY_NETWORK, "Bende Schelde"}
        assert all((loc.lat, loc.lon) == (family.lat, family.lon) for loc in derived)
        assert {loc.source_note for loc in derived} == {f"vermissing C{mila}, 2026-12-07"}
        # 3. Sem, linked to N1, for whom F was the only fitting family, gets no proposal with F.
        assert f"F{f}" not in proposed_families(s, sem, on)
    # 4. The third child, placed within its safety distance of F, raised an alert.
    assert third.id in {a.child_id for a in result.compromise.alerts}
    assert {a.network_id for a in result.compromise.alerts if a.child_id == third.id} == {n1}

    # 5. After the review F is active again, and neither Mila nor Sem ever gets F.
    with db.session() as s, s.begin():
        missing.found(s, OFFICER, mila, at=dt.datetime(2026, 12, 7, 11, 0), country="NL", now=NOW)
        placements.end_child_placement(s, OFFICER, mila, on_date=on, reason="missing")
        compromised.end_review(s, OFFICER, f, note="gezin blijft, adres bekend bij netwerk")
    with db.session() as s:
        assert s.get_one(FosterFamily, f).status == FamilyStatus.ACTIVE
        assert s.get_one(Child, mila).status == ChildStatus.WAITING
        assert f"F{f}" not in proposed_families(s, mila, on + dt.timedelta(days=1))
        assert f"F{f}" not in proposed_families(s, sem, on + dt.timedelta(days=1))
        # The exported session carries the location too.
        problem = matching.build_problem(s, OFFICER, on_date=on, child_ids=[sem])
        points = {(p.lat, p.lon) for n in problem.networks for p in n.locations}
        assert (s.get_one(FosterFamily, f).lat, s.get_one(FosterFamily, f).lon) in points


def test_the_history_shows_placements_episodes_reviews_and_the_officer_who_accepted(db) -> None:  # type: ignore[no-untyped-def]
    with db.session() as s, s.begin():
        mila = child_id(s, "Mila Petrova")
        f = family_id(s, "Familie Jansen")
        report(s, last_seen=dt.datetime(2026, 12, 7, 7, 0))
        placements.end_child_placement(s, OFFICER, mila, on_date=dt.date(2026, 12, 7), reason="missing")
    with db.session() as s, s.begin():
        child = history.child_history(s, OFFICER, mila, now=NOW)
        family = history.family_history(s, OFFICER, f, now=NOW)
    [line] = child.placements
    assert (line.family_name, line.school, line.end_reason, line.accepted_by) == (
        "Familie Jansen", "Basisschool De Regenboog", "missing", "officer1")
    assert line.session_id is not None and len(child.episodes) == 1 and child.alerts
    assert [r.source for r in family.reviews] == [f"vermissing C{mila}, 2026-12-07"]
    assert {d.network_label for d in family.derived_locations} == {fx.CANARY_NETWORK, "Bende Schelde"}
    assert {p.child_name for p in family.placements} >= {"Mila Petrova", fx.OTHER_CHILD}


# --- re-placement ------------------------------------------------------------------------


def test_re_placement_forbids_the_current_family_and_moves_only_that_child_in_one_transaction(db) -> None:  # type: ignore[no-untyped-def]
    from placement.errors import ConflictError
    from placement.ids import ChildId
    from placement.services.matching_session import accepting, persistence, run_state
    from placement.storage.models import School

    on = dt.date(2026, 12, 7)
    with db.session() as s, s.begin():
        mila, zara = child_id(s, "Mila Petrova"), child_id(s, fx.OTHER_CHILD)
        zwolle, groningen = family_id(s, "Familie Jansen"), family_id(s, fx.SIBLING_FAMILY)
        placements.end_child_placement(s, OFFICER, zara, on_date=on, reason="home")  # F1 has a free place
        s.scalars(select(School).where(School.duo_code == "56EF")).one().free_seats = 2
        before = {p.id: (p.child_id, p.family_id, p.status) for p in s.scalars(select(Placement))}
    with pytest.raises(InputError, match="leaves care"), db.session() as s, s.begin():
        persistence.start_replacement(s, OFFICER, ChildId(mila), on_date=on, reason="home")
    with db.session() as s, s.begin():
        run = persistence.start_replacement(s, OFFICER, ChildId(mila), on_date=on, reason="unsafe-network")
    assert [c.priority for c in run.problem.children] == [5]
    assert run.is_forbidden(f"C{mila}", f"F{zwolle}")
    solved = run_state.solve(run)
    assert [(p.child, p.family) for p in solved.proposal.placements] == [(f"C{mila}", f"F{groningen}")]
    with db.session() as s, s.begin():
        persistence.save(s, OFFICER, solved)

    # The new family filled up meanwhile: nothing changes, the old placement stays.
    with db.session() as s, s.begin():
        s.get_one(FosterFamily, groningen).total_places = 1
    with pytest.raises(ConflictError), db.session() as s, s.begin():
        accepting.accept(s, OFFICER, solved.id)
    with db.session() as s, s.begin():
        assert {p.id: (p.child_id, p.family_id, p.status) for p in s.scalars(select(Placement))} == before
        s.get_one(FosterFamily, groningen).total_places = 3
    with db.session() as s, s.begin():
        accepting.accept(s, OFFICER, solved.id)
    with db.session() as s:
        rows = {p.id: p for p in s.scalars(select(Placement))}
        old = next(p for p in rows.values() if p.child_id == mila and p.family_id == zwolle)
        new = next(p for p in rows.values() if p.child_id == mila and p.family_id == groningen)
        assert (old.status, old.end_reason, old.end_date) == (PlacementStatus.ENDED, "unsafe-network", on)
        assert (new.status, new.start_date, new.session_id) == (PlacementStatus.ACTIVE, on, solved.id)
        others = {pid: v for pid, v in before.items() if v[0] != mila}
        assert {pid: (rows[pid].child_id, rows[pid].family_id, rows[pid].status) for pid in others} == others
        assert s.get_one(Child, mila).status == ChildStatus.PLACED


def test_the_officers_home_lists_what_needs_doing_with_fixed_clocks(db) -> None:  # type: ignore[no-untyped-def]
    from placement.services import home

    with db.session() as s, s.begin():
        report(s, last_seen=dt.datetime(2026, 12, 6, 8, 0))
        ivan = child_id(s, "Ivan Petrov")
        report(s, "Ivan Petrov", last_seen=dt.datetime(2026, 12, 1, 8, 0))
        missing.found(s, OFFICER, ivan, at=dt.datetime(2026, 12, 2, 8, 0), now=NOW)
        data = home.officer_home(s, OFFICER, now=NOW)
    [gone] = data.missing
    assert gone.child_name == "Mila Petrova" and gone.clocks.police_overdue
    [interview] = data.interviews
    assert interview.child_id == ivan and interview.clocks.interview_overdue
    assert [r.family_name for r in data.reviews] == ["Familie Jansen", fx.SIBLING_FAMILY]
    assert [(t.family_name, t.expires_on) for t in data.trainings] == [("Familie Peeters", dt.date(2027, 1, 1))]
    assert [w.priority for w in data.waiting] == sorted((w.priority for w in data.waiting), reverse=True)
    assert data.escalations == ()


# --- dossiers --------------------------------------------------------------------------


def test_the_guardians_dossier_shows_history_and_episodes_and_outside_copies_never(db, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import dataclasses

    from placement.services.dossier import leaks, printing, recipients

    where, looks = "CANARY-WHERE Spoorplein", "CANARY-LOOKS rode jas"
    at = dt.datetime(2026, 11, 20, 9, 0)
    with db.session() as s, s.begin():
        mila = child_id(s, "Mila Petrova")
        missing.report_missing(s, OFFICER, mila, last_seen=dt.datetime(2026, 11, 19, 7, 0), risk="orange",
                               where=where, description=looks, now=at)
        missing.found(s, OFFICER, mila, at=dt.datetime(2026, 11, 19, 20, 0), country="BE", now=at)
        finn = child_id(s, "Finn Bos")
        texts = {r: leaks.pdf_text(printing.make_dossier(s, OFFICER, mila, r, at)) for r in recipients.Recipient}
        finn_text = leaks.pdf_text(printing.make_dossier(s, OFFICER, finn, recipients.Recipient.GUARDIAN, at))
    guardian = texts[recipients.Recipient.GUARDIAN]
    assert "Plaatsingsgeschiedenis en vermissingen" in guardian
    assert "CANARY-WHERE" in guardian and "oranje" in guardian and "(BE)" in guardian and "nog te voeren" in guardian
    assert "terug naar huis" in finn_text  # an older free-text reason prints as it was written
    for recipient in (recipients.Recipient.FOSTER_FAMILY, recipients.Recipient.SCHOOL):
        assert "CANARY-WHERE" not in texts[recipient] and "CANARY-LOOKS" not in texts[recipient]
        assert "Vermissingen" not in texts[recipient] and "vermissing" not in texts[recipient]
    # A wrong switch in the policy table is caught by the leak check.
    wrong = dataclasses.replace(recipients.POLICIES[recipients.Recipient.SCHOOL], history=True)
    monkeypatch.setitem(recipients.POLICIES, recipients.Recipient.SCHOOL, wrong)
    with pytest.raises(printing.DossierRefused, match="a missing episode"), db.session() as s, s.begin():
        printing.make_dossier(s, OFFICER, mila, recipients.Recipient.SCHOOL, at)


# --- stability figures -------------------------------------------------------------------


def test_stability_figures_per_region_and_quarter_with_small_counts_suppressed(db) -> None:  # type: ignore[no-untyped-def]
    from placement.services import capacity, stability

    with db.session() as s, s.begin():
        f3 = family_id(s, "Familie Bakker")
        for n in range(6):
            child = Child(name=f"Kind {n}", date_of_birth=dt.date(2015, 1, 1), gender="f", region="Utrecht",
                          status=ChildStatus.WAITING)
            s.add(child)
            s.flush()
            s.add(Placement(child_id=child.id, family_id=f3, start_date=dt.date(2026, 10, 1),
                            end_date=dt.date(2026, 10, 31), end_reason="breakdown-child",
                            status=PlacementStatus.ENDED))
            if n < 5:
                s.add(MissingEpisode(child_id=child.id, last_seen_at=dt.datetime(2026, 10, 10 + n, 20, 0),
                                     risk="green", reported_by="officer1", checklist={},
                                     found_at=dt.datetime(2026, 10, 11 + n, 8, 0)))
        rows = stability.figures(s, dt.date(2026, 11, 20))
        report = capacity.review(s, OFFICER, dt.date(2026, 11, 20))
    table = {(r.region, r.quarter, r.measure): r.value for r in rows}
    assert [q for q, _, _ in stability.last_quarters(dt.date(2026, 11, 20))] == [
        "2026-K1", "2026-K2", "2026-K3", "2026-K4"]
    k4 = {m: v for (region, q, m), v in table.items() if (region, q) == ("Utrecht", "2026-K4")}
    assert k4 == {"started": "6", "ended": "6", "ended:breakdown-child": "6",
                  "breakdowns_per_100_placement_years": f"{100 * 6 / (6 * 31 / 365.25):.1f}",
                  "median_duration_days": "30", "missing_per_100_children": f"{100 * 5 / 6:.1f}"}
    # Mila's and Ivan's placements started in the third quarter: two, shown as "<5".
    assert table[("onbekend", "2026-K3", "started")] == "<5"
    assert table[("onbekend", "2026-K3", "median_duration_days")] == "-"
    assert capacity._from_json(capacity._as_json(report)).stability == report.stability  # the manager's snapshot
    csv_text = capacity.to_csv(report)
    assert "stability,Utrecht,,2026-K4,started,6" in csv_text
    pdf = dossiers_text(capacity.to_pdf(report, dt.datetime(2026, 11, 20, 9), "officer1"))
    assert "Stabiliteit per regio en kwartaal" in pdf and "breuk door gedrag van het kind: 6" in pdf
    assert "Kind 0" not in pdf and "Mila" not in pdf


def dossiers_text(pdf: bytes) -> str:
    from placement.services.dossier.leaks import pdf_text

    return " ".join(pdf_text(pdf).split())


# --- the missing-person sheet ----------------------------------------------------------


def test_the_missing_person_sheet_shows_the_police_what_they_may_see_and_nothing_else(db, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from placement.cli.login import PASSWORD_ENV
    from placement.cli.main import main
    from placement.services.dossier import layout, leaks, police_sheet, printing
    from tests.placement.cli_login import PASSWORD, add_account

    at = dt.datetime(2026, 12, 7, 9, 0)
    with db.session() as s, s.begin():
        mila = child_id(s, "Mila Petrova")
        missing.report_missing(s, OFFICER, mila, last_seen=dt.datetime(2026, 12, 7, 7, 0), risk="red",
                               where="Station Zwolle, perron 3", description="rode jas, zwarte rugzak", now=at)
        text = " ".join(leaks.pdf_text(police_sheet.missing_person_sheet(s, OFFICER, mila, at)).split())
    for shown in ("Mila Petrova", "02-03-2016", "Bulgaars, Nederlands", "rode jas, zwarte rugzak",
                  "Station Zwolle, perron 3", "rood", fx.CANARY_ADDRESS, fx.CANARY_NETWORK, "Bende Schelde",
                  "de politie"):
        assert shown in text, shown
    for hidden in (fx.CANARY_LOCATION, "CANARY-INTEL", fx.SIBLING, fx.OTHER_CHILD, fx.SIBLING_FAMILY,
                   fx.SIBLING_FAMILY_ADDRESS, "52.51", "6.09", "Heeft een vaste knuffel"):
        assert hidden not in text, hidden

    # The leak check stands behind the layout: a sheet that would name a sibling is refused.
    monkeypatch.setattr(layout, "police_sheet_story", lambda d, e, n, a: [para(fx.SIBLING)])
    with pytest.raises(printing.DossierRefused, match="a sibling's name"), db.session() as s, s.begin():
        police_sheet.missing_person_sheet(s, OFFICER, mila, at)
    monkeypatch.undo()

    # On the command line, logged in, into a file.
    add_account(db.url, Role.OFFICER, "cli-officer")
    monkeypatch.setenv(PASSWORD_ENV, PASSWORD)
    out = tmp_path / "vermissing.pdf"
    assert main(["--db", db.url, "--user", "cli-officer", "child", "sheet", f"C{mila}", "-o", str(out)]) == 0
    assert fx.CANARY_ADDRESS in leaks.pdf_text(out.read_bytes())
    with db.session() as s:
        assert s.scalars(select(AuditEntry.object_type).where(AuditEntry.action == "print")).all()[-1] == "missing_sheet"


# --- aliases -----------------------------------------------------------------------------


def test_aliases_are_searched_flag_import_duplicates_go_on_the_police_sheet_and_never_in_dossiers(  # type: ignore[no-untyped-def]
    db, tmp_path, monkeypatch
) -> None:
    from placement.importing.headers import Kind
    from placement.services.dossier import leaks, police_sheet, printing, recipients
    from placement.services.registers import child_register
    from tests.placement.import_support import actions, plan_file, write_csv

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    alias = "CANARY-ALIAS Milena Petrovic"
    at = dt.datetime(2026, 12, 7, 9, 0)
    with db.session() as s, s.begin():
        mila = child_id(s, "Mila Petrova")
        with pytest.raises(InputError) as caught:
            child_register.add_alias(s, OFFICER, mila, child_register.AliasInput("", None, "Bulgarije"))
        assert [p.where for p in caught.value.problems] == ["nationality"]
        child_register.add_alias(s, OFFICER, mila, child_register.AliasInput(alias, dt.date(2015, 3, 2), "bg"))
        rows = child_register.list_children(s, OFFICER, fx.TODAY)
        assert next(r for r in rows if r.id == mila).aliases == (alias,)
        missing.report_missing(s, OFFICER, mila, last_seen=dt.datetime(2026, 12, 7, 7, 0), risk="red", now=at)
        sheet = " ".join(leaks.pdf_text(police_sheet.missing_person_sheet(s, OFFICER, mila, at)).split())
        copies = {r: leaks.pdf_text(printing.make_dossier(s, OFFICER, mila, r, at)) for r in recipients.Recipient}
    assert f"{alias} (geb. 02-03-2015) [BG]" in sheet
    assert all("CANARY-ALIAS" not in text for text in copies.values())

    # A spreadsheet row under the alias name and date of birth is a likely duplicate, not a new child.
    path = write_csv(tmp_path / "kinderen.csv", [["Naam", "Geboortedatum", "Geslacht"],
                                                 [alias, "02-03-2015", "meisje"]])
    assert actions(plan_file(db, Kind.CHILDREN, path)) == ["duplicate?"]


def test_a_child_linked_to_no_network_still_leaves_its_family_paused_for_review(db) -> None:  # type: ignore[no-untyped-def]
    with db.session() as s, s.begin():
        zara = child_id(s, fx.OTHER_CHILD)  # placed in Zwolle, linked to no network
        locations = s.scalar(select(func.count()).select_from(NetworkLocation))
        result = report(s, fx.OTHER_CHILD, last_seen=NOW - dt.timedelta(hours=2))
        family = s.get_one(FosterFamily, result.compromise.family_id)
        assert family.status == FamilyStatus.PAUSED and result.compromise.location_ids == ()
        assert s.scalar(select(func.count()).select_from(NetworkLocation)) == locations
        [review] = s.scalars(select(FamilyReview)).all()
        assert review.source == f"vermissing C{zara}, {(NOW - dt.timedelta(hours=2)).date().isoformat()}"
