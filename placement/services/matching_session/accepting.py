"""Accepting a session: the stored proposal becomes placements, all or nothing."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from catalogue.keys import Key
from catalogue.validation_sentences import Complaint
from placement.actor import Actor
from placement.errors import InputError, Problem
from placement.ids import ChildId, FamilyId, SchoolId, SessionId
from placement.services import audit
from placement.services.matching_session.ids import row_id
from placement.services.matching_session.persistence import open_row
from placement.services.matching_session.run_state import AcceptedRow, conflict
from placement.services.permissions import Action, require
from placement.services.placements import accept_placements, current_placement, end_placement
from placement.sessionfile import proposal_from_json
from placement.storage.models import School, SessionStatus, utcnow


@dataclass(frozen=True, slots=True)
class AcceptResult:
    session_id: SessionId
    rows: tuple[AcceptedRow, ...]
    placement_ids: tuple[int, ...]
    family_ids: tuple[FamilyId, ...]
    child_ids: tuple[ChildId, ...]


def accept(
    session: Session,
    actor: Actor,
    matching_session_id: SessionId,
    child_ids: Iterable[str] | None = None,
) -> AcceptResult:
    """Create the placements of the stored proposal (all, or the given children) in
    one go and close the session.

    All or nothing: when a family has meanwhile filled up or a child was placed
    elsewhere, :class:`ConflictError` is raised and nothing is written (the
    caller's transaction rolls back). The children not accepted stay waiting
    and can go into a new session.
    """
    require(actor, Action.RUN_SESSION, session=session)
    row = open_row(session, matching_session_id)
    if row.proposal is None:
        raise conflict(Key.SESSION_NO_PROPOSAL)
    proposal = proposal_from_json(row.proposal, source=f"matching session {row.id}")
    by_child = {p.child: p for p in proposal.placements}
    wanted = list(by_child) if child_ids is None else list(dict.fromkeys(child_ids))
    missing = [c for c in wanted if c not in by_child]
    if missing:
        raise InputError(
            [Problem.of("children", Complaint("proposal.no_place", {"child": c})) for c in missing]
        )
    if not wanted:
        raise InputError([Problem.of("children", Complaint("proposal.nothing_to_accept"))])
    chosen = [by_child[c] for c in wanted]
    schools = _school_ids(session, {p.school for p in chosen if p.school})
    items = [
        (row_id(p.child, "C"), row_id(p.family, "F"), schools[p.school] if p.school else None)
        for p in chosen
    ]
    replacing = (row.decisions or {}).get("replacement") or {}
    for p in chosen:  # a re-placement: the old placement ends in this same transaction
        moved = replacing.get(p.child)
        current = current_placement(session, row_id(p.child, "C")) if moved else None
        if moved and current is not None:
            end_placement(session, actor, current.id, on_date=row.session_date, reason=moved["reason"])
    placement_ids = accept_placements(session, actor, items, session_id=row.id, on_date=row.session_date)
    rows = tuple(AcceptedRow(p.child, p.family, p.school) for p in chosen)
    decisions = dict(row.decisions or {})
    decisions["accepted"] = [
        {"child": r.child, "family": r.family, "school": r.school} for r in rows
    ]
    decisions["accepted_by"] = actor.username
    decisions["accepted_by_id"] = actor.user_id
    decisions["accepted_at"] = utcnow().isoformat(timespec="seconds")
    row.decisions = decisions
    row.status = SessionStatus.ACCEPTED
    session.flush()
    audit.record(session, actor, audit.CHANGE, "matching_session", row.id)
    return AcceptResult(
        session_id=SessionId(row.id),
        rows=rows,
        placement_ids=tuple(placement_ids),
        family_ids=tuple(FamilyId(i[1]) for i in items),
        child_ids=tuple(ChildId(i[0]) for i in items),
    )


def _school_ids(session: Session, duo_codes: set[str]) -> dict[str, SchoolId]:
    if not duo_codes:
        return {}
    found = {
        code: SchoolId(i)
        for i, code in session.execute(
            select(School.id, School.duo_code).where(School.duo_code.in_(duo_codes))
        )
    }
    missing = sorted(duo_codes - found.keys())
    if missing:
        raise conflict(Key.SESSION_SCHOOL_GONE, school=missing[0])
    return found
