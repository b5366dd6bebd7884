"""Court authorisations for closed youth care (*machtiging gesloten jeugdhulp*).

A child may be placed in a closed unit only while a court authorisation is
valid; a session's ``closed_care`` on its date comes from here
(:func:`closed_care_on`), and accepting a placement into a unit checks it
again inside the accepting transaction (:func:`check_for_unit`).

- **Recording**: kind (``regular``, ``spoed``, ``voorwaardelijk``; the Dutch
  words are accepted too), first and last valid day (both included), the
  court's reference. An end before the start is refused with the field named.
- **Expiry warnings**: authorisations that end within 4 weeks, for the
  officer's home screen (:func:`expiring`).
- **Alerts**: a child living in a closed unit whose authorisation has ended
  (:func:`lapsed_in_unit`). It is derived, not stored, so it cannot be
  acknowledged away: it lasts until a new authorisation is recorded or the
  placement ends, like a network alert that is still true.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from catalogue import codes, limits
from catalogue.codes import CLOSED_UNIT
from catalogue.validation_sentences import Complaint
from placement.actor import Actor
from placement.errors import InputError, Problem
from placement.services import audit
from placement.services.permissions import Action, require
from placement.storage.models import (
    Child,
    ChildStatus,
    CourtAuthorisation,
    FosterFamily,
    Placement,
    PlacementStatus,
)

MAX_REFERENCE = 64


@dataclass(frozen=True, slots=True)
class AuthorisationRow:
    id: int
    child_id: int
    kind: str
    valid_from: dt.date
    valid_until: dt.date
    court_reference: str


@dataclass(frozen=True, slots=True)
class ExpiringAuthorisation:
    """A child whose authorisations stop covering it within the warning window."""

    child_id: int
    child_name: str
    kind: str
    ends_on: dt.date
    days_left: int
    in_unit: bool
    """The child lives in a closed unit now (so the end matters at once)."""


@dataclass(frozen=True, slots=True)
class LapsedAuthorisation:
    """A child living in a closed unit without a valid authorisation today."""

    child_id: int
    child_name: str
    unit_id: int
    unit_name: str
    ended_on: dt.date | None


def _row(a: CourtAuthorisation) -> AuthorisationRow:
    return AuthorisationRow(a.id, a.child_id, a.kind, a.valid_from, a.valid_until, a.court_reference)


def _child(session: Session, child_id: int) -> Child:
    child = session.get(Child, child_id)
    if child is None:
        raise InputError([Problem.of("child", Complaint("record.no_child", {"child_id": str(child_id)}))])
    return child


def record(
    session: Session,
    actor: Actor,
    child_id: int,
    *,
    kind: str,
    valid_from: dt.date,
    valid_until: dt.date,
    court_reference: str,
) -> AuthorisationRow:
    """Record an authorisation; refused with every wrong field named, nothing written."""
    require(actor, Action.EDIT_CHILD, session=session)
    child = _child(session, child_id)
    problems: list[Problem] = []
    code = codes.read_code(codes.AUTHORISATION_KINDS, kind)
    if code is None:
        known = ", ".join(codes.AUTHORISATION_KINDS.values)
        problems.append(Problem.of("kind", Complaint("authorisation.unknown_kind", {"kind": kind, "choices": known})))
    if valid_until < valid_from:
        problems.append(
            Problem.of("valid_until", Complaint("authorisation.until_before_from", {"valid_from": valid_from.isoformat()}))
        )
    reference = court_reference.strip()
    if not reference:
        problems.append(Problem.of("court_reference", Complaint("required")))
    elif len(reference) > MAX_REFERENCE:
        problems.append(Problem.of("court_reference", Complaint("text.at_most", {"limit": MAX_REFERENCE})))
    if problems:
        raise InputError(problems)
    assert code is not None
    authorisation = CourtAuthorisation(
        child=child,
        kind=code,
        valid_from=valid_from,
        valid_until=valid_until,
        court_reference=reference,
    )
    session.add(authorisation)
    session.flush()
    audit.record(session, actor, audit.CHANGE, "child", child_id)
    return _row(authorisation)


def remove(session: Session, actor: Actor, authorisation_id: int) -> None:
    """Delete an authorisation recorded by mistake (audited as a change of the child)."""
    require(actor, Action.EDIT_CHILD, session=session)
    authorisation = session.get(CourtAuthorisation, authorisation_id)
    if authorisation is None:
        raise InputError([Problem.of("authorisation", Complaint("record.no_authorisation", {"authorisation_id": str(authorisation_id)}))])
    child_id = authorisation.child_id
    session.delete(authorisation)
    session.flush()
    audit.record(session, actor, audit.CHANGE, "child", child_id)


def of_child(session: Session, actor: Actor, child_id: int) -> list[AuthorisationRow]:
    """A child's authorisations, oldest first."""
    child = _child(session, child_id)
    require(actor, Action.VIEW_CHILD, child=child, session=session)
    return [_row(a) for a in child.authorisations]


def closed_care_on(child: Child, day: dt.date) -> bool:
    """A court authorisation for closed care is valid on ``day``."""
    return child.authorisation_on(day) is not None


def covered_until(authorisations: list[CourtAuthorisation], day: dt.date) -> dt.date | None:
    """The last day of the unbroken run of authorisations that covers ``day``
    (a new one starting the day after the last ends continues the run), or None."""
    end: dt.date | None = None
    for a in sorted(authorisations, key=lambda a: a.valid_from):
        start_ok = a.valid_from <= (day if end is None else end + dt.timedelta(days=1))
        if start_ok and a.valid_until >= (day if end is None else end):
            end = a.valid_until
    return end if end is not None and end >= day else None


def _in_unit(session: Session, child_ids: list[int]) -> dict[int, FosterFamily]:
    """Child id -> the closed unit it lives in now, for those that do."""
    rows = session.execute(
        select(Placement.child_id, FosterFamily)
        .join(FosterFamily, FosterFamily.id == Placement.family_id)
        .where(
            Placement.status == PlacementStatus.ACTIVE,
            Placement.child_id.in_(child_ids),
            FosterFamily.kind == CLOSED_UNIT,
        )
    ).all()
    return {child_id: unit for child_id, unit in rows}


def expiring(
    session: Session,
    actor: Actor,
    today: dt.date,
    within_days: int = limits.AUTHORISATION_WARNING_DAYS,
) -> list[ExpiringAuthorisation]:
    """Children in care whose authorisations stop covering them within
    ``within_days`` (default 4 weeks), soonest first."""
    require(actor, Action.VIEW_CHILD, session=session)
    children = session.scalars(
        select(Child)
        .where(Child.status != ChildStatus.LEFT_CARE, Child.authorisations.any())
        .options(selectinload(Child.authorisations))
    ).all()
    horizon = today + dt.timedelta(days=within_days)
    soon: list[tuple[Child, dt.date]] = []
    for child in children:
        end = covered_until(list(child.authorisations), today)
        if end is not None and end <= horizon:
            soon.append((child, end))
    units = _in_unit(session, [c.id for c, _ in soon])
    out = [
        ExpiringAuthorisation(
            child.id,
            child.name,
            max((a for a in child.authorisations if a.valid_until == end), key=lambda a: a.id).kind,
            end,
            (end - today).days,
            child.id in units,
        )
        for child, end in soon
    ]
    out.sort(key=lambda e: (e.ends_on, e.child_id))
    if out:
        audit.record(session, actor, audit.LIST, "child", audit.id_ranges(e.child_id for e in out))
    return out


def lapsed_in_unit(session: Session, actor: Actor, today: dt.date) -> list[LapsedAuthorisation]:
    """Children living in a closed unit today without a valid authorisation."""
    require(actor, Action.VIEW_CHILD, session=session)
    rows = session.execute(
        select(Child, FosterFamily)
        .join(Placement, Placement.child_id == Child.id)
        .join(FosterFamily, FosterFamily.id == Placement.family_id)
        .where(Placement.status == PlacementStatus.ACTIVE, FosterFamily.kind == CLOSED_UNIT)
        .options(selectinload(Child.authorisations))
    ).all()
    out = []
    for child, unit in rows:
        if child.authorisation_on(today) is None:
            ended = max((a.valid_until for a in child.authorisations if a.valid_until < today), default=None)
            out.append(LapsedAuthorisation(child.id, child.name, unit.id, unit.name, ended))
    out.sort(key=lambda x: x.child_id)
    if out:
        audit.record(session, actor, audit.LIST, "child", audit.id_ranges(x.child_id for x in out))
    return out
