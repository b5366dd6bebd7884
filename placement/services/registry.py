"""The registers: foster families, children, schools and criminal networks.

Each register has a ``list_*`` function returning plain row dataclasses for a
table (one query per list, so a table of 5,000 families costs one round trip),
``get_*`` returning the editable input, ``validate_*`` returning the
:class:`Problem` list a form shows next to its fields (``where`` is the input
field's name), and ``create_*`` / ``update_*`` / end-of-life functions that
raise :class:`InputError` with those same problems. Callers own the
transaction, as everywhere.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from placement import limits, postcodes
from placement.actor import Actor
from placement.errors import ConflictError, InputError, Problem
from placement.ids import ChildId, FamilyId, NetworkId, SchoolId
from placement.provinces import provinces
from placement.school_kinds import KINDS
from placement.services import alerts, audit, compromised
from placement.services.permissions import Action, allowed, require
from placement.storage.models import (
    Child,
    ChildAlias,
    ChildStatus,
    FamilyStatus,
    FosterFamily,
    Network,
    NetworkLocation,
    Placement,
    PlacementStatus,
    Role,
    School,
    TrainingRecord,
    User,
    child_networks,
)

TRAINING_TAGS: tuple[str, ...] = (
    "exploitation",
    "trauma",
    "attachment",
    "language-support",
    "siblings",
    "teenagers",
    "newcomers",
    "special-needs",
)
"""Training a family can have and a child can need; anything else is a typo."""

GENDERS: tuple[str, ...] = ("f", "m", "x")
MAX_AGE = 20
MAX_PLACES = 20
MAX_PRIORITY = 5

AGE_BANDS: tuple[tuple[str, int, int], ...] = (
    ("0-3", 0, 3),
    ("4-11", 4, 11),
    ("12-15", 12, 15),
    ("16-20", 16, 20),
)
"""Age bands officers filter children by: toddlers, primary, early and late secondary."""


def age_band(age: int) -> str:
    for name, low, high in AGE_BANDS:
        if low <= age <= high:
            return name
    return ""


def age_on(born: dt.date, day: dt.date) -> int:
    """Completed years on ``day``."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


# --- rows for the tables -----------------------------------------------------


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


@dataclass(frozen=True, slots=True)
class NetworkRow:
    id: NetworkId
    label: str
    locations: int
    children: int


def list_families(session: Session, actor: Actor, day: dt.date | None = None) -> list[FamilyRow]:
    """Every family with its free places and the training valid on ``day`` (today)."""
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


# --- map ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MapPoint:
    id: int
    name: str
    lat: float
    lon: float
    free: int


@dataclass(frozen=True, slots=True)
class MapLayers:
    """What the map may draw for this actor: family points are secrets, schools are public."""

    families: list[MapPoint]
    schools: list[MapPoint]


def map_layers(session: Session, actor: Actor) -> MapLayers:
    """The one place the map gets its points from: family points only for those
    who may see family addresses (a point is as good as an address)."""
    families = [] if not allowed(actor, Action.VIEW_FAMILY_ADDRESS) else [
        MapPoint(id=i, name=name, lat=lat, lon=lon, free=max(0, total - (occ or 0)))
        for i, name, lat, lon, total, occ in session.execute(
            select(
                FosterFamily.id,
                FosterFamily.name,
                FosterFamily.lat,
                FosterFamily.lon,
                FosterFamily.total_places,
                FosterFamily.occupied,  # type: ignore[attr-defined]
            ).where(FosterFamily.status == FamilyStatus.ACTIVE)
        )
    ]
    schools = [
        MapPoint(id=i, name=name, lat=lat, lon=lon, free=seats)
        for i, name, lat, lon, seats in session.execute(
            select(School.id, School.name, School.lat, School.lon, School.free_seats)
        )
    ]
    if families:  # a family's point on the map is as good as its address
        audit.record_many(session, actor, audit.LIST, "family", [point.id for point in families])
    return MapLayers(families=families, schools=schools)


# --- inputs and validation ----------------------------------------------------


@dataclass(slots=True)
class FamilyInput:
    name: str = ""
    address: str = ""
    postcode: str = ""
    total_places: int = 1
    age_min: int = 0
    age_max: int = MAX_AGE
    genders: list[str] = field(default_factory=lambda: list(GENDERS))
    languages: list[str] = field(default_factory=list)
    training: list[str] = field(default_factory=list)
    notes: str = ""
    version: int | None = None
    """The version the form was loaded from; a concurrent edit is refused."""


@dataclass(slots=True)
class ChildInput:
    name: str = ""
    date_of_birth: dt.date | None = None
    gender: str | None = None
    """f, m or x; required (None only until the user has chosen)."""
    priority: int = 1
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


@dataclass(slots=True)
class SchoolInput:
    duo_code: str = ""
    name: str = ""
    kinds: list[str] = field(default_factory=list)
    free_seats: int = 0
    postcode: str = ""


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


TOO_LONG = f"is longer than {limits.MAX_TEXT:,} characters"
CONTROL_CHARACTER = "holds a control character (such as NUL), which is not allowed"


def _texts(problems: list[Problem], **fields: str | None) -> None:
    """Every text a form stores: not too long, no control characters (a NUL
    byte is stored by SQLite but refused by PostgreSQL). Fixed messages, no
    echo of the value."""
    for where, value in fields.items():
        if value is None:
            continue
        if len(value) > limits.MAX_TEXT:
            problems.append(Problem(where, TOO_LONG))
        elif limits.control_character(value) is not None:
            problems.append(Problem(where, CONTROL_CHARACTER))


def _required(value: str, where: str, problems: list[Problem]) -> None:
    if not value.strip():
        problems.append(Problem(where, "is required"))


def _postcode(value: str, where: str, problems: list[Problem]) -> postcodes.PostcodeInfo | None:
    # Fixed messages (no echo of the value): the form translates them.
    try:
        postcodes.normalise(value)
    except ValueError:
        problems.append(Problem(where, "is not a Dutch postcode (expected 1234 AB)"))
        return None
    try:
        return postcodes.lookup(value)
    except ValueError:
        problems.append(Problem(where, "is not in the postcode table"))
        return None


def _known(values: Sequence[str], allowed: Sequence[str], what: str, where: str, problems: list[Problem]) -> None:
    unknown = [v for v in values if v not in allowed]
    if unknown:
        problems.append(
            Problem(where, f"unknown {what}: {', '.join(unknown)} (known: {', '.join(allowed)})")
        )


def _languages(values: Sequence[str], where: str, problems: list[Problem]) -> None:
    bad = [v for v in values if not (v.isalpha() and v.islower() and 2 <= len(v) <= 3)]
    if bad:
        problems.append(Problem(where, f"not a lowercase language code: {', '.join(bad)}"))


def validate_family(data: FamilyInput) -> list[Problem]:
    problems: list[Problem] = []
    _required(data.name, "name", problems)
    _texts(problems, name=data.name, address=data.address, notes=data.notes)
    _postcode(data.postcode, "postcode", problems)
    if not 0 <= data.total_places <= MAX_PLACES:
        problems.append(Problem("total_places", f"must be between 0 and {MAX_PLACES}"))
    for where, age in (("age_min", data.age_min), ("age_max", data.age_max)):
        if not 0 <= age <= MAX_AGE:
            problems.append(Problem(where, f"must be between 0 and {MAX_AGE}"))
    if data.age_min > data.age_max:
        problems.append(Problem("age_max", "must not be below the minimum age"))
    if not data.genders:
        problems.append(Problem("genders", "choose at least one"))
    _known(data.genders, GENDERS, "gender", "genders", problems)
    _known(data.training, TRAINING_TAGS, "training tag", "training", problems)
    _languages(data.languages, "languages", problems)
    return problems


def validate_child(data: ChildInput, day: dt.date | None = None) -> list[Problem]:
    day = day or dt.date.today()
    problems: list[Problem] = []
    _required(data.name, "name", problems)
    _texts(problems, name=data.name, notes=data.notes)
    if data.date_of_birth is None:
        problems.append(Problem("date_of_birth", "is required"))
    elif data.date_of_birth > day:
        problems.append(Problem("date_of_birth", "lies in the future"))
    elif age_on(data.date_of_birth, day) > MAX_AGE:
        problems.append(Problem("date_of_birth", f"the child would be older than {MAX_AGE}"))
    if data.gender is None:
        problems.append(Problem("gender", "is required"))
    elif data.gender not in GENDERS:
        problems.append(Problem("gender", "must be f, m or x"))
    if not 1 <= data.priority <= MAX_PRIORITY:
        problems.append(Problem("priority", f"must be between 1 and {MAX_PRIORITY}"))
    if data.school_kind is not None and data.school_kind not in KINDS:
        problems.append(Problem("school_kind", f'unknown school kind "{data.school_kind}"'))
    _known(data.training_needed, TRAINING_TAGS, "training tag", "training_needed", problems)
    _languages(data.languages, "languages", problems)
    if data.safety_km is not None and data.safety_km < 0:
        problems.append(Problem("safety_km", "must not be negative"))
    if data.max_school_km is not None and data.max_school_km <= 0:
        problems.append(Problem("max_school_km", "must be more than 0"))
    if not data.region:
        problems.append(Problem("region", "is required"))
    elif data.region not in provinces():
        problems.append(Problem("region", f'unknown province "{data.region}" (known: {", ".join(provinces())})'))
    return problems


def validate_school(data: SchoolInput) -> list[Problem]:
    problems: list[Problem] = []
    code = data.duo_code.strip().upper()
    if not (len(code) in (4, 6) and code.isalnum()):
        problems.append(Problem("duo_code", "must be a DUO code of 4 or 6 letters and digits"))
    _required(data.name, "name", problems)
    _texts(problems, name=data.name)
    if not data.kinds:
        problems.append(Problem("kinds", "choose at least one"))
    _known(data.kinds, KINDS, "school kind", "kinds", problems)
    if data.free_seats < 0:
        problems.append(Problem("free_seats", "must not be negative"))
    _postcode(data.postcode, "postcode", problems)
    return problems


def parse_place(place: str) -> tuple[float, float]:
    """A postcode or ``"lat, lon"`` as coordinates; raises :class:`ValueError`."""
    text = place.strip()
    if "," in text:
        lat_text, _, lon_text = text.partition(",")
        try:
            lat, lon = float(lat_text), float(lon_text)
        except ValueError:
            raise ValueError('expected a postcode or "lat, lon"') from None
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise ValueError("coordinates out of range")
        return lat, lon
    info = postcodes.lookup(text)
    return info.lat, info.lon


def validate_network(data: NetworkInput, day: dt.date | None = None) -> list[Problem]:
    day = day or dt.date.today()
    problems: list[Problem] = []
    _required(data.label, "label", problems)
    _texts(problems, label=data.label, notes=data.notes)
    if not data.locations:
        problems.append(Problem("locations", "add at least one location"))
    for n, loc in enumerate(data.locations, start=1):
        location: list[Problem] = []
        _texts(location, locations=loc.label)
        problems += [Problem(p.where, f"location {n}: {p.message}") for p in location]
        try:
            parse_place(loc.place)
        except ValueError as exc:
            problems.append(Problem("locations", f"location {n}: {exc}"))
        if loc.reported_on is not None and loc.reported_on > day:
            problems.append(Problem("locations", f"location {n}: reported in the future"))
    return problems


def _check(problems: list[Problem]) -> None:
    if problems:
        raise InputError(problems)


def _check_version(current: int, expected: int | None, what: str) -> None:
    if expected is not None and current != expected:
        raise ConflictError(f"{what} was changed by someone else meanwhile; open it again")


# --- families -----------------------------------------------------------------


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
        raise InputError([Problem("family", f"no family F{family_id}")])
    return family


def _apply_family(family: FosterFamily, data: FamilyInput, today: dt.date) -> None:
    info = postcodes.lookup(data.postcode)
    family.name = data.name.strip()
    family.address = data.address.strip()
    family.postcode = postcodes.normalise(data.postcode)
    family.lat, family.lon = info.lat, info.lon
    family.municipality, family.province = info.municipality, info.province
    family.total_places = data.total_places
    family.age_min, family.age_max = data.age_min, data.age_max
    family.genders = sorted(set(data.genders))
    family.languages = sorted(set(data.languages))
    family.notes = data.notes
    wanted = set(data.training)
    family.training = [t for t in family.training if t.tag in wanted] + [
        TrainingRecord(tag=tag, completed_on=today)
        for tag in sorted(wanted - {t.tag for t in family.training})
    ]


def create_family(session: Session, actor: Actor, data: FamilyInput) -> FamilyId:
    require(actor, Action.EDIT_FAMILY, session=session)
    _check(validate_family(data))
    family = FosterFamily(status=FamilyStatus.ACTIVE, training=[])
    _apply_family(family, data, dt.date.today())
    session.add(family)
    session.flush()
    audit.record(session, actor, audit.CREATE, "family", family.id)
    return FamilyId(family.id)


def update_family(session: Session, actor: Actor, family_id: FamilyId, data: FamilyInput) -> None:
    require(actor, Action.EDIT_FAMILY, session=session)
    _check(validate_family(data))
    family = _family(session, family_id)
    _check_version(family.version, data.version, f"Family F{family_id}")
    if data.total_places < family.occupied:  # type: ignore[attr-defined]
        raise InputError(
            [Problem("total_places", f"{family.occupied} children live here now; cannot be fewer")]  # type: ignore[attr-defined]
        )
    _apply_family(family, data, dt.date.today())
    session.flush()
    audit.record(session, actor, audit.CHANGE, "family", family_id)
    alerts.check_family(session, actor, family_id)  # a move may bring a child's network within reach


def set_family_paused(session: Session, actor: Actor, family_id: FamilyId, paused: bool) -> None:
    """Pause a family (no new placements; current ones continue) or make it active again."""
    require(actor, Action.EDIT_FAMILY, session=session)
    family = _family(session, family_id)
    if not paused and compromised.open_review(session, family_id) is not None:
        raise InputError([Problem("family", f"F{family_id} is under review: end the review to resume it")])
    family.status = FamilyStatus.PAUSED if paused else FamilyStatus.ACTIVE
    session.flush()
    audit.record(session, actor, audit.CHANGE, "family", family_id)


# --- children -----------------------------------------------------------------


def _child(session: Session, child_id: int) -> Child:
    child = session.get(Child, child_id)
    if child is None:
        raise InputError([Problem("child", f"no child C{child_id}")])
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
        raise InputError([Problem("network_ids", f"no network N{min(missing)}")])
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
    _check(validate_child(data))
    child = Child(status=ChildStatus.WAITING)
    _apply_child(session, child, data)
    session.add(child)
    session.flush()
    audit.record(session, actor, audit.CREATE, "child", child.id)
    return ChildId(child.id)


def update_child(session: Session, actor: Actor, child_id: ChildId, data: ChildInput) -> None:
    require(actor, Action.EDIT_CHILD, session=session)
    _check(validate_child(data))
    child = _child(session, child_id)
    _check_version(child.version, data.version, f"Child C{child_id}")
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
        problems.append(Problem("name", "give a name, a date of birth or a nationality"))
    if len(data.name) > 200:
        problems.append(Problem("name", "at most 200 characters"))
    if data.date_of_birth is not None and data.date_of_birth > (day or dt.date.today()):
        problems.append(Problem("date_of_birth", "lies in the future"))
    if data.nationality and not re.fullmatch(r"[A-Z]{2}", data.nationality.strip().upper()):
        problems.append(Problem("nationality", f'"{data.nationality}" is not a two-letter country code'))
    return problems


def add_alias(session: Session, actor: Actor, child_id: ChildId, data: AliasInput) -> int:
    require(actor, Action.EDIT_CHILD, session=session)
    _check(validate_alias(data))
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
        raise InputError([Problem("alias", f"no alias {alias_id}")])
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
            raise InputError([Problem("guardian_id", "is not an active guardian account")])
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
            raise InputError([Problem("user", f"no user {username}")])
        if user.role != Role.GUARDIAN or not user.active:
            raise InputError([Problem("user", f"{username} is not an active guardian account")])
        guardian_id = user.id
    _assign_guardian(session, child, guardian_id)
    session.flush()
    audit.record(session, actor, audit.CHANGE, "child", child_id)
    return previous


# --- schools ------------------------------------------------------------------


def _school(session: Session, school_id: int) -> School:
    school = session.get(School, school_id)
    if school is None:
        raise InputError([Problem("school", f"no school {school_id}")])
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
        raise InputError([Problem("duo_code", f"another school already has code {code}")])
    info = postcodes.lookup(data.postcode)
    school.duo_code = code
    school.name = data.name.strip()
    school.kinds = [k for k in KINDS if k in set(data.kinds)]
    school.free_seats = data.free_seats
    school.postcode = postcodes.normalise(data.postcode)
    school.lat, school.lon = info.lat, info.lon
    school.municipality, school.province = info.municipality, info.province


def create_school(session: Session, actor: Actor, data: SchoolInput) -> SchoolId:
    require(actor, Action.EDIT_SCHOOL, session=session)
    _check(validate_school(data))
    school = School()
    _apply_school(session, school, data)
    session.add(school)
    session.flush()
    return SchoolId(school.id)


def update_school(session: Session, actor: Actor, school_id: SchoolId, data: SchoolInput) -> None:
    require(actor, Action.EDIT_SCHOOL, session=session)
    _check(validate_school(data))
    _apply_school(session, _school(session, school_id), data)
    session.flush()


def delete_school(session: Session, actor: Actor, school_id: SchoolId) -> None:
    """Remove a school that no placement refers to (placements keep their history)."""
    require(actor, Action.EDIT_SCHOOL, session=session)
    school = _school(session, school_id)
    used = session.scalar(select(func.count(Placement.id)).where(Placement.school_id == school.id))
    if used:
        raise ConflictError(f"{school.name} is part of {used} placement(s) and cannot be deleted")
    session.delete(school)
    session.flush()


# --- networks -----------------------------------------------------------------


def _network(session: Session, network_id: int) -> Network:
    network = session.get(Network, network_id)
    if network is None:
        raise InputError([Problem("network", f"no network N{network_id}")])
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
    _check(validate_network(data))
    network = Network()
    _apply_network(network, data)
    session.add(network)
    session.flush()
    audit.record(session, actor, audit.CREATE, "network", network.id)
    return NetworkId(network.id)


def update_network(session: Session, actor: Actor, network_id: NetworkId, data: NetworkInput) -> None:
    require(actor, Action.EDIT_NETWORK, session=session)
    _check(validate_network(data))
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
