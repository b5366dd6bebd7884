"""Reading everything a dossier could show, and every value a recipient may
have to be kept from, once per child.

The safety plan speaks in municipalities and distances. A network location is
named by the municipality of the nearest postcode point (or "buitenland" when
no Dutch postcode point is near), never by its label, address or coordinates.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any, TypeVar

import numpy as np
from sqlalchemy import select
from sqlalchemy.exc import ProgrammingError
from sqlalchemy.orm import Session

import solver
from catalogue import limits
from catalogue.keys import Key
from catalogue.numbers import number
from catalogue.sentences import Explanation, rule_name, term_name
from catalogue.validation_sentences import Complaint
from placement import postcodes
from placement.errors import InputError, Problem
from placement.ids import ChildId
from placement.services.authorisations import covered_until
from placement.services.dossier.recipients import Leak
from placement.sessionfile import parse_session
from placement.storage.models import (
    Child,
    FosterFamily,
    MatchingSession,
    MissingEpisode,
    Network,
    Placement,
    PlacementStatus,
    School,
)
from solver.geo import haversine_km

T = TypeVar("T")
INSUFFICIENT_PRIVILEGE = "42501"

ABROAD = "buitenland"
ABROAD_KM = 10.0
"""A location farther than this from every Dutch postcode point lies abroad."""

MAX_ALTERNATIVES = 5


# --- what a dossier is made of -------------------------------------------------


@dataclass(frozen=True, slots=True)
class AvoidArea:
    municipality: str
    network: str
    distance_km: float | None
    """From the foster family's home to the nearest location in this area."""


@dataclass(frozen=True, slots=True)
class Sibling:
    name: str
    age: int
    family: str | None
    municipality: str | None
    same_family: bool


@dataclass(frozen=True, slots=True)
class RuleScore:
    rule: str
    points: float
    detail: str


@dataclass(frozen=True, slots=True)
class Alternative:
    family: str
    note: str


@dataclass(frozen=True, slots=True)
class Matching:
    session_id: int
    session_date: dt.date
    score: float | None
    school_km: float | None
    network_km: float | None
    rules: tuple[RuleScore, ...]
    alternatives: tuple[Alternative, ...]
    excluded: tuple[str, ...] = ()
    """Per hard rule, how many families it shut out."""


@dataclass(frozen=True, slots=True)
class HistoryLine:
    family: str | None
    """None where this reader's connection may not see that family (an earlier one, for a guardian on a server)."""
    start_date: dt.date
    end_date: dt.date | None
    end_reason: str | None


@dataclass(frozen=True, slots=True)
class EpisodeLine:
    last_seen_at: dt.datetime
    last_seen_where: str
    risk: str
    found_at: dt.datetime | None
    found_country: str | None
    interview_held: bool


@dataclass(frozen=True, slots=True)
class DossierData:
    """Everything the dossier could say, gathered once; the policy picks from it."""

    child_id: int
    name: str
    date_of_birth: dt.date
    age: int
    gender: str
    languages: tuple[str, ...]
    training_needed: tuple[str, ...]
    school_kind: str | None
    notes: str
    family_name: str | None
    family_address: str | None
    family_postcode: str | None
    family_municipality: str | None
    start_date: dt.date | None
    school_name: str | None
    school_municipality: str | None
    guardian: str | None
    sibling_rule: str | None
    siblings: tuple[Sibling, ...]
    safety_km: float
    avoid: tuple[AvoidArea, ...]
    matching: Matching | None
    session_id: int | None
    secrets: dict[Leak, frozenset[str]] = field(default_factory=dict)
    history: tuple[HistoryLine, ...] = ()
    episodes: tuple[EpisodeLine, ...] = ()
    family_is_unit: bool = False
    """The child lives in a closed youth-care unit (then ``family_*`` is the unit)."""
    schooled_on_site: bool = False
    """The child goes to the school its home teaches on site (a unit's own school),
    so the placement has no school of its own (session contract, rule 7)."""
    authorisation_kind: str | None = None
    authorisation_until: dt.date | None = None
    """The court authorisation for closed care valid on the dossier's day, and the
    last day of the unbroken run of authorisations it starts (None: none valid)."""


# --- areas: municipalities of network locations ---------------------------------


@cache
def _postcode_points() -> tuple[np.ndarray, np.ndarray, tuple[str, ...]]:
    rows = postcodes.all_postcodes()
    return (
        np.array([r.lat for r in rows]),
        np.array([r.lon for r in rows]),
        tuple(r.municipality for r in rows),
    )


def area_of(lat: float, lon: float) -> str:
    """The municipality of the nearest postcode point, or "buitenland"."""
    lats, lons, names = _postcode_points()
    km = haversine_km(lat, lon, lats, lons)
    nearest = int(np.argmin(km))
    return names[nearest] if km[nearest] <= ABROAD_KM else ABROAD


# --- gathering -------------------------------------------------------------------


def _point(lat: float, lon: float) -> str:
    """A coordinate pair as the leak check keeps it (both numbers, full precision)."""
    return f"{lat!r} {lon!r}"


def active_placement(child: Child) -> Placement | None:
    return next((p for p in child.placements if p.status == PlacementStatus.ACTIVE), None)


def _sibling_rule(child: Child) -> str | None:
    group = child.sibling_group
    if group is None:
        return None
    if group.keep_together:
        return "Broers en zussen worden samen in één gezin geplaatst."
    return (
        f"Broers en zussen mogen in verschillende gezinnen wonen, op hoogstens "
        f"{number(group.max_apart_km, 'nl')} km van elkaar, zodat regelmatig contact mogelijk blijft. "
        f"De voogd plant de bezoeken in overleg met beide pleeggezinnen."
    )


def _term_detail(name: str, points: float, entry: dict[str, Any], safety_km: float) -> str:
    """A score term's detail in Dutch, said again from the stored placement's
    numbers (a stored proposal may predate the terms' machine form)."""
    network_km, school_km = entry.get("network_km"), entry.get("school_km")
    if name == "language":
        detail = Explanation(Key.TERM_SHARES_LANGUAGE if points > 0 else Key.TERM_NO_SHARED_LANGUAGE)
    elif name == "safety_margin":
        detail = (
            Explanation(Key.TERM_NO_NETWORK)
            if network_km is None
            else Explanation(Key.TERM_BEYOND_SAFETY, km=float(network_km) - safety_km)
        )
    elif name == "school_km":
        detail = (
            Explanation(Key.TERM_NO_SCHOOL)
            if school_km is None
            else Explanation(Key.TERM_SCHOOL_KM, km=float(school_km))
        )
    else:
        return ""
    return detail.say("nl")


def _matching(session: Session, placement: Placement, safety_km: float) -> Matching | None:
    if placement.session_id is None:
        return None
    run = session.get(MatchingSession, placement.session_id)
    proposal = (run.proposal if run else None) or {}
    entry = next(
        (p for p in proposal.get("placements", []) if p.get("child") == f"C{placement.child_id}"),
        None,
    )
    if run is None or entry is None:
        return None
    rules = []
    for name, value in (entry.get("terms") or {}).items():
        points = float(value.get("points", 0.0) if isinstance(value, dict) else value)
        rules.append(RuleScore(term_name(name, "nl"), points, _term_detail(name, points, entry, safety_km)))
    alternatives, excluded = _weighed(session, run, entry)
    return Matching(
        session_id=run.id,
        session_date=run.session_date,
        score=entry.get("score"),
        school_km=entry.get("school_km"),
        network_km=entry.get("network_km"),
        rules=tuple(rules),
        alternatives=tuple(alternatives),
        excluded=tuple(excluded),
    )


def _weighed(session: Session, run: MatchingSession, entry: dict[str, Any]) -> tuple[list[Alternative], list[str]]:
    """The other families that passed every hard rule for this child in that
    session (best first), and how many each hard rule shut out, recomputed
    from the session's stored problem by the solver."""
    try:
        problem = parse_session(run.problem)
        advice = solver.recommend(problem, str(entry["child"]), MAX_ALTERNATIVES + 1)
    except (InputError, KeyError):  # no usable stored problem: report only what the proposal says
        return [], []
    chosen = float(entry.get("score") or 0.0)
    alternatives = []
    for candidate in advice.candidates:
        family = _family_by_ref(session, candidate.family)
        if candidate.family == entry.get("family") or family is None:
            continue
        note = f"voldeed aan alle harde regels; score {number(candidate.score, 'nl', 1, sign=True)}"
        if candidate.score > chosen:
            note += " (hoger, maar in het totaalplan nodig voor een ander kind of voor broers en zussen)"
        alternatives.append(Alternative(family.name, note))
    excluded = [
        f"{rule_name(r.rule, 'nl')}: {r.families} "
        f"{'gezin' if r.families == 1 else 'gezinnen'}"
        for r in advice.excluded
    ]
    return alternatives[:MAX_ALTERNATIVES], excluded


def _family_by_ref(session: Session, ref: str) -> FosterFamily | None:
    if not re.fullmatch(r"F\d+", ref):
        return None
    return session.get(FosterFamily, int(ref[1:]))


def if_readable(session: Session, read: Callable[[], T], otherwise: T) -> T:
    """``read()``, or ``otherwise`` where the server refuses it to this
    connection: on a server a guardian may not read networks or matching
    sessions, so its dossiers go without them (and the leak check without
    values the guardian's connection could not have printed)."""
    try:
        with session.begin_nested():
            return read()
    except ProgrammingError as exc:
        if getattr(exc.orig, "sqlstate", None) != INSUFFICIENT_PRIVILEGE:
            raise
        return otherwise


def gather(session: Session, child_id: ChildId, day: dt.date) -> DossierData:
    """Read everything a dossier of ``child_id`` could show, and every value
    any recipient might have to be kept from."""
    child = session.get(Child, child_id)
    if child is None:
        raise InputError([Problem.of("child", Complaint("record.no_child", {"child_id": str(child_id)}))])
    placement = active_placement(child)
    family = placement.family if placement else None
    school = placement.school if placement else None
    safety_km = child.safety_km if child.safety_km is not None else limits.DEFAULT_SAFETY_KM

    def areas_to_avoid() -> dict[tuple[str, str], float | None]:
        avoid: dict[tuple[str, str], float | None] = {}
        for network in child.networks:
            for loc in network.locations:
                key = (area_of(loc.lat, loc.lon), network.label)
                km = float(haversine_km(family.lat, family.lon, loc.lat, loc.lon)) if family else None
                previous = avoid.get(key)
                avoid[key] = km if previous is None or (km is not None and km < previous) else previous
        return avoid

    avoid = if_readable(session, areas_to_avoid, {})

    siblings = []
    if child.sibling_group is not None:
        for other in child.sibling_group.children:
            if other.id == child.id:
                continue
            other_placement = active_placement(other)
            other_family = other_placement.family if other_placement else None
            siblings.append(Sibling(
                name=other.name,
                age=other.age_on(day),
                family=other_family.name if other_family else None,
                municipality=other_family.municipality if other_family else None,
                same_family=bool(family and other_family and other_family.id == family.id),
            ))

    matching = if_readable(session, lambda: _matching(session, placement, safety_km), None) if placement else None

    def earlier() -> tuple[HistoryLine, ...]:
        return tuple(
            HistoryLine(p.family.name if p.family is not None else None, p.start_date, p.end_date, p.end_reason)
            for p in sorted(child.placements, key=lambda p: p.start_date, reverse=True)
        )

    def episodes() -> list[MissingEpisode]:
        return list(session.scalars(select(MissingEpisode).where(MissingEpisode.child_id == child.id)
                                    .order_by(MissingEpisode.last_seen_at.desc())))

    gone = if_readable(session, episodes, [])
    authorisation = if_readable(session, lambda: child.authorisation_on(day), None)
    return DossierData(
        child_id=child.id,
        name=child.name,
        date_of_birth=child.date_of_birth,
        age=child.age_on(day),
        gender=child.gender,
        languages=tuple(child.languages or ()),
        training_needed=tuple(child.training_needed or ()),
        school_kind=child.school_kind,
        notes=child.notes or "",
        family_name=family.name if family else None,
        family_address=family.address if family else None,
        family_postcode=family.postcode if family else None,
        family_municipality=family.municipality if family else None,
        start_date=placement.start_date if placement else None,
        school_name=school.name if school else None,
        school_municipality=school.municipality if school else None,
        guardian=child.guardian.display_name if child.guardian else None,
        sibling_rule=_sibling_rule(child),
        siblings=tuple(siblings),
        safety_km=safety_km,
        avoid=tuple(
            AvoidArea(area, network, km)
            for (area, network), km in sorted(avoid.items(), key=lambda kv: (kv[0][0] == ABROAD, kv[0]))
        ),
        matching=matching,
        session_id=placement.session_id if placement else None,
        secrets={**_secrets(session, child, family, school),
                 Leak.MISSING: frozenset(v for e in gone for v in (e.last_seen_where, e.description) if v.strip()),
                 Leak.ALIAS: frozenset(a.name for a in if_readable(session, lambda: list(child.aliases), [])
                                       if a.name.strip() and a.name != child.name)},
        history=if_readable(session, earlier, ()),
        episodes=tuple(EpisodeLine(e.last_seen_at, e.last_seen_where, e.risk, e.found_at, e.found_country,
                                   e.interview_at is not None) for e in gone),
        family_is_unit=bool(family and family.closed_unit),
        schooled_on_site=bool(
            family and school is None and child.school_kind in (family.school_on_site or ())
        ),
        authorisation_kind=authorisation.kind if authorisation else None,
        authorisation_until=covered_until(list(child.authorisations), day) if authorisation else None,
    )


def _secrets(session: Session, child: Child, family: FosterFamily | None,
             school: School | None) -> dict[Leak, frozenset[str]]:
    """Every value some recipient must not see, by category. Whether a category
    is allowed is the policy's business; this only lists the values."""
    sibling_ids = {c.id for c in child.sibling_group.children} if child.sibling_group else set()
    secrets: dict[Leak, set[str]] = {leak: set() for leak in Leak}
    if family is not None:
        secrets[Leak.FAMILY_ADDRESS] |= {family.address, family.postcode}
        secrets[Leak.COORDINATES].add(_point(family.lat, family.lon))
    if school is not None:
        secrets[Leak.COORDINATES].add(_point(school.lat, school.lon))
    for network in if_readable(session, lambda: session.scalars(select(Network)).all(), []):
        secrets[Leak.NETWORK_LABEL].add(network.label)
        secrets[Leak.INTELLIGENCE].add(network.notes)
        for loc in network.locations:
            secrets[Leak.LOCATION_LABEL].add(loc.label)
            secrets[Leak.INTELLIGENCE].add(loc.source_note)
            secrets[Leak.COORDINATES].add(_point(loc.lat, loc.lon))
    for other in session.scalars(select(FosterFamily)):
        if family is not None and other.id == family.id:
            continue
        secrets[Leak.OTHER_FAMILY].add(other.name)
        secrets[Leak.OTHER_ADDRESS] |= {other.address, other.postcode}
        secrets[Leak.COORDINATES].add(_point(other.lat, other.lon))
    for name, other_id in session.execute(select(Child.name, Child.id)):
        if other_id == child.id:
            continue
        secrets[Leak.SIBLING if other_id in sibling_ids else Leak.OTHER_CHILD].add(name)
    return {k: frozenset(v for v in values if v and v.strip()) for k, values in secrets.items()}
