"""The typed matching problem the solver accepts.

These objects are the session-file contract (``placement-session/1``) after
validation: every location is resolved to WGS84 degrees and every default is
filled in, so the solver never has to know about postcodes, JSON or storage.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from catalogue import codes, limits
from catalogue.codes import CLOSED_UNIT, FAMILY

GENDERS: frozenset[str] = frozenset(codes.GENDERS.values)


@dataclass(frozen=True, slots=True)
class Point:
    """A WGS84 location in degrees."""

    lat: float
    lon: float


@dataclass(frozen=True, slots=True)
class Settings:
    safety_km: float = limits.DEFAULT_SAFETY_KM
    max_school_km: float = limits.DEFAULT_MAX_SCHOOL_KM
    time_limit_s: float = limits.DEFAULT_TIME_LIMIT_S


@dataclass(frozen=True, slots=True)
class Weights:
    language: float = 30.0
    safety_margin: float = 0.2
    school_km: float = 1.0
    siblings_together: float = 40.0
    closed_unit: float = limits.CLOSED_UNIT_WEIGHT


@dataclass(frozen=True, slots=True)
class Family:
    id: str
    location: Point
    free_places: int
    age_min: int
    age_max: int
    genders: frozenset[str] = GENDERS
    training: frozenset[str] = frozenset()
    languages: frozenset[str] = frozenset()
    label: str | None = None
    kind: str = FAMILY
    """``family``, or ``closed-unit``: a closed youth-care unit, which takes only
    children a court has authorised for closed care (hard rule 10)."""
    #: school kinds taught at the home itself: a child of such a kind is
    #: schooled there, takes no school seat and has no school distance (rule 7)
    school_on_site: frozenset[str] = frozenset()

    @property
    def closed(self) -> bool:
        return self.kind == CLOSED_UNIT


@dataclass(frozen=True, slots=True)
class School:
    id: str
    location: Point
    kinds: frozenset[str]
    free_seats: int
    label: str | None = None


@dataclass(frozen=True, slots=True)
class Network:
    id: str
    locations: tuple[Point, ...]
    label: str | None = None


@dataclass(frozen=True, slots=True)
class Child:
    """A child to place; ``safety_km`` and ``max_school_km`` are already resolved
    from the session settings when the child had none of its own."""

    id: str
    age: int
    gender: str
    safety_km: float
    max_school_km: float
    priority: int = limits.DEFAULT_PRIORITY
    training_needed: frozenset[str] = frozenset()
    languages: frozenset[str] = frozenset()
    school_kind: str | None = None
    networks: tuple[str, ...] = ()
    sibling_group: str | None = None
    label: str | None = None
    #: a court authorisation for closed youth care is valid on the session date
    closed_care: bool = False


@dataclass(frozen=True, slots=True)
class SiblingGroup:
    id: str
    keep_together: bool = True
    max_apart_km: float = limits.DEFAULT_MAX_APART_KM
    label: str | None = None


@dataclass(frozen=True, slots=True)
class Pin:
    child: str
    family: str
    school: str | None = None


@dataclass(frozen=True, slots=True)
class Forbidden:
    child: str
    family: str


@dataclass(frozen=True, slots=True)
class Problem:
    """One matching session: who needs a place, what is available, what to avoid."""

    families: tuple[Family, ...]
    schools: tuple[School, ...]
    networks: tuple[Network, ...]
    children: tuple[Child, ...]
    sibling_groups: tuple[SiblingGroup, ...] = ()
    pins: tuple[Pin, ...] = ()
    forbidden: tuple[Forbidden, ...] = ()
    settings: Settings = field(default_factory=Settings)
    weights: Weights = field(default_factory=Weights)
