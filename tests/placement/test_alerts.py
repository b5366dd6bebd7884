"""Network alerts: a location added or moved near a placed child's foster family."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from sqlalchemy import select

from placement.actor import Actor
from placement.errors import PermissionDenied
from placement.ids import NetworkId
from placement.services import alerts
from placement.storage.models import (
    Child,
    FosterFamily,
    Network,
    NetworkAlert,
    NetworkLocation,
    Role,
)
from solver.geo import EARTH_RADIUS_KM, distance_km
from tests.placement import report_fixtures as fx

OFFICER = Actor(user_id=2, username="officer1", role=Role.OFFICER, workstation="ws-1")


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fx.build(tmp_path_factory.mktemp("alerts") / "template.sqlite")


@pytest.fixture
def db(template: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    database = fx.copy_of(template, tmp_path)
    yield database
    database.dispose()


def destination(lat: float, lon: float, bearing_deg: float, km: float) -> tuple[float, float]:
    """The point ``km`` from (lat, lon) along ``bearing_deg`` on the same sphere as solver.geo."""
    p1, l1, b, d = math.radians(lat), math.radians(lon), math.radians(bearing_deg), km / EARTH_RADIUS_KM
    p2 = math.asin(math.sin(p1) * math.cos(d) + math.cos(p1) * math.sin(d) * math.cos(b))
    l2 = l1 + math.atan2(math.sin(b) * math.sin(d) * math.cos(p1), math.cos(d) - math.sin(p1) * math.sin(p2))
    return math.degrees(p2), math.degrees(l2)


def point_between(a: tuple[float, float], km_a: float, b: tuple[float, float], km_b: float) -> tuple[float, float]:
    """A point ``km_a`` from ``a`` and ``km_b`` from ``b`` (bisection on the bearing from ``a``)."""
    low, high = 0.0, 180.0  # bearing 0 heads north (towards b for our fixture), 180 away from it

    def gap(bearing: float) -> float:
        return distance_km(*destination(*a, bearing, km_a), *b) - km_b

    for _ in range(60):
        mid = (low + high) / 2
        low, high = (mid, high) if gap(mid) < 0 else (low, mid)
    return destination(*a, low, km_a)


def setup(db):  # type: ignore[no-untyped-def]
    with db.session() as s:
        f1 = s.scalars(select(FosterFamily).where(FosterFamily.address == fx.CANARY_ADDRESS)).one()
        f2 = s.scalars(select(FosterFamily).where(FosterFamily.name == fx.SIBLING_FAMILY)).one()
        n1 = s.scalars(select(Network.id).where(Network.label == fx.CANARY_NETWORK)).one()
        return (f1.lat, f1.lon), (f2.lat, f2.lon), NetworkId(n1)


def test_a_new_location_alerts_exactly_the_placements_inside_the_safety_distance(db) -> None:  # type: ignore[no-untyped-def]
    zwolle, groningen, n1 = setup(db)
    # Mila (safety 60 km) lives in Zwolle, her brother Ivan (default 50 km) in Groningen;
    # both are linked to N1. The new point is 59.9 km from Mila's family and 50.1 km from Ivan's.
    lat, lon = point_between(zwolle, 59.9, groningen, 50.1)
    with db.session() as s, s.begin():
        _, raised = alerts.add_network_location(s, OFFICER, n1, lat=lat, lon=lon, label="nieuwe plek")
    assert [(r.child_name, r.family_name) for r in raised] == [("Mila Petrova", "Familie Jansen")]
    assert raised[0].distance_km == pytest.approx(59.9, abs=0.05) and raised[0].safety_km == 60.0

    with db.session() as s, s.begin():
        shown = alerts.open_alerts(s, OFFICER)
    assert [r.child_name for r in shown] == ["Mila Petrova"]
    assert not any(str(round(lat, 3)) in repr(r) for r in shown)  # no coordinates in what officers see


def test_a_location_just_outside_raises_nothing_and_moving_it_in_does(db) -> None:  # type: ignore[no-untyped-def]
    zwolle, groningen, n1 = setup(db)
    lat, lon = point_between(zwolle, 60.1, groningen, 50.1)
    with db.session() as s, s.begin():
        location_id, raised = alerts.add_network_location(s, OFFICER, n1, lat=lat, lon=lon)
    assert raised == []
    # Moved 0.3 km closer to Groningen: now inside Ivan's 50 km as well as Mila's 60 km.
    lat2, lon2 = point_between(zwolle, 59.8, groningen, 49.8)
    with db.session() as s, s.begin():
        raised = alerts.move_network_location(s, OFFICER, location_id, lat=lat2, lon=lon2)
    assert sorted(r.child_name for r in raised) == ["Ivan Petrov", "Mila Petrova"]


def test_alert_stays_until_acknowledged_and_is_not_raised_twice(db) -> None:  # type: ignore[no-untyped-def]
    zwolle, groningen, n1 = setup(db)
    lat, lon = point_between(zwolle, 40.0, groningen, 70.0)
    with db.session() as s, s.begin():
        _, raised = alerts.add_network_location(s, OFFICER, n1, lat=lat, lon=lon)
        assert alerts.check_network(s, OFFICER, n1) == []  # still open: not raised again
    with db.session() as s, s.begin():
        done = alerts.acknowledge(s, OFFICER, raised[0].id)
    assert done.acknowledged_by == "officer1" and done.acknowledged_at is not None
    with db.session() as s, s.begin():
        assert alerts.open_alerts(s, OFFICER) == []
        stored = s.get(NetworkAlert, raised[0].id)
        assert stored.acknowledged_by_id == 2


def test_children_without_that_network_are_never_alerted(db) -> None:  # type: ignore[no-untyped-def]
    zwolle, _, n1 = setup(db)
    with db.session() as s, s.begin():
        _, raised = alerts.add_network_location(s, OFFICER, n1, lat=zwolle[0], lon=zwolle[1])
        zara = s.scalars(select(Child.id).where(Child.name == fx.OTHER_CHILD)).one()
    assert zara not in {r.child_id for r in raised}  # Zara lives in the same family but has no network


def test_managers_see_no_alerts(db) -> None:  # type: ignore[no-untyped-def]
    manager = Actor(user_id=None, username="boss", role=Role.MANAGER)
    with db.session() as s, s.begin(), pytest.raises(PermissionDenied):
        alerts.open_alerts(s, manager)


def test_saving_a_network_in_the_register_raises_the_alerts_too(db) -> None:  # type: ignore[no-untyped-def]
    from placement.services.registers import network_register

    zwolle, groningen, n1 = setup(db)
    lat, lon = point_between(zwolle, 30.0, groningen, 80.0)
    with db.session() as s, s.begin():
        data = network_register.get_network(s, OFFICER, n1)
        data.locations.append(network_register.LocationInput(label="gezien", place=f"{lat:.5f}, {lon:.5f}"))
        network_register.update_network(s, OFFICER, n1, data)
    with db.session() as s, s.begin():
        assert [r.child_name for r in alerts.open_alerts(s, OFFICER)] == ["Mila Petrova"]


def test_linking_a_placed_child_to_a_nearby_network_or_moving_the_family_alerts(db) -> None:  # type: ignore[no-untyped-def]
    zwolle, _, n1 = setup(db)
    with db.session() as s, s.begin():
        near = Network(label="Nieuw netwerk")
        near.locations = [NetworkLocation(label="x", lat=zwolle[0] + 0.1, lon=zwolle[1], reported_on=fx.TODAY)]
        s.add(near)
        s.flush()
        zara = s.scalars(select(Child).where(Child.name == fx.OTHER_CHILD)).one()
        zara.networks.append(near)
        s.flush()
        raised = alerts.check_child(s, OFFICER, zara.id)  # what child_register.update_child calls
    assert [r.child_name for r in raised] == [fx.OTHER_CHILD]

    with db.session() as s, s.begin():  # Ivan's family moves next to N1's kiosk in Amsterdam
        ivan_family = s.scalars(select(FosterFamily).where(FosterFamily.name == fx.SIBLING_FAMILY)).one()
        ivan_family.lat, ivan_family.lon = 52.37, 4.90
        s.flush()
        raised = alerts.check_family(s, OFFICER, ivan_family.id)  # what family_register.update_family calls
    assert [r.child_name for r in raised] == [fx.SIBLING]
