"""The register of criminal networks and the locations they are known at."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from catalogue.validation_sentences import Complaint, FieldError
from placement import postcodes
from placement.actor import Actor
from placement.errors import InputError, Problem
from placement.field_rules import check_required, check_texts, raise_problems
from placement.ids import NetworkId
from placement.services import alerts, audit
from placement.services.permissions import Action, require
from placement.storage.models import Network, NetworkLocation, child_networks


@dataclass(frozen=True, slots=True)
class NetworkRow:
    id: NetworkId
    label: str
    locations: int
    children: int


def list_networks(session: Session, actor: Actor) -> list[NetworkRow]:
    require(actor, Action.VIEW_NETWORK, session=session)
    locations = (
        select(func.count(NetworkLocation.id))
        .where(NetworkLocation.network_id == Network.id)
        .correlate(Network)
        .scalar_subquery()
    )
    children = (
        select(func.count(child_networks.c.child_id))
        .where(child_networks.c.network_id == Network.id)
        .correlate(Network)
        .scalar_subquery()
    )
    stmt = select(Network.id, Network.label, locations, children).order_by(Network.label, Network.id)
    rows = [
        NetworkRow(id=NetworkId(i), label=label, locations=n_loc or 0, children=n_child or 0)
        for i, label, n_loc, n_child in session.execute(stmt)
    ]
    audit.record_many(session, actor, audit.LIST, "network", [row.id for row in rows])
    return rows


@dataclass(slots=True)
class LocationInput:
    """A network location: ``place`` is a postcode or ``"lat, lon"``."""

    label: str = ""
    place: str = ""
    reported_on: dt.date | None = None


@dataclass(slots=True)
class NetworkInput:
    label: str = ""
    notes: str = ""
    locations: list[LocationInput] = field(default_factory=list)


def parse_place(place: str) -> tuple[float, float]:
    """A postcode or ``"lat, lon"`` as coordinates; raises :class:`ValueError`."""
    text = place.strip()
    if "," in text:
        lat_text, _, lon_text = text.partition(",")
        try:
            lat, lon = float(lat_text), float(lon_text)
        except ValueError:
            raise FieldError("place.expected") from None
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise FieldError("coordinates.out_of_range")
        return lat, lon
    info = postcodes.lookup(text)
    return info.lat, info.lon


def validate_network(data: NetworkInput, day: dt.date | None = None) -> list[Problem]:
    day = day or dt.date.today()
    problems: list[Problem] = []
    check_required(data.label, "label", problems)
    check_texts(problems, label=data.label, notes=data.notes)
    if not data.locations:
        problems.append(Problem.of("locations", Complaint("network.location_needed")))
    for n, loc in enumerate(data.locations, start=1):
        location: list[Problem] = []
        check_texts(location, locations=loc.label)
        problems += [
            Problem.of(p.where, Complaint("network.location", {"number": n, "problem": p.complaint or p.message}))
            for p in location
        ]
        try:
            parse_place(loc.place)
        except FieldError as exc:
            problems.append(Problem.of("locations", Complaint("network.location", {"number": n, "problem": exc.complaint})))
        if loc.reported_on is not None and loc.reported_on > day:
            problems.append(Problem.of("locations", Complaint("network.location_future", {"number": n})))
    return problems


def _network(session: Session, network_id: int) -> Network:
    network = session.get(Network, network_id)
    if network is None:
        raise InputError([Problem.of("network", Complaint("record.no_network", {"network_id": str(network_id)}))])
    return network


def get_network(session: Session, actor: Actor, network_id: NetworkId) -> NetworkInput:
    require(actor, Action.VIEW_NETWORK, session=session)
    n = _network(session, network_id)
    audit.record(session, actor, audit.READ, "network", network_id)
    return NetworkInput(
        label=n.label,
        notes=n.notes,
        locations=[
            LocationInput(label=loc.label, place=f"{loc.lat:.5f}, {loc.lon:.5f}", reported_on=loc.reported_on)
            for loc in n.locations
            if loc.family_id is None  # a compromised family's address: removed only with a reason
        ],
    )


def _apply_network(network: Network, data: NetworkInput) -> None:
    network.label = data.label.strip()
    network.notes = data.notes
    locations = [loc for loc in network.locations if loc.family_id is not None]  # kept, see get_network
    for loc in data.locations:
        lat, lon = parse_place(loc.place)
        locations.append(
            NetworkLocation(
                label=loc.label.strip(), lat=lat, lon=lon, reported_on=loc.reported_on or dt.date.today()
            )
        )
    network.locations = locations


def create_network(session: Session, actor: Actor, data: NetworkInput) -> NetworkId:
    require(actor, Action.EDIT_NETWORK, session=session)
    raise_problems(validate_network(data))
    network = Network()
    _apply_network(network, data)
    session.add(network)
    session.flush()
    audit.record(session, actor, audit.CREATE, "network", network.id)
    return NetworkId(network.id)


def update_network(session: Session, actor: Actor, network_id: NetworkId, data: NetworkInput) -> None:
    require(actor, Action.EDIT_NETWORK, session=session)
    raise_problems(validate_network(data))
    _apply_network(_network(session, network_id), data)
    session.flush()
    audit.record(session, actor, audit.CHANGE, "network", network_id)
    alerts.check_network(session, actor, network_id)  # locations may have moved closer to a placed child


def delete_network(session: Session, actor: Actor, network_id: NetworkId) -> None:
    require(actor, Action.EDIT_NETWORK, session=session)
    """Forget a network; children linked to it lose the link (and its safety distance)."""
    session.delete(_network(session, network_id))
    session.flush()
    audit.record(session, actor, audit.DELETE, "network", network_id)
