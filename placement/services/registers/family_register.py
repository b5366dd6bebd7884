"""The register of foster families."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from catalogue import codes, limits
from catalogue.codes import FAMILY
from catalogue.validation_sentences import Complaint
from placement import postcodes
from placement.actor import Actor
from placement.errors import InputError, Problem
from placement.field_rules import (
    check_codes,
    check_languages,
    check_postcode,
    check_range,
    check_required,
    check_texts,
    raise_problems,
)
from placement.ids import FamilyId
from placement.services import alerts, audit, compromised, conflicts
from placement.services.permissions import Action, require
from placement.storage.models import FamilyStatus, FosterFamily, TrainingRecord


@dataclass(frozen=True, slots=True)
class FamilyRow:
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
    status: FamilyStatus


def list_families(session: Session, actor: Actor, day: dt.date | None = None) -> list[FamilyRow]:
    """Every foster family with its free places and the training valid on
    ``day`` (today); closed units have their own register (placement.services.units)."""
    require(actor, Action.VIEW_FAMILY, session=session)
    day = day or dt.date.today()
    valid = (TrainingRecord.completed_on <= day) & (
        TrainingRecord.expires_on.is_(None) | (TrainingRecord.expires_on >= day)
    )
    stmt = (
        select(
            FosterFamily.id,
            FosterFamily.name,
            FosterFamily.postcode,
            FosterFamily.municipality,
            FosterFamily.province,
            FosterFamily.total_places,
            FosterFamily.occupied,  # type: ignore[attr-defined]
            FosterFamily.age_min,
            FosterFamily.age_max,
            FosterFamily.status,
            TrainingRecord.tag,
        )
        .outerjoin(TrainingRecord, (TrainingRecord.family_id == FosterFamily.id) & valid)
        .where(FosterFamily.kind == FAMILY)
        .order_by(FosterFamily.name, FosterFamily.id, TrainingRecord.tag)
    )
    rows: list[FamilyRow] = []
    tags: list[str] = []
    previous = None
    for r in session.execute(stmt):
        if previous is not None and previous.id != r.id:
            rows.append(_family_row(previous, tags))
            tags = []
        if r.tag is not None:
            tags.append(r.tag)
        previous = r
    if previous is not None:
        rows.append(_family_row(previous, tags))
    audit.record_many(session, actor, audit.LIST, "family", [row.id for row in rows])
    return rows


def _family_row(r, tags: list[str]) -> FamilyRow:  # type: ignore[no-untyped-def]
    return FamilyRow(
        id=FamilyId(r.id),
        name=r.name,
        postcode=r.postcode,
        municipality=r.municipality,
        province=r.province,
        total_places=r.total_places,
        free_places=max(0, r.total_places - (r.occupied or 0)),
        age_min=r.age_min,
        age_max=r.age_max,
        training=tuple(dict.fromkeys(tags)),
        status=FamilyStatus(r.status),
    )


@dataclass(slots=True)
class FamilyInput:
    name: str = ""
    address: str = ""
    postcode: str = ""
    total_places: int = limits.DEFAULT_PLACES
    age_min: int = limits.AGE.low
    age_max: int = limits.AGE.high
    genders: list[str] = field(default_factory=lambda: list(codes.GENDERS.values))
    languages: list[str] = field(default_factory=list)
    training: list[str] = field(default_factory=list)
    notes: str = ""
    version: int | None = None
    """The version the form was loaded from; a concurrent edit is refused."""


def validate_family(data: FamilyInput) -> list[Problem]:
    problems: list[Problem] = []
    check_required(data.name, "name", problems)
    check_texts(problems, name=data.name, address=data.address, notes=data.notes)
    check_postcode(data.postcode, "postcode", problems)
    check_range(data.total_places, limits.PLACES, "total_places", problems)
    check_range(data.age_min, limits.AGE, "age_min", problems)
    check_range(data.age_max, limits.AGE, "age_max", problems)
    if data.age_min > data.age_max:
        problems.append(Problem.of("age_max", Complaint("age.max_below_min")))
    if not data.genders:
        problems.append(Problem.of("genders", Complaint("choose_one")))
    check_codes(data.genders, codes.GENDERS, "genders", problems)
    check_codes(data.training, codes.TRAININGS, "training", problems)
    check_languages(data.languages, "languages", problems)
    return problems


def get_family(session: Session, actor: Actor, family_id: FamilyId) -> FamilyInput:
    require(actor, Action.VIEW_FAMILY_ADDRESS, session=session)
    f = _family(session, family_id)
    audit.record(session, actor, audit.READ, "family", family_id)
    return FamilyInput(
        name=f.name,
        address=f.address,
        postcode=f.postcode,
        total_places=f.total_places,
        age_min=f.age_min,
        age_max=f.age_max,
        genders=list(f.genders),
        languages=list(f.languages),
        training=sorted({t.tag for t in f.training}),
        notes=f.notes,
        version=f.version,
    )


def _family(session: Session, family_id: int) -> FosterFamily:
    family = session.get(FosterFamily, family_id)
    if family is None:
        raise InputError([Problem.of("family", Complaint("record.no_family", {"family_id": str(family_id)}))])
    return family


def _apply_family(family: FosterFamily, data: FamilyInput, today: dt.date) -> None:
    family.name = data.name.strip()
    set_location(family, data.address, data.postcode)
    family.total_places = data.total_places
    family.age_min, family.age_max = data.age_min, data.age_max
    family.genders = sorted(set(data.genders))
    family.languages = sorted(set(data.languages))
    family.notes = data.notes
    set_training(family, data.training, today)


def set_location(home: FosterFamily, address: str, postcode: str) -> None:
    """A home's address and what its postcode says: where it is, its
    municipality and province (families and closed units alike)."""
    info = postcodes.lookup(postcode)
    home.address = address.strip()
    home.postcode = postcodes.normalise(postcode)
    home.lat, home.lon = info.lat, info.lon
    home.municipality, home.province = info.municipality, info.province


def set_training(home: FosterFamily, tags: list[str], today: dt.date) -> None:
    """Keep the training records still wanted (with their dates); a new tag
    is completed today."""
    wanted = set(tags)
    home.training = [t for t in home.training if t.tag in wanted] + [
        TrainingRecord(tag=tag, completed_on=today)
        for tag in sorted(wanted - {t.tag for t in home.training})
    ]


def require_room_for_occupants(home: FosterFamily, total_places: int) -> None:
    """A home cannot have fewer places than the children living there."""
    if total_places < home.occupied:  # type: ignore[attr-defined]
        occupied = {"occupied": home.occupied}  # type: ignore[attr-defined]
        raise InputError(
            [Problem.of("total_places", Complaint("family.places_below_occupied", occupied))]
        )


def create_family(session: Session, actor: Actor, data: FamilyInput) -> FamilyId:
    require(actor, Action.EDIT_FAMILY, session=session)
    raise_problems(validate_family(data))
    family = FosterFamily(status=FamilyStatus.ACTIVE, training=[])
    _apply_family(family, data, dt.date.today())
    session.add(family)
    session.flush()
    audit.record(session, actor, audit.CREATE, "family", family.id)
    return FamilyId(family.id)


def update_family(session: Session, actor: Actor, family_id: FamilyId, data: FamilyInput) -> None:
    require(actor, Action.EDIT_FAMILY, session=session)
    raise_problems(validate_family(data))
    family = _family(session, family_id)
    name = family.name
    conflicts.check_version(family.version, data.version, name)
    require_room_for_occupants(family, data.total_places)
    with conflicts.detect_concurrent_edit(name):
        _apply_family(family, data, dt.date.today())
        session.flush()
    audit.record(session, actor, audit.CHANGE, "family", family_id)
    alerts.check_family(session, actor, family_id)  # a move may bring a child's network within reach


def set_family_paused(session: Session, actor: Actor, family_id: FamilyId, paused: bool) -> None:
    """Pause a family (no new placements; current ones continue) or make it active again."""
    require(actor, Action.EDIT_FAMILY, session=session)
    family = _family(session, family_id)
    if not paused and compromised.open_review(session, family_id) is not None:
        raise InputError([Problem.of("family", Complaint("family.under_review", {"family_id": str(family_id)}))])
    family.status = FamilyStatus.PAUSED if paused else FamilyStatus.ACTIVE
    session.flush()
    audit.record(session, actor, audit.CHANGE, "family", family_id)
