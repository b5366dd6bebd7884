"""The registers: what a form may save, what the tables list, all-or-nothing writes."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from placement.actor import Actor
from placement.errors import ConflictError, InputError, PermissionDenied
from placement.services.registers import (
    child_register,
    family_register,
    map_layers,
    network_register,
    school_register,
)
from placement.services.registers.child_register import ChildInput
from placement.services.registers.family_register import FamilyInput
from placement.services.registers.network_register import LocationInput, NetworkInput
from placement.services.registers.school_register import SchoolInput
from placement.storage.models import Child, ChildStatus, FamilyStatus, FosterFamily, Placement, Role

ACTOR = Actor(user_id=None, username="officer", role=Role.OFFICER, workstation="test")
MANAGER = Actor(user_id=None, username="manager", role=Role.MANAGER, workstation="test")


def good_family(**changes) -> FamilyInput:
    data = FamilyInput(name="Fam. de Vries", postcode="9711 AB", total_places=2, age_min=4, age_max=12,
                       training=["exploitation"], languages=["nl"])
    for key, value in changes.items():
        setattr(data, key, value)
    return data


def wheres(exc: InputError) -> set[str]:
    return {p.where for p in exc.problems}


def test_family_is_saved_with_place_from_postcode(db):
    with db.session() as s, s.begin():
        fid = family_register.create_family(s, ACTOR, good_family())
    with db.session() as s:
        (row,) = family_register.list_families(s, ACTOR)
    assert row.id == fid
    assert (row.municipality, row.province) == ("Groningen", "Groningen")
    assert row.postcode == "9711 AB"
    assert row.free_places == 2
    assert row.training == ("exploitation",)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"postcode": "0000"}, "postcode"),
        ({"postcode": "1000 ZZ"}, "postcode"),
        ({"age_min": 12, "age_max": 4}, "age_max"),
        ({"age_max": 25}, "age_max"),
        ({"total_places": -1}, "total_places"),
        ({"training": ["karate"]}, "training"),
        ({"name": "  "}, "name"),
        ({"genders": []}, "genders"),
    ],
)
def test_bad_family_is_refused_naming_the_field_and_nothing_written(db, changes, field):
    with pytest.raises(InputError) as caught, db.session() as s, s.begin():
        family_register.create_family(s, ACTOR, good_family(**changes))
    assert field in wheres(caught.value)
    with db.session() as s:
        assert s.scalar(select(func.count(FosterFamily.id))) == 0


def test_good_values_have_no_problems():
    assert family_register.validate_family(good_family()) == []


def test_edit_changes_the_family_and_refuses_a_stale_version(db):
    with db.session() as s, s.begin():
        fid = family_register.create_family(s, ACTOR, good_family())
    with db.session() as s:
        loaded = family_register.get_family(s, ACTOR, fid)
    loaded.name = "Fam. Jansen"
    loaded.postcode = "3011"
    loaded.training = ["trauma"]
    with db.session() as s, s.begin():
        family_register.update_family(s, ACTOR, fid, loaded)
    with db.session() as s:
        (row,) = family_register.list_families(s, ACTOR)
        assert (row.name, row.municipality, row.training) == ("Fam. Jansen", "Rotterdam", ("trauma",))
        stale = loaded  # still carries the version it was loaded with
        with pytest.raises(ConflictError):
            family_register.update_family(s, ACTOR, fid, stale)


def test_pause_family_keeps_it_listed_as_paused(db):
    with db.session() as s, s.begin():
        fid = family_register.create_family(s, ACTOR, good_family())
    with db.session() as s, s.begin():
        family_register.set_family_paused(s, ACTOR, fid, True)
    with db.session() as s:
        assert family_register.list_families(s, ACTOR)[0].status == FamilyStatus.PAUSED
        assert map_layers.map_layers(s, ACTOR).families == []


def test_free_places_count_active_placements(db):
    with db.session() as s, s.begin():
        fid = family_register.create_family(s, ACTOR, good_family())
        cid = child_register.create_child(s, ACTOR, ChildInput(name="A", date_of_birth=dt.date(2016, 5, 1), gender="f", region="Utrecht"))
        s.add(Placement(child_id=cid, family_id=fid, start_date=dt.date(2024, 1, 1)))
    with db.session() as s:
        assert family_register.list_families(s, ACTOR)[0].free_places == 1
    with db.session() as s, s.begin():
        child_register.mark_child_left_care(s, ACTOR, cid)
    with db.session() as s:
        assert family_register.list_families(s, ACTOR)[0].free_places == 2
        assert s.get(Child, cid).status == ChildStatus.LEFT_CARE


def test_child_ages_and_kinds_are_checked():
    today = dt.date(2026, 1, 1)
    ok = ChildInput(name="B", date_of_birth=dt.date(2015, 1, 2), gender="f", region="Utrecht", school_kind="primary")
    assert child_register.validate_child(ok, today) == []
    future = ChildInput(name="B", date_of_birth=dt.date(2027, 1, 1), gender="f", region="Utrecht")
    assert "date_of_birth" in {p.where for p in child_register.validate_child(future, today)}
    too_old = ChildInput(name="B", date_of_birth=dt.date(2000, 1, 1), gender="f", region="Utrecht")
    assert "date_of_birth" in {p.where for p in child_register.validate_child(too_old, today)}
    bad_kind = ChildInput(name="B", date_of_birth=dt.date(2015, 1, 1), gender="f", region="Utrecht", school_kind="college")
    assert "school_kind" in {p.where for p in child_register.validate_child(bad_kind, today)}


def test_child_list_gives_age_and_band(db):
    with db.session() as s, s.begin():
        child_register.create_child(s, ACTOR, ChildInput(name="C", date_of_birth=dt.date(2012, 3, 4), gender="f", region="Utrecht"))
    with db.session() as s:
        (row,) = child_register.list_children(s, ACTOR, day=dt.date(2026, 3, 4))
    assert (row.age, row.age_band) == (14, "12-15")


def test_child_region_is_a_required_province_and_reads_back(db):
    with db.session() as s, s.begin():
        with pytest.raises(InputError) as refused:
            child_register.create_child(s, ACTOR, ChildInput(name="R", date_of_birth=dt.date(2014, 1, 1), gender="f", region="Friesland"))
        assert wheres(refused.value) == {"region"}
        assert s.scalar(select(func.count(Child.id))) == 0
        cid = child_register.create_child(s, ACTOR, ChildInput(name="R", date_of_birth=dt.date(2014, 1, 1), gender="f", region="Fryslân"))
    with db.session() as s:
        assert [r.region for r in child_register.list_children(s, ACTOR)] == ["Fryslân"]
        data = child_register.get_child(s, ACTOR, cid)
    assert data.region == "Fryslân"
    data.region = ""  # nothing chosen: refused, nothing is invented
    with pytest.raises(InputError) as refused, db.session() as s, s.begin():
        child_register.update_child(s, ACTOR, cid, data)
    assert wheres(refused.value) == {"region"}


def test_a_child_without_gender_region_or_birth_date_is_refused_not_completed(db):
    """Finding 2: the form must not invent these; the service refuses them too."""
    bare = ChildInput(name="Alleen een naam")
    assert {p.where for p in child_register.validate_child(bare)} == {"date_of_birth", "gender", "region"}
    with pytest.raises(InputError), db.session() as s, s.begin():
        child_register.create_child(s, ACTOR, bare)


def test_school_code_is_unique_and_kinds_known(db):
    school = SchoolInput(duo_code="12ab00", name="De Regenboog", kinds=["primary"], free_seats=3, postcode="1012")
    with db.session() as s, s.begin():
        school_register.create_school(s, ACTOR, school)
    with pytest.raises(InputError) as caught, db.session() as s, s.begin():
        school_register.create_school(s, ACTOR, school)
    assert wheres(caught.value) == {"duo_code"}
    school.kinds = ["university"]
    assert "kinds" in {p.where for p in school_register.validate_school(school)}
    with db.session() as s:
        (row,) = school_register.list_schools(s, ACTOR)
    assert (row.duo_code, row.municipality) == ("12AB00", "Amsterdam")


def test_network_locations_from_postcode_or_coordinates(db):
    data = NetworkInput(label="Net A", locations=[LocationInput("market", "1012"), LocationInput("flat", "51.9, 4.48")])
    with db.session() as s, s.begin():
        nid = network_register.create_network(s, ACTOR, data)
        child_register.create_child(s, ACTOR, ChildInput(name="D", date_of_birth=dt.date(2014, 1, 1), gender="f", region="Utrecht", network_ids=[nid]))
    with db.session() as s:
        (row,) = network_register.list_networks(s, ACTOR)
    assert (row.locations, row.children) == (2, 1)
    bad = NetworkInput(label="Net B", locations=[LocationInput("x", "91, 4")])
    assert [p.where for p in network_register.validate_network(bad)] == ["locations"]


def test_a_manager_sees_no_family_records_or_points(db):
    with db.session() as s, s.begin():
        family_register.create_family(s, ACTOR, good_family())
    with db.session() as s:
        with pytest.raises(PermissionDenied):
            family_register.list_families(s, MANAGER)
        assert map_layers.map_layers(s, MANAGER).families == []
        assert len(map_layers.map_layers(s, ACTOR).families) == 1


def test_a_guardian_lists_only_the_children_assigned_to_them(db):
    from placement.storage.models import User

    with db.session() as s, s.begin():
        guardian = User(username="voogd", display_name="Voogd", role=Role.GUARDIAN)
        s.add(guardian)
        s.flush()
        mine = child_register.create_child(s, ACTOR, ChildInput(name="Mijn", date_of_birth=dt.date(2015, 1, 1), gender="f", region="Utrecht"))
        child_register.create_child(s, ACTOR, ChildInput(name="Ander", date_of_birth=dt.date(2015, 1, 1), gender="f", region="Utrecht"))
        s.get(Child, mine).guardian_id = guardian.id
        guardian_actor = Actor(user_id=guardian.id, username="voogd", role=Role.GUARDIAN, workstation="test")
    with db.session() as s:
        assert [r.name for r in child_register.list_children(s, guardian_actor)] == ["Mijn"]
        with pytest.raises(PermissionDenied):
            family_register.list_families(s, guardian_actor)


def test_the_children_list_says_where_a_placed_child_lives_to_those_who_may_see_it(db):
    """Issue 16, finding 9: the children list did not show where a child lives."""
    with db.session() as s, s.begin():
        fid = family_register.create_family(s, ACTOR, good_family())
        cid = child_register.create_child(s, ACTOR, ChildInput(name="P", date_of_birth=dt.date(2015, 1, 1), gender="m", region="Utrecht"))
        child_register.create_child(s, ACTOR, ChildInput(name="W", date_of_birth=dt.date(2015, 1, 1), gender="f", region="Utrecht"))
        s.add(Placement(child_id=cid, family_id=fid, start_date=dt.date(2024, 1, 1)))
    with db.session() as s:
        rows = {r.name: r for r in child_register.list_children(s, ACTOR)}
        family = family_register.list_families(s, ACTOR)[0]
    assert rows["P"].family == f"{family.name} (F{family.id})" and rows["P"].municipality == family.municipality
    assert rows["W"].family is None and rows["W"].municipality is None
