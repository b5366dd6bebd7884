"""The matching session: the placement officer's main workflow.

An officer picks waiting children, the solver proposes families and schools,
the officer pins or forbids pairs, re-solves, compares and accepts. A
:class:`MatchingRun` is the plain-Python state of one such session; the
functions that only change the question (pin, forbid) or compute an answer
(solve, diff, alternatives) are pure and never touch the database, so the
window can run them off the GUI thread without holding a transaction across
a long solve. The functions that take a SQLAlchemy ``Session`` read or store
the ``MatchingSession`` row; the caller owns the transaction.

Ids inside a run are the session-file ids (``C12``, ``F3``, DUO school
codes), so the stored problem and proposal JSON read exactly like a session
file someone could solve again on the command line.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

import solver
from placement.actor import Actor
from placement.aftercare_codes import END_REASONS
from placement.errors import ConflictError, InputError, Problem
from placement.ids import ChildId, FamilyId, SchoolId, SessionId
from placement.services import audit
from placement.services.matching import build_problem
from placement.services.permissions import Action, require
from placement.services.placements import accept_placements, current_placement, end_placement
from placement.sessionfile import (
    parse_session,
    proposal_from_json,
    proposal_to_json,
    session_to_json,
)
from placement.storage.models import (
    Child,
    ChildStatus,
    FosterFamily,
    MatchingSession,
    PlacementStatus,
    School,
    SessionStatus,
    utcnow,
)
from placement.storage.models import Placement as PlacementRow
from solver.geo import distance_km
from solver.problem import Child as SolverChild
from solver.problem import Forbidden, Pin, Point
from solver.problem import Problem as MatchingProblem
from solver.problem import Settings as SolveSettings
from solver.proposal import CancelToken, Placement, Progress, Proposal, Recommendation

# ---------------------------------------------------------------- display cards


@dataclass(frozen=True, slots=True)
class ChildCard:
    """What the matching page may show about a child."""

    id: str
    name: str
    age: int
    priority: int


@dataclass(frozen=True, slots=True)
class FamilyCard:
    """What the matching page may show about a family: never the address."""

    id: str
    name: str
    municipality: str


@dataclass(frozen=True, slots=True)
class SchoolCard:
    id: str
    name: str
    municipality: str


@dataclass(frozen=True, slots=True)
class Cards:
    """Display names for the ids of one run, looked up once when it is opened."""

    children: Mapping[str, ChildCard] = field(default_factory=dict)
    families: Mapping[str, FamilyCard] = field(default_factory=dict)
    schools: Mapping[str, SchoolCard] = field(default_factory=dict)

    def child_name(self, child_id: str) -> str:
        card = self.children.get(child_id)
        return card.name if card else child_id

    def family_name(self, family_id: str) -> str:
        card = self.families.get(family_id)
        return (
            f"{card.name} ({card.municipality})"
            if card and card.municipality
            else (card.name if card else family_id)
        )

    def school_name(self, school_id: str | None) -> str:
        if school_id is None:
            return ""
        card = self.schools.get(school_id)
        return card.name if card else school_id


# ---------------------------------------------------------------- the run


@dataclass(frozen=True, slots=True)
class AcceptedRow:
    child: str
    family: str
    school: str | None


@dataclass(frozen=True, slots=True)
class MatchingRun:
    """One matching session as the officer sees it.

    ``problem`` carries the current pins and forbidden pairs; ``proposal`` is
    the latest answer and ``previous`` the one before it, for :func:`diff`.
    """

    id: SessionId
    on_date: dt.date
    status: SessionStatus
    read_only: bool
    problem: MatchingProblem
    cards: Cards
    proposal: Proposal | None = None
    previous: Proposal | None = None
    solves: int = 0
    accepted: tuple[AcceptedRow, ...] = ()
    solved_with: tuple[tuple[Pin, ...], tuple[Forbidden, ...]] | None = None
    """The pins and forbidden pairs the current proposal was solved with."""

    @property
    def stale(self) -> bool:
        """Whether pins or prohibitions changed since the proposal was made (re-solve to apply them)."""
        return self.proposal is not None and self.solved_with != (
            self.problem.pins,
            self.problem.forbidden,
        )

    @property
    def pins(self) -> tuple[Pin, ...]:
        return self.problem.pins

    @property
    def forbidden(self) -> tuple[Forbidden, ...]:
        return self.problem.forbidden

    def pin_for(self, child_id: str) -> Pin | None:
        return next((p for p in self.problem.pins if p.child == child_id), None)

    def is_forbidden(self, child_id: str, family_id: str) -> bool:
        return Forbidden(child_id, family_id) in self.problem.forbidden

    def placement_of(self, child_id: str) -> Placement | None:
        if self.proposal is None:
            return None
        return next((p for p in self.proposal.placements if p.child == child_id), None)


# ---------------------------------------------------------------- choosing children


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
        raise InputError([Problem("children", "choose at least one child")])
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
        cards=_cards(session, problem),
    )


REPLACEMENT_PRIORITY = 5


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
    forbidden and the priority is ``priority`` (5 unless the officer chose
    another). Accepting ends each moved child's current placement with
    ``reason`` and starts the new one in the same transaction; no other
    child's placement is touched."""
    require(actor, Action.RUN_SESSION, session=session)
    problems: list[Problem] = []
    code = END_REASONS.get(reason)
    if code is None:
        problems.append(Problem("reason", f'unknown reason code "{reason}" (one of: {", ".join(END_REASONS)})'))
    elif code.leaves_care:
        problems.append(Problem("reason", f'with the reason "{reason}" the child leaves care: nothing to re-place'))
    if not 1 <= priority <= 5:
        problems.append(Problem("priority", "must be between 1 and 5"))
    child = session.get(Child, child_id)
    if child is None:
        problems.append(Problem("child", f"no child C{child_id}"))
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
        cards=_cards(session, problem),
    )


def save(session: Session, actor: Actor, run: MatchingRun) -> None:
    """Store the problem as run (with its pins and forbidden pairs), the latest
    proposal and the decisions so far."""
    require(actor, Action.RUN_SESSION, session=session)
    row = _open_row(session, run.id)
    row.settings = _settings_json(run.problem.settings)
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
    row = _open_row(session, matching_session_id)
    decisions = dict(row.decisions or {})
    decisions["closed_by"] = actor.username
    decisions["closed_at"] = utcnow().isoformat(timespec="seconds")
    row.decisions = decisions
    row.status = SessionStatus.CLOSED
    audit.record(session, actor, audit.CHANGE, "matching_session", row.id)


# ---------------------------------------------------------------- changing the question


def pin(
    run: MatchingRun, child_id: str, family_id: str, school_id: str | None = None
) -> MatchingRun:
    """Fix ``child_id`` to ``family_id`` (and school) for the next solve.

    A pin that breaks a hard rule is not refused here: the solver then says
    which pins and rules clash, in the officer's words.
    """
    _require_editable(run)
    _check_ids(run, child_id, family_id, school_id)
    pins = tuple(p for p in run.problem.pins if p.child != child_id) + (
        Pin(child_id, family_id, school_id),
    )
    forbidden = tuple(f for f in run.problem.forbidden if f != Forbidden(child_id, family_id))
    return replace(run, problem=replace(run.problem, pins=pins, forbidden=forbidden))


def unpin(run: MatchingRun, child_id: str) -> MatchingRun:
    _require_editable(run)
    return replace(
        run,
        problem=replace(
            run.problem, pins=tuple(p for p in run.problem.pins if p.child != child_id)
        ),
    )


def forbid(run: MatchingRun, child_id: str, family_id: str) -> MatchingRun:
    """Never propose ``family_id`` for ``child_id`` again in this session (drops a pin on that pair)."""
    _require_editable(run)
    _check_ids(run, child_id, family_id, None)
    pair = Forbidden(child_id, family_id)
    pins = tuple(p for p in run.problem.pins if (p.child, p.family) != (child_id, family_id))
    forbidden = tuple(f for f in run.problem.forbidden if f != pair) + (pair,)
    return replace(run, problem=replace(run.problem, pins=pins, forbidden=forbidden))


def unforbid(run: MatchingRun, child_id: str, family_id: str) -> MatchingRun:
    _require_editable(run)
    pair = Forbidden(child_id, family_id)
    return replace(
        run,
        problem=replace(
            run.problem, forbidden=tuple(f for f in run.problem.forbidden if f != pair)
        ),
    )


# ---------------------------------------------------------------- solving


def solve(
    run: MatchingRun,
    *,
    on_progress: Callable[[Progress], None] | None = None,
    cancel: CancelToken | None = None,
    exact: bool = False,
) -> MatchingRun:
    """Solve (or re-solve) in the caller's thread; the previous proposal is kept for :func:`diff`.

    ``on_progress`` is called from this thread with every better plan found;
    ``cancel`` stops the search and keeps the best plan so far; ``exact``
    searches on until the score is proven exactly (otherwise a plan proven
    within the contract's tolerance is optimal).
    """
    _require_editable(run)
    previous = None
    if run.proposal is not None and run.solved_with is not None:
        # the session as it was solved: the solver reuses that plan and its
        # bounds when only pins or forbidden pairs were added since
        pins, forbidden = run.solved_with
        before = replace(run.problem, pins=pins, forbidden=forbidden)
        previous = solver.Previous(before, run.proposal)
    proposal = solver.solve(
        run.problem,
        time_limit_s=run.problem.settings.time_limit_s,
        on_progress=on_progress,
        cancel=cancel,
        exact=exact,
        previous=previous,
    )
    return replace(
        run,
        proposal=proposal,
        previous=run.proposal,
        solves=run.solves + 1,
        solved_with=(run.problem.pins, run.problem.forbidden),
    )


# ---------------------------------------------------------------- comparing and explaining


class ChangeKind(StrEnum):
    PLACED = "placed"  # was not placed, now is
    UNPLACED = "unplaced"  # was placed, now is not
    MOVED = "moved"  # another family
    SCHOOL = "school"  # same family, another school


@dataclass(frozen=True, slots=True)
class Change:
    child: str
    kind: ChangeKind
    family_before: str | None
    family_after: str | None
    school_before: str | None
    school_after: str | None
    made_way_for: tuple[str, ...] = ()
    """For a child who moved or lost its place: the children who now have a place
    in its former family and did not before (it had to make way for them)."""


def diff(previous: Proposal | None, current: Proposal | None) -> tuple[Change, ...]:
    """Who moved between two proposals of one session, in child-id order."""
    before = {p.child: p for p in previous.placements} if previous else {}
    after = {p.child: p for p in current.placements} if current else {}
    changes: list[Change] = []
    for child in sorted(before.keys() | after.keys(), key=_id_order):
        old, new = before.get(child), after.get(child)
        if old is None and new is not None:
            kind = ChangeKind.PLACED
        elif new is None and old is not None:
            kind = ChangeKind.UNPLACED
        elif old is not None and new is not None and old.family != new.family:
            kind = ChangeKind.MOVED
        elif old is not None and new is not None and old.school != new.school:
            kind = ChangeKind.SCHOOL
        else:
            continue
        newcomers: tuple[str, ...] = ()
        if kind in (ChangeKind.MOVED, ChangeKind.UNPLACED) and old is not None:
            newcomers = tuple(
                sorted(
                    (
                        c
                        for c, p in after.items()
                        if p.family == old.family and (c not in before or before[c].family != old.family)
                    ),
                    key=_id_order,
                )
            )
        changes.append(
            Change(
                child=child,
                kind=kind,
                family_before=old.family if old else None,
                family_after=new.family if new else None,
                school_before=old.school if old else None,
                school_after=new.school if new else None,
                made_way_for=newcomers,
            )
        )
    return tuple(changes)


def alternatives(run: MatchingRun, child_id: str, n: int = 10) -> Recommendation:
    """The best families for one child with their score breakdown, and how many
    families each rule excluded (the solver's recommendation)."""
    _check_ids(run, child_id, None, None)
    return solver.recommend(run.problem, child_id, n=n)


@dataclass(frozen=True, slots=True)
class SafetyView:
    """What the map draws for one child: network locations, the safety circle
    radius, and the proposed family and school (coordinates only)."""

    network_points: tuple[Point, ...]
    safety_km: float
    family_point: Point | None
    school_point: Point | None
    school_km: float | None


def safety_view(
    run: MatchingRun, child_id: str, family_id: str | None, school_id: str | None
) -> SafetyView:
    child = _child(run.problem, child_id)
    networks = {n.id: n for n in run.problem.networks}
    points = tuple(
        pt for nid in child.networks if nid in networks for pt in networks[nid].locations
    )
    family = next((f.location for f in run.problem.families if f.id == family_id), None)
    school = next((s.location for s in run.problem.schools if s.id == school_id), None)
    school_km = (
        distance_km(family.lat, family.lon, school.lat, school.lon) if family and school else None
    )
    return SafetyView(points, child.safety_km, family, school, school_km)


# ---------------------------------------------------------------- accepting


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
    row = _open_row(session, matching_session_id)
    if row.proposal is None:
        raise _conflict("session.no_proposal")
    proposal = proposal_from_json(row.proposal, source=f"matching session {row.id}")
    by_child = {p.child: p for p in proposal.placements}
    wanted = list(by_child) if child_ids is None else list(dict.fromkeys(child_ids))
    missing = [c for c in wanted if c not in by_child]
    if missing:
        raise InputError(
            [Problem("children", f"{c} has no place in this proposal") for c in missing]
        )
    if not wanted:
        raise InputError([Problem("children", "there is nothing to accept")])
    chosen = [by_child[c] for c in wanted]
    schools = _school_ids(session, {p.school for p in chosen if p.school})
    items = [
        (_int_id(p.child, "C"), _int_id(p.family, "F"), schools[p.school] if p.school else None)
        for p in chosen
    ]
    replacing = (row.decisions or {}).get("replacement") or {}
    for p in chosen:  # a re-placement: the old placement ends in this same transaction
        moved = replacing.get(p.child)
        current = current_placement(session, _int_id(p.child, "C")) if moved else None
        if moved and current is not None:
            end_placement(session, actor, current.id, on_date=row.session_date, reason=moved["reason"])
    try:
        placement_ids = accept_placements(
            session, actor, items, session_id=row.id, on_date=row.session_date
        )
    except ConflictError as exc:
        named = {k: _with_names(session, v) if isinstance(v, str) else v for k, v in exc.params.items()}
        raise ConflictError(_with_names(session, str(exc)), exc.key, named) from None
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
    """Matching sessions, newest first."""
    require(actor, Action.RUN_SESSION, session=session)
    rows = session.scalars(select(MatchingSession).order_by(MatchingSession.id.desc()).limit(limit))
    return [
        SessionSummary(
            id=SessionId(r.id),
            created_at=r.created_at,
            session_date=r.session_date,
            created_by=r.created_by.display_name
            if r.created_by
            else (r.decisions or {}).get("started_by", ""),
            status=r.status,
            children=len((r.problem or {}).get("children", [])),
            placed=len((r.proposal or {}).get("placements", [])),
            accepted=len((r.decisions or {}).get("accepted", [])),
        )
        for r in rows
    ]


def reopen(session: Session, actor: Actor, matching_session_id: SessionId) -> MatchingRun:
    """A past session exactly as stored, for viewing only."""
    require(actor, Action.RUN_SESSION, session=session)
    row = session.get(MatchingSession, matching_session_id)
    if row is None:
        raise InputError(
            [Problem("session", f"there is no matching session {matching_session_id}")]
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
        cards=_cards(session, problem),
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


# ---------------------------------------------------------------- helpers


def _require_editable(run: MatchingRun) -> None:
    if run.read_only or run.status != SessionStatus.OPEN:
        raise _conflict("session.closed", session=run.id)


def _open_row(session: Session, matching_session_id: SessionId) -> MatchingSession:
    row = session.get(MatchingSession, matching_session_id)
    if row is None:
        raise InputError(
            [Problem("session", f"there is no matching session {matching_session_id}")]
        )
    if row.status != SessionStatus.OPEN:
        raise _conflict("session.already", session=matching_session_id, status=row.status.value)
    return row


def _child(problem: MatchingProblem, child_id: str) -> SolverChild:
    for c in problem.children:
        if c.id == child_id:
            return c
    raise InputError([Problem("child", f"{child_id} is not in this session")])


def _check_ids(
    run: MatchingRun, child_id: str, family_id: str | None, school_id: str | None
) -> None:
    problems = []
    if child_id not in {c.id for c in run.problem.children}:
        problems.append(Problem("child", f"{child_id} is not in this session"))
    if family_id is not None and family_id not in {f.id for f in run.problem.families}:
        problems.append(Problem("family", f"{family_id} is not available in this session"))
    if school_id is not None and school_id not in {s.id for s in run.problem.schools}:
        problems.append(Problem("school", f"{school_id} is not available in this session"))
    if problems:
        raise InputError(problems)


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


def _id_order(session_id: str) -> tuple[int, str]:
    digits = session_id[1:]
    return (int(digits), session_id) if digits.isdigit() else (0, session_id)


def _int_id(session_id: str, prefix: str) -> int:
    if not session_id.startswith(prefix) or not session_id[len(prefix) :].isdigit():
        raise InputError([Problem("proposal", f"{session_id} is not a stored {prefix} id")])
    return int(session_id[len(prefix) :])


CONFLICTS: dict[str, str] = {
    "session.no_proposal": "this session has no proposal yet; solve it first",
    "session.closed": "matching session {session} is closed and can only be viewed",
    "session.already": "matching session {session} was already {status}",
    "session.school_gone": "school {school} is no longer in the register",
}
"""Why a session cannot go on; ``key``/``params`` let the interface translate it."""


def _conflict(key: str, **params: object) -> ConflictError:
    return ConflictError(CONFLICTS[key].format(**params), key, params)


_REF = re.compile(r"\b(?:family |child )?([CF])(\d+)\b")


def _with_names(session: Session, message: str) -> str:
    """The message with ``F12`` / ``C7`` spelled out as the officer sees them on
    the page (family name and municipality, child's name); never addresses."""

    def name(match: re.Match[str]) -> str:
        kind, number = match.group(1), int(match.group(2))  # "family F12" -> "Jansen (Utrecht)"
        if kind == "F":
            family = session.get(FosterFamily, number)
            return f"{family.name} ({family.municipality})" if family else match.group(0)
        child = session.get(Child, number)
        return child.name if child else match.group(0)

    return _REF.sub(name, message)


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
        raise _conflict("session.school_gone", school=missing[0])
    return found


def _cards(session: Session, problem: MatchingProblem) -> Cards:
    child_ids = [_int_id(c.id, "C") for c in problem.children]
    family_ids = [_int_id(f.id, "F") for f in problem.families]
    children = (
        {f"C{c.id}": c for c in session.scalars(select(Child).where(Child.id.in_(child_ids)))}
        if child_ids
        else {}
    )
    families = (
        {
            f"F{i}": FamilyCard(f"F{i}", name, municipality)
            for i, name, municipality in session.execute(
                select(FosterFamily.id, FosterFamily.name, FosterFamily.municipality).where(
                    FosterFamily.id.in_(family_ids)
                )
            )
        }
        if family_ids
        else {}
    )
    codes = [s.id for s in problem.schools]
    schools = (
        {
            code: SchoolCard(code, name, municipality)
            for code, name, municipality in session.execute(
                select(School.duo_code, School.name, School.municipality).where(
                    School.duo_code.in_(codes)
                )
            )
        }
        if codes
        else {}
    )
    return Cards(
        children={
            c.id: ChildCard(
                c.id, children[c.id].name if c.id in children else c.id, c.age, c.priority
            )
            for c in problem.children
        },
        families=families,
        schools=schools,
    )
