"""No double booking: a batch of placements is stored whole or not at all,
and two officers racing for a family's last place cannot both win."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from sqlalchemy import func, select

from placement.actor import Actor
from placement.errors import ConflictError, InputError, PermissionDenied
from placement.services import audit
from placement.services.conflicts import check_version, detect_concurrent_edit
from placement.services.placements import accept_placements, end_placement
from placement.storage.database import Database
from placement.storage.models import (
    AuditEntry,
    Child,
    ChildStatus,
    FosterFamily,
    Placement,
    PlacementStatus,
    Role,
    School,
)
from tests.placement.security_factories import (
    TODAY,
    add_child,
    add_family,
    add_school,
    add_session,
    add_user,
)


def _counts(db: Database) -> tuple[int, int, int]:
    with db.session() as s:
        placements = s.scalar(select(func.count(Placement.id)))
        placed = s.scalar(select(func.count(Child.id)).where(Child.status == ChildStatus.PLACED))
        audits = s.scalar(select(func.count(AuditEntry.id)))
    return placements or 0, placed or 0, audits or 0


def test_batch_is_stored_with_session_and_school(db: Database) -> None:
    with db.session() as s, s.begin():
        officer = add_user(s, "officer", Role.OFFICER)
        family = add_family(s, places=2)
        school = add_school(s, seats=1)
        session = add_session(s)
        a, b = add_child(s), add_child(s)
        ids = accept_placements(
            s, officer, [(a.id, family.id, school.id), (b.id, family.id, None)], session_id=session.id, on_date=TODAY
        )
    with db.session() as s:
        stored = [s.get_one(Placement, i) for i in ids]
        assert [(p.child_id, p.family_id, p.school_id, p.session_id) for p in stored] == [
            (a.id, family.id, school.id, session.id),
            (b.id, family.id, None, session.id),
        ]
        assert all(p.status == PlacementStatus.ACTIVE and p.start_date == TODAY for p in stored)
        assert {s.get_one(Child, c).status for c in (a.id, b.id)} == {ChildStatus.PLACED}
        assert s.get_one(FosterFamily, family.id).free_places == 0
        assert s.get_one(School, school.id).free_seats == 0
        # (on a server the trail also holds the child's creation, by the trigger)
        assert [e.action for e in audit.entries_for(s, "child", a.id) if e.action != "create"] == ["change"]


def test_one_impossible_placement_stores_none_of_the_batch(db: Database) -> None:
    with db.session() as s, s.begin():
        officer = add_user(s, "officer", Role.OFFICER)
        roomy, full = add_family(s, places=3), add_family(s, places=1)
        first, second, third = add_child(s), add_child(s), add_child(s)
        accept_placements(s, officer, [(first.id, full.id, None)], on_date=TODAY)
    before = _counts(db)
    full_msg = rf"F{full.id} just filled up: 0 place\(s\) free, 1 needed"
    with pytest.raises(ConflictError, match=full_msg), db.session() as s, s.begin():
        accept_placements(s, officer, [(second.id, roomy.id, None), (third.id, full.id, None)], on_date=TODAY)
    assert _counts(db) == before


def test_a_full_school_refuses_the_batch(db: Database) -> None:
    with db.session() as s, s.begin():
        officer = add_user(s, "officer", Role.OFFICER)
        family = add_family(s, places=3)
        school = add_school(s, seats=1)
        a, b = add_child(s), add_child(s)
    before = _counts(db)
    with pytest.raises(ConflictError, match="school 00AA just filled up"), db.session() as s, s.begin():
        accept_placements(s, officer, [(a.id, family.id, school.id), (b.id, family.id, school.id)], on_date=TODAY)
    assert _counts(db) == before


def test_a_child_cannot_be_placed_twice(db: Database) -> None:
    with db.session() as s, s.begin():
        officer = add_user(s, "officer", Role.OFFICER)
        one, two = add_family(s, places=2), add_family(s, places=2)
        child = add_child(s)
        accept_placements(s, officer, [(child.id, one.id, None)], on_date=TODAY)
    with pytest.raises(ConflictError, match=f"C{child.id} is no longer waiting"), db.session() as s, s.begin():
        accept_placements(s, officer, [(child.id, two.id, None)], on_date=TODAY)
    with pytest.raises(InputError, match=f"child C{child.id} appears twice"), db.session() as s, s.begin():
        accept_placements(s, officer, [(child.id, one.id, None), (child.id, two.id, None)], on_date=TODAY)


def test_only_officers_accept(db: Database) -> None:
    with db.session() as s, s.begin():
        manager = add_user(s, "manager", Role.MANAGER)
        family, child = add_family(s), add_child(s)
    with pytest.raises(PermissionDenied, match="your role may not accept"), db.session() as s, s.begin():
        accept_placements(s, manager, [(child.id, family.id, None)], on_date=TODAY)
    assert _counts(db)[:2] == (0, 0)


def _race(db: Database, officers: list[Actor], items: list[list[tuple[int, int, None]]]) -> list[object]:
    barrier = threading.Barrier(len(officers))
    results: list[object] = [None] * len(officers)

    def accept(k: int) -> None:
        try:
            with db.session() as s, s.begin():
                # Both read the family first, as the matching screen does ...
                s.execute(select(FosterFamily)).scalars().all()
                barrier.wait()
                # ... and then both accept at the same moment.
                results[k] = accept_placements(s, officers[k], items[k], on_date=TODAY)
        except BaseException as exc:  # noqa: BLE001 - compared below
            results[k] = exc

    threads = [threading.Thread(target=accept, args=(k,)) for k in range(len(officers))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def test_two_officers_racing_for_the_last_place(db: Database) -> None:
    with db.session() as s, s.begin():
        officers = [add_user(s, "officer1", Role.OFFICER), add_user(s, "officer2", Role.OFFICER)]
        family = add_family(s, places=1)
        a, b = add_child(s), add_child(s)
    if db.is_sqlite:
        # SQLite takes the write lock at BEGIN, so the reads cannot happen before
        # the barrier in both threads at once; race the accepts themselves.
        results = _race_without_reads(db, officers, [[(a.id, family.id, None)], [(b.id, family.id, None)]])
    else:
        results = _race(db, officers, [[(a.id, family.id, None)], [(b.id, family.id, None)]])
    wins = [r for r in results if isinstance(r, list)]
    losses = [r for r in results if isinstance(r, ConflictError)]
    assert len(wins) == 1 and len(losses) == 1, results
    assert str(losses[0]).startswith(f"F{family.id} just filled up")
    with db.session() as s:
        active = s.execute(select(Placement).where(Placement.status == PlacementStatus.ACTIVE)).scalars().all()
        assert len(active) == 1
        assert s.scalar(select(func.count(Child.id)).where(Child.status == ChildStatus.WAITING)) == 1
        assert audit.verify(s).ok


def _race_without_reads(db: Database, officers: list[Actor], items: list[list[tuple[int, int, None]]]) -> list[object]:
    barrier = threading.Barrier(len(officers))
    results: list[object] = [None] * len(officers)

    def accept(k: int) -> None:
        try:
            barrier.wait()
            with db.session() as s, s.begin():
                results[k] = accept_placements(s, officers[k], items[k], on_date=TODAY)
        except BaseException as exc:  # noqa: BLE001 - compared below
            results[k] = exc

    threads = [threading.Thread(target=accept, args=(k,)) for k in range(len(officers))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def test_many_officers_racing_fill_exactly_the_free_places(db: Database) -> None:
    with db.session() as s, s.begin():
        officers = [add_user(s, f"officer{k}", Role.OFFICER) for k in range(4)]
        family = add_family(s, places=2)
        children = [add_child(s) for _ in range(4)]
    items = [[(c.id, family.id, None)] for c in children]
    results = _race_without_reads(db, officers, items)
    assert sum(isinstance(r, list) for r in results) == 2
    assert sum(isinstance(r, ConflictError) for r in results) == 2
    with db.session() as s:
        assert s.get_one(FosterFamily, family.id).free_places == 0


def test_ending_a_placement_frees_the_place_and_seat(db: Database) -> None:
    with db.session() as s, s.begin():
        officer = add_user(s, "officer", Role.OFFICER)
        family, school = add_family(s, places=1), add_school(s, seats=1)
        a, b = add_child(s), add_child(s)
        [placement_id] = accept_placements(s, officer, [(a.id, family.id, school.id)], on_date=TODAY)
    with db.session() as s, s.begin():
        end_placement(s, officer, placement_id, on_date=TODAY, reason="home")
    with db.session() as s, s.begin():
        accept_placements(s, officer, [(b.id, family.id, school.id)], on_date=TODAY)
    with db.session() as s:
        ended = s.get_one(Placement, placement_id)
        assert (ended.status, ended.end_date, ended.end_reason) == (PlacementStatus.ENDED, TODAY, "home")
        assert s.get_one(Child, a.id).status == ChildStatus.LEFT_CARE
    with pytest.raises(ConflictError, match="already ended"), db.session() as s, s.begin():
        end_placement(s, officer, placement_id, on_date=TODAY, reason="planned")


def test_replacing_a_child_the_same_day_is_a_clear_conflict(db: Database) -> None:
    with db.session() as s, s.begin():
        officer = add_user(s, "officer", Role.OFFICER)
        first, second = add_family(s, places=1), add_family(s, places=1)
        child = add_child(s)
        [placement_id] = accept_placements(s, officer, [(child.id, first.id, None)], on_date=TODAY)
    with db.session() as s, s.begin():
        end_placement(s, officer, placement_id, on_date=TODAY, reason="breakdown-child")
    same_day = pytest.raises(ConflictError, match=f"C{child.id} already had a placement starting on")
    with same_day, db.session() as s, s.begin():
        accept_placements(s, officer, [(child.id, second.id, None)], on_date=TODAY)
    with db.session() as s, s.begin():
        accept_placements(s, officer, [(child.id, second.id, None)], on_date=TODAY + dt.timedelta(days=1))


def test_concurrent_edit_becomes_a_conflict(db: Database) -> None:
    with db.session() as s, s.begin():
        family_id = add_family(s, places=2).id
    with db.session() as mine_session:
        with mine_session.begin():  # the form loads the record ...
            mine = mine_session.get_one(FosterFamily, family_id)
        seen = mine.version
        with db.session() as s, s.begin():  # ... someone else saves a change ...
            s.get_one(FosterFamily, family_id).notes = "their change"
        mine.notes = "my change"  # ... and the form saves over it
        name = mine.name
        stale = pytest.raises(ConflictError, match=f"{name} was changed by someone else meanwhile; open it again")
        with stale, detect_concurrent_edit(name):
            mine_session.commit()
    with db.session() as s:
        current = s.get_one(FosterFamily, family_id)
        assert current.notes == "their change"
        with pytest.raises(ConflictError, match="open it again") as refused:
            check_version(current.version, seen, current.name)
        assert (refused.value.key, refused.value.params) == ("record.changed", {"record": current.name})
