"""Compromised foster families: an address a network has learned.

A child who runs back to a network can tell it where the foster family lives;
an address can also leak. From then on the family's location is a known
location of each network concerned. It is recorded through the ordinary
network-location path (:func:`placement.services.alerts.add_network_location`),
so the solver's safety rule keeps every child linked to that network away from
the family, in the app and in exported sessions alike, and the alert check
runs for the active placements near it. The location carries its source
("vermissing C12, 2026-12-07") and the family it came from.

The family is paused for review. Ending the review is an officer's decision
and keeps the derived locations; removing one needs a reason. Both are audited.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from catalogue.validation_sentences import Complaint
from placement.actor import Actor
from placement.errors import InputError, Problem
from placement.ids import NetworkId
from placement.services import alerts, audit
from placement.services.permissions import Action, require
from placement.storage.models import (
    FamilyReview,
    FamilyStatus,
    FosterFamily,
    Network,
    NetworkLocation,
    utcnow,
)

MAX_NOTE = 2000


@dataclass(frozen=True, slots=True)
class CompromiseResult:
    family_id: int
    review_id: int
    location_ids: tuple[int, ...]
    """The network locations added now (one per network that did not know the address yet)."""
    alerts: tuple[alerts.AlertRow, ...]


def location_label(family_id: int) -> str:
    """The derived location's label: the family's id, never its name or address."""
    return f"pleeggezin F{family_id}"


def compromise_family(
    session: Session,
    actor: Actor,
    family_id: int,
    network_ids: Sequence[int],
    *,
    source: str,
    note: str = "",
    on_date: dt.date | None = None,
    missing_episode_id: int | None = None,
) -> CompromiseResult:
    """The networks ``network_ids`` know where family ``family_id`` lives:
    each gets the family's location (unless it has it already), the alert
    check runs, and the family is paused for review."""
    require(actor, Action.EDIT_FAMILY, session=session)
    require(actor, Action.EDIT_NETWORK, session=session)
    note = note.strip()
    problems: list[Problem] = []
    family = session.get(FosterFamily, family_id)
    if family is None:
        problems.append(Problem.of("family", Complaint("record.no_family", {"family_id": str(family_id)})))
    networks = []
    for network_id in dict.fromkeys(network_ids):
        network = session.get(Network, network_id)
        if network is None:
            problems.append(Problem.of("network", Complaint("record.no_network", {"network_id": str(network_id)})))
        else:
            networks.append(network)
    if len(note) > MAX_NOTE:
        problems.append(Problem.of("note", Complaint("text.at_most", {"limit": MAX_NOTE})))
    if problems:
        raise InputError(problems)
    assert family is not None
    on_date = on_date or dt.date.today()

    added: list[int] = []
    raised: list[alerts.AlertRow] = []
    for network in networks:
        if any(loc.family_id == family.id for loc in network.locations):
            continue  # this network already knows the address
        location_id, new_alerts = alerts.add_network_location(
            session, actor, NetworkId(network.id), lat=family.lat, lon=family.lon,
            label=location_label(family.id), reported_on=on_date, source_note=source, family_id=family.id,
        )  # fmt: skip
        added.append(location_id)
        raised.extend(new_alerts)

    review = open_review(session, family.id)
    if review is None:
        review = FamilyReview(family_id=family.id, opened_at=utcnow(), opened_by=actor.username[:64],
                              source=source[:200], note=note, missing_episode_id=missing_episode_id)
        session.add(review)
    elif note:
        review.note = f"{review.note}\n{note}".strip()
    family.status = FamilyStatus.PAUSED
    session.flush()
    audit.record(session, actor, audit.CHANGE, "family", family.id)
    return CompromiseResult(family.id, review.id, tuple(added), tuple(raised))


def open_review(session: Session, family_id: int) -> FamilyReview | None:
    return session.scalars(
        select(FamilyReview).where(FamilyReview.family_id == family_id, FamilyReview.closed_at.is_(None))
    ).first()


def end_review(session: Session, actor: Actor, family_id: int, *, note: str = "") -> None:
    """An officer decides the family may take children again. The locations
    the networks learned stay: the safety rule keeps their children away."""
    require(actor, Action.EDIT_FAMILY, session=session)
    family = session.get(FosterFamily, family_id)
    if family is None:
        raise InputError([Problem.of("family", Complaint("record.no_family", {"family_id": str(family_id)}))])
    review = open_review(session, family_id)
    if review is None:
        raise InputError([Problem.of("family", Complaint("family.not_under_review", {"family_id": str(family_id)}))])
    if len(note.strip()) > MAX_NOTE:
        raise InputError([Problem.of("note", Complaint("text.at_most", {"limit": MAX_NOTE}))])
    review.closed_at = utcnow()
    review.closed_by = actor.username[:64]
    review.closing_note = note.strip() or None
    family.status = FamilyStatus.ACTIVE
    session.flush()
    audit.record(session, actor, audit.CHANGE, "family", family_id)


def remove_derived_location(session: Session, actor: Actor, location_id: int, *, reason: str) -> None:
    """Remove a location that came from a compromised family; the reason is
    kept in the network's notes (officers only), the removal in the audit trail."""
    require(actor, Action.EDIT_NETWORK, session=session)
    location = session.get(NetworkLocation, location_id)
    problems = []
    if location is None or location.family_id is None:
        problems.append(Problem.of("location", Complaint("compromised.no_location", {"location_id": str(location_id)})))
    if not reason.strip():
        problems.append(Problem.of("reason", Complaint("compromised.reason_needed")))
    elif len(reason) > MAX_NOTE:
        problems.append(Problem.of("reason", Complaint("text.at_most", {"limit": MAX_NOTE})))
    if problems:
        raise InputError(problems)
    assert location is not None
    network = location.network
    stamp = dt.date.today().isoformat()
    network.notes = f"{network.notes}\n{stamp}: {location.label} verwijderd: {reason.strip()}".strip()
    network.locations.remove(location)
    session.flush()
    audit.record(session, actor, audit.CHANGE, "network", network.id)
