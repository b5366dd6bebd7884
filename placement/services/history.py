"""The history of a child and of a foster family: the current placement and
every earlier one (family, school, dates, end reason, the matching session
that proposed it and the officer who accepted it), missing episodes, alerts,
reviews and the network locations a family's address became.

Shown to whoever may see that file: a child's history to officers and to the
child's own guardian (who sees family names only where the server shows the
family, i.e. the family the child lives with now); a family's history to officers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from catalogue.validation_sentences import Complaint
from placement.actor import Actor
from placement.errors import InputError, Problem
from placement.services import alerts, audit, missing
from placement.services.permissions import Action, allowed, require
from placement.storage.models import (
    Child,
    FamilyReview,
    FosterFamily,
    MatchingSession,
    MissingEpisode,
    NetworkAlert,
    NetworkLocation,
    Placement,
    utcnow,
)


@dataclass(frozen=True, slots=True)
class PlacementLine:
    id: int
    child_id: int
    child_name: str
    family_id: int
    family_name: str | None
    """None where the reader may not see that family."""
    school: str | None
    start_date: dt.date
    end_date: dt.date | None
    end_reason: str | None
    end_note: str | None
    session_id: int | None
    accepted_by: str | None
    active: bool


@dataclass(frozen=True, slots=True)
class ChildHistory:
    child_id: int
    name: str
    status: str
    placements: tuple[PlacementLine, ...]
    """Newest first."""
    episodes: tuple[missing.EpisodeRow, ...]
    alerts: tuple[alerts.AlertRow, ...]
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ReviewLine:
    id: int
    opened_at: dt.datetime
    opened_by: str
    source: str
    note: str
    closed_at: dt.datetime | None
    closed_by: str | None
    closing_note: str | None


@dataclass(frozen=True, slots=True)
class DerivedLocation:
    id: int
    network_id: int
    network_label: str
    reported_on: dt.date
    source: str


@dataclass(frozen=True, slots=True)
class FamilyHistory:
    family_id: int
    name: str
    status: str
    placements: tuple[PlacementLine, ...]
    reviews: tuple[ReviewLine, ...]
    derived_locations: tuple[DerivedLocation, ...]
    episodes: tuple[missing.EpisodeRow, ...]
    alerts: tuple[alerts.AlertRow, ...]


def _accepted_by(session: Session, session_id: int | None, cache: dict[int, str | None]) -> str | None:
    """Who accepted the matching session (officers only: on a server nobody
    else may read matching sessions)."""
    if session_id is None:
        return None
    if session_id not in cache:
        row = session.get(MatchingSession, session_id)
        decisions = (row.decisions or {}) if row else {}
        creator = row.created_by.username if row is not None and row.created_by is not None else None
        cache[session_id] = decisions.get("accepted_by") or creator
    return cache[session_id]


def _line(session: Session, p: Placement, actor: Actor, cache: dict[int, str | None]) -> PlacementLine:
    family_name = None
    if allowed(actor, Action.VIEW_FAMILY, child=p.child) and (actor.role != "guardian" or p.status == "active"):
        family_name = p.family.name
    return PlacementLine(
        id=p.id, child_id=p.child_id, child_name=p.child.name, family_id=p.family_id, family_name=family_name,
        school=p.school.name if p.school is not None else None, start_date=p.start_date, end_date=p.end_date,
        end_reason=p.end_reason, end_note=p.end_note, session_id=p.session_id,
        accepted_by=_accepted_by(session, p.session_id, cache) if allowed(actor, Action.RUN_SESSION) else None,
        active=p.status == "active",
    )  # fmt: skip


def _alert_rows(session: Session, actor: Actor, placement_ids: list[int]) -> tuple[alerts.AlertRow, ...]:
    if not placement_ids or not allowed(actor, Action.VIEW_NETWORK):
        return ()
    rows = session.scalars(
        alerts._alerts_query().where(NetworkAlert.placement_id.in_(placement_ids)).order_by(NetworkAlert.id.desc())
    ).all()
    return tuple(alerts._row(a) for a in rows)


def child_history(session: Session, actor: Actor, child_id: int, *, now: dt.datetime | None = None) -> ChildHistory:
    child = session.get(Child, child_id)
    if child is None:
        raise InputError([Problem.of("child", Complaint("record.no_child", {"child_id": str(child_id)}))])
    require(actor, Action.VIEW_CHILD, child=child)
    placements = session.scalars(
        select(Placement).where(Placement.child_id == child_id)
        .options(selectinload(Placement.school), selectinload(Placement.child))
        .order_by(Placement.start_date.desc())
    ).all()  # fmt: skip
    cache: dict[int, str | None] = {}
    lines = tuple(_line(session, p, actor, cache) for p in placements)
    audit.record(session, actor, audit.READ, "child", child_id)
    return ChildHistory(
        child_id=child.id, name=child.name, status=child.status.value, placements=lines,
        episodes=tuple(missing.episodes_of_child(session, actor, child_id, now=now or utcnow())),
        alerts=_alert_rows(session, actor, [p.id for p in placements]),
        aliases=tuple(" ".join(x for x in (a.name, a.date_of_birth.isoformat() if a.date_of_birth else "",
                                           a.nationality or "") if x) for a in child.aliases),
    )  # fmt: skip


def family_history(session: Session, actor: Actor, family_id: int, *, now: dt.datetime | None = None) -> FamilyHistory:
    require(actor, Action.VIEW_FAMILY, session=session)
    family = session.get(FosterFamily, family_id)
    if family is None:
        raise InputError([Problem.of("family", Complaint("record.no_family", {"family_id": str(family_id)}))])
    now = now or utcnow()
    placements = session.scalars(
        select(Placement).where(Placement.family_id == family_id)
        .options(selectinload(Placement.school), selectinload(Placement.child))
        .order_by(Placement.start_date.desc())
    ).all()  # fmt: skip
    cache: dict[int, str | None] = {}
    reviews = session.scalars(
        select(FamilyReview).where(FamilyReview.family_id == family_id).order_by(FamilyReview.opened_at.desc())
    ).all()
    derived: tuple[DerivedLocation, ...] = ()
    if allowed(actor, Action.VIEW_NETWORK):
        derived = tuple(
            DerivedLocation(loc.id, loc.network_id, loc.network.label, loc.reported_on, loc.source_note)
            for loc in session.scalars(
                select(NetworkLocation).where(NetworkLocation.family_id == family_id).order_by(NetworkLocation.id)
            )
        )
    episodes = tuple(
        missing._row(session, e, now)
        for e in session.scalars(
            select(MissingEpisode).where(MissingEpisode.family_id == family_id)
            .order_by(MissingEpisode.last_seen_at.desc())
        )
    )  # fmt: skip
    audit.record(session, actor, audit.READ, "family", family_id)
    return FamilyHistory(
        family_id=family.id, name=family.name, status=family.status.value,
        placements=tuple(_line(session, p, actor, cache) for p in placements),
        reviews=tuple(ReviewLine(r.id, r.opened_at, r.opened_by, r.source, r.note, r.closed_at, r.closed_by,
                                 r.closing_note) for r in reviews),
        derived_locations=derived, episodes=episodes,
        alerts=_alert_rows(session, actor, [p.id for p in placements]),
    )  # fmt: skip
