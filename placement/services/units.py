"""The register of closed youth-care units (*Gesloten afdelingen*).

A unit is stored beside the foster families (``families.kind`` is
``closed-unit``) so that sessions, placements, alerts and capacity treat it
as a home, but it has a register of its own and is never called a family
where a person reads it. It holds a name, an address and postcode (from
which its municipality and province, its region, follow), up to 60 places,
the ages and genders it takes, its specialisms (the training tags) and the
school kinds taught on site.

The checks shared with families (name, texts, postcode, ages, genders,
training tags) are the family register's own (:func:`~placement.services.registers.family_register.validate_family`);
what differs (the places, the school on site) is checked here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from catalogue import codes, limits
from catalogue.codes import CLOSED_UNIT
from catalogue.validation_sentences import Complaint
from placement.actor import Actor
from placement.errors import InputError, Problem
from placement.field_rules import raise_problems
from placement.ids import FamilyId
from placement.services import audit, conflicts
from placement.services.permissions import Action, require
from placement.services.registers.family_register import (
    FamilyInput,
    require_room_for_occupants,
    set_location,
    set_training,
    validate_family,
)
from placement.storage.models import FamilyStatus, FosterFamily


@dataclass(frozen=True, slots=True)
class UnitRow:
    id: FamilyId
    name: str
    postcode: str
    municipality: str
    province: str
    total_places: int
    free_places: int
    age_min: int
    age_max: int
    training: tuple[str, ...]
    school_on_site: tuple[str, ...]
    status: FamilyStatus


@dataclass(slots=True)
class UnitInput:
    name: str = ""
    address: str = ""
    postcode: str = ""
    total_places: int = 10
    age_min: int = 12
    age_max: int = 18
    genders: list[str] = field(default_factory=lambda: list(codes.GENDERS.values))
    training: list[str] = field(default_factory=list)
    school_on_site: list[str] = field(default_factory=list)
    notes: str = ""
    version: int | None = None
    """The version the form was loaded from; a concurrent edit is refused."""


def validate_unit(data: UnitInput) -> list[Problem]:
    as_family = FamilyInput(
        name=data.name, address=data.address, postcode=data.postcode,
        total_places=min(max(data.total_places, 0), limits.PLACES.high), age_min=data.age_min,
        age_max=data.age_max, genders=data.genders, training=data.training, notes=data.notes,
    )  # fmt: skip
    problems = validate_family(as_family)
    if not 0 <= data.total_places <= limits.UNIT_PLACES.high:
        problems.append(Problem.of("total_places", Complaint("range.between", {"high": limits.UNIT_PLACES.high, "low": 0})))
    unknown = [k for k in data.school_on_site if k not in codes.SCHOOL_KINDS.values]
    if unknown:
        problems.append(
            Problem.of("school_on_site", Complaint("unit.unknown_school_kind", {"kinds": ', '.join(unknown), "choices": ', '.join(codes.SCHOOL_KINDS.values)}))
        )
    return problems


def list_units(session: Session, actor: Actor, day: dt.date | None = None) -> list[UnitRow]:
    """Every closed unit with its free places and the specialisms valid on ``day``."""
    require(actor, Action.VIEW_FAMILY, session=session)
    day = day or dt.date.today()
    units = session.scalars(
        select(FosterFamily)
        .where(FosterFamily.kind == CLOSED_UNIT)
        .options(selectinload(FosterFamily.training))
        .order_by(FosterFamily.name, FosterFamily.id)
    ).all()
    rows = [
        UnitRow(
            id=FamilyId(u.id), name=u.name, postcode=u.postcode, municipality=u.municipality,
            province=u.province, total_places=u.total_places, free_places=u.free_places, age_min=u.age_min,
            age_max=u.age_max, training=tuple(sorted(u.training_tags(day))),
            school_on_site=tuple(u.school_on_site or ()), status=u.status,
        )  # fmt: skip
        for u in units
    ]
    audit.record_many(session, actor, audit.LIST, "family", [row.id for row in rows])
    return rows


def unit_ids(session: Session, actor: Actor) -> frozenset[int]:
    """Which homes are closed units (ids only), so the map can draw them with
    their own symbol; the points themselves come from the map's one source."""
    require(actor, Action.VIEW_FAMILY, session=session)
    return frozenset(session.scalars(select(FosterFamily.id).where(FosterFamily.kind == CLOSED_UNIT)))


def _unit(session: Session, unit_id: int) -> FosterFamily:
    unit = session.get(FosterFamily, unit_id)
    if unit is None or unit.kind != CLOSED_UNIT:
        raise InputError([Problem.of("unit", Complaint("record.no_unit", {"unit_id": str(unit_id)}))])
    return unit


def get_unit(session: Session, actor: Actor, unit_id: FamilyId) -> UnitInput:
    require(actor, Action.VIEW_FAMILY_ADDRESS, session=session)
    u = _unit(session, unit_id)
    audit.record(session, actor, audit.READ, "family", unit_id)
    return UnitInput(
        name=u.name, address=u.address, postcode=u.postcode, total_places=u.total_places, age_min=u.age_min,
        age_max=u.age_max, genders=list(u.genders), training=sorted({t.tag for t in u.training}),
        school_on_site=list(u.school_on_site or ()), notes=u.notes, version=u.version,
    )  # fmt: skip


def _apply(unit: FosterFamily, data: UnitInput, today: dt.date) -> None:
    unit.kind = CLOSED_UNIT
    unit.name = data.name.strip()
    set_location(unit, data.address, data.postcode)
    unit.total_places = data.total_places
    unit.age_min, unit.age_max = data.age_min, data.age_max
    unit.genders = sorted(set(data.genders))
    unit.languages = unit.languages or ["nl"]
    unit.school_on_site = sorted(set(data.school_on_site))
    unit.notes = data.notes
    set_training(unit, data.training, today)


def create_unit(session: Session, actor: Actor, data: UnitInput) -> FamilyId:
    require(actor, Action.EDIT_FAMILY, session=session)
    raise_problems(validate_unit(data))
    unit = FosterFamily(status=FamilyStatus.ACTIVE, training=[], languages=[])
    _apply(unit, data, dt.date.today())
    session.add(unit)
    session.flush()
    audit.record(session, actor, audit.CREATE, "family", unit.id)
    return FamilyId(unit.id)


def update_unit(session: Session, actor: Actor, unit_id: FamilyId, data: UnitInput) -> None:
    require(actor, Action.EDIT_FAMILY, session=session)
    raise_problems(validate_unit(data))
    unit = _unit(session, unit_id)
    conflicts.check_version(unit.version, data.version, unit.name)
    require_room_for_occupants(unit, data.total_places)
    _apply(unit, data, dt.date.today())
    session.flush()
    audit.record(session, actor, audit.CHANGE, "family", unit_id)

