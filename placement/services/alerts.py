"""Network alerts: a network turns up closer to a placed child than allowed.

When a location is added to a network or moved, every active placement of a
child linked to that network whose foster family now lies within the child's
safety distance of that network becomes an alert. It stays on the officers'
list until one of them acknowledges it (who and when are stored).

Call :func:`check_network` after any change to a network's locations (the
registry's network form replaces them all at once), :func:`check_child` after
a placed child's networks or safety distance changed and :func:`check_family`
after a foster family moved; :func:`add_network_location` and
:func:`move_network_location` check by themselves. Alerts hold ids and a
distance, never coordinates or location labels.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from catalogue import limits
from catalogue.validation_sentences import Complaint
from placement.actor import Actor
from placement.errors import InputError, Problem
from placement.ids import NetworkId
from placement.services import audit
from placement.services.permissions import Action, require
from placement.storage.models import (
    Child,
    Network,
    NetworkAlert,
    NetworkLocation,
    Placement,
    PlacementStatus,
    child_networks,
    utcnow,
)
from solver.geo import haversine_km


@dataclass(frozen=True, slots=True)
class AlertRow:
    """One alert as an officer sees it."""

    id: int
    raised_at: dt.datetime
    child_id: int
    child_name: str
    family_id: int
    family_name: str
    network_id: int
    network_label: str
    distance_km: float
    safety_km: float
    acknowledged_at: dt.datetime | None = None
    acknowledged_by: str | None = None


def _row(alert: NetworkAlert) -> AlertRow:
    p = alert.placement
    return AlertRow(
        id=alert.id,
        raised_at=alert.raised_at,
        child_id=p.child_id,
        child_name=p.child.name,
        family_id=p.family_id,
        family_name=p.family.name,
        network_id=alert.network_id,
        network_label=alert.network.label,
        distance_km=alert.distance_km,
        safety_km=alert.safety_km,
        acknowledged_at=alert.acknowledged_at,
        acknowledged_by=alert.acknowledged_by,
    )


def _network(session: Session, network_id: int) -> Network:
    network = session.get(Network, network_id)
    if network is None:
        raise InputError([Problem.of("network", Complaint("record.no_network", {"network_id": str(network_id)}))])
    return network


def _raise_close(session: Session, pairs: Iterable[tuple[Placement, Network]]) -> list[AlertRow]:
    """An alert for each (active placement, network of its child) whose family
    lies closer to any of the network's locations than the child's safety
    distance, unless one is already open for that pair."""
    already_open = {
        (row.placement_id, row.network_id)
        for row in session.execute(select(NetworkAlert.placement_id, NetworkAlert.network_id)
                                   .where(NetworkAlert.acknowledged_at.is_(None)))
    }
    raised = []
    for placement, network in pairs:
        if not network.locations or (placement.id, network.id) in already_open:
            continue
        child: Child = placement.child
        safety_km = child.safety_km if child.safety_km is not None else limits.DEFAULT_SAFETY_KM
        nearest = float(haversine_km(placement.family.lat, placement.family.lon,
                                     [loc.lat for loc in network.locations],
                                     [loc.lon for loc in network.locations]).min())
        if nearest >= safety_km:
            continue
        alert = NetworkAlert(placement=placement, network=network, raised_at=utcnow(),
                             distance_km=round(nearest, 1), safety_km=safety_km)
        session.add(alert)
        already_open.add((placement.id, network.id))
        raised.append(alert)
    session.flush()
    return [_row(a) for a in raised]


def _active_placements():  # type: ignore[no-untyped-def]
    return (
        select(Placement)
        .where(Placement.status == PlacementStatus.ACTIVE)
        .options(selectinload(Placement.child).selectinload(Child.networks), selectinload(Placement.family))
        .order_by(Placement.id)
    )


def check_network(session: Session, actor: Actor, network_id: NetworkId) -> list[AlertRow]:
    """After a network's locations changed: raise an alert for every active
    placement of a child linked to it whose family is now too close; returns
    the alerts raised now (one already open for the same placement and
    network is not raised twice)."""
    require(actor, Action.VIEW_NETWORK, session=session)
    network = _network(session, network_id)
    placements = session.scalars(
        _active_placements()
        .join(child_networks, child_networks.c.child_id == Placement.child_id)
        .where(child_networks.c.network_id == network.id)
    ).all()
    return _raise_close(session, ((p, network) for p in placements))


def check_child(session: Session, actor: Actor, child_id: int) -> list[AlertRow]:
    """After a placed child's networks or safety distance changed."""
    require(actor, Action.VIEW_NETWORK, session=session)
    placements = session.scalars(_active_placements().where(Placement.child_id == child_id)).all()
    return _raise_close(session, ((p, n) for p in placements for n in p.child.networks))


def check_family(session: Session, actor: Actor, family_id: int) -> list[AlertRow]:
    """After a foster family moved: every child placed there, against each of its networks."""
    require(actor, Action.VIEW_NETWORK, session=session)
    placements = session.scalars(_active_placements().where(Placement.family_id == family_id)).all()
    return _raise_close(session, ((p, n) for p in placements for n in p.child.networks))


def add_network_location(
    session: Session, actor: Actor, network_id: NetworkId, *, lat: float, lon: float, label: str = "",
    reported_on: dt.date | None = None, source_note: str = "", family_id: int | None = None,
) -> tuple[int, list[AlertRow]]:
    """Record a newly reported location; returns its id and the alerts it raised.
    ``family_id`` marks a location derived from a compromised foster family."""
    require(actor, Action.EDIT_NETWORK, session=session)
    _check_point(lat, lon)
    network = _network(session, network_id)
    location = NetworkLocation(label=label.strip(), lat=lat, lon=lon, reported_on=reported_on or dt.date.today(),
                               source_note=source_note, family_id=family_id)
    network.locations.append(location)
    session.flush()
    audit.record(session, actor, audit.CHANGE, "network", network.id)
    return location.id, check_network(session, actor, NetworkId(network.id))


def move_network_location(
    session: Session, actor: Actor, location_id: int, *, lat: float, lon: float,
) -> list[AlertRow]:
    """Correct where a known location is; returns the alerts the move raised."""
    require(actor, Action.EDIT_NETWORK, session=session)
    _check_point(lat, lon)
    location = session.get(NetworkLocation, location_id)
    if location is None:
        raise InputError([Problem.of("location", Complaint("record.no_network_location", {"location_id": str(location_id)}))])
    location.lat, location.lon = lat, lon
    session.flush()
    audit.record(session, actor, audit.CHANGE, "network", location.network_id)
    return check_network(session, actor, NetworkId(location.network_id))


def _check_point(lat: float, lon: float) -> None:
    problems = []
    if not -90.0 <= lat <= 90.0:
        problems.append(Problem.of("lat", Complaint("coordinates.latitude")))
    if not -180.0 <= lon <= 180.0:
        problems.append(Problem.of("lon", Complaint("coordinates.longitude")))
    if problems:
        raise InputError(problems)


def _alerts_query():  # type: ignore[no-untyped-def]
    return select(NetworkAlert).options(
        selectinload(NetworkAlert.placement).selectinload(Placement.child),
        selectinload(NetworkAlert.placement).selectinload(Placement.family),
        selectinload(NetworkAlert.network),
    )


def open_alerts(session: Session, actor: Actor) -> list[AlertRow]:
    """Alerts no officer has acknowledged yet, oldest first."""
    require(actor, Action.VIEW_NETWORK, session=session)
    alerts = session.scalars(
        _alerts_query().where(NetworkAlert.acknowledged_at.is_(None)).order_by(NetworkAlert.id)
    ).all()
    return [_row(a) for a in alerts]


def acknowledge(session: Session, actor: Actor, alert_id: int) -> AlertRow:
    """An officer has seen the alert and taken it up; it leaves the open list."""
    require(actor, Action.VIEW_NETWORK, session=session)
    alert = session.scalars(_alerts_query().where(NetworkAlert.id == alert_id)).one_or_none()
    if alert is None:
        raise InputError([Problem.of("alert", Complaint("record.no_alert", {"alert_id": str(alert_id)}))])
    if alert.acknowledged_at is None:
        alert.acknowledged_at = utcnow()
        alert.acknowledged_by_id = actor.user_id
        alert.acknowledged_by = actor.username[:64]
        session.flush()
        audit.record(session, actor, audit.CHANGE, "alert", alert.id)
    return _row(alert)
