"""The officers' home screen: what needs doing now, each item naming the
child or family it concerns (by id, so the app can open that file).

- waiting children by priority;
- open network alerts;
- missing children, with their clocks running;
- return interviews due;
- escalations (3 episodes in 30 days);
- paused families waiting for review;
- trainings about to expire;
- court authorisations for closed care ending within 4 weeks, and children
  living in a closed unit whose authorisation has ended (an alert).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from placement.actor import Actor
from placement.services import alerts, authorisations, missing
from placement.services.matching_session import waiting
from placement.services.permissions import Action, require
from placement.storage.models import (
    FamilyReview,
    FamilyStatus,
    FosterFamily,
    TrainingRecord,
    utcnow,
)

TRAINING_WARNING = dt.timedelta(days=60)
"""A training expiring within this many days is listed."""


@dataclass(frozen=True, slots=True)
class ReviewItem:
    family_id: int
    family_name: str
    opened_at: dt.datetime
    source: str


@dataclass(frozen=True, slots=True)
class TrainingItem:
    family_id: int
    family_name: str
    tag: str
    expires_on: dt.date


@dataclass(frozen=True, slots=True)
class Home:
    now: dt.datetime
    waiting: tuple[waiting.WaitingChild, ...]
    alerts: tuple[alerts.AlertRow, ...]
    missing: tuple[missing.EpisodeRow, ...]
    interviews: tuple[missing.EpisodeRow, ...]
    escalations: tuple[missing.EpisodeRow, ...]
    reviews: tuple[ReviewItem, ...]
    trainings: tuple[TrainingItem, ...]
    authorisations_ending: tuple[authorisations.ExpiringAuthorisation, ...] = ()
    authorisations_lapsed: tuple[authorisations.LapsedAuthorisation, ...] = ()


def officer_home(session: Session, actor: Actor, *, now: dt.datetime | None = None) -> Home:
    require(actor, Action.RUN_SESSION, session=session)
    now = now or utcnow()
    today = now.date()
    reviews = session.scalars(
        select(FamilyReview).where(FamilyReview.closed_at.is_(None)).options(selectinload(FamilyReview.family))
        .order_by(FamilyReview.opened_at)
    ).all()  # fmt: skip
    expiring = session.scalars(
        select(TrainingRecord)
        .join(FosterFamily, FosterFamily.id == TrainingRecord.family_id)
        .where(FosterFamily.status == FamilyStatus.ACTIVE, TrainingRecord.expires_on.is_not(None),
               TrainingRecord.expires_on >= today, TrainingRecord.expires_on <= today + TRAINING_WARNING)
        .options(selectinload(TrainingRecord.family))
        .order_by(TrainingRecord.expires_on)
    ).all()  # fmt: skip
    return Home(
        now=now,
        waiting=tuple(waiting.waiting_children(session, actor, on_date=today)),
        alerts=tuple(alerts.open_alerts(session, actor)),
        missing=tuple(missing.open_episodes(session, actor, now=now)),
        interviews=tuple(missing.interviews_due(session, actor, now=now)),
        escalations=tuple(missing.escalations(session, actor, now=now)),
        reviews=tuple(ReviewItem(r.family_id, r.family.name, r.opened_at, r.source) for r in reviews),
        trainings=tuple(TrainingItem(t.family_id, t.family.name, t.tag, t.expires_on) for t in expiring),
        authorisations_ending=tuple(authorisations.expiring(session, actor, today)),
        authorisations_lapsed=tuple(authorisations.lapsed_in_unit(session, actor, today)),
    )
