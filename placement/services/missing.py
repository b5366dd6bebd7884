"""Missing episodes: a placed child goes missing, is found, and is heard.

- **Reporting** records where the child was placed, when and where it was last
  seen and the risk grade. The family it ran from is compromised for every
  network the child is linked to (placement.services.compromised).
- **Clocks**: the police report is due 24 h after the last sighting, at once
  for red; the return interview is due 72 h after the child was found.
- **Checklist**: guardian, police, Raad voor de Kinderbescherming and CoMensha,
  each ticked with time and user.
- **Escalation**: 3 episodes within 30 days call for a strategy meeting.

Times are naive UTC (as ``utcnow``); the caller converts what a person typed.
Every function takes ``now`` so that tests can fix the clock.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from catalogue.validation_sentences import Complaint
from placement.actor import Actor
from placement.aftercare_codes import (
    ESCALATION_EPISODES,
    ESCALATION_WINDOW,
    NOTIFICATIONS,
    RETURN_INTERVIEW_WITHIN,
    RISK_GRADES,
    consent_by,
    police_due,
)
from placement.errors import InputError, Problem
from placement.services import audit, compromised
from placement.services.permissions import Action, require
from placement.services.placements import current_placement
from placement.storage.models import Child, MatchingSession, MissingEpisode, Placement, User, utcnow

MAX_TEXT = 2000
FUTURE_SLACK = dt.timedelta(minutes=5)


@dataclass(frozen=True, slots=True)
class Clocks:
    """Where an episode stands at ``now``."""

    police_due: dt.datetime
    police_done: bool
    police_overdue: bool
    interview_due: dt.datetime | None
    interview_overdue: bool
    escalation: bool
    """3 episodes within 30 days: a strategy meeting and a placement review."""
    open_items: tuple[str, ...]
    """Checklist items not ticked yet, in the checklist's order."""
    consent_by: str
    """Who signs CoMensha's consent: "child" (16 or older) or "guardian"."""


@dataclass(frozen=True, slots=True)
class EpisodeRow:
    id: int
    child_id: int
    child_name: str
    family_id: int | None
    last_seen_at: dt.datetime
    last_seen_where: str
    risk: str
    reported_at: dt.datetime
    reported_by: str
    checklist: dict[str, dict[str, str]]
    found_at: dt.datetime | None
    found_country: str | None
    interview_at: dt.datetime | None
    interview_by: str | None
    clocks: Clocks


@dataclass(frozen=True, slots=True)
class MissingReport:
    episode: EpisodeRow
    compromise: compromised.CompromiseResult


def _child(session: Session, child_id: int) -> Child:
    child = session.get(Child, child_id)
    if child is None:
        raise InputError([Problem.of("child", Complaint("record.no_child", {"child_id": str(child_id)}))])
    return child


def open_episode(session: Session, child_id: int) -> MissingEpisode | None:
    return session.scalars(
        select(MissingEpisode).where(MissingEpisode.child_id == child_id, MissingEpisode.found_at.is_(None))
    ).first()


def _recent_count(session: Session, child_id: int, at: dt.datetime) -> int:
    """Episodes of the child whose last sighting lies within the window ending at ``at``."""
    return len(session.scalars(
        select(MissingEpisode.id).where(
            MissingEpisode.child_id == child_id,
            MissingEpisode.last_seen_at > at - ESCALATION_WINDOW,
            MissingEpisode.last_seen_at <= at,
        )
    ).all())  # fmt: skip


def clocks(session: Session, episode: MissingEpisode, now: dt.datetime) -> Clocks:
    due = police_due(episode.risk, episode.last_seen_at)
    ticked = episode.checklist or {}
    police_done = "police" in ticked
    interview_due = episode.found_at + RETURN_INTERVIEW_WITHIN if episode.found_at else None
    return Clocks(
        police_due=due,
        police_done=police_done,
        police_overdue=not police_done and now >= due,
        interview_due=interview_due,
        interview_overdue=interview_due is not None and episode.interview_at is None and now > interview_due,
        escalation=_recent_count(session, episode.child_id, episode.last_seen_at) >= ESCALATION_EPISODES,
        open_items=tuple(item for item in NOTIFICATIONS if item not in ticked),
        consent_by=consent_by(episode.child.age_on(episode.last_seen_at.date())),
    )


def _row(session: Session, episode: MissingEpisode, now: dt.datetime) -> EpisodeRow:
    return EpisodeRow(
        id=episode.id,
        child_id=episode.child_id,
        child_name=episode.child.name,
        family_id=episode.family_id,
        last_seen_at=episode.last_seen_at,
        last_seen_where=episode.last_seen_where,
        risk=episode.risk,
        reported_at=episode.reported_at,
        reported_by=episode.reported_by,
        checklist=dict(episode.checklist or {}),
        found_at=episode.found_at,
        found_country=episode.found_country,
        interview_at=episode.interview_at,
        interview_by=episode.interview_by,
        clocks=clocks(session, episode, now),
    )


def _not_future(at: dt.datetime, now: dt.datetime, where: str, problems: list[Problem]) -> None:
    if at > now + FUTURE_SLACK:
        problems.append(Problem.of(where, Complaint("date.future")))


def report_missing(
    session: Session,
    actor: Actor,
    child_id: int,
    *,
    last_seen: dt.datetime,
    risk: str,
    where: str = "",
    description: str = "",
    now: dt.datetime | None = None,
) -> MissingReport:
    """A placed child is missing. Refused, with nothing written, for a child
    who is not placed or already missing."""
    require(actor, Action.EDIT_CHILD, session=session)
    now = now or utcnow()
    child = _child(session, child_id)
    problems: list[Problem] = []
    if risk not in RISK_GRADES:
        problems.append(Problem.of("risk", Complaint("missing.unknown_risk", {"risk": risk, "choices": ", ".join(RISK_GRADES)})))
    _not_future(last_seen, now, "last_seen", problems)
    if len(where) > MAX_TEXT:
        problems.append(Problem.of("where", Complaint("text.at_most", {"limit": MAX_TEXT})))
    if len(description) > MAX_TEXT:
        problems.append(Problem.of("description", Complaint("text.at_most", {"limit": MAX_TEXT})))
    placement = current_placement(session, child_id)
    if open_episode(session, child_id) is not None:
        problems.append(Problem.of("child", Complaint("missing.already", {"child_id": str(child_id)})))
    elif placement is None:
        problems.append(Problem.of("child", Complaint("missing.not_placed", {"child_id": str(child_id)})))
    elif last_seen.date() < placement.start_date:
        problems.append(Problem.of("last_seen", Complaint("missing.before_placement")))
    if problems:
        raise InputError(problems)
    assert placement is not None
    episode = MissingEpisode(
        child=child, placement_id=placement.id, family_id=placement.family_id, last_seen_at=last_seen,
        last_seen_where=where.strip(), risk=risk, description=description.strip(), reported_at=now,
        reported_by=actor.username[:64], checklist={},
    )  # fmt: skip
    session.add(episode)
    session.flush()
    audit.record(session, actor, audit.CREATE, "missing_episode", episode.id)
    # The family is paused for review even when the child is linked to no network yet.
    result = compromised.compromise_family(
        session, actor, placement.family_id, [n.id for n in child.networks],
        source=f"vermissing C{child_id}, {last_seen.date().isoformat()}",
        on_date=last_seen.date(), missing_episode_id=episode.id,
    )  # fmt: skip
    return MissingReport(_row(session, episode, now), result)


def _episode(session: Session, child_id: int, *, found: bool | None = None) -> MissingEpisode:
    """The child's open episode (``found=False``), or its last found one (``found=True``)."""
    stmt = select(MissingEpisode).where(MissingEpisode.child_id == child_id)
    if found is False:
        episode = session.scalars(stmt.where(MissingEpisode.found_at.is_(None))).first()
        if episode is None:
            raise InputError([Problem.of("child", Complaint("missing.not_missing", {"child_id": str(child_id)}))])
        return episode
    episode = session.scalars(
        stmt.where(MissingEpisode.found_at.is_not(None)).order_by(MissingEpisode.found_at.desc())
    ).first()
    if episode is None:
        raise InputError([Problem.of("child", Complaint("missing.never_found", {"child_id": str(child_id)}))])
    return episode


def tick(
    session: Session, actor: Actor, child_id: int, item: str, *, at: dt.datetime | None = None,
    now: dt.datetime | None = None,
) -> EpisodeRow:
    """Tick one notification of the child's current (or last) episode with time and user."""
    require(actor, Action.EDIT_CHILD, session=session)
    now = now or utcnow()
    at = at or now
    _child(session, child_id)
    problems: list[Problem] = []
    if item not in NOTIFICATIONS:
        problems.append(Problem.of("item", Complaint("missing.unknown_notification", {"item": item, "choices": ", ".join(NOTIFICATIONS)})))
    _not_future(at, now, "at", problems)
    if problems:
        raise InputError(problems)
    episode = open_episode(session, child_id) or _episode(session, child_id, found=True)
    checklist = dict(episode.checklist or {})
    if item in checklist:
        raise InputError([Problem.of("item", Complaint("missing.already_ticked", {"item": item, "at": checklist[item]['at']}))])
    checklist[item] = {"at": at.isoformat(timespec="minutes"), "by": actor.username[:64]}
    episode.checklist = checklist
    session.flush()
    audit.record(session, actor, audit.CHANGE, "missing_episode", episode.id)
    return _row(session, episode, now)


COUNTRY = re.compile(r"^[A-Z]{2}$")


def found(
    session: Session, actor: Actor, child_id: int, *, at: dt.datetime, country: str | None = None,
    now: dt.datetime | None = None,
) -> EpisodeRow:
    """The child has been found; the return interview is due within 72 h."""
    require(actor, Action.EDIT_CHILD, session=session)
    now = now or utcnow()
    _child(session, child_id)
    episode = _episode(session, child_id, found=False)
    problems: list[Problem] = []
    if at < episode.last_seen_at:
        problems.append(Problem.of("at", Complaint("missing.before_sighting", {"seen": episode.last_seen_at.isoformat(' ', 'minutes')})))
    _not_future(at, now, "at", problems)
    country = country.strip().upper() if country else None
    if country is not None and not COUNTRY.match(country):
        problems.append(Problem.of("country", Complaint("country.not_code_examples", {"country": country})))
    if problems:
        raise InputError(problems)
    episode.found_at = at
    episode.found_country = country
    session.flush()
    audit.record(session, actor, audit.CHANGE, "missing_episode", episode.id)
    return _row(session, episode, now)


def placing_officer(session: Session, placement: Placement | None) -> tuple[int | None, str | None]:
    """(user id, user name) of the officer who accepted the placement, when known."""
    if placement is None or placement.session_id is None:
        return None, None
    row = session.get(MatchingSession, placement.session_id)
    if row is None:
        return None, None
    decisions = row.decisions or {}
    user_id = decisions.get("accepted_by_id", row.created_by_id)
    username = decisions.get("accepted_by")
    if username is None and user_id is not None:
        user = session.get(User, user_id)
        username = user.username if user else None
    return user_id, username


def record_interview(
    session: Session, actor: Actor, child_id: int, *, held_by: str, at: dt.datetime,
    now: dt.datetime | None = None,
) -> EpisodeRow:
    """The return interview of the child's last found episode was held by
    ``held_by`` (a user name or a person's name), who may not be the officer
    who placed the child."""
    require(actor, Action.EDIT_CHILD, session=session)
    now = now or utcnow()
    _child(session, child_id)
    episode = _episode(session, child_id, found=True)
    held_by = held_by.strip()
    problems: list[Problem] = []
    if not held_by:
        problems.append(Problem.of("held_by", Complaint("missing.interview_by")))
    elif len(held_by) > 200:
        problems.append(Problem.of("held_by", Complaint("text.at_most", {"limit": 200})))
    if episode.interview_at is not None:
        problems.append(Problem.of("child", Complaint("missing.interview_recorded", {"child_id": str(child_id)})))
    assert episode.found_at is not None
    if at < episode.found_at:
        problems.append(Problem.of("at", Complaint("missing.before_found")))
    _not_future(at, now, "at", problems)
    officer_id, officer_name = placing_officer(session, episode.placement)
    names = {officer_name.lower()} if officer_name else set()
    if officer_id is not None:
        user = session.get(User, officer_id)
        if user is not None:
            names |= {user.username.lower(), user.display_name.lower()}
    if held_by.lower() in names:
        problems.append(Problem.of("held_by", Complaint("missing.interview_officer")))
    if problems:
        raise InputError(problems)
    episode.interview_at = at
    episode.interview_by = held_by
    session.flush()
    audit.record(session, actor, audit.CHANGE, "missing_episode", episode.id)
    return _row(session, episode, now)


def episodes_of_child(session: Session, actor: Actor, child_id: int, *, now: dt.datetime | None = None) -> list[EpisodeRow]:
    """Every episode of the child, newest first (a guardian: only its own child's)."""
    child = _child(session, child_id)
    require(actor, Action.VIEW_CHILD, child=child)
    now = now or utcnow()
    rows = session.scalars(
        select(MissingEpisode).where(MissingEpisode.child_id == child_id).order_by(MissingEpisode.last_seen_at.desc())
    ).all()
    return [_row(session, e, now) for e in rows]


def open_episodes(session: Session, actor: Actor, *, now: dt.datetime | None = None) -> list[EpisodeRow]:
    """Children missing now, the police report's due time first."""
    require(actor, Action.VIEW_CHILD, session=session)
    now = now or utcnow()
    rows = [_row(session, e, now) for e in session.scalars(
        select(MissingEpisode).where(MissingEpisode.found_at.is_(None)).order_by(MissingEpisode.id))]  # fmt: skip
    return sorted(rows, key=lambda r: r.clocks.police_due)


def interviews_due(session: Session, actor: Actor, *, now: dt.datetime | None = None) -> list[EpisodeRow]:
    """Found children whose return interview has not been recorded, due first."""
    require(actor, Action.VIEW_CHILD, session=session)
    now = now or utcnow()
    rows = [_row(session, e, now) for e in session.scalars(
        select(MissingEpisode).where(MissingEpisode.found_at.is_not(None), MissingEpisode.interview_at.is_(None))
        .order_by(MissingEpisode.id))]  # fmt: skip
    return sorted(rows, key=lambda r: r.clocks.interview_due or now)


def escalations(session: Session, actor: Actor, *, now: dt.datetime | None = None) -> list[EpisodeRow]:
    """The newest episode of each child with 3 episodes within 30 days of it."""
    require(actor, Action.VIEW_CHILD, session=session)
    now = now or utcnow()
    newest: dict[int, MissingEpisode] = {}
    for e in session.scalars(select(MissingEpisode).order_by(MissingEpisode.last_seen_at)):
        newest[e.child_id] = e
    rows = [_row(session, e, now) for e in newest.values()]
    return [r for r in rows if r.clocks.escalation and r.last_seen_at > now - ESCALATION_WINDOW]
