"""From the database to a session: who and what goes in, on which date."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from placement.actor import Actor
from placement.errors import InputError, PermissionDenied
from placement.services import audit
from placement.services.matching import build_problem, export_problem
from placement.storage import models as m
from placement.storage.database import Database
from solver import problem as sp

DAY = dt.date(2026, 6, 1)
OFFICER = Actor(user_id=None, username="officer", role=m.Role.OFFICER, workstation="test")
UTRECHT = (52.09, 5.12)
GRONINGEN = (53.22, 6.57)
KM_PER_DEGREE_LAT = 6371.0088 * 3.141592653589793 / 180


def _north(point: tuple[float, float], km: float) -> tuple[float, float]:
    return point[0] + km / KM_PER_DEGREE_LAT, point[1]


def _family(s: Session, name: str, at: tuple[float, float], places: int, **extra: object) -> m.FosterFamily:
    family = m.FosterFamily(name=name, postcode="3511", lat=at[0], lon=at[1], total_places=places, **extra)
    s.add(family)
    return family


def _child(s: Session, name: str, born: dt.date, gender: str, **extra: object) -> m.Child:
    child = m.Child(name=name, date_of_birth=born, gender=gender, **extra)
    s.add(child)
    return child


def _school(s: Session, code: str, kinds: list[str], seats: int, at: tuple[float, float]) -> None:
    s.add(m.School(duo_code=code, name=f"School {code}", kinds=kinds, free_seats=seats, postcode="3511", lat=at[0], lon=at[1]))


def populate(s: Session) -> dict[str, int]:
    """A small world with one of each thing that must be left out."""
    group = m.SiblingGroup(label="Popescu", keep_together=False, max_apart_km=30.0)
    net1 = m.Network(label="station gang")
    net1.locations = [
        m.NetworkLocation(lat=51.92, lon=4.48, reported_on=DAY),
        m.NetworkLocation(lat=51.22, lon=4.40, reported_on=DAY),  # Antwerp: abroad
    ]
    net2 = m.Network(label="no known place")
    net3 = m.Network(label="nobody's", locations=[m.NetworkLocation(lat=52.0, lon=5.0, reported_on=DAY)])
    s.add_all([group, net1, net2, net3])

    a = _family(s, "A", UTRECHT, 2, genders=["f", "m"], languages=["nl", "ro"], age_min=6, age_max=14)
    a.training = [
        m.TrainingRecord(tag="exploitation", completed_on=dt.date(2025, 1, 1), expires_on=dt.date(2027, 1, 1)),
        m.TrainingRecord(tag="trauma", completed_on=dt.date(2022, 1, 1), expires_on=dt.date(2026, 1, 1)),
        m.TrainingRecord(tag="sign", completed_on=dt.date(2026, 7, 1), expires_on=None),
    ]
    full = _family(s, "B", UTRECHT, 1)
    paused = _family(s, "C", UTRECHT, 2, status=m.FamilyStatus.PAUSED)
    d = _family(s, "D", GRONINGEN, 3)

    c1 = _child(
        s, "one", dt.date(2016, 6, 2), "f", school_kind="primary", max_school_km=10.0, languages=["ro"],
        training_needed=["exploitation"], priority=4, sibling_group=group, networks=[net1],
    )  # fmt: skip
    c2 = _child(s, "two", dt.date(2012, 6, 1), "m", school_kind="secondary", safety_km=80.0, sibling_group=group, networks=[net2])
    c3 = _child(s, "three", dt.date(2015, 1, 1), "x", status=m.ChildStatus.PLACED, networks=[net3])
    c4 = _child(s, "four", dt.date(2015, 1, 1), "x", status=m.ChildStatus.PLACED)
    c5 = _child(s, "five", dt.date(2010, 1, 1), "x", status=m.ChildStatus.LEFT_CARE)

    _school(s, "01AA", ["primary"], 5, _north(UTRECHT, 1))
    _school(s, "02BB", ["primary"], 0, _north(UTRECHT, 1))  # full
    _school(s, "03CC", ["special"], 4, _north(UTRECHT, 1))  # no child needs it
    _school(s, "04DD", ["secondary"], 2, _north(GRONINGEN, 3))
    _school(s, "05EE", ["primary"], 9, (50.85, 5.69))  # Maastricht: too far from every family
    _school(s, "06FF", ["newcomer", "primary"], 1, _north(UTRECHT, 9.9))  # within child one's 10 km
    _school(s, "07GG", ["primary"], 1, _north(UTRECHT, 10.5))  # just outside it
    s.flush()
    s.add_all(
        [
            m.Placement(child=c3, family=a, start_date=dt.date(2025, 1, 1)),
            m.Placement(child=c4, family=full, start_date=dt.date(2025, 1, 1)),
            m.Placement(
                child=c5, family=d, start_date=dt.date(2024, 1, 1), end_date=dt.date(2025, 1, 1), status=m.PlacementStatus.ENDED
            ),
        ]
    )
    s.flush()
    return {
        "a": a.id, "full": full.id, "paused": paused.id, "d": d.id, "c1": c1.id, "c2": c2.id, "c3": c3.id,
        "group": group.id, "net1": net1.id, "net2": net2.id,
    }  # fmt: skip


DEFAULTS = sp.Settings()


def expected_problem(ids: dict[str, int], settings: sp.Settings = DEFAULTS) -> sp.Problem:
    utrecht, groningen = sp.Point(*UTRECHT), sp.Point(*GRONINGEN)
    return sp.Problem(
        families=(
            sp.Family(
                id=f"F{ids['a']}", location=utrecht, free_places=1, age_min=6, age_max=14,
                genders=frozenset({"f", "m"}), training=frozenset({"exploitation"}), languages=frozenset({"nl", "ro"}),
            ),
            sp.Family(id=f"F{ids['d']}", location=groningen, free_places=3, age_min=0, age_max=20),
        ),
        schools=(
            sp.School(id="01AA", location=sp.Point(*_north(UTRECHT, 1)), kinds=frozenset({"primary"}), free_seats=5, label="School 01AA"),
            sp.School(id="04DD", location=sp.Point(*_north(GRONINGEN, 3)), kinds=frozenset({"secondary"}), free_seats=2, label="School 04DD"),
            sp.School(
                id="06FF", location=sp.Point(*_north(UTRECHT, 9.9)), kinds=frozenset({"primary", "newcomer"}), free_seats=1,
                label="School 06FF",
            ),
        ),
        networks=(sp.Network(id=f"N{ids['net1']}", locations=(sp.Point(51.92, 4.48), sp.Point(51.22, 4.40))),),
        children=(
            sp.Child(
                id=f"C{ids['c1']}", age=9, gender="f", safety_km=settings.safety_km, max_school_km=10.0, priority=4,
                training_needed=frozenset({"exploitation"}), languages=frozenset({"ro"}), school_kind="primary",
                networks=(f"N{ids['net1']}",), sibling_group=f"G{ids['group']}",
            ),
            sp.Child(
                id=f"C{ids['c2']}", age=14, gender="m", safety_km=80.0, max_school_km=settings.max_school_km,
                school_kind="secondary", sibling_group=f"G{ids['group']}",
            ),
        ),
        sibling_groups=(sp.SiblingGroup(id=f"G{ids['group']}", keep_together=False, max_apart_km=30.0),),
        settings=settings,
    )  # fmt: skip


def test_problem_holds_what_matters_on_the_session_date(db: Database) -> None:
    with db.session() as s, s.begin():
        ids = populate(s)
    with db.session() as s, s.begin():
        problem = build_problem(s, OFFICER, on_date=DAY)
    assert problem == expected_problem(ids)


def test_settings_reach_the_children_without_their_own(db: Database) -> None:
    with db.session() as s, s.begin():
        ids = populate(s)
        settings = sp.Settings(safety_km=70.0, max_school_km=20.0, time_limit_s=5.0)
        problem = build_problem(s, OFFICER, on_date=DAY, settings=settings)
    assert problem == expected_problem(ids, settings)


def test_chosen_children_only(db: Database) -> None:
    with db.session() as s, s.begin():
        ids = populate(s)
        problem = build_problem(s, OFFICER, on_date=DAY, child_ids=[ids["c2"]])
    assert [c.id for c in problem.children] == [f"C{ids['c2']}"]
    # Network two has no known location and constrains nothing; nobody needs a primary school.
    assert problem.networks == () and problem.children[0].networks == ()
    assert [x.id for x in problem.schools] == ["04DD"]
    assert [g.id for g in problem.sibling_groups] == [f"G{ids['group']}"]


def test_chosen_children_must_exist_and_be_waiting(db: Database) -> None:
    with db.session() as s, s.begin():
        ids = populate(s)
    with db.session() as s, s.begin(), pytest.raises(InputError) as caught:
        build_problem(s, OFFICER, on_date=DAY, child_ids=[ids["c1"], ids["c3"], 999])
    assert [str(p) for p in caught.value.problems] == [
        "children: there is no child C999",
        f"children: child C{ids['c3']} is not waiting for a place (placed)",
    ]


def test_a_waiting_child_too_old_for_the_file_is_named(db: Database) -> None:
    with db.session() as s, s.begin():
        populate(s)
        old = _child(s, "old", dt.date(2004, 1, 1), "m")
        s.flush()
        with pytest.raises(InputError) as caught:
            build_problem(s, OFFICER, on_date=DAY)
    assert [str(p) for p in caught.value.problems] == [f"C{old.id}: age on 2026-06-01 is 22: outside 0 to 20"]


@pytest.mark.parametrize("role", [m.Role.MANAGER, m.Role.GUARDIAN, m.Role.ADMINISTRATOR])
def test_only_officers_build_sessions(db: Database, role: m.Role) -> None:
    with db.session() as s, s.begin():
        populate(s)
    with db.session() as s, s.begin(), pytest.raises(PermissionDenied):
        build_problem(s, Actor(user_id=None, username="someone", role=role), on_date=DAY)


def test_export_leaves_one_audit_row_per_child(db: Database) -> None:
    with db.session() as s, s.begin():
        ids = populate(s)
    with db.session() as s, s.begin():
        problem = export_problem(s, OFFICER, on_date=DAY)
    assert problem == expected_problem(ids)
    with db.session() as s:
        rows = s.scalars(select(m.AuditEntry).where(m.AuditEntry.action == "export").order_by(m.AuditEntry.id)).all()
    # On a server the row names the connected login role, whatever the client claims.
    user = "postgres" if db.is_server else "officer"
    families = sorted(int(family.id.removeprefix("F")) for family in problem.families)
    assert [(r.object_type, r.object_id, r.object_ids, r.username) for r in rows] == [
        ("child", str(ids["c1"]), None, user),
        ("child", str(ids["c2"]), None, user),
        ("family", str(len(families)), audit.id_ranges(families), user),  # their exact coordinates left too
    ]
