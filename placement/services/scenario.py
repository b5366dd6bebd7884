"""What if more children like these arrive? How many could we place today,
and where would we run short?

The chosen waiting children serve as profiles: each is cloned ``copies`` times
(without sibling ties: these are hypothetical arrivals) into a matching
problem with today's free places and seats, and the real solver places them.
The answer is in aggregates, like the rest of the capacity review: placed per
province, placed and unplaced per profile, and for the unplaced the hard rule
that stands in their way.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from catalogue import codes, limits
from catalogue.keys import Key
from catalogue.sentences import Explanation
from catalogue.validation_sentences import Complaint
from placement.actor import Actor
from placement.errors import InputError, PermissionDenied, Problem
from placement.services.capacity import Profile, profile_of
from placement.services.matching import capacity_problem, family_ref
from placement.storage.models import FosterFamily, Role
from solver import problem as sp
from solver import recommend, solve
from solver.proposal import CancelToken, Progress, Status

MAX_COPIES = 200
DEFAULT_TIME_LIMIT_S = 10.0
COMPETITION = "capacity"
"""Blocking rule of an arrival some family could take, but whose place went to another arrival."""


@dataclass(frozen=True, slots=True)
class ProvinceOutcome:
    province: str
    free_before: int
    placed: int

    @property
    def free_after(self) -> int:
        return self.free_before - self.placed


@dataclass(frozen=True, slots=True)
class ProfileOutcome:
    age_band: str
    gender: str
    training: tuple[str, ...]
    school_kind: str | None
    networks: int
    arrivals: int
    placed: int
    blocking_rule: str | None
    """For the unplaced: the solver's rule that shuts out most families (or
    ``capacity`` when the fitting places went to other arrivals)."""

    @property
    def unplaced(self) -> int:
        return self.arrivals - self.placed


@dataclass(frozen=True, slots=True)
class ScenarioResult:
    status: Status
    arrivals: int
    placed: int
    provinces: tuple[ProvinceOutcome, ...]
    profiles: tuple[ProfileOutcome, ...]

    @property
    def unplaced(self) -> int:
        return self.arrivals - self.placed

    @property
    def short_in(self) -> tuple[str, ...]:
        """Provinces whose free places the arrivals use up."""
        return tuple(p.province for p in self.provinces if p.placed and p.free_after <= 0)


def clone_problem(problem: sp.Problem, copies: int) -> sp.Problem:
    """``copies`` arrivals per child of ``problem``, ids ``C7~1``, ``C7~2``, …"""
    arrivals = tuple(
        dataclasses.replace(child, id=f"{child.id}~{k}", sibling_group=None)
        for child in problem.children
        for k in range(1, copies + 1)
    )
    return dataclasses.replace(problem, children=arrivals, sibling_groups=(), pins=(), forbidden=())


def _blocking_rule(problem: sp.Problem, child_id: str) -> str:
    advice = recommend(problem, child_id, 1)
    if advice.fitting or not advice.excluded:
        return COMPETITION
    return max(advice.excluded, key=lambda r: r.families).rule


@dataclass(frozen=True, slots=True)
class Scenario:
    """The question, read from the database: the arrivals in today's capacity,
    and the province of each family. Solving it needs no database, so a long
    solve never holds a transaction open."""

    problem: sp.Problem
    province_of: dict[str, str]
    """Family ref (``F12``) to province."""


def what_if_allowed(session: Session, actor: Actor) -> bool:
    """On the office server the what-if needs the families' locations, which
    only officers may read; elsewhere everyone who sees capacity may run it."""
    return session.get_bind().dialect.name != "postgresql" or actor.role == Role.OFFICER


def _require_family_locations(session: Session, actor: Actor) -> None:
    if not what_if_allowed(session, actor):
        raise PermissionDenied(Explanation(Key.REFUSAL_WHAT_IF_ON_SERVER))


@dataclass(frozen=True, slots=True)
class ImaginedProfile:
    """A kind of child for the what-if that nobody need be waiting as: an age
    band, a gender, the training it needs, the school it needs; no networks."""

    age_band: str
    gender: str
    training: tuple[str, ...] = ()
    school_kind: str | None = None


def _imagined_children(profiles: Sequence[ImaginedProfile], problems: list[Problem]) -> list[sp.Child]:
    settings = sp.Settings()
    bands = {name: (low, high) for name, low, high in limits.AGE_BANDS}
    children = []
    for n, p in enumerate(profiles, start=1):
        if p.age_band not in bands:
            problems.append(Problem.of("profile", Complaint("scenario.unknown_age_band", {"age_band": p.age_band})))
        if p.gender not in codes.GENDERS:
            problems.append(Problem.of("profile", Complaint("scenario.gender")))
        unknown = [t for t in p.training if t not in codes.TRAININGS]
        if unknown:
            problems.append(Problem.of("profile", Complaint("scenario.unknown_training", {"tags": ', '.join(unknown)})))
        if p.school_kind is not None and p.school_kind not in codes.SCHOOL_KINDS:
            problems.append(Problem.of("profile", Complaint("scenario.unknown_school_kind", {"school_kind": p.school_kind})))
        low, high = bands.get(p.age_band, (0, 0))
        children.append(sp.Child(
            id=f"P{n}", age=(low + high) // 2, gender=p.gender, safety_km=settings.safety_km,
            max_school_km=settings.max_school_km, training_needed=frozenset(p.training), school_kind=p.school_kind,
        ))
    return children


def prepare(
    session: Session, actor: Actor, child_ids: Collection[int], copies: int, *, on_date: dt.date | None = None,
    profiles: Sequence[ImaginedProfile] = (),
) -> Scenario:
    """``copies`` arrivals like each chosen waiting child, and like each imagined
    ``profiles`` child (any kind, waiting or not), in today's free places."""
    _require_family_locations(session, actor)
    problems: list[Problem] = []
    if not child_ids and not profiles:
        problems.append(Problem.of("children", Complaint("scenario.choose_child")))
    if not 1 <= copies <= MAX_COPIES:
        problems.append(Problem.of("copies", Complaint("range.between", {"high": MAX_COPIES, "low": 1})))
    imagined = _imagined_children(profiles, problems)
    if problems:
        raise InputError(problems)
    base = capacity_problem(
        session, actor, on_date=on_date or dt.date.today(), child_ids=child_ids, extra_children=imagined
    )
    provinces = {
        family_ref(row.id): row.province or "onbekend"
        for row in session.execute(select(FosterFamily.id, FosterFamily.province))
    }
    return Scenario(clone_problem(base, copies), provinces)


def answer(
    scenario: Scenario,
    *,
    time_limit_s: float = DEFAULT_TIME_LIMIT_S,
    on_progress: Callable[[Progress], None] | None = None,
    cancel: CancelToken | None = None,
) -> ScenarioResult:
    """Let the solver place the arrivals; count per province and per profile."""
    problem, province_of = scenario.problem, scenario.province_of
    proposal = solve(problem, time_limit_s=time_limit_s, on_progress=on_progress, cancel=cancel)
    free = Counter[str]()
    for family in problem.families:
        free[province_of[family.id]] += family.free_places
    placed_in = Counter(province_of[p.family] for p in proposal.placements)
    provinces = tuple(ProvinceOutcome(name, free[name], placed_in[name]) for name in sorted(free))

    placed_ids = {p.child for p in proposal.placements}
    by_profile: dict[Profile, list[sp.Child]] = {}
    for child in problem.children:
        by_profile.setdefault(profile_of(child), []).append(child)
    # Arrivals cloned from one child meet the same rules: ask once per original.
    rules = {c.id.split("~")[0]: _blocking_rule(problem, c.id) for c in problem.children if c.id not in placed_ids}
    profiles = []
    for key, members in by_profile.items():
        unplaced = [c for c in members if c.id not in placed_ids]
        rule = Counter(rules[c.id.split("~")[0]] for c in unplaced).most_common(1)
        profiles.append(ProfileOutcome(*key, arrivals=len(members), placed=len(members) - len(unplaced),
                                       blocking_rule=rule[0][0] if rule else None))
    return ScenarioResult(
        status=proposal.status,
        arrivals=len(problem.children),
        placed=len(placed_ids),
        provinces=provinces,
        profiles=tuple(profiles),
    )


def run(
    session: Session,
    actor: Actor,
    child_ids: Collection[int],
    copies: int,
    *,
    on_date: dt.date | None = None,
    time_limit_s: float = DEFAULT_TIME_LIMIT_S,
    cancel: CancelToken | None = None,
) -> ScenarioResult:
    """:func:`prepare` and :func:`answer` in one go (the command line)."""
    return answer(prepare(session, actor, child_ids, copies, on_date=on_date), time_limit_s=time_limit_s,
                  cancel=cancel)


@dataclass(frozen=True, slots=True)
class WaitingProfile:
    """A kind of waiting child, for choosing scenario examples on a screen that
    may show no names: the example's id stays inside the program."""

    age_band: str
    gender: str
    training: tuple[str, ...]
    school_kind: str | None
    networks: int
    children: int
    example_child_id: int


def waiting_profiles(session: Session, actor: Actor, on_date: dt.date | None = None) -> list[WaitingProfile]:
    """The waiting children grouped by profile, most common first (none for
    a role that may not run the what-if here, see :func:`what_if_allowed`)."""
    if not what_if_allowed(session, actor):
        return []
    problem = capacity_problem(session, actor, on_date=on_date or dt.date.today())
    groups: dict[Profile, list[str]] = {}
    for child in problem.children:
        groups.setdefault(profile_of(child), []).append(child.id)
    rows = [WaitingProfile(*key, children=len(ids), example_child_id=int(ids[0].removeprefix("C")))
            for key, ids in groups.items()]
    return sorted(rows, key=lambda r: (-r.children, r.age_band, r.gender, r.training))
