"""The domain as stored: SQLAlchemy 2 typed ORM models.

Derived facts are never stored twice: a family's free places are its total
places minus its active placements (``FosterFamily.occupied`` is a query, not
a column), and a child's age comes from the date of birth at the session date.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    Connection,
    Date,
    DateTime,
    Enum,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    event,
    func,
    inspect,
    select,
    text,
)
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    attributes,
    column_property,
    mapped_column,
    relationship,
)

from catalogue import codes, limits
from placement.storage import encryption


def _one_of(column: str, code_list: codes.CodeList) -> str:
    """An SQL check that ``column`` holds a code of the list (``gender IN ('f', 'm', 'x')``)."""
    return f"{column} IN ({', '.join(repr(code) for code in code_list.values)})"


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


# Named constraints: Alembic's SQLite batch mode and downgrades can only find
# and drop a constraint by name.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {dict[str, Any]: JSON, list[str]: JSON, list[Any]: JSON}


def _enum(cls: type[enum.Enum]) -> Enum:
    """Store enums by value as plain strings (portable across SQLite and PostgreSQL)."""
    return Enum(cls, native_enum=False, values_callable=lambda e: [m.value for m in e], length=20)


class Role(enum.StrEnum):
    OFFICER = "officer"
    MANAGER = "manager"
    GUARDIAN = "guardian"
    ADMINISTRATOR = "administrator"


class FamilyStatus(enum.StrEnum):
    ACTIVE = "active"
    PAUSED = "paused"


class ChildStatus(enum.StrEnum):
    WAITING = "waiting"
    PLACED = "placed"
    LEFT_CARE = "left_care"


class PlacementStatus(enum.StrEnum):
    ACTIVE = "active"
    ENDED = "ended"


class SessionStatus(enum.StrEnum):
    OPEN = "open"
    ACCEPTED = "accepted"
    CLOSED = "closed"


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[Role] = mapped_column(_enum(Role))
    password_hash: Mapped[str | None] = mapped_column(String(256), deferred=True)
    """SQLite only; on a server the login role holds the password and no user
    role may read this column, so it is loaded only when asked for."""
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class TrainingRecord(Base):
    """One completed training of a family; counts while not expired."""

    __tablename__ = "training_records"
    __table_args__ = (
        CheckConstraint(
            "expires_on IS NULL OR expires_on >= completed_on", name="expires_after_completion"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    family_id: Mapped[int] = mapped_column(ForeignKey("families.id", ondelete="CASCADE"), index=True)
    tag: Mapped[str] = mapped_column(String(64))
    completed_on: Mapped[dt.date] = mapped_column(Date)
    expires_on: Mapped[dt.date | None] = mapped_column(Date)

    family: Mapped[FosterFamily] = relationship(back_populates="training")

    def valid_on(self, day: dt.date) -> bool:
        return self.completed_on <= day and (self.expires_on is None or day <= self.expires_on)


class FosterFamily(Base):
    __tablename__ = "families"
    __table_args__ = (
        CheckConstraint(
            f"{limits.PLACES.sql('total_places')} OR (kind = 'closed-unit' AND total_places BETWEEN 0 AND 60)",
            name="total_places_range",
        ),
        CheckConstraint("kind IN ('family', 'closed-unit')", name="kind_known"),
        CheckConstraint(
            f"age_min >= {limits.AGE.low} AND age_max <= {limits.AGE.high} AND age_min <= age_max",
            name="age_range",
        ),
        CheckConstraint("lat BETWEEN -90 AND 90 AND lon BETWEEN -180 AND 180", name="coordinates"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    external_ref: Mapped[str | None] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(Text, default="")
    """Plain text here; on PostgreSQL stored sealed to its row (see ``_seal_address``)."""
    postcode: Mapped[str] = mapped_column(String(7))
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
    municipality: Mapped[str] = mapped_column(String(100), default="")
    province: Mapped[str] = mapped_column(String(100), default="")
    total_places: Mapped[int] = mapped_column(Integer)
    age_min: Mapped[int] = mapped_column(Integer, default=limits.AGE.low)
    age_max: Mapped[int] = mapped_column(Integer, default=limits.AGE.high)
    genders: Mapped[list[str]] = mapped_column(default=lambda: list(codes.GENDERS.values))
    languages: Mapped[list[str]] = mapped_column(default=list)
    status: Mapped[FamilyStatus] = mapped_column(_enum(FamilyStatus), default=FamilyStatus.ACTIVE)
    notes: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, default=1)
    kind: Mapped[str] = mapped_column(String(20), default="family", server_default="family")
    """``family`` or ``closed-unit`` (``catalogue.codes.HOME_KINDS``): a closed
    youth-care unit is kept here beside the foster families, with up to 60
    places, and is never called a family where a person reads it."""
    school_on_site: Mapped[list[str]] = mapped_column(default=list, server_default=text("'[]'"))
    """School kinds taught at the home itself (a closed unit's own school)."""

    training: Mapped[list[TrainingRecord]] = relationship(
        back_populates="family", cascade="all, delete-orphan", order_by="TrainingRecord.tag"
    )
    placements: Mapped[list[Placement]] = relationship(back_populates="family")

    __mapper_args__ = {"version_id_col": version}

    def training_tags(self, day: dt.date) -> set[str]:
        """Tags whose training is valid on ``day`` (expired training does not count)."""
        return {t.tag for t in self.training if t.valid_on(day)}

    @property
    def closed_unit(self) -> bool:
        return self.kind == "closed-unit"

    @property
    def free_places(self) -> int:
        """Total places minus active placements, as loaded from the database
        (``session.refresh(family)`` after adding placements in the same
        session; a family not yet stored has all its places free)."""
        return max(0, self.total_places - (self.occupied or 0))


# --- family addresses sealed to their row on PostgreSQL ----------------------------
#
# The address column holds AES-GCM ciphertext bound to table, column and row id
# (placement.storage.encryption), so it is sealed once the row has its id and
# opened when the row is loaded; the object always holds the plain text.

_PLAIN_ADDRESS = "placement.plain_address"


_SEALED_IN_TRANSACTION = "placement.sealed_addresses"


def _refuse_plain_where_sealed(connection: Connection) -> None:
    # Asked once per transaction, not once per family: an import of thousands
    # of families without the key would otherwise scan the table for each row.
    transaction = connection.get_transaction()
    known = connection.info.get(_SEALED_IN_TRANSACTION)
    if known is None or known[0] is not transaction:
        sealed = connection.execute(
            text("SELECT 1 FROM families WHERE address LIKE 'enc_:%' LIMIT 1")
        ).first()
        known = connection.info[_SEALED_IN_TRANSACTION] = (transaction, sealed is not None)
    if known[1]:
        raise encryption.ColumnKeyMissing(
            f"this database keeps family addresses encrypted: set {encryption.COLUMN_KEY_ENV} "
            "to write one (it is never stored as plain text here)"
        )


def _seal_address(connection: Connection, family: FosterFamily) -> None:
    if connection.dialect.name != "postgresql" or family.address is None:
        return
    key = encryption.column_key(connection.dialect)
    if key is None:
        _refuse_plain_where_sealed(connection)
        return
    if family.id is None:  # the row id is part of the ciphertext's authenticated data
        family.id = connection.execute(
            text("SELECT nextval(pg_get_serial_sequence('families', 'id'))")
        ).scalar_one()
    inspect(family).info[_PLAIN_ADDRESS] = family.address
    family.address = encryption.seal(key, family.address, table="families", column="address", row_id=family.id)


@event.listens_for(FosterFamily, "before_insert")
def _seal_new_address(_mapper, connection: Connection, family: FosterFamily) -> None:  # type: ignore[no-untyped-def]
    _seal_address(connection, family)


@event.listens_for(FosterFamily, "before_update")
def _seal_changed_address(_mapper, connection: Connection, family: FosterFamily) -> None:  # type: ignore[no-untyped-def]
    if attributes.get_history(family, "address").has_changes():
        _seal_address(connection, family)


@event.listens_for(FosterFamily, "after_insert")
@event.listens_for(FosterFamily, "after_update")
def _keep_plain_address(_mapper, _connection: Connection, family: FosterFamily) -> None:  # type: ignore[no-untyped-def]
    plain = inspect(family).info.pop(_PLAIN_ADDRESS, None)
    if plain is not None:
        attributes.set_committed_value(family, "address", plain)


@event.listens_for(FosterFamily, "load")
def _open_loaded_address(family: FosterFamily, context) -> None:  # type: ignore[no-untyped-def]
    _open_address(family, context.session)


@event.listens_for(FosterFamily, "refresh")
def _open_refreshed_address(family: FosterFamily, context, attrs) -> None:  # type: ignore[no-untyped-def]
    if attrs is None or "address" in attrs:
        _open_address(family, context.session)


def _open_address(family: FosterFamily, session) -> None:  # type: ignore[no-untyped-def]
    stored = family.__dict__.get("address")
    if not stored or not stored.startswith(encryption.SEALED_PREFIXES):
        return
    key = encryption.column_key(session.get_bind().dialect)
    plain = encryption.unseal(key, stored, table="families", column="address", row_id=family.id)
    attributes.set_committed_value(family, "address", plain)


child_networks = Table(
    "child_networks",
    Base.metadata,
    Column("child_id", ForeignKey("children.id", ondelete="CASCADE"), primary_key=True),
    Column("network_id", ForeignKey("networks.id", ondelete="CASCADE"), primary_key=True),
)


class SiblingGroup(Base):
    __tablename__ = "sibling_groups"
    __table_args__ = (CheckConstraint("max_apart_km >= 0", name="max_apart_km_not_negative"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str] = mapped_column(String(200), default="")
    keep_together: Mapped[bool] = mapped_column(Boolean, default=True)
    max_apart_km: Mapped[float] = mapped_column(Float, default=limits.DEFAULT_MAX_APART_KM)

    children: Mapped[list[Child]] = relationship(back_populates="sibling_group")


class Network(Base):
    """A criminal network; its locations are police-grade secrets."""

    __tablename__ = "networks"

    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str] = mapped_column(String(200))
    notes: Mapped[str] = mapped_column(Text, default="")

    locations: Mapped[list[NetworkLocation]] = relationship(
        back_populates="network", cascade="all, delete-orphan", order_by="NetworkLocation.id"
    )


class NetworkLocation(Base):
    __tablename__ = "network_locations"
    __table_args__ = (CheckConstraint("lat BETWEEN -90 AND 90 AND lon BETWEEN -180 AND 180", name="coordinates"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    network_id: Mapped[int] = mapped_column(ForeignKey("networks.id", ondelete="CASCADE"), index=True)
    label: Mapped[str] = mapped_column(String(200), default="")
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
    reported_on: Mapped[dt.date] = mapped_column(Date)
    source_note: Mapped[str] = mapped_column(Text, default="")
    family_id: Mapped[int | None] = mapped_column(ForeignKey("families.id"), index=True)
    """Set when the location is a foster family's address the network has
    learned (a child ran back to it, or the address leaked): derived, kept
    when the family's review ends, removed only with a reason."""

    network: Mapped[Network] = relationship(back_populates="locations")


class Child(Base):
    __tablename__ = "children"
    __table_args__ = (
        CheckConstraint(limits.PRIORITY.sql("priority"), name="priority_range"),
        CheckConstraint(_one_of("gender", codes.GENDERS), name="gender_known"),
        CheckConstraint("safety_km IS NULL OR safety_km >= 0", name="safety_km_not_negative"),
        CheckConstraint("max_school_km IS NULL OR max_school_km > 0", name="max_school_km_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    external_ref: Mapped[str | None] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    date_of_birth: Mapped[dt.date] = mapped_column(Date)
    gender: Mapped[str] = mapped_column(String(1))
    languages: Mapped[list[str]] = mapped_column(default=list)
    training_needed: Mapped[list[str]] = mapped_column(default=list)
    school_kind: Mapped[str | None] = mapped_column(String(32))
    priority: Mapped[int] = mapped_column(Integer, default=limits.DEFAULT_PRIORITY)
    safety_km: Mapped[float | None] = mapped_column(Float)
    max_school_km: Mapped[float | None] = mapped_column(Float)
    guardian_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    sibling_group_id: Mapped[int | None] = mapped_column(ForeignKey("sibling_groups.id"), index=True)
    status: Mapped[ChildStatus] = mapped_column(_enum(ChildStatus), default=ChildStatus.WAITING)
    notes: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, default=1)
    region: Mapped[str | None] = mapped_column(String(100))
    """Responsible region: the province of the office that took the child into
    care (which team handles the child), never where the child lives now."""

    guardian: Mapped[User | None] = relationship()
    sibling_group: Mapped[SiblingGroup | None] = relationship(back_populates="children")
    networks: Mapped[list[Network]] = relationship(secondary=child_networks, order_by="Network.id")
    placements: Mapped[list[Placement]] = relationship(back_populates="child", order_by="Placement.start_date")
    aliases: Mapped[list[ChildAlias]] = relationship(
        back_populates="child", cascade="all, delete-orphan", order_by="ChildAlias.id"
    )
    authorisations: Mapped[list[CourtAuthorisation]] = relationship(
        back_populates="child", cascade="all, delete-orphan", order_by="CourtAuthorisation.valid_from"
    )

    __mapper_args__ = {"version_id_col": version}

    def age_on(self, day: dt.date) -> int:
        """Completed years on ``day``."""
        before_birthday = (day.month, day.day) < (self.date_of_birth.month, self.date_of_birth.day)
        return day.year - self.date_of_birth.year - before_birthday

    def authorisation_on(self, day: dt.date) -> CourtAuthorisation | None:
        """The court authorisation for closed care valid on ``day`` that runs
        longest, or None: a session's ``closed_care`` comes from here."""
        valid = [a for a in self.authorisations if a.valid_on(day)]
        return max(valid, key=lambda a: a.valid_until) if valid else None


class CourtAuthorisation(Base):
    """A court's authorisation for closed youth care (*machtiging gesloten
    jeugdhulp*): its kind (``regular``, ``spoed``, ``voorwaardelijk``, see
    ``catalogue.codes.AUTHORISATION_KINDS``), the days it is valid (both included) and
    the court's reference. A child may be placed in a closed unit only while
    one is valid."""

    __tablename__ = "court_authorisations"
    __table_args__ = (
        CheckConstraint("kind IN ('regular', 'spoed', 'voorwaardelijk')", name="kind_known"),
        CheckConstraint("valid_until >= valid_from", name="until_not_before_from"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("children.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    valid_from: Mapped[dt.date] = mapped_column(Date)
    valid_until: Mapped[dt.date] = mapped_column(Date)
    court_reference: Mapped[str] = mapped_column(String(64), default="")
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    child: Mapped[Child] = relationship(back_populates="authorisations")

    def valid_on(self, day: dt.date) -> bool:
        return self.valid_from <= day <= self.valid_until


class ChildAlias(Base):
    """Another name, date of birth or nationality a child is known by (papers
    from a network, a name used abroad). Used by search, by duplicate detection
    on import and on the police's missing-person sheet; never printed for
    outside recipients."""

    __tablename__ = "child_aliases"
    __table_args__ = (
        CheckConstraint("name <> '' OR date_of_birth IS NOT NULL OR nationality IS NOT NULL", name="says_something"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("children.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    date_of_birth: Mapped[dt.date | None] = mapped_column(Date)
    nationality: Mapped[str | None] = mapped_column(String(2))

    child: Mapped[Child] = relationship(back_populates="aliases")


class School(Base):
    __tablename__ = "schools"
    __table_args__ = (
        CheckConstraint("free_seats >= 0", name="free_seats_not_negative"),
        CheckConstraint("lat BETWEEN -90 AND 90 AND lon BETWEEN -180 AND 180", name="coordinates"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    duo_code: Mapped[str] = mapped_column(String(6), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kinds: Mapped[list[str]] = mapped_column()
    free_seats: Mapped[int] = mapped_column(Integer, default=0)
    postcode: Mapped[str] = mapped_column(String(7))
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
    municipality: Mapped[str] = mapped_column(String(100), default="")
    province: Mapped[str] = mapped_column(String(100), default="")


class MatchingSession(Base):
    """A matching session as run: the problem, the proposal and what was decided."""

    __tablename__ = "matching_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    session_date: Mapped[dt.date] = mapped_column(Date)
    settings: Mapped[dict[str, Any]] = mapped_column(default=dict)
    problem: Mapped[dict[str, Any]] = mapped_column(default=dict)
    proposal: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    decisions: Mapped[dict[str, Any]] = mapped_column(default=dict)
    status: Mapped[SessionStatus] = mapped_column(_enum(SessionStatus), default=SessionStatus.OPEN)

    created_by: Mapped[User | None] = relationship()


class Placement(Base):
    __tablename__ = "placements"
    __table_args__ = (
        UniqueConstraint("child_id", "start_date", name="uq_placements_child_start"),
        CheckConstraint("end_date IS NULL OR end_date >= start_date", name="ends_after_start"),
        CheckConstraint("status = 'active' OR end_date IS NOT NULL", name="ended_has_end_date"),
        # A child lives in one family at a time.
        Index(
            "uq_placements_one_active_per_child",
            "child_id",
            unique=True,
            sqlite_where=text("status = 'active'"),
            postgresql_where=text("status = 'active'"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("children.id"), index=True)
    family_id: Mapped[int] = mapped_column(ForeignKey("families.id"), index=True)
    school_id: Mapped[int | None] = mapped_column(ForeignKey("schools.id"))
    session_id: Mapped[int | None] = mapped_column(ForeignKey("matching_sessions.id"))
    start_date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    end_reason: Mapped[str | None] = mapped_column(String(200))
    """A code of placement.aftercare_codes.END_REASONS (older rows: free text)."""
    end_note: Mapped[str | None] = mapped_column(Text)
    status: Mapped[PlacementStatus] = mapped_column(_enum(PlacementStatus), default=PlacementStatus.ACTIVE)

    child: Mapped[Child] = relationship(back_populates="placements")
    family: Mapped[FosterFamily] = relationship(back_populates="placements")
    school: Mapped[School | None] = relationship()


FosterFamily.occupied = column_property(  # type: ignore[attr-defined]
    select(func.count(Placement.id))
    .where(Placement.family_id == FosterFamily.id, Placement.status == PlacementStatus.ACTIVE)
    .correlate_except(Placement)
    .scalar_subquery()
)


class AuditEntry(Base):
    """One line of the audit trail (NEN 7513): who did what to which file, when,
    from where, and whether it was allowed. Ids only, never names or addresses.

    Rows form a hash chain: ``hash`` is SHA-256 over the row's fields and the
    previous row's hash, so a changed, removed or reordered row is detectable
    (``placement.services.audit.verify``).
    """

    __tablename__ = "audit_entries"
    __table_args__ = (Index("ix_audit_entries_object", "object_type", "object_id"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    user_id: Mapped[int | None] = mapped_column(Integer)
    username: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(20))
    action: Mapped[str] = mapped_column(String(40))
    object_type: Mapped[str] = mapped_column(String(40))
    object_id: Mapped[str | None] = mapped_column(String(64))
    outcome: Mapped[str] = mapped_column(String(20))
    workstation: Mapped[str] = mapped_column(String(128))
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    object_ids: Mapped[str | None] = mapped_column(Text)
    """For a row about many records (a list read, an export): their ids as
    ranges (``3-40,52``); ``object_id`` then holds how many."""


class AuditHead(Base):
    """The single row naming the last audit entry: appending locks it (so two
    writers never fork the chain) and verifying compares against it (so cutting
    off the newest rows is noticed)."""

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    last_id: Mapped[int] = mapped_column(Integer, default=0)
    last_hash: Mapped[str] = mapped_column(String(64))


class NetworkAlert(Base):
    """An active placement that a new or moved network location brought inside
    the child's safety distance; open until an officer acknowledges it.

    Holds ids and the distance only: never a coordinate or a label, so the
    alert list can be shown and exported without revealing where the network is.
    """

    __tablename__ = "network_alerts"

    id: Mapped[int] = mapped_column(primary_key=True)
    placement_id: Mapped[int] = mapped_column(ForeignKey("placements.id", ondelete="CASCADE"), index=True)
    network_id: Mapped[int] = mapped_column(ForeignKey("networks.id", ondelete="CASCADE"), index=True)
    raised_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    distance_km: Mapped[float] = mapped_column(Float)
    safety_km: Mapped[float] = mapped_column(Float)
    acknowledged_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    acknowledged_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    acknowledged_by: Mapped[str | None] = mapped_column(String(64))

    placement: Mapped[Placement] = relationship()
    network: Mapped[Network] = relationship()


class Setting(Base):
    """A named value of the installation (on PostgreSQL: ``role_prefix``, the
    prefix of its group roles, and ``owner_role``, the role that owns the schema)."""

    __tablename__ = "settings"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class CapacitySnapshot(Base):
    """Capacity aggregates as an officer (or a scheduled job under an officer's
    role) last computed them. On a server a manager may read no family row, so
    the manager's capacity page reads the newest snapshot instead: counts only,
    small counts already suppressed."""

    __tablename__ = "capacity_snapshots"

    id: Mapped[int] = mapped_column(primary_key=True)
    taken_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    on_date: Mapped[dt.date] = mapped_column(Date)
    report: Mapped[dict[str, Any]] = mapped_column()


class MissingEpisode(Base):
    """A child went missing from care: when and where last seen, how risky,
    who was told (the checklist), when found, and the return interview.

    ``checklist`` maps a notification code (aftercare_codes.NOTIFICATIONS) to
    ``{"at": ISO time (UTC), "by": user name}`` once ticked."""

    __tablename__ = "missing_episodes"
    __table_args__ = (
        CheckConstraint(_one_of("risk", codes.RISK_GRADES), name="risk_known"),
        CheckConstraint("found_at IS NULL OR found_at >= last_seen_at", name="found_after_last_seen"),
        # A child is missing once at a time.
        Index(
            "uq_missing_episodes_one_open_per_child",
            "child_id",
            unique=True,
            sqlite_where=text("found_at IS NULL"),
            postgresql_where=text("found_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("children.id"), index=True)
    placement_id: Mapped[int | None] = mapped_column(ForeignKey("placements.id"))
    family_id: Mapped[int | None] = mapped_column(ForeignKey("families.id"))
    last_seen_at: Mapped[dt.datetime] = mapped_column(DateTime)
    last_seen_where: Mapped[str] = mapped_column(Text, default="")
    risk: Mapped[str] = mapped_column(String(10))
    description: Mapped[str] = mapped_column(Text, default="")
    reported_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    reported_by: Mapped[str] = mapped_column(String(64))
    checklist: Mapped[dict[str, Any]] = mapped_column(default=dict)
    found_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    found_country: Mapped[str | None] = mapped_column(String(2))
    interview_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    interview_by: Mapped[str | None] = mapped_column(String(200))

    child: Mapped[Child] = relationship()
    placement: Mapped[Placement | None] = relationship()
    family: Mapped[FosterFamily | None] = relationship()


class FamilyReview(Base):
    """A foster family paused because its address is compromised (a child ran
    away from it, or an officer recorded a leak), until an officer ends the review."""

    __tablename__ = "family_reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    family_id: Mapped[int] = mapped_column(ForeignKey("families.id"), index=True)
    opened_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    opened_by: Mapped[str] = mapped_column(String(64))
    source: Mapped[str] = mapped_column(String(200))
    """Why, without names: "vermissing C12, 2026-12-07" or "adres gelekt"."""
    note: Mapped[str] = mapped_column(Text, default="")
    missing_episode_id: Mapped[int | None] = mapped_column(ForeignKey("missing_episodes.id"))
    closed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    closed_by: Mapped[str | None] = mapped_column(String(64))
    closing_note: Mapped[str | None] = mapped_column(Text)

    family: Mapped[FosterFamily] = relationship()
