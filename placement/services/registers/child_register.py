"""The register of children, with their other names (aliases) and their guardian."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from catalogue import codes, limits
from catalogue.validation_sentences import Complaint
from placement.actor import Actor
from placement.errors import InputError, Problem
from placement.field_rules import (
    age_band,
    age_on,
    check_codes,
    check_languages,
    check_range,
    check_required,
    check_texts,
    raise_problems,
)
from placement.ids import ChildId
from placement.provinces import provinces
from placement.services import alerts, audit, conflicts
from placement.services.permissions import Action, allowed, require
from placement.storage.models import (
    Child,
    ChildAlias,
    ChildStatus,
    FosterFamily,
    Network,
    Placement,
    PlacementStatus,
    Role,
    User,
)


@dataclass(frozen=True, slots=True)
class ChildRow:
    id: ChildId
    name: str
    date_of_birth: dt.date
    age: int
    gender: str
    priority: int
    school_kind: str | None
    training_needed: tuple[str, ...]
    status: ChildStatus
    region: str | None = None
    aliases: tuple[str, ...] = ()
    """Other names the child is known by (the register's search finds them)."""
    family: str | None = None
    """The family the child now lives with ("Familie Jansen (F12)"), for whoever may see it."""
    municipality: str | None = None
    """Where that family lives (municipality only, never the address)."""

    @property
    def age_band(self) -> str:
        return age_band(self.age)


def list_children(session: Session, actor: Actor, day: dt.date | None = None) -> list[ChildRow]:
    """All children for an officer; a guardian sees only the children assigned to them."""
    day = day or dt.date.today()
    stmt = select(Child).options(selectinload(Child.aliases)).order_by(Child.name, Child.id)
    if actor.role == Role.GUARDIAN:
        stmt = stmt.where(Child.guardian_id == actor.user_id)
    else:
        require(actor, Action.VIEW_CHILD, session=session)
    children = list(session.scalars(stmt))
    living = {
        child_id: (family_id, name, municipality)
        for child_id, family_id, name, municipality in session.execute(
            select(Placement.child_id, FosterFamily.id, FosterFamily.name, FosterFamily.municipality)
            .join(FosterFamily, FosterFamily.id == Placement.family_id)
            .where(Placement.status == PlacementStatus.ACTIVE, Placement.child_id.in_([c.id for c in children]))
        )
    } if children else {}
    rows = []
    for c in children:
        home = living.get(c.id) if allowed(actor, Action.VIEW_FAMILY, child=c) else None
        rows.append(ChildRow(
            id=ChildId(c.id),
            name=c.name,
            date_of_birth=c.date_of_birth,
            age=age_on(c.date_of_birth, day),
            gender=c.gender,
            priority=c.priority,
            school_kind=c.school_kind,
            training_needed=tuple(c.training_needed or ()),
            status=ChildStatus(c.status),
            region=c.region,
            aliases=tuple(a.name for a in c.aliases if a.name),
            family=f"{home[1]} (F{home[0]})" if home else None,
            municipality=home[2] if home else None,
        ))
    audit.record_many(session, actor, audit.LIST, "child", [row.id for row in rows])
    shown = sorted({living[c.id][0] for c in children if c.id in living and allowed(actor, Action.VIEW_FAMILY, child=c)})
    if shown:  # the families named in the list ("lives with") were read too
        audit.record_many(session, actor, audit.LIST, "family", shown)
    return rows


@dataclass(slots=True)
class ChildInput:
    name: str = ""
    date_of_birth: dt.date | None = None
    gender: str | None = None
    """f, m or x; required (None only until the user has chosen)."""
    priority: int = limits.DEFAULT_PRIORITY
    school_kind: str | None = None
    training_needed: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    safety_km: float | None = None
    max_school_km: float | None = None
    network_ids: list[int] = field(default_factory=list)
    notes: str = ""
    region: str | None = None
    """Responsible region (a province); required (None only until chosen)."""
    guardian_id: int | None = None
    """The guardian user assigned to the child (None: nobody yet)."""
    version: int | None = None


def validate_child(data: ChildInput, day: dt.date | None = None) -> list[Problem]:
    day = day or dt.date.today()
    problems: list[Problem] = []
    check_required(data.name, "name", problems)
    check_texts(problems, name=data.name, notes=data.notes)
    if data.date_of_birth is None:
        problems.append(Problem.of("date_of_birth", Complaint("required")))
    elif data.date_of_birth > day:
        problems.append(Problem.of("date_of_birth", Complaint("date.future")))
    elif age_on(data.date_of_birth, day) > limits.AGE.high:
        problems.append(Problem.of("date_of_birth", Complaint("age.too_old", {"high": limits.AGE.high})))
    if data.gender is None:
        problems.append(Problem.of("gender", Complaint("required")))
    else:
        check_codes([data.gender], codes.GENDERS, "gender", problems)
    check_range(data.priority, limits.PRIORITY, "priority", problems)
    if data.school_kind is not None:
        check_codes([data.school_kind], codes.SCHOOL_KINDS, "school_kind", problems)
    check_codes(data.training_needed, codes.TRAININGS, "training_needed", problems)
    check_languages(data.languages, "languages", problems)
    if data.safety_km is not None and data.safety_km < 0:
        problems.append(Problem.of("safety_km", Complaint("number.not_negative")))
    if data.max_school_km is not None and data.max_school_km <= 0:
        problems.append(Problem.of("max_school_km", Complaint("number.positive")))
    if not data.region:
        problems.append(Problem.of("region", Complaint("required")))
    elif data.region not in provinces():
        problems.append(Problem.of("region", Complaint("child.unknown_province", {"region": data.region, "choices": ", ".join(provinces())})))
    return problems


def _child(session: Session, child_id: int) -> Child:
    child = session.get(Child, child_id)
    if child is None:
        raise InputError([Problem.of("child", Complaint("record.no_child", {"child_id": str(child_id)}))])
    return child


def get_child(session: Session, actor: Actor, child_id: ChildId) -> ChildInput:
    c = _child(session, child_id)
    require(actor, Action.VIEW_CHILD, child=c)
    audit.record(session, actor, audit.READ, "child", child_id)
    return ChildInput(
        name=c.name,
        date_of_birth=c.date_of_birth,
        gender=c.gender,
        priority=c.priority,
        school_kind=c.school_kind,
        training_needed=list(c.training_needed),
        languages=list(c.languages),
        safety_km=c.safety_km,
        max_school_km=c.max_school_km,
        network_ids=[n.id for n in c.networks],
        notes=c.notes,
        region=c.region,
        guardian_id=c.guardian_id,
        version=c.version,
    )


def _apply_child(session: Session, child: Child, data: ChildInput) -> None:
    networks = list(session.scalars(select(Network).where(Network.id.in_(data.network_ids))))
    missing = set(data.network_ids) - {n.id for n in networks}
    if missing:
        raise InputError([Problem.of("network_ids", Complaint("record.no_network", {"network_id": str(min(missing))}))])
    assert data.date_of_birth is not None  # validated
    child.name = data.name.strip()
    child.date_of_birth = data.date_of_birth
    child.gender = data.gender
    child.priority = data.priority
    child.school_kind = data.school_kind
    child.training_needed = sorted(set(data.training_needed))
    child.languages = sorted(set(data.languages))
    child.safety_km = data.safety_km
    child.max_school_km = data.max_school_km
    child.networks = sorted(networks, key=lambda n: n.id)
    child.notes = data.notes
    child.region = data.region or None
    if data.guardian_id != child.guardian_id:
        _assign_guardian(session, child, data.guardian_id)


def create_child(session: Session, actor: Actor, data: ChildInput) -> ChildId:
    require(actor, Action.EDIT_CHILD, session=session)
    raise_problems(validate_child(data))
    child = Child(status=ChildStatus.WAITING)
    _apply_child(session, child, data)
    session.add(child)
    session.flush()
    audit.record(session, actor, audit.CREATE, "child", child.id)
    return ChildId(child.id)


def update_child(session: Session, actor: Actor, child_id: ChildId, data: ChildInput) -> None:
    require(actor, Action.EDIT_CHILD, session=session)
    raise_problems(validate_child(data))
    child = _child(session, child_id)
    name = child.name
    conflicts.check_version(child.version, data.version, name)
    with conflicts.detect_concurrent_edit(name):
        _apply_child(session, child, data)
        session.flush()
    audit.record(session, actor, audit.CHANGE, "child", child_id)
    alerts.check_child(session, actor, child_id)  # new networks or a larger safety distance


def mark_child_left_care(session: Session, actor: Actor, child_id: ChildId, day: dt.date | None = None) -> None:
    """The child has left care: an active placement ends on ``day`` and the place frees up."""
    day = day or dt.date.today()
    child = _child(session, child_id)
    require(actor, Action.EDIT_CHILD, child=child)
    for placement in child.placements:
        if placement.status == PlacementStatus.ACTIVE:
            placement.status = PlacementStatus.ENDED
            placement.end_date = day
            placement.end_reason = "left care"
    child.status = ChildStatus.LEFT_CARE
    session.flush()
    audit.record(session, actor, audit.CHANGE, "child", child_id)


@dataclass(slots=True)
class AliasInput:
    """Another name, date of birth and/or nationality (ISO code) the child is known by."""

    name: str = ""
    date_of_birth: dt.date | None = None
    nationality: str | None = None
    id: int | None = None


def validate_alias(data: AliasInput, day: dt.date | None = None) -> list[Problem]:
    problems = []
    if not data.name.strip() and data.date_of_birth is None and not data.nationality:
        problems.append(Problem.of("name", Complaint("child.identity_needed")))
    if len(data.name) > 200:
        problems.append(Problem.of("name", Complaint("text.at_most", {"limit": 200})))
    if data.date_of_birth is not None and data.date_of_birth > (day or dt.date.today()):
        problems.append(Problem.of("date_of_birth", Complaint("date.future")))
    if data.nationality and not re.fullmatch(r"[A-Z]{2}", data.nationality.strip().upper()):
        problems.append(Problem.of("nationality", Complaint("country.not_code", {"country": data.nationality})))
    return problems


def add_alias(session: Session, actor: Actor, child_id: ChildId, data: AliasInput) -> int:
    require(actor, Action.EDIT_CHILD, session=session)
    raise_problems(validate_alias(data))
    child = _child(session, child_id)
    alias = ChildAlias(name=data.name.strip(), date_of_birth=data.date_of_birth,
                       nationality=data.nationality.strip().upper() if data.nationality else None)
    child.aliases.append(alias)
    session.flush()
    audit.record(session, actor, audit.CHANGE, "child", child_id)
    return alias.id


def list_aliases(session: Session, actor: Actor, child_id: ChildId) -> list[AliasInput]:
    child = _child(session, child_id)
    require(actor, Action.VIEW_CHILD, child=child)
    return [AliasInput(a.name, a.date_of_birth, a.nationality, a.id) for a in child.aliases]


def remove_alias(session: Session, actor: Actor, alias_id: int) -> None:
    require(actor, Action.EDIT_CHILD, session=session)
    alias = session.get(ChildAlias, alias_id)
    if alias is None:
        raise InputError([Problem.of("alias", Complaint("record.no_alias", {"alias_id": str(alias_id)}))])
    child_id = alias.child_id
    session.delete(alias)
    session.flush()
    audit.record(session, actor, audit.CHANGE, "child", child_id)


@dataclass(frozen=True, slots=True)
class GuardianRow:
    id: int
    username: str
    display_name: str


def list_guardians(session: Session, actor: Actor) -> list[GuardianRow]:
    """The active guardian accounts a child can be assigned to (for officers)."""
    require(actor, Action.EDIT_CHILD, session=session)
    stmt = (
        select(User.id, User.username, User.display_name)
        .where(User.role == Role.GUARDIAN, User.active.is_(True))
        .order_by(User.display_name, User.username)
    )
    return [GuardianRow(i, username, display or username) for i, username, display in session.execute(stmt)]


def _assign_guardian(session: Session, child: Child, guardian_id: int | None) -> None:
    if guardian_id is not None:
        user = session.get(User, guardian_id)
        if user is None or user.role != Role.GUARDIAN or not user.active:
            raise InputError([Problem.of("guardian_id", Complaint("users.not_guardian"))])
    child.guardian_id = guardian_id


def set_guardian(session: Session, actor: Actor, child_id: ChildId, username: str | None) -> str | None:
    """Assign the guardian with login ``username`` to the child (``None``: remove
    the assignment); returns the previous guardian's login. Officers only; audited
    as a change of the child's file."""
    require(actor, Action.EDIT_CHILD, session=session)
    child = _child(session, child_id)
    previous = child.guardian.username if child.guardian is not None else None
    guardian_id = None
    if username is not None:
        user = session.scalars(select(User).where(User.username == username)).first()
        if user is None:
            raise InputError([Problem.of("user", Complaint("users.no_user", {"username": username}))])
        if user.role != Role.GUARDIAN or not user.active:
            raise InputError([Problem.of("user", Complaint("users.named_not_guardian", {"username": username}))])
        guardian_id = user.id
    _assign_guardian(session, child, guardian_id)
    session.flush()
    audit.record(session, actor, audit.CHANGE, "child", child_id)
    return previous
