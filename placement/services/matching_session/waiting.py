"""The waiting children an officer chooses from when starting a matching session."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from placement.actor import Actor
from placement.ids import ChildId
from placement.services.permissions import Action, require
from placement.storage.models import Child, ChildStatus

# ---------------------------------------------------------------- display cards


@dataclass(frozen=True, slots=True)
class WaitingChild:
    """A row of the "choose children" table."""

    id: ChildId
    name: str
    age: int
    priority: int
    school_kind: str | None
    sibling_group: str | None
    region: str | None = None
    """Responsible region (province): which team handles the child."""


def waiting_children(session: Session, actor: Actor, *, on_date: dt.date) -> list[WaitingChild]:
    """Children still waiting for a place, most urgent first."""
    require(actor, Action.RUN_SESSION, session=session)
    rows = session.scalars(
        select(Child)
        .options(selectinload(Child.sibling_group))
        .where(Child.status == ChildStatus.WAITING)
        .order_by(Child.priority.desc(), Child.name)
    )
    return [
        WaitingChild(
            id=ChildId(c.id),
            name=c.name,
            age=c.age_on(on_date),
            priority=c.priority,
            school_kind=c.school_kind,
            sibling_group=(c.sibling_group.label or f"G{c.sibling_group.id}")
            if c.sibling_group
            else None,
            region=c.region,
        )
        for c in rows
    ]
