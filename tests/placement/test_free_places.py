"""Free places are derived, never typed: total places minus the family's
active placements, on both databases. Ages come from the date of birth at the
session date."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from placement.storage import models as m
from placement.storage.database import Database

DAY = dt.date(2026, 3, 1)


def _setup(db: Database, total_places: int = 3) -> tuple[int, int, list[int]]:
    with db.session() as s, s.begin():
        family = m.FosterFamily(name="Familie A", postcode="1012", lat=52.0, lon=5.0, total_places=total_places)
        other = m.FosterFamily(name="Familie B", postcode="3011", lat=51.9, lon=4.5, total_places=2)
        children = [
            m.Child(name=f"Kind {i}", date_of_birth=dt.date(2015, 1, 1), gender="f") for i in range(4)
        ]
        s.add_all([family, other, *children])
        s.flush()
        return family.id, other.id, [c.id for c in children]


def _free(db: Database, family_id: int) -> int:
    with db.session() as s:
        return s.get_one(m.FosterFamily, family_id).free_places


def _place(db: Database, child_id: int, family_id: int, start: dt.date = DAY) -> int:
    with db.session() as s, s.begin():
        placement = m.Placement(child_id=child_id, family_id=family_id, start_date=start)
        s.add(placement)
        s.flush()
        return placement.id


def _end(db: Database, placement_id: int, day: dt.date) -> None:
    with db.session() as s, s.begin():
        placement = s.get_one(m.Placement, placement_id)
        placement.status = m.PlacementStatus.ENDED
        placement.end_date = day
        placement.end_reason = "terug naar huis"


def test_free_places_follow_placements_starting_and_ending(db: Database) -> None:
    family, other, kids = _setup(db)
    assert _free(db, family) == 3
    first = _place(db, kids[0], family)
    assert _free(db, family) == 2
    _place(db, kids[1], family)
    assert _free(db, family) == 1
    _place(db, kids[2], other)  # another family's placement does not count here
    assert (_free(db, family), _free(db, other)) == (1, 1)
    _end(db, first, DAY + dt.timedelta(days=30))
    assert _free(db, family) == 2  # an ended placement frees its place
    _place(db, kids[0], family, start=DAY + dt.timedelta(days=60))  # the same child back again
    assert _free(db, family) == 1


def test_fewer_total_places_than_children_shows_zero_free_not_negative(db: Database) -> None:
    family, _, kids = _setup(db, total_places=2)
    _place(db, kids[0], family)
    _place(db, kids[1], family)
    with db.session() as s, s.begin():
        s.get_one(m.FosterFamily, family).total_places = 1
    assert _free(db, family) == 0


def test_families_with_room_can_be_selected_in_the_database(db: Database) -> None:
    family, other, kids = _setup(db, total_places=1)
    _place(db, kids[0], family)
    with db.session() as s:
        with_room = s.scalars(
            select(m.FosterFamily.id).where(m.FosterFamily.total_places > m.FosterFamily.occupied)
        ).all()
    assert with_room == [other]


def test_free_places_are_not_a_stored_column() -> None:
    assert "free_places" not in m.FosterFamily.__table__.columns
    assert "occupied" not in m.FosterFamily.__table__.columns


@pytest.mark.parametrize(
    ("born", "day", "age"),
    [
        (dt.date(2014, 3, 1), dt.date(2026, 2, 28), 11),  # the day before the birthday
        (dt.date(2014, 3, 1), dt.date(2026, 3, 1), 12),  # on the birthday
        (dt.date(2012, 2, 29), dt.date(2026, 2, 28), 13),  # leap-day child, non-leap year
        (dt.date(2012, 2, 29), dt.date(2026, 3, 1), 14),
    ],
)
def test_age_is_taken_at_the_session_date(born: dt.date, day: dt.date, age: int) -> None:
    assert m.Child(date_of_birth=born).age_on(day) == age


def test_a_new_family_not_yet_stored_has_all_places_free() -> None:
    assert m.FosterFamily(name="Nieuw", total_places=3).free_places == 3


def test_refresh_shows_a_placement_added_in_the_same_session(db: Database) -> None:
    family_id, _, kids = _setup(db, total_places=2)
    with db.session() as s, s.begin():
        family = s.get_one(m.FosterFamily, family_id)
        assert family.free_places == 2
        s.add(m.Placement(child_id=kids[0], family_id=family_id, start_date=DAY))
        s.flush()
        s.refresh(family)
        assert family.free_places == 1
