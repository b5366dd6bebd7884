"""The register of schools."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from catalogue import codes
from catalogue.keys import Key
from catalogue.sentences import Explanation
from catalogue.validation_sentences import Complaint
from placement import postcodes
from placement.actor import Actor
from placement.errors import ConflictError, InputError, Problem
from placement.field_rules import (
    check_codes,
    check_postcode,
    check_required,
    check_texts,
    raise_problems,
)
from placement.ids import SchoolId
from placement.services.permissions import Action, require
from placement.storage.models import Placement, School


@dataclass(frozen=True, slots=True)
class SchoolRow:
    id: SchoolId
    duo_code: str
    name: str
    kinds: tuple[str, ...]
    free_seats: int
    postcode: str
    municipality: str
    province: str


def list_schools(session: Session, actor: Actor) -> list[SchoolRow]:
    stmt = select(School).order_by(School.name, School.id)
    return [
        SchoolRow(
            id=SchoolId(s.id),
            duo_code=s.duo_code,
            name=s.name,
            kinds=tuple(s.kinds or ()),
            free_seats=s.free_seats,
            postcode=s.postcode,
            municipality=s.municipality,
            province=s.province,
        )
        for s in session.scalars(stmt)
    ]


@dataclass(slots=True)
class SchoolInput:
    duo_code: str = ""
    name: str = ""
    kinds: list[str] = field(default_factory=list)
    free_seats: int = 0
    postcode: str = ""


def validate_school(data: SchoolInput) -> list[Problem]:
    problems: list[Problem] = []
    code = data.duo_code.strip().upper()
    if not (len(code) in (4, 6) and code.isalnum()):
        problems.append(Problem.of("duo_code", Complaint("school.duo_code")))
    check_required(data.name, "name", problems)
    check_texts(problems, name=data.name)
    if not data.kinds:
        problems.append(Problem.of("kinds", Complaint("choose_one")))
    check_codes(data.kinds, codes.SCHOOL_KINDS, "kinds", problems)
    if data.free_seats < 0:
        problems.append(Problem.of("free_seats", Complaint("number.not_negative")))
    check_postcode(data.postcode, "postcode", problems)
    return problems


def _school(session: Session, school_id: int) -> School:
    school = session.get(School, school_id)
    if school is None:
        raise InputError([Problem.of("school", Complaint("record.no_school", {"school_id": str(school_id)}))])
    return school


def get_school(session: Session, actor: Actor, school_id: SchoolId) -> SchoolInput:
    s = _school(session, school_id)
    return SchoolInput(
        duo_code=s.duo_code, name=s.name, kinds=list(s.kinds), free_seats=s.free_seats, postcode=s.postcode
    )


def _apply_school(session: Session, school: School, data: SchoolInput) -> None:
    code = data.duo_code.strip().upper()
    clash = session.scalar(select(School.id).where(School.duo_code == code, School.id != school.id))
    if clash is not None:
        raise InputError([Problem.of("duo_code", Complaint("school.code_taken", {"code": code}))])
    info = postcodes.lookup(data.postcode)
    school.duo_code = code
    school.name = data.name.strip()
    school.kinds = [k for k in codes.SCHOOL_KINDS.values if k in set(data.kinds)]
    school.free_seats = data.free_seats
    school.postcode = postcodes.normalise(data.postcode)
    school.lat, school.lon = info.lat, info.lon
    school.municipality, school.province = info.municipality, info.province


def create_school(session: Session, actor: Actor, data: SchoolInput) -> SchoolId:
    require(actor, Action.EDIT_SCHOOL, session=session)
    raise_problems(validate_school(data))
    school = School()
    _apply_school(session, school, data)
    session.add(school)
    session.flush()
    return SchoolId(school.id)


def update_school(session: Session, actor: Actor, school_id: SchoolId, data: SchoolInput) -> None:
    require(actor, Action.EDIT_SCHOOL, session=session)
    raise_problems(validate_school(data))
    _apply_school(session, _school(session, school_id), data)
    session.flush()


def delete_school(session: Session, actor: Actor, school_id: SchoolId) -> None:
    """Remove a school that no placement refers to (placements keep their history)."""
    require(actor, Action.EDIT_SCHOOL, session=session)
    school = _school(session, school_id)
    used = session.scalar(select(func.count(Placement.id)).where(Placement.school_id == school.id))
    if used:
        raise ConflictError(Explanation(Key.SCHOOL_IN_USE, school=school.duo_code, used=used), names={school.duo_code: school.name})
    session.delete(school)
    session.flush()
