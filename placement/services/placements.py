"""Accepting and ending placements: all or nothing, never a double-booked bed.

A batch of placements (usually the accepted part of a matching session) is
written in the caller's transaction: either every placement of the batch is
stored, or, when one of them can no longer be made, none is and the caller
gets a :class:`ConflictError` naming what changed ("family F12 just filled up").

Two officers accepting into a family's last free place at the same moment:
on SQLite every transaction starts with ``BEGIN IMMEDIATE`` (one writer at a
time); on PostgreSQL the family, child and school rows are locked with
``SELECT ... FOR UPDATE`` in id order (no deadlocks) before the active
placements are counted again inside the transaction. Either way the second
officer counts the first officer's placement and is refused. A unique index
(one active placement per child) is the last line of defence.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from catalogue.keys import Key
from catalogue.sentences import Explanation
from catalogue.validation_sentences import Complaint
from placement.actor import Actor
from placement.aftercare_codes import END_REASONS
from placement.errors import ConflictError, InputError, Problem
from placement.services import audit
from placement.services.permissions import Action, require
from placement.storage.models import (
    Child,
    ChildStatus,
    CourtAuthorisation,
    FamilyStatus,
    FosterFamily,
    Placement,
    PlacementStatus,
    School,
)

PlacementItem = tuple[int, int, int | None]
"""(child id, family id, school id or None)"""

def _conflict(key: Key, names: Mapping[str, str], **params: object) -> ConflictError:
    return ConflictError(Explanation(key, **params), names=names)


def _names(children: Mapping[int, Any], families: Mapping[int, Any], schools: Mapping[int, Any]) -> dict[str, str]:
    """The locked records as the officer's tables name them, by the ids the conflicts use."""
    names = {f"C{i}": child.name for i, child in children.items()}
    names.update({f"F{i}": f"{family.name} ({family.municipality})" for i, family in families.items()})
    names.update({school.duo_code: school.name for school in schools.values()})
    return names


def _locked(session: Session, model: type, ids: Iterable[int]) -> dict[int, object]:
    rows = session.execute(
        select(model)
        .where(model.id.in_(sorted(set(ids))))  # type: ignore[attr-defined]
        .order_by(model.id)  # type: ignore[attr-defined]
        .with_for_update()
        .execution_options(populate_existing=True)
    ).scalars()
    return {row.id: row for row in rows}


def _active_counts(session: Session, family_ids: Iterable[int]) -> dict[int, int]:
    rows = session.execute(
        select(Placement.family_id, func.count(Placement.id))
        .where(Placement.family_id.in_(set(family_ids)), Placement.status == PlacementStatus.ACTIVE)
        .group_by(Placement.family_id)
    ).all()
    return {family_id: count for family_id, count in rows}


def _check_items(items: Sequence[PlacementItem]) -> None:
    problems: list[Problem] = []
    if not items:
        problems.append(Problem.of("placements", Complaint("proposal.nothing_to_accept")))
    seen: set[int] = set()
    for index, (child_id, _family_id, _school_id) in enumerate(items):
        if child_id in seen:
            problems.append(Problem.of(f"placements[{index}]", Complaint("placement.child_twice", {"child_id": str(child_id)})))
        seen.add(child_id)
    if problems:
        raise InputError(problems)


def accept_placements(
    session: Session,
    actor: Actor,
    items: Sequence[PlacementItem],
    *,
    session_id: int | None = None,
    on_date: dt.date,
) -> list[int]:
    """Place each child with its family (and school) from ``on_date``; returns
    the new placement ids in the order of ``items``. All or nothing."""
    require(actor, Action.ACCEPT_PLACEMENT, session=session)
    _check_items(items)
    families = _locked(session, FosterFamily, (f for _, f, _ in items))
    children = _locked(session, Child, (c for c, _, _ in items))
    schools = _locked(session, School, (s for _, _, s in items if s is not None))

    names = _names(children, families, schools)
    missing = [_conflict(Key.ACCEPT_CHILD_GONE, names, child=f"C{c}") for c, _, _ in items if c not in children]
    missing += [
        _conflict(Key.ACCEPT_FAMILY_GONE, names, family=f"F{f}") for _, f, _ in items if f not in families
    ]
    missing += [
        _conflict(Key.ACCEPT_SCHOOL_GONE, names, school=s)
        for _, _, s in items
        if s is not None and s not in schools
    ]
    if missing:
        raise missing[0]

    already = set(
        session.execute(
            select(Placement.child_id).where(
                Placement.child_id.in_(children), Placement.status == PlacementStatus.ACTIVE
            )
        ).scalars()
    )
    for child_id, _, _ in items:
        child = children[child_id]
        if child_id in already or child.status != ChildStatus.WAITING:  # type: ignore[attr-defined]
            raise _conflict(Key.ACCEPT_CHILD_TAKEN, names, child=f"C{child_id}")
    same_day = session.execute(
        select(Placement.child_id).where(Placement.child_id.in_(children), Placement.start_date == on_date)
    ).scalars().first()
    if same_day is not None:
        raise _conflict(Key.ACCEPT_SAME_DAY, names, child=f"C{same_day}", date=on_date.isoformat())

    occupied = _active_counts(session, families)
    wanted: dict[int, int] = {}
    for _, family_id, _ in items:
        wanted[family_id] = wanted.get(family_id, 0) + 1
    for family_id, count in sorted(wanted.items()):
        family = families[family_id]
        unit = family.closed_unit  # type: ignore[attr-defined]
        if family.status != FamilyStatus.ACTIVE:  # type: ignore[attr-defined]
            if unit:
                raise _conflict(Key.ACCEPT_UNIT_PAUSED, names, unit=f"F{family_id}")
            raise _conflict(Key.ACCEPT_FAMILY_PAUSED, names, family=f"F{family_id}")
        free = family.total_places - occupied.get(family_id, 0)  # type: ignore[attr-defined]
        if count > free:
            if unit:
                raise _conflict(Key.ACCEPT_UNIT_FULL, names, unit=f"F{family_id}", free=max(free, 0), needed=count)
            raise _conflict(Key.ACCEPT_FAMILY_FULL, names, family=f"F{family_id}", free=max(free, 0), needed=count)
    for child_id, family_id, _ in items:
        if families[family_id].closed_unit:  # type: ignore[attr-defined]
            _check_authorisation(session, child_id, family_id, on_date, names)

    seats: dict[int, int] = {}
    for _, _, school_id in items:
        if school_id is not None:
            seats[school_id] = seats.get(school_id, 0) + 1
    for school_id, count in sorted(seats.items()):
        school = schools[school_id]
        if count > school.free_seats:  # type: ignore[attr-defined]
            raise _conflict(
                Key.ACCEPT_SCHOOL_FULL,
                names,
                school=school.duo_code,  # type: ignore[attr-defined]
                free=school.free_seats,  # type: ignore[attr-defined]
                needed=count,
            )
        school.free_seats -= count  # type: ignore[attr-defined]

    placements = [
        Placement(
            child_id=child_id,
            family_id=family_id,
            school_id=school_id,
            session_id=session_id,
            start_date=on_date,
            status=PlacementStatus.ACTIVE,
        )
        for child_id, family_id, school_id in items
    ]
    session.add_all(placements)
    for child_id, _, _ in items:
        children[child_id].status = ChildStatus.PLACED  # type: ignore[attr-defined]
    session.flush()
    for placement in placements:
        audit.record(session, actor, audit.CREATE, "placement", placement.id)
        audit.record(session, actor, audit.CHANGE, "child", placement.child_id)
    return [p.id for p in placements]


def _check_authorisation(
    session: Session, child_id: int, unit_id: int, on_date: dt.date, names: Mapping[str, str]
) -> None:
    """Hard rule 10 inside the accepting transaction: the child's authorisation
    rows are read again (locked on a server, so a removal at the same moment
    waits for this transaction) and a placement into a closed unit without
    one valid on ``on_date`` is refused."""
    valid = session.scalars(
        select(CourtAuthorisation.id)
        .where(
            CourtAuthorisation.child_id == child_id,
            CourtAuthorisation.valid_from <= on_date,
            CourtAuthorisation.valid_until >= on_date,
        )
        .with_for_update()
    ).first()
    if valid is None:
        raise _conflict(
            Key.ACCEPT_NO_AUTHORISATION, names, child=f"C{child_id}", unit=f"F{unit_id}", date=on_date.isoformat()
        )


def end_placement(
    session: Session,
    actor: Actor,
    placement_id: int,
    *,
    on_date: dt.date,
    reason: str,
    note: str | None = None,
) -> None:
    """End an active placement for one of the reasons of
    :data:`placement.aftercare_codes.END_REASONS`; the child waits for a new
    place or leaves care, as the reason implies, and the family's place and
    the school seat become free."""
    require(actor, Action.ACCEPT_PLACEMENT, session=session)
    placement = session.execute(
        select(Placement).where(Placement.id == placement_id).with_for_update()
    ).scalar_one_or_none()
    if placement is None:
        raise InputError([Problem.of("placement", Complaint("record.no_placement", {"placement_id": str(placement_id)}))])
    if placement.status != PlacementStatus.ACTIVE:
        raise ConflictError(Explanation(Key.PLACEMENT_ALREADY_ENDED, placement=placement_id))
    note = (note or "").strip()
    problems: list[Problem] = []
    code = END_REASONS.get(reason)
    if code is None:
        problems.append(Problem.of("reason", Complaint("placement.unknown_reason", {"reason": reason, "choices": ", ".join(END_REASONS)})))
    elif code.needs_note and not note:
        problems.append(Problem.of("note", Complaint("placement.note_needed", {"reason": reason})))
    if on_date < placement.start_date:
        problems.append(
            Problem.of("end_date", Complaint("placement.end_before_start", {"start": placement.start_date.isoformat()}))
        )
    if len(note) > 2000:
        problems.append(Problem.of("note", Complaint("text.at_most", {"limit": 2000})))
    if problems:
        raise InputError(problems)
    assert code is not None
    placement.status = PlacementStatus.ENDED
    placement.end_date = on_date
    placement.end_reason = code.code
    placement.end_note = note or None
    placement.child.status = ChildStatus.LEFT_CARE if code.leaves_care else ChildStatus.WAITING
    if placement.school is not None:
        placement.school.free_seats += 1
    session.flush()
    audit.record(session, actor, audit.CHANGE, "placement", placement.id)
    audit.record(session, actor, audit.CHANGE, "child", placement.child_id)


def current_placement(session: Session, child_id: int) -> Placement | None:
    """The child's active placement, if any."""
    return session.execute(
        select(Placement).where(Placement.child_id == child_id, Placement.status == PlacementStatus.ACTIVE)
    ).scalar_one_or_none()


def end_child_placement(
    session: Session,
    actor: Actor,
    child_id: int,
    *,
    on_date: dt.date,
    reason: str,
    note: str | None = None,
) -> int:
    """End the child's current placement (see :func:`end_placement`); returns its id."""
    require(actor, Action.ACCEPT_PLACEMENT, session=session)
    if session.get(Child, child_id) is None:
        raise InputError([Problem.of("child", Complaint("record.no_child", {"child_id": str(child_id)}))])
    placement = current_placement(session, child_id)
    if placement is None:
        raise InputError([Problem.of("child", Complaint("placement.none_to_end", {"child_id": str(child_id)}))])
    end_placement(session, actor, placement.id, on_date=on_date, reason=reason, note=note)
    return placement.id
