"""From the database to the solver's question: which children, families,
schools, networks and sibling ties make up a matching session on a given date.

The same :func:`build_problem` feeds the desktop app's matching page and
``placement session export``, so a session solved in the window and the same
session solved from a file are one and the same problem.

What is taken, and why:

- the children still waiting (or the chosen ones, who must be waiting), with
  their age on the session date;
- active families with at least one free place (total places minus active
  placements) and only the training still valid on the session date; closed
  youth-care units among them as homes of kind ``closed-unit`` (up to 60
  places, their school kinds on site);
- each child's ``closed_care``: a court authorisation valid on the session date;
- schools of a kind some child needs, with a free seat, within that child's
  school radius of at least one of those families: any other school could
  never be proposed, so leaving it out changes nothing but the file size;
- the networks the children are linked to that have at least one known
  location (a network without one constrains nothing);
- the children's sibling groups.

Personal names never go into the problem: ids only (``F12``, ``C7``, ``N3``,
``G2``); schools keep their public DUO code and name.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Collection, Sequence

import numpy as np
from numpy.typing import NDArray
from scipy.spatial import cKDTree
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from catalogue import limits
from catalogue.validation_sentences import Complaint
from placement.actor import Actor
from placement.errors import InputError, Problem
from placement.ids import ChildId, parse_id
from placement.services import audit
from placement.services.permissions import Action, require
from placement.storage import models as m
from solver import problem as sp
from solver.geo import haversine_km


def family_ref(family_id: int) -> str:
    return f"F{family_id}"


def child_ref(child_id: int) -> str:
    return f"C{child_id}"


def network_ref(network_id: int) -> str:
    return f"N{network_id}"


def group_ref(group_id: int) -> str:
    return f"G{group_id}"


def parse_child_ref(text: str) -> ChildId:
    """``C12`` or ``12`` to a child id; :class:`ValueError` when neither, or when
    the number is beyond any id (:data:`placement.ids.MAX_ID`)."""
    return ChildId(parse_id(text, "C"))


def build_problem(
    session: Session,
    actor: Actor,
    *,
    on_date: dt.date,
    child_ids: Collection[int] | None = None,
    settings: sp.Settings | None = None,
    replacing: Collection[int] = (),
) -> sp.Problem:
    """The matching problem for the waiting children (all, or ``child_ids``)
    on ``on_date``; ``settings`` default to the spec's defaults. Children in
    ``replacing`` may be placed now (a re-placement session moves them).

    Raises :class:`InputError` naming a chosen child that does not exist or
    is not waiting, and any child whose age on the date is outside the age range (``limits.AGE``).
    """
    require(actor, Action.RUN_SESSION, session=session)
    return _problem(session, on_date=on_date, child_ids=child_ids, settings=settings, replacing=replacing)


def capacity_problem(
    session: Session,
    actor: Actor,
    *,
    on_date: dt.date,
    child_ids: Collection[int] | None = None,
    settings: sp.Settings | None = None,
    extra_children: Sequence[sp.Child] = (),
) -> sp.Problem:
    """:func:`build_problem` for the capacity review: a manager may not run
    sessions, but may see what the solver's hard rules make of the waiting
    children in aggregate. The caller (placement.services.capacity) lets only
    counts leave, never a name, address or coordinate. ``extra_children``:
    imagined children (a what-if for a kind of child nobody is waiting as),
    added with the schools they need."""
    require(actor, Action.VIEW_CAPACITY, session=session)
    problem = _problem(session, on_date=on_date, child_ids=child_ids, settings=settings)
    if not extra_children:
        return problem
    children = (*problem.children, *extra_children)
    return dataclasses.replace(problem, children=children, schools=_schools(session, children, problem.families))


def _problem(
    session: Session,
    *,
    on_date: dt.date,
    child_ids: Collection[int] | None,
    settings: sp.Settings | None,
    replacing: Collection[int] = (),
) -> sp.Problem:
    settings = settings or sp.Settings()
    children = _children(session, child_ids, on_date, replacing)
    families = _families(session, on_date)
    networks = _networks(children)
    problem_children = tuple(_child(c, on_date, settings, networks) for c in children)
    groups = {c.sibling_group.id: c.sibling_group for c in children if c.sibling_group is not None}
    return sp.Problem(
        families=families,
        schools=_schools(session, problem_children, families),
        networks=tuple(networks.values()),
        children=problem_children,
        sibling_groups=tuple(
            sp.SiblingGroup(id=group_ref(g.id), keep_together=g.keep_together, max_apart_km=g.max_apart_km)
            for _, g in sorted(groups.items())
        ),
        settings=settings,
    )


def export_problem(
    session: Session,
    actor: Actor,
    *,
    on_date: dt.date,
    child_ids: Collection[int] | None = None,
    settings: sp.Settings | None = None,
) -> sp.Problem:
    """:func:`build_problem` for a file that leaves the database: needs the
    export permission and leaves one audit row per child exported (written
    in the caller's transaction, so a failed export leaves none)."""
    require(actor, Action.EXPORT, session=session)
    problem = build_problem(session, actor, on_date=on_date, child_ids=child_ids, settings=settings)
    for child in problem.children:
        audit.record(session, actor, audit.EXPORT, "child", child.id.removeprefix("C"))
    # The file holds every available family's exact coordinates.
    audit.record_many(session, actor, audit.EXPORT, "family", [family.id for family in problem.families])
    return problem


def _children(
    session: Session, child_ids: Collection[int] | None, on_date: dt.date, replacing: Collection[int] = ()
) -> list[m.Child]:
    stmt = select(m.Child).options(
        selectinload(m.Child.networks).selectinload(m.Network.locations),
        selectinload(m.Child.sibling_group),
        selectinload(m.Child.authorisations),
    )
    if child_ids is None:
        rows = list(session.scalars(stmt.where(m.Child.status == m.ChildStatus.WAITING).order_by(m.Child.id)))
    else:
        wanted = sorted(set(child_ids))
        rows = list(session.scalars(stmt.where(m.Child.id.in_(wanted)).order_by(m.Child.id)))
        found = {c.id for c in rows}
        problems = [Problem.of("children", Complaint("matching.no_child", {"child": child_ref(i)})) for i in wanted if i not in found]
        problems += [
            Problem.of("children", Complaint("matching.not_waiting", {"child": child_ref(c.id), "status": c.status.value}))
            for c in rows
            if c.status != m.ChildStatus.WAITING and not (c.id in replacing and c.status == m.ChildStatus.PLACED)
        ]
        if problems:
            raise InputError(problems)
    problems = [
        Problem.of(child_ref(c.id), Complaint("matching.age_outside", {"day": on_date.isoformat(), "age": c.age_on(on_date), "low": limits.AGE.low, "high": limits.AGE.high}))
        for c in rows
        if c.age_on(on_date) not in limits.AGE
    ]
    if problems:
        raise InputError(problems)
    return rows


def _child(c: m.Child, on_date: dt.date, settings: sp.Settings, networks: dict[int, sp.Network]) -> sp.Child:
    return sp.Child(
        id=child_ref(c.id),
        age=c.age_on(on_date),
        gender=c.gender,
        safety_km=settings.safety_km if c.safety_km is None else c.safety_km,
        max_school_km=settings.max_school_km if c.max_school_km is None else c.max_school_km,
        priority=c.priority,
        training_needed=frozenset(c.training_needed or ()),
        languages=frozenset(code.lower() for code in c.languages or ()),
        school_kind=c.school_kind or None,
        networks=tuple(networks[n.id].id for n in c.networks if n.id in networks),
        sibling_group=group_ref(c.sibling_group_id) if c.sibling_group_id is not None else None,
        closed_care=c.authorisation_on(on_date) is not None,
    )


def _networks(children: Sequence[m.Child]) -> dict[int, sp.Network]:
    linked = {n.id: n for c in children for n in c.networks}
    return {
        i: sp.Network(id=network_ref(i), locations=tuple(sp.Point(p.lat, p.lon) for p in n.locations))
        for i, n in sorted(linked.items())
        if n.locations
    }


def _families(session: Session, on_date: dt.date) -> tuple[sp.Family, ...]:
    rows = session.scalars(
        select(m.FosterFamily)
        .where(m.FosterFamily.status == m.FamilyStatus.ACTIVE)
        .options(selectinload(m.FosterFamily.training))
        .order_by(m.FosterFamily.id)
    )
    return tuple(
        sp.Family(
            id=family_ref(f.id),
            location=sp.Point(f.lat, f.lon),
            free_places=min(f.free_places, limits.UNIT_PLACES.high if f.closed_unit else limits.PLACES.high),
            age_min=f.age_min,
            age_max=f.age_max,
            genders=frozenset(f.genders or ()),
            training=frozenset(f.training_tags(on_date)),
            languages=frozenset(code.lower() for code in f.languages or ()),
            kind=f.kind,
            school_on_site=frozenset(f.school_on_site or ()),
        )
        for f in rows
        if f.free_places > 0
    )


def _schools(
    session: Session, children: Sequence[sp.Child], families: Sequence[sp.Family]
) -> tuple[sp.School, ...]:
    radius: dict[str, float] = {}
    for c in children:
        if c.school_kind is not None:
            radius[c.school_kind] = max(radius.get(c.school_kind, 0.0), c.max_school_km)
    if not radius or not families:
        return ()
    # Each distinct list of kinds is looked at once (a few dozen among 8,000
    # schools): its shared set, and the radius it is needed within (None: no
    # child needs any of its kinds).
    needed_within: dict[tuple[str, ...], tuple[frozenset[str], float | None]] = {}
    rows = []
    for code, name, kinds, seats, lat, lon in session.execute(
        select(m.School.duo_code, m.School.name, m.School.kinds, m.School.free_seats, m.School.lat, m.School.lon)
        .where(m.School.free_seats > 0)
        .order_by(m.School.duo_code)
    ):
        key = tuple(kinds or ())
        if key not in needed_within:
            wanted = radius.keys() & set(key)
            needed_within[key] = (frozenset(key), max(radius[k] for k in wanted) if wanted else None)
        kind_set, reach = needed_within[key]
        if reach is not None:
            rows.append((code, name, kind_set, seats, lat, lon, reach))
    if not rows:
        return ()
    lat = np.array([r[4] for r in rows], dtype=np.float64)
    lon = np.array([r[5] for r in rows], dtype=np.float64)
    nearest = nearest_km(
        lat,
        lon,
        np.array([f.location.lat for f in families], dtype=np.float64),
        np.array([f.location.lon for f in families], dtype=np.float64),
    )
    # The tolerance only ever keeps a school too many, never drops one.
    keep = nearest <= np.array([r[6] for r in rows]) + 1e-6
    return tuple(
        sp.School(id=code, location=sp.Point(la, lo), kinds=kind_set, free_seats=seats, label=name)
        for (code, name, kind_set, seats, la, lo, _), kept in zip(rows, keep.tolist(), strict=True)
        if kept
    )


def nearest_km(
    lat: NDArray[np.float64], lon: NDArray[np.float64], to_lat: NDArray[np.float64], to_lon: NDArray[np.float64]
) -> NDArray[np.float64]:
    """For each point (``lat``, ``lon``), the haversine distance to the nearest
    of the points (``to_lat``, ``to_lon``), which must not be empty.

    The nearest point is found in a k-d tree on the unit sphere (the straight
    chord between two points grows with their great-circle distance, so the
    nearest by chord is the nearest on the sphere); its distance is then the
    same :func:`solver.geo.haversine_km` the solver uses. The demo session's
    7,000 schools and 340 families take milliseconds, where the whole distance
    matrix took 0.4 s."""
    _, index = cKDTree(_unit_vectors(to_lat, to_lon)).query(_unit_vectors(lat, lon))
    return haversine_km(lat, lon, to_lat[index], to_lon[index])


def _unit_vectors(lat: NDArray[np.float64], lon: NDArray[np.float64]) -> NDArray[np.float64]:
    phi, lam = np.radians(lat), np.radians(lon)
    return np.column_stack((np.cos(phi) * np.cos(lam), np.cos(phi) * np.sin(lam), np.sin(phi)))
