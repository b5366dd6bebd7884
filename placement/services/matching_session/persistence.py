"""Opening, storing, closing and reopening the ``MatchingSession`` row of a run.

The caller owns the transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session, defer

from catalogue import limits
from catalogue.keys import Key
from catalogue.validation_sentences import Complaint
from placement.actor import Actor
from placement.aftercare_codes import END_REASONS
from placement.errors import InputError, Problem
from placement.ids import ChildId, SessionId
from placement.services import audit
from placement.services.matching import build_problem
from placement.services.matching_session.cards import cards_for
from placement.services.matching_session.run_state import AcceptedRow, MatchingRun, conflict
from placement.services.permissions import Action, require
from placement.sessionfile import (
    parse_session,
    proposal_from_json,
    proposal_to_json,
    session_to_json,
)
from placement.storage.models import (
    Child,
    ChildStatus,
    MatchingSession,
    PlacementStatus,
    SessionStatus,
    User,
    utcnow,
)
from placement.storage.models import Placement as PlacementRow
from solver.problem import Forbidden
from solver.problem import Problem as MatchingProblem
from solver.problem import Settings as SolveSettings

# ---------------------------------------------------------------- starting and storing


def start(
    session: Session,
    actor: Actor,
    *,
    on_date: dt.date,
    child_ids: Collection[ChildId],
    settings: SolveSettings | None = None,
) -> MatchingRun:
    """Open a new matching session for the chosen waiting children.

    The problem is taken from the database now and kept as it is for every
    re-solve of this session, so that pins and forbidden pairs are compared
    against the same question; acceptance re-checks the free places.
    """
    require(actor, Action.RUN_SESSION, session=session)
    if not child_ids:
        raise InputError([Problem.of("children", Complaint("session.choose_child"))])
    settings = settings or SolveSettings()
    problem = build_problem(
        session, actor, on_date=on_date, child_ids=list(child_ids), settings=settings
    )
    return _open(session, actor, on_date, problem, settings, {})


def _open(
    session: Session,
    actor: Actor,
    on_date: dt.date,
    problem: MatchingProblem,
    settings: SolveSettings,
    extra: dict[str, Any],
) -> MatchingRun:
    row = MatchingSession(
        created_by_id=actor.user_id,
        session_date=on_date,
        settings=_settings_json(settings),
        problem=session_to_json(problem),
        proposal=None,
        decisions={**_decisions_json(problem, solves=0), "started_by": actor.username, **extra},
        status=SessionStatus.OPEN,
    )
    session.add(row)
    session.flush()
    audit.record(session, actor, audit.CREATE, "matching_session", row.id)
    return MatchingRun(
        id=SessionId(row.id),
        on_date=on_date,
        status=SessionStatus.OPEN,
        read_only=False,
        problem=problem,
        cards=cards_for(session, problem),
        stored_problem=problem,
    )


REPLACEMENT_PRIORITY = limits.PRIORITY.high
"""A child that must move is the most urgent, unless the officer chooses otherwise."""


def start_replacement(
    session: Session,
    actor: Actor,
    child_id: ChildId,
    *,
    on_date: dt.date,
    reason: str,
    include_siblings: bool = False,
    priority: int = REPLACEMENT_PRIORITY,
    settings: SolveSettings | None = None,
) -> MatchingRun:
    """Opnieuw plaatsen: a matching session for one child (and its
    keep-together siblings, if the officer includes them) after an alert, a
    missing episode or a breakdown. Each child's current (or last) family is
    forbidden and the priority is ``priority`` (the highest unless the
    officer chose another). Accepting ends each moved child's current placement with
    ``reason`` and starts the new one in the same transaction; no other
    child's placement is touched."""
    require(actor, Action.RUN_SESSION, session=session)
    problems: list[Problem] = []
    code = END_REASONS.get(reason)
    if code is None:
        problems.append(Problem.of("reason", Complaint("placement.unknown_reason", {"reason": reason, "choices": ", ".join(END_REASONS)})))
    elif code.leaves_care:
        problems.append(Problem.of("reason", Complaint("session.leaves_care", {"reason": reason})))
    if (complaint := limits.PRIORITY.complaint(priority)) is not None:
        problems.append(Problem.of("priority", complaint))
    child = session.get(Child, child_id)
    if child is None:
        problems.append(Problem.of("child", Complaint("record.no_child", {"child_id": str(child_id)})))
    if problems:
        raise InputError(problems)
    assert child is not None
    ids = [child.id]
    group = child.sibling_group
    if include_siblings and group is not None and group.keep_together:
        ids += [c.id for c in group.children if c.id != child.id and c.status != ChildStatus.LEFT_CARE]
    last: dict[int, PlacementRow] = {}
    for cid in ids:
        row = session.scalars(
            select(PlacementRow).where(PlacementRow.child_id == cid).order_by(PlacementRow.start_date.desc())
        ).first()
        if row is not None:
            last[cid] = row
    replacing = [cid for cid, p in last.items() if p.status == PlacementStatus.ACTIVE]
    settings = settings or SolveSettings()
    problem = build_problem(session, actor, on_date=on_date, child_ids=ids, settings=settings, replacing=replacing)
    families = {f.id for f in problem.families}
    forbidden = tuple(
        Forbidden(f"C{cid}", f"F{p.family_id}") for cid, p in sorted(last.items()) if f"F{p.family_id}" in families
    )
    problem = replace(
        problem,
        children=tuple(replace(c, priority=priority) for c in problem.children),
        forbidden=problem.forbidden + forbidden,
    )
    extra = {"replacement": {f"C{cid}": {"reason": reason, "placement": last[cid].id} for cid in replacing}}
    return _open(session, actor, on_date, problem, settings, extra)


def look_ahead(
    session: Session,
    actor: Actor,
    *,
    on_date: dt.date,
    child_id: ChildId,
    settings: SolveSettings | None = None,
) -> MatchingRun:
    """One waiting child's question, not stored: for its best families
    (:func:`alternatives`, the command line's ``recommend``) and its map
    (:func:`safety_view`) from the children register. Read-only; reading the
    child's file is audited."""
    require(actor, Action.RUN_SESSION, session=session)
    problem = build_problem(
        session, actor, on_date=on_date, child_ids=[child_id], settings=settings or SolveSettings()
    )
    audit.record(session, actor, audit.READ, "child", child_id)
    return MatchingRun(
        id=SessionId(0),
        on_date=on_date,
        status=SessionStatus.OPEN,
        read_only=True,
        problem=problem,
        cards=cards_for(session, problem),
    )


def save(session: Session, actor: Actor, run: MatchingRun) -> None:
    """Store the problem as run (with its pins and forbidden pairs), the latest
    proposal and the decisions so far."""
    require(actor, Action.RUN_SESSION, session=session)
    row = open_row(session, run.id)
    row.settings = _settings_json(run.problem.settings)
    if run.problem is not run.stored_problem:  # the very object stored (immutable): unchanged
        row.problem = session_to_json(run.problem)
    row.proposal = proposal_to_json(run.proposal) if run.proposal is not None else None
    decisions = dict(row.decisions or {})
    decisions.update(_decisions_json(run.problem, solves=run.solves))
    decisions["solved_by"] = actor.username
    decisions["solved_at"] = utcnow().isoformat(timespec="seconds")
    row.decisions = decisions
    audit.record(session, actor, audit.CHANGE, "matching_session", row.id)


def close(session: Session, actor: Actor, matching_session_id: SessionId) -> None:
    """Leave an open session without accepting anything: it stays in the
    history, read-only, as ``closed`` (the officer moved on to a new one)."""
    require(actor, Action.RUN_SESSION, session=session)
    row = open_row(session, matching_session_id)
    decisions = dict(row.decisions or {})
    decisions["closed_by"] = actor.username
    decisions["closed_at"] = utcnow().isoformat(timespec="seconds")
    row.decisions = decisions
    row.status = SessionStatus.CLOSED
    audit.record(session, actor, audit.CHANGE, "matching_session", row.id)


# ---------------------------------------------------------------- history


@dataclass(frozen=True, slots=True)
class SessionSummary:
    id: SessionId
    created_at: dt.datetime
    session_date: dt.date
    created_by: str
    status: SessionStatus
    children: int
    placed: int
    accepted: int


def past_sessions(session: Session, actor: Actor, *, limit: int = 200) -> list[SessionSummary]:
    """Matching sessions, newest first. The counts are taken by the database
    from the stored JSON: each session's problem alone is 1.5 MB on the demo,
    too much to read back two hundred times for a list."""
    require(actor, Action.RUN_SESSION, session=session)
    dialect = session.get_bind().dialect.name
    rows = session.execute(
        select(
            MatchingSession.id,
            MatchingSession.created_at,
            MatchingSession.session_date,
            User.display_name,
            MatchingSession.decisions["started_by"].as_string(),
            MatchingSession.status,
            _array_length(dialect, MatchingSession.problem, "children"),
            _array_length(dialect, MatchingSession.proposal, "placements"),
            _array_length(dialect, MatchingSession.decisions, "accepted"),
        )
        .outerjoin(User, User.id == MatchingSession.created_by_id)
        .order_by(MatchingSession.id.desc())
        .limit(limit)
    )
    return [
        SessionSummary(
            id=SessionId(row_id),
            created_at=created_at,
            session_date=session_date,
            created_by=display_name if display_name is not None else (started_by or ""),
            status=status,
            children=children,
            placed=placed,
            accepted=accepted,
        )
        for (
            row_id, created_at, session_date, display_name, started_by, status, children, placed, accepted,
        ) in rows
    ]


def _array_length(dialect: str, column: Any, key: str) -> Any:
    """The length of the JSON array under ``key`` of ``column``, counted in the
    database; 0 when the column is NULL or holds no such array."""
    if dialect == "postgresql":
        value = column.op("->")(key)
        return case((func.json_typeof(value) == "array", func.json_array_length(value)), else_=0)
    return func.coalesce(func.json_array_length(column, f"$.{key}"), 0)


def reopen(session: Session, actor: Actor, matching_session_id: SessionId) -> MatchingRun:
    """A past session exactly as stored, for viewing only."""
    require(actor, Action.RUN_SESSION, session=session)
    row = session.get(MatchingSession, matching_session_id)
    if row is None:
        raise InputError(
            [Problem.of("session", Complaint("session.no_session", {"session_id": str(matching_session_id)}))]
        )
    problem = parse_session(row.problem, source=f"matching session {row.id}")
    decisions = row.decisions or {}
    audit.record(session, actor, audit.READ, "matching_session", row.id)
    return MatchingRun(
        id=SessionId(row.id),
        on_date=row.session_date,
        status=row.status,
        read_only=True,
        problem=problem,
        cards=cards_for(session, problem),
        stored_problem=problem,
        proposal=proposal_from_json(row.proposal, source=f"matching session {row.id}")
        if row.proposal is not None
        else None,
        solves=int(decisions.get("solves", 0)),
        solved_with=(problem.pins, problem.forbidden),
        accepted=tuple(
            AcceptedRow(a["child"], a["family"], a.get("school"))
            for a in decisions.get("accepted", [])
        ),
    )


def open_row(session: Session, matching_session_id: SessionId) -> MatchingSession:
    """The open session's row, to change. Its problem and proposal (the demo's
    problem is 1.5 MB of JSON) are read only when used."""
    row = session.get(
        MatchingSession,
        matching_session_id,
        options=[defer(MatchingSession.problem), defer(MatchingSession.proposal)],
    )
    if row is None:
        raise InputError(
            [Problem.of("session", Complaint("session.no_session", {"session_id": str(matching_session_id)}))]
        )
    if row.status != SessionStatus.OPEN:
        raise conflict(Key.SESSION_ALREADY, session=matching_session_id, status=row.status.value)
    return row


def _settings_json(settings: SolveSettings) -> dict[str, Any]:
    return {
        "safety_km": settings.safety_km,
        "max_school_km": settings.max_school_km,
        "time_limit_s": settings.time_limit_s,
    }


def _decisions_json(problem: MatchingProblem, *, solves: int) -> dict[str, Any]:
    return {
        "pins": [{"child": p.child, "family": p.family, "school": p.school} for p in problem.pins],
        "forbidden": [{"child": f.child, "family": f.family} for f in problem.forbidden],
        "solves": solves,
    }
